"""Real HTTP servers on loopback for gateway tests and benchmarks: a minimal OpenAI-style upstream that
answers at once, and a runner that serves any ASGI app (the gateway) with uvicorn in a thread.

The upstream echoes the model name and the last user message (or says what ``scripted`` holds for its
model: a model that leaks, insults or prescribes, for the output guardrails), streams one chunk per
word with a usage chunk at the end (``slow`` models a quarter second apart), fails on demand
(``fail`` models answer 500, ``cut`` models drop the connection mid-stream) and records the requests it got.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from typing import Self

import orjson
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def upstream_app(
    requests: list[dict] | None = None,
    fail: set[str] = frozenset(),
    cut: set[str] = frozenset(),
    scripted: dict[str, str] | None = None,
    slow: set[str] = frozenset(),
):
    fail, cut, scripted = set(fail), set(cut), scripted if scripted is not None else {}
    pause = {model: 0.25 for model in slow}  # seconds between words: a stream long enough to stop

    async def models(request: Request) -> Response:
        return JSONResponse({"object": "list", "data": [{"id": "base", "object": "model"}]})

    async def chat(request: Request) -> Response:
        body = orjson.loads(await request.body())
        if requests is not None:
            requests.append(body)
        model = body["model"]
        if model in fail:
            return JSONResponse({"object": "error", "message": "engine failure", "code": 500}, status_code=500)
        if body.get("max_tokens", 0) > 4000:
            return JSONResponse({"object": "error", "message": "This model's maximum context length is 4096 tokens.",
                                 "type": "BadRequestError", "code": 400}, status_code=400)  # fmt: skip
        user = next(m["content"] for m in reversed(body["messages"]) if m["role"] == "user")
        text = scripted.get(model) or f"echo {model}: {user}"
        created, rid = int(time.time()), f"chatcmpl-{time.perf_counter_ns()}"
        usage = {"prompt_tokens": len(str(body["messages"]).split()), "completion_tokens": len(text.split())}
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        if not body.get("stream"):
            return JSONResponse({"id": rid, "object": "chat.completion", "created": created, "model": model,
                                 "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                                              "finish_reason": "stop"}], "usage": usage})  # fmt: skip

        async def events():
            def chunk(delta: dict, finish=None, **extra) -> bytes:
                choices = [{"index": 0, "delta": delta, "finish_reason": finish}] if delta is not None else []
                data = {"id": rid, "object": "chat.completion.chunk", "created": created, "model": model,
                        "choices": choices, **extra}  # fmt: skip
                return b"data: " + orjson.dumps(data) + b"\n\n"

            yield chunk({"role": "assistant", "content": ""})
            for index, word in enumerate(text.split(" ")):
                if model in cut and index == 2:
                    raise ConnectionResetError("cut mid-stream")  # uvicorn drops the connection
                yield chunk({"content": word if index == 0 else " " + word})
                await asyncio.sleep(pause.get(model, 0))
            yield chunk({}, "stop")
            yield chunk(None, usage=usage)
            yield b"data: [DONE]\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")

    return Starlette(routes=[Route("/v1/models", models), Route("/v1/chat/completions", chat, methods=["POST"])])


class Served:
    """An ASGI app served by uvicorn on a free loopback port, in a thread; `url` is its base URL."""

    def __init__(self, app, **uvicorn_options):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on",
                                **uvicorn_options)  # fmt: skip
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Self:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the server did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)
