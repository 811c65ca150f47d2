"""The gateway's HTTP API: OpenAI-compatible chat completions in front of the engine.

Every request: API key -> member pseudonym -> rate limit -> validated body -> the arm (production,
or the canary for a sticky share of members) -> the engine, with the training system prompt first
-> the answer under the one public model name, the arm in ``x-lifecycle-arm``. A canary that fails
before answering is retried on production. The request log line (scrubbed) is written off the
request path.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any, Literal

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
from .config import GatewayConfig
from .errors import ApiError
from .keys import KeyStore
from .limits import RateLimiter
from .metrics import GatewayMetrics
from .request_log import RequestLog
from .routing import CANARY, PRODUCTION, arm_for

ARM_HEADER, VERSION_HEADER = "x-lifecycle-arm", "x-lifecycle-model-version"
RECENT_RESPONSES = 100_000  # response ids kept for feedback (id -> member, arm)
ContextProvider = Callable[[str, list[dict]], str | None]  # (member, messages) -> a context block, or None


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

    def __init__(self, config: GatewayConfig, keys: KeyStore, log: RequestLog, context: ContextProvider | None):
        config.validate()
        self.config, self.keys, self.log, self.context = config, keys, log, context
        self.limiter = RateLimiter(config.rate_limit_per_minute)
        self.metrics = GatewayMetrics()
        self.scrubber = PiiScrubber()
        self.engine: httpx.AsyncClient | None = None
        self.recent: OrderedDict[str, tuple[str, str]] = OrderedDict()
        self.pending: set[asyncio.Future] = set()

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

    def messages(self, member: str, chat: ChatRequest) -> list[dict]:
        """The gateway's system prompt (the training one) first; a client cannot replace it."""
        turns = [{"role": m.role, "content": m.content} for m in chat.messages if m.role != "system"]
        system = self.config.system_prompt
        block = self.context(member, turns) if self.context else None
        return [{"role": "system", "content": with_context(system, block) if block else system}, *turns]

    # --- the engine ---------------------------------------------------------------------------------

    def arms(self, member: str) -> list[str]:
        """The arm to try, then the fallback: a canary request falls back to production."""
        arm = arm_for(member, self.config.canary_share, bool(self.config.canary_model))
        return [CANARY, PRODUCTION] if arm == CANARY else [PRODUCTION]

    def engine_model(self, arm: str) -> tuple[str, str]:
        if arm == CANARY:
            return self.config.canary_model, self.config.canary_version
        return self.config.production_model, self.config.production_version

    async def open_upstream(self, payload: dict, arms: list[str]) -> tuple[str, httpx.Response]:
        """The engine's response headers for the first arm that answers (body not read yet)."""
        last: ApiError | None = None
        for arm in arms:
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
    context: ContextProvider | None = None,
) -> FastAPI:
    """The gateway; with no arguments (uvicorn --factory) its settings come from LIFECYCLE_GATEWAY_*."""
    config = config or GatewayConfig.from_env()
    keys = keys or KeyStore(config.keys_db)
    if log is None:
        log = RequestLog(config.log_dir, open_store(config.store_uri) if config.store_uri else None,
                         config.log_part_lines)  # fmt: skip
    gateway = Gateway(config, keys, log, context)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        limits = httpx.Limits(max_connections=1000, max_keepalive_connections=1000)
        timeout = httpx.Timeout(config.engine_timeout_s, connect=5.0)
        async with httpx.AsyncClient(base_url=config.engine_url, timeout=timeout, limits=limits) as client:
            gateway.engine = client
            yield
            if gateway.pending:  # uvicorn has let in-flight requests finish; their log lines now
                await asyncio.gather(*gateway.pending, return_exceptions=True)
        log.close()

    app = FastAPI(title="genai-lifecycle gateway", lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.gateway = gateway

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

    @app.post("/v1/chat/completions")
    async def chat_completions(request: Request) -> Response:
        started = time.perf_counter()
        member, key_id = gateway.authenticate(request)
        chat: ChatRequest = await gateway.body(request, ChatRequest)
        max_tokens = gateway.check(chat)
        messages = gateway.messages(member, chat)
        payload: dict[str, Any] = {"messages": messages, "max_tokens": max_tokens, "stream": chat.stream}
        for name in ("temperature", "top_p", "stop", "seed"):
            if getattr(chat, name) is not None:
                payload[name] = getattr(chat, name)
        if chat.stream:
            payload["stream_options"] = {"include_usage": True}
        arm, upstream = await gateway.open_upstream(payload, gateway.arms(member))
        _, version = gateway.engine_model(arm)
        headers = {ARM_HEADER: arm, VERSION_HEADER: version or "base"}
        entry = {"type": "chat", "member": member, "key_id": key_id, "arm": arm, "model_version": version,
                 "engine_model": gateway.engine_model(arm)[0], "stream": chat.stream}  # fmt: skip
        user_texts = [m["content"] for m in messages[1:]]
        if upstream.status_code >= 400:  # the engine refused the request (e.g. a prompt over its context)
            body = await upstream.aread()
            await upstream.aclose()
            gateway.metrics.requests.labels("/v1/chat/completions", str(upstream.status_code), arm).inc()
            return engine_error(upstream.status_code, body)
        if not chat.stream:
            body = orjson.loads(await upstream.aread())
            await upstream.aclose()
            body["model"] = config.model_name
            usage = body.get("usage") or {}
            answer = (body.get("choices") or [{}])[0].get("message", {}).get("content") or ""
            gateway.remember(body.get("id", ""), member, arm)
            elapsed = time.perf_counter() - started
            gateway.metrics.requests.labels("/v1/chat/completions", "200", arm).inc()
            gateway.metrics.latency.labels("/v1/chat/completions", arm).observe(elapsed)
            count_tokens(gateway.metrics, arm, usage)
            gateway.record({**entry, "id": body.get("id"), "status": 200, "latency_s": round(elapsed, 4),
                            "prompt_tokens": usage.get("prompt_tokens"),
                            "completion_tokens": usage.get("completion_tokens")},
                           {"prompt": user_texts, "answer": [answer]})  # fmt: skip
            return Response(orjson.dumps(body), media_type="application/json", headers=headers)
        return StreamingResponse(
            stream(gateway, upstream, arm, entry, user_texts, started),
            media_type="text/event-stream",
            headers={**headers, "cache-control": "no-cache"},
        )

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


async def stream(
    gateway: Gateway, upstream: httpx.Response, arm: str, entry: dict, user_texts: list[str], started: float
) -> AsyncIterator[bytes]:
    """The engine's server-sent events under the public model name; an engine lost mid-stream ends it
    with an error event (the openai client raises it), never a hang."""
    model, metrics = gateway.config.model_name, gateway.metrics
    parts, usage, response_id, first, status = [], {}, None, None, 200
    try:
        async for line in upstream.aiter_lines():
            if not line.startswith("data: "):
                continue
            data = line[6:]
            if data.strip() == "[DONE]":
                yield b"data: [DONE]\n\n"
                break
            chunk = orjson.loads(data)
            chunk["model"] = model
            response_id = response_id or chunk.get("id")
            for choice in chunk.get("choices") or []:
                text = (choice.get("delta") or {}).get("content")
                if text:
                    if first is None:
                        first = time.perf_counter() - started
                        metrics.ttft.labels(arm).observe(first)
                    parts.append(text)
            if chunk.get("usage"):
                usage = chunk["usage"]
            yield b"data: " + orjson.dumps(chunk) + b"\n\n"
    except (httpx.TransportError, httpx.TimeoutException) as err:
        status = 503
        error = gateway.unavailable(f"the engine stopped mid-answer ({type(err).__name__})").body()
        yield b"data: " + orjson.dumps(error) + b"\n\n"
    finally:
        await upstream.aclose()
        elapsed = time.perf_counter() - started
        metrics.requests.labels("/v1/chat/completions", str(status), arm).inc()
        metrics.latency.labels("/v1/chat/completions", arm).observe(elapsed)
        count_tokens(metrics, arm, usage)
        if response_id:
            gateway.remember(response_id, entry["member"], arm)
        gateway.record({**entry, "id": response_id, "status": status, "latency_s": round(elapsed, 4),
                        "ttft_s": round(first, 4) if first is not None else None,
                        "prompt_tokens": usage.get("prompt_tokens"), "completion_tokens": usage.get("completion_tokens")},
                       {"prompt": user_texts, "answer": ["".join(parts)]})  # fmt: skip


__all__ = ["ARM_HEADER", "VERSION_HEADER", "ContextProvider", "Gateway", "create_app"]
