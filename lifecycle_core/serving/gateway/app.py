"""The gateway's HTTP API: OpenAI-compatible chat completions in front of the engine.

Every request: API key -> member pseudonym -> rate limit -> validated body -> input guardrails (a
block or redirect is answered by the gateway itself, never reaching the engine) -> the member's
context block (their plan, claims and plan passages, read by the key's pseudonym only) -> the arm
(production, or the canary for a sticky share of members) -> the engine, with the training system
prompt first -> output guardrails over the answer as it streams (a bounded hold-back window, so no
blocked span is ever sent) -> the answer under the one public model name, the arm in
``x-lifecycle-arm``. A canary that fails before answering is retried on production. The request
log line (scrubbed, with the guardrail triggers) is written off the request path.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager, suppress
from typing import Any, Literal, Protocol

import httpx
import orjson
import pydantic
from fastapi import FastAPI, Request
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, Response, StreamingResponse

from ...pii import PiiScrubber
from ...store import open_store
from ..context import with_context
from ..guardrails import Emit, InputGuardrails, OutputFilter, OutputGuardrails, Verdict
from . import answers
from .answers import CONTENT_FILTER, GUARDRAIL_HEADER
from .config import GatewayConfig
from .errors import ApiError
from .keys import KeyStore
from .limits import RateLimiter
from .metrics import GatewayMetrics
from .page import add_chat_page
from .request_log import RequestLog
from .routing import CANARY, PRODUCTION, arm_for

ARM_HEADER, VERSION_HEADER = "x-lifecycle-arm", "x-lifecycle-model-version"
RECENT_RESPONSES = 100_000  # response ids kept for feedback (id -> member, arm)


class Personalization(Protocol):
    """``serving.personalize.Personalizer``: the caller's context and which identifiers are their own."""

    def context(self, member: str, messages: Sequence[Mapping]) -> str | None: ...
    def summary(self, member: str) -> dict | None: ...
    def is_own(self, member: str): ...


class Message(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="ignore")
    role: Literal["system", "user", "assistant"]
    content: str


class ChatRequest(pydantic.BaseModel):
    """The fields of OpenAI's chat completion request the gateway honours; others are ignored."""

    model_config = pydantic.ConfigDict(extra="ignore")
    model: str
    messages: list[Message] = pydantic.Field(min_length=1)
    stream: bool = False
    max_tokens: int | None = pydantic.Field(default=None, ge=1)
    max_completion_tokens: int | None = pydantic.Field(default=None, ge=1)
    temperature: float | None = pydantic.Field(default=None, ge=0, le=2)
    top_p: float | None = pydantic.Field(default=None, gt=0, le=1)
    stop: str | list[str] | None = None
    seed: int | None = None
    n: int = pydantic.Field(default=1, ge=1, le=1)


class Feedback(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid")
    response_id: str
    rating: Literal["up", "down"]
    comment: str | None = pydantic.Field(default=None, max_length=2000)


class Gateway:
    """The state behind the routes: settings, keys, limits, metrics, the log and the engine client."""

    def __init__(
        self,
        config: GatewayConfig,
        keys: KeyStore,
        log: RequestLog,
        personalizer: Personalization | None = None,
        guardrails: tuple[InputGuardrails, OutputGuardrails] | None = None,
    ):
        config.validate()
        self.config, self.keys, self.log, self.personalizer = config, keys, log, personalizer
        self.input_guard, self.output_guard = guardrails or (None, None)
        # Guardrail classifiers and retrieval embed text (CPU work that releases the GIL): off the event loop.
        self.pool = ThreadPoolExecutor(max_workers=config.worker_threads, thread_name_prefix="gateway")
        self.limiter = RateLimiter(config.rate_limit_per_minute)
        self.metrics = GatewayMetrics()
        self.scrubber = log_scrubber(personalizer)
        self.engine: httpx.AsyncClient | None = None
        self.recent: OrderedDict[str, tuple[str, str]] = OrderedDict()
        self.pending: set[asyncio.Future] = set()
        self.parts = None  # wiring.ServingParts when run from the environment: what refresh_loop swaps in

    # --- the request's way in ---------------------------------------------------------------------

    def authenticate(self, request: Request) -> tuple[str, str]:
        header = request.headers.get("authorization", "")
        scheme, _, key = header.partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            raise ApiError(401, "No API key: send it as 'Authorization: Bearer <key>'.", code="missing_api_key")
        found = self.keys.member_of(key.strip())
        if found is None:
            raise ApiError(401, "Invalid or revoked API key.", code="invalid_api_key")
        wait = self.limiter.take(found[1])
        if wait is not None:
            raise ApiError(429, "Rate limit reached for this API key; retry later.", code="rate_limit_exceeded",
                           headers={"Retry-After": str(max(1, round(wait)))})  # fmt: skip
        return found

    async def body(self, request: Request, model: type[pydantic.BaseModel]) -> Any:
        length = request.headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > self.config.max_body_bytes:
            raise ApiError(413, f"Request body over {self.config.max_body_bytes} bytes.", code="request_too_large")
        raw = await request.body()
        if len(raw) > self.config.max_body_bytes:
            raise ApiError(413, f"Request body over {self.config.max_body_bytes} bytes.", code="request_too_large")
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as err:
            raise ApiError(400, f"The body is not valid JSON: {err}", code="invalid_json") from None
        if not isinstance(data, dict):
            raise ApiError(400, "The body must be a JSON object.", code="invalid_json")
        try:
            return model.model_validate(data)
        except pydantic.ValidationError as err:
            first = err.errors()[0]
            param = ".".join(str(part) for part in first["loc"]) or None
            raise ApiError(400, f"{param}: {first['msg']}" if param else first["msg"], code="invalid_value",
                           param=param) from None  # fmt: skip

    def check(self, chat: ChatRequest) -> int:
        """The max_tokens to ask for; errors for what the engine should never see."""
        if chat.model != self.config.model_name:
            raise ApiError(404, f"The model '{chat.model}' does not exist; this endpoint serves "
                           f"'{self.config.model_name}'.", code="model_not_found", param="model")  # fmt: skip
        if len(chat.messages) > self.config.max_messages:
            raise ApiError(400, f"At most {self.config.max_messages} messages.", code="too_many_messages",
                           param="messages")  # fmt: skip
        for index, message in enumerate(chat.messages):
            if len(message.content) > self.config.max_message_chars:
                raise ApiError(400, f"messages.{index}.content is over {self.config.max_message_chars} characters.",
                               code="message_too_long", param=f"messages.{index}.content")  # fmt: skip
        if not any(m.role == "user" for m in chat.messages):
            raise ApiError(400, "messages must contain a user message.", code="invalid_value", param="messages")
        asked = chat.max_completion_tokens or chat.max_tokens or self.config.default_max_tokens
        if asked > self.config.max_tokens_limit:
            raise ApiError(400, f"max_tokens is {asked}; at most {self.config.max_tokens_limit} here.",
                           code="max_tokens_too_large", param="max_tokens")  # fmt: skip
        return asked

    async def prepare(self, member: str, chat: ChatRequest) -> tuple[list[dict], Verdict | None, float]:
        """(messages for the engine, an input guardrail's verdict, seconds the input guardrails took).

        The gateway's system prompt (the training one) comes first and a client cannot replace it;
        client system messages are dropped. The context block is only built for a request that passed.
        """
        turns = [{"role": m.role, "content": m.content} for m in chat.messages if m.role != "system"]

        def work() -> tuple[str | None, Verdict | None, float]:
            started = time.perf_counter()
            verdict = self.input_guard.check(turns) if self.input_guard else None
            spent = time.perf_counter() - started
            if verdict is not None or self.personalizer is None:
                return None, verdict, spent
            return self.personalizer.context(member, turns), None, spent

        block, verdict, spent = await asyncio.get_running_loop().run_in_executor(self.pool, work)
        system = self.config.system_prompt
        return [{"role": "system", "content": with_context(system, block) if block else system}, *turns], verdict, spent

    def output_filter(self, member: str) -> OutputFilter | None:
        if self.output_guard is None:
            return None
        is_own = self.personalizer.is_own(member) if self.personalizer else (lambda pii_type, value: False)
        return self.output_guard.start(is_own)

    def count(self, stage: str, verdict: Verdict, arm: str) -> dict:
        """Count a trigger in /metrics (by the arm that answered, or the member is routed to); its de-identified
        log record."""
        self.metrics.guardrails.labels(stage, verdict.kind, verdict.action, arm).inc()
        return {"stage": stage, "guardrail": verdict.guardrail, "kind": verdict.kind, "action": verdict.action,
                "detail": verdict.detail}  # fmt: skip

    # --- the engine ---------------------------------------------------------------------------------

    def arms(self, member: str) -> list[str]:
        """The arm to try, then the fallback: a canary request falls back to production."""
        arm = arm_for(member, self.config.canary_share, bool(self.config.canary_model))
        return [CANARY, PRODUCTION] if arm == CANARY else [PRODUCTION]

    def engine_model(self, arm: str) -> tuple[str, str]:
        if arm == CANARY:
            return self.config.canary_model, self.config.canary_version
        return self.config.production_model, self.config.production_version

    async def open_upstream(self, payload: dict, arms: list[str], entry: dict) -> tuple[str, httpx.Response]:
        """The engine's response headers for the first arm that answers (body not read yet); a failed
        canary is noted in the log entry (`fallback`), so the canary's error rate counts it."""
        last: ApiError | None = None
        for arm in arms:
            entry["fallback"] = arm != arms[0]
            engine_model, _ = self.engine_model(arm)
            request = self.engine.build_request("POST", "/v1/chat/completions", json={**payload, "model": engine_model})
            try:
                response = await self.engine.send(request, stream=True)
            except (httpx.TimeoutException, httpx.TransportError) as err:
                last = self.unavailable(f"the engine did not answer ({type(err).__name__})")
            else:
                if response.status_code < 500:
                    return arm, response
                await response.aclose()
                last = self.unavailable(f"the engine failed (HTTP {response.status_code})")
            if arm == CANARY:
                self.metrics.fallbacks.inc()
        raise last

    def unavailable(self, why: str) -> ApiError:
        return ApiError(503, f"The model is unavailable right now: {why}. Retry shortly.", code="engine_unavailable",
                        headers={"Retry-After": str(self.config.retry_after_s)})  # fmt: skip

    # --- after the answer ---------------------------------------------------------------------------

    def remember(self, response_id: str, member: str, arm: str) -> None:
        self.recent[response_id] = (member, arm)
        while len(self.recent) > RECENT_RESPONSES:
            self.recent.popitem(last=False)

    def record(self, entry: dict, texts: dict[str, list[str]]) -> None:
        """Write a log line off the event loop, its free texts scrubbed first."""

        def write() -> None:
            for field, values in texts.items():
                entry[field] = self.scrubber.scrub_messages(values).messages
            self.log.write(entry)

        future = asyncio.get_running_loop().run_in_executor(None, write)
        self.pending.add(future)
        future.add_done_callback(self.pending.discard)


def create_app(
    config: GatewayConfig | None = None,
    *,
    keys: KeyStore | None = None,
    log: RequestLog | None = None,
    personalizer: Personalization | None = None,
    guardrails: tuple[InputGuardrails, OutputGuardrails] | None = None,
) -> FastAPI:
    """The gateway; with no arguments (uvicorn --factory) its settings come from LIFECYCLE_GATEWAY_*,
    and personalization and guardrails from what the object store holds (``serving.wiring``)."""
    from_env = config is None
    config = config or GatewayConfig.from_env()
    keys = keys or KeyStore(config.keys_db)
    store = open_store(config.store_uri) if config.store_uri else None
    if log is None:
        log = RequestLog(config.log_dir, store, config.log_part_lines, config.log_part_seconds)
    parts = None
    if from_env and store is not None:
        from ..wiring import ServingParts

        parts = ServingParts(config, store)
        personalizer, guardrails = parts.personalizer, parts.guardrails
    gateway = Gateway(config, keys, log, personalizer, guardrails)
    gateway.parts = parts

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        limits = httpx.Limits(max_connections=1000, max_keepalive_connections=1000)
        timeout = httpx.Timeout(config.engine_timeout_s, connect=5.0)
        refresher = asyncio.create_task(refresh_loop(gateway)) if gateway.parts is not None else None
        async with httpx.AsyncClient(base_url=config.engine_url, timeout=timeout, limits=limits) as client:
            gateway.engine = client
            yield
            if refresher is not None:
                refresher.cancel()
                with suppress(asyncio.CancelledError):
                    await refresher
            if gateway.pending:  # uvicorn has let in-flight requests finish; their log lines now
                await asyncio.gather(*gateway.pending, return_exceptions=True)
        gateway.pool.shutdown(wait=False)
        log.close()

    app = FastAPI(title="genai-lifecycle gateway", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.gateway = gateway
    add_chat_page(app)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, err: ApiError) -> JSONResponse:
        gateway.metrics.requests.labels(request.url.path, str(err.status), "none").inc()
        return err.response()

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException) -> JSONResponse:
        message = "Not found." if err.status_code == 404 else str(err.detail)
        return ApiError(err.status_code, message, code="not_found" if err.status_code == 404 else None).response()

    @app.get("/healthz")
    async def healthz() -> dict:
        return {"status": "ok"}

    @app.get("/metrics")
    async def metrics() -> Response:
        return Response(generate_latest(gateway.metrics.registry), media_type=CONTENT_TYPE_LATEST)

    @app.get("/v1/models")
    async def models(request: Request) -> dict:
        gateway.authenticate(request)
        return {"object": "list",
                "data": [{"id": config.model_name, "object": "model", "created": 0, "owned_by": "genai-lifecycle"}]}  # fmt: skip

    @app.get("/v1/me")
    async def me(request: Request) -> dict:
        """The caller's plan summary (what the assistant is told about them); ``plan`` is null for a member the
        serving store does not hold yet, whose answers are then generic."""
        member, _ = gateway.authenticate(request)
        found = None
        if gateway.personalizer is not None:
            found = await asyncio.get_running_loop().run_in_executor(gateway.pool, gateway.personalizer.summary, member)
        gateway.metrics.requests.labels("/v1/me", "200", "none").inc()
        return {"object": "member.summary", "model": config.model_name,
                **(found or {"plan": None, "accumulators": None, "claims": [], "store_version": None})}  # fmt: skip

    @app.post("/v1/chat/completions")
    async def chat_completions(request: Request) -> Response:
        started = time.perf_counter()
        member, key_id = gateway.authenticate(request)
        chat: ChatRequest = await gateway.body(request, ChatRequest)
        max_tokens = gateway.check(chat)
        messages, verdict, input_s = await gateway.prepare(member, chat)
        user_texts = [m["content"] for m in messages[1:]]
        entry = {"type": "chat", "member": member, "key_id": key_id, "stream": chat.stream}
        if verdict is not None:
            return guarded(gateway, verdict, chat.stream, entry, user_texts, started, input_s)
        payload: dict[str, Any] = {"messages": messages, "max_tokens": max_tokens, "stream": chat.stream}
        for name in ("temperature", "top_p", "stop", "seed"):
            if getattr(chat, name) is not None:
                payload[name] = getattr(chat, name)
        if chat.stream:
            payload["stream_options"] = {"include_usage": True}
        arms = gateway.arms(member)
        try:
            arm, upstream = await gateway.open_upstream(payload, arms, entry)
        except ApiError as err:  # every arm failed: logged against the arm the member is routed to
            version = gateway.engine_model(arms[0])[1]
            gateway.record({**entry, "arm": arms[0], "model_version": version, "status": err.status,
                            "error": err.code, "latency_s": round(time.perf_counter() - started, 4)},
                           {"prompt": user_texts})  # fmt: skip
            raise
        engine_model, version = gateway.engine_model(arm)
        headers = {ARM_HEADER: arm, VERSION_HEADER: version or "base"}
        entry.update(
            arm=arm, model_version=version, engine_model=engine_model, guardrail_input_ms=round(input_s * 1e3, 3)
        )
        if upstream.status_code >= 400:  # the engine refused the request (e.g. a prompt over its context)
            body = await upstream.aread()
            await upstream.aclose()
            gateway.metrics.requests.labels("/v1/chat/completions", str(upstream.status_code), arm).inc()
            refused = engine_error(upstream.status_code, body)
            gateway.record({**entry, "status": upstream.status_code, "error": "engine_refused",
                            "latency_s": round(time.perf_counter() - started, 4)}, {"prompt": user_texts})  # fmt: skip
            return refused
        screen = gateway.output_filter(member)
        if chat.stream:
            return StreamingResponse(
                stream(gateway, upstream, arm, entry, user_texts, started, screen),
                media_type="text/event-stream",
                headers={**headers, "cache-control": "no-cache"},
            )
        body = orjson.loads(await upstream.aread())
        await upstream.aclose()
        body["model"] = config.model_name
        usage = body.get("usage") or {}
        choice = (body.get("choices") or [{}])[0]
        answer = (choice.get("message") or {}).get("content") or ""
        triggers, output_s = [], 0.0
        if screen is not None:
            t0 = time.perf_counter()
            emit = screen.feed(answer)
            if emit.blocked is None:
                tail = screen.finish()
                emit = Emit(emit.text + tail.text, tail.blocked)
            output_s = time.perf_counter() - t0
            triggers = [gateway.count("output", v, arm) for v in screen.redactions]
            if emit.blocked is not None:
                triggers.append(gateway.count("output", emit.blocked, arm))
                body = answers.filtered_completion(config.model_name, emit.blocked.reply, body.get("id"), usage)
                headers[GUARDRAIL_HEADER] = emit.blocked.guardrail
                answer = emit.blocked.reply
            else:
                answer = emit.text
                choice.setdefault("message", {})["content"] = answer
                if screen.redactions:
                    headers[GUARDRAIL_HEADER] = ",".join(sorted({v.guardrail for v in screen.redactions}))
        gateway.remember(body.get("id", ""), member, arm)
        elapsed = time.perf_counter() - started
        gateway.metrics.requests.labels("/v1/chat/completions", "200", arm).inc()
        gateway.metrics.latency.labels("/v1/chat/completions", arm).observe(elapsed)
        gateway.metrics.guardrail_seconds.labels("output").observe(output_s)
        count_tokens(gateway.metrics, arm, usage)
        gateway.record({**entry, "id": body.get("id"), "status": 200, "latency_s": round(elapsed, 4),
                        "prompt_tokens": usage.get("prompt_tokens"), "completion_tokens": usage.get("completion_tokens"),
                        "finish_reason": body["choices"][0].get("finish_reason"), "guardrails": triggers,
                        "guardrail_output_ms": round(output_s * 1e3, 3)},
                       {"prompt": user_texts, "answer": [answer]})  # fmt: skip
        return Response(orjson.dumps(body), media_type="application/json", headers=headers)

    @app.post("/v1/feedback")
    async def feedback(request: Request) -> dict:
        member, key_id = gateway.authenticate(request)
        given: Feedback = await gateway.body(request, Feedback)
        found = gateway.recent.get(given.response_id)
        if found is None or found[0] != member:  # another member's answer is "not found", not "forbidden"
            raise ApiError(404, f"No answer {given.response_id} for this key.", code="response_not_found",
                           param="response_id")  # fmt: skip
        arm = found[1]
        gateway.metrics.feedback.labels(given.rating, arm).inc()
        gateway.metrics.requests.labels("/v1/feedback", "200", arm).inc()
        gateway.record({"type": "feedback", "member": member, "key_id": key_id, "id": given.response_id,
                        "arm": arm, "rating": given.rating}, {"comment": [given.comment or ""]})  # fmt: skip
        return {"object": "feedback", "response_id": given.response_id, "rating": given.rating}

    return app


def count_tokens(metrics: GatewayMetrics, arm: str, usage: dict) -> None:
    for kind in ("prompt_tokens", "completion_tokens"):
        if usage.get(kind):
            metrics.tokens.labels(kind.removesuffix("_tokens"), arm).inc(usage[kind])


def engine_error(status: int, body: bytes) -> JSONResponse:
    """The engine's 4xx as an OpenAI error body (vLLM's are close to it, but not always the same shape)."""
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        data = {}
    error = data.get("error") if isinstance(data.get("error"), dict) else data
    message = error.get("message") or body.decode(errors="replace")[:500] or f"HTTP {status}"
    return ApiError(status, message, code=str(error.get("code") or "engine_rejected")).response()


def guarded(
    gateway: Gateway,
    verdict: Verdict,
    streamed: bool,
    entry: dict,
    user_texts: list[str],
    started: float,
    input_s: float,
) -> Response:
    """The gateway's answer to a request an input guardrail stopped: the engine never sees it."""
    model, metrics = gateway.config.model_name, gateway.metrics
    trigger = gateway.count("input", verdict, gateway.arms(entry["member"])[0])
    headers = {GUARDRAIL_HEADER: verdict.guardrail, ARM_HEADER: "guardrail"}
    if streamed:
        events = answers.filtered_stream(model, verdict.reply, verdict.guardrail)
        response: Response = StreamingResponse(iter(events), media_type="text/event-stream",
                                               headers={**headers, "cache-control": "no-cache"})  # fmt: skip
        response_id = orjson.loads(events[0][6:])["id"]
    else:
        body = answers.filtered_completion(model, verdict.reply)
        response, response_id = Response(orjson.dumps(body), media_type="application/json", headers=headers), body["id"]
    gateway.remember(response_id, entry["member"], "guardrail")
    elapsed = time.perf_counter() - started
    metrics.requests.labels("/v1/chat/completions", "200", "guardrail").inc()
    metrics.latency.labels("/v1/chat/completions", "guardrail").observe(elapsed)
    metrics.guardrail_seconds.labels("input").observe(input_s)
    gateway.record({**entry, "arm": "guardrail", "id": response_id, "status": 200, "latency_s": round(elapsed, 4),
                    "finish_reason": CONTENT_FILTER, "guardrails": [trigger],
                    "guardrail_input_ms": round(input_s * 1e3, 3)},
                   {"prompt": user_texts, "answer": [verdict.reply]})  # fmt: skip
    return response


async def refresh_loop(gateway: Gateway) -> None:
    """Pick up a newly published serving store (and the roster it brings) or guardrail model, without a restart."""
    loop, parts = asyncio.get_running_loop(), gateway.parts
    while True:
        await asyncio.sleep(parts.config.refresh_s)
        try:
            changed = await loop.run_in_executor(gateway.pool, parts.refresh)
        except Exception:
            logging.getLogger(__name__).exception("refreshing the serving parts failed")
            continue
        if changed:
            gateway.scrubber = log_scrubber(gateway.personalizer)
            gateway.input_guard, gateway.output_guard = parts.guardrails or (None, None)


def log_scrubber(personalizer) -> PiiScrubber:
    """The log's scrubber knows every member's name from the serving store, not only the census lexicon."""
    store = getattr(personalizer, "store", None)
    return PiiScrubber(store.roster() if store is not None else None)


def encode(chunk: dict) -> bytes:
    return b"data: " + orjson.dumps(chunk) + b"\n\n"


async def stream(
    gateway: Gateway,
    upstream: httpx.Response,
    arm: str,
    entry: dict,
    user_texts: list[str],
    started: float,
    screen: OutputFilter | None,
) -> AsyncIterator[bytes]:
    """The engine's server-sent events under the public model name, each piece of text through the
    output guardrails first (which hold back a bounded window, so nothing they stop is ever sent).

    A guardrail that blocks ends the answer: the safe text so far, the guardrail's reply, and a last
    chunk with ``finish_reason: "content_filter"`` naming it; closing the upstream stops generation.
    An engine lost mid-stream ends it with an error event (the openai client raises it), never a hang.
    """
    model, metrics = gateway.config.model_name, gateway.metrics
    shown, usage, response_id, first, status = [], {}, None, None, 200
    finish_reason, triggers, output_s, finished = None, [], 0.0, screen is None

    def screened(text: str, final: bool) -> Emit:
        nonlocal output_s
        t0 = time.perf_counter()
        emit = screen.feed(text) if text else Emit("", None)
        if final and emit.blocked is None:
            tail = screen.finish()
            emit = Emit(emit.text + tail.text, tail.blocked)
        output_s += time.perf_counter() - t0
        return emit

    try:
        async for line in upstream.aiter_lines():
            if not line.startswith("data: "):
                continue
            data = line[6:]
            if data.strip() == "[DONE]":
                if not finished:  # an engine that ends without a finish chunk: release the held tail
                    emit = screened("", True)
                    finished = True
                    if emit.text:
                        yield answers.chunk(model, response_id or answers.completion_id(), {"content": emit.text})
                        shown.append(emit.text)
                yield b"data: [DONE]\n\n"
                break
            chunk = orjson.loads(data)
            chunk["model"] = model
            response_id = response_id or chunk.get("id")
            if chunk.get("usage"):
                usage = chunk["usage"]
            choices = chunk.get("choices") or []
            if not choices:  # the usage chunk
                yield encode(chunk)
                continue
            choice = choices[0]
            delta = choice.get("delta") or {}
            text = delta.get("content") or ""
            if text and first is None:
                first = time.perf_counter() - started
                metrics.ttft.labels(arm).observe(first)
            if choice.get("finish_reason"):
                finish_reason = choice["finish_reason"]
            if screen is None:
                shown.append(text)
                yield encode(chunk)
                continue
            emit = screened(text, bool(choice.get("finish_reason")))
            finished = finished or bool(choice.get("finish_reason"))
            if emit.blocked is not None:
                triggers.append(gateway.count("output", emit.blocked, arm))
                reply = ("\n\n" if "".join(shown) + emit.text else "") + emit.blocked.reply
                shown += [emit.text, reply]
                yield answers.chunk(model, response_id, {"content": emit.text + reply})
                yield answers.chunk(model, response_id, {}, CONTENT_FILTER, guardrail=emit.blocked.guardrail)
                yield b"data: [DONE]\n\n"
                finish_reason = CONTENT_FILTER
                break
            if emit.text or "role" in delta or choice.get("finish_reason"):
                if "content" in delta or emit.text:
                    delta["content"] = emit.text
                choice["delta"] = delta
                shown.append(emit.text)
                yield encode(chunk)
    except (httpx.TransportError, httpx.TimeoutException) as err:
        status, entry["error"] = 503, "engine_lost"
        error = gateway.unavailable(f"the engine stopped mid-answer ({type(err).__name__})").body()
        yield b"data: " + orjson.dumps(error) + b"\n\n"
    finally:
        await upstream.aclose()
        if screen is not None:
            triggers = [gateway.count("output", v, arm) for v in screen.redactions] + triggers
        elapsed = time.perf_counter() - started
        metrics.requests.labels("/v1/chat/completions", str(status), arm).inc()
        metrics.latency.labels("/v1/chat/completions", arm).observe(elapsed)
        metrics.guardrail_seconds.labels("output").observe(output_s)
        count_tokens(metrics, arm, usage)
        if response_id:
            gateway.remember(response_id, entry["member"], arm)
        gateway.record({**entry, "id": response_id, "status": status, "latency_s": round(elapsed, 4),
                        "ttft_s": round(first, 4) if first is not None else None,
                        "prompt_tokens": usage.get("prompt_tokens"), "completion_tokens": usage.get("completion_tokens"),
                        "finish_reason": finish_reason, "guardrails": triggers,
                        "guardrail_output_ms": round(output_s * 1e3, 3)},
                       {"prompt": user_texts, "answer": ["".join(shown)]})  # fmt: skip


__all__ = ["ARM_HEADER", "VERSION_HEADER", "Gateway", "Personalization", "create_app"]
