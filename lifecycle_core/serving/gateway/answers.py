"""The gateway's own answers: what a member gets when a guardrail blocks or redirects, in OpenAI's shapes.

They end with ``finish_reason: "content_filter"`` (OpenAI's convention for a filtered answer), so
clients can tell them from a model answer, as can the ``x-lifecycle-guardrail`` header.
"""

from __future__ import annotations

import time
import uuid

import orjson

CONTENT_FILTER = "content_filter"
GUARDRAIL_HEADER = "x-lifecycle-guardrail"


def completion_id() -> str:
    return f"chatcmpl-{uuid.uuid4().hex}"


def filtered_completion(model: str, text: str, response_id: str | None = None, usage: dict | None = None) -> dict:
    """A whole (non-streamed) chat completion carrying `text`, finished by the content filter."""
    return {
        "id": response_id or completion_id(),
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": CONTENT_FILTER,
                "logprobs": None,
            }
        ],
        "usage": usage or {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
    }


def chunk(model: str, response_id: str, delta: dict, finish_reason: str | None = None, **extra) -> bytes:
    """One server-sent event of a streamed chat completion."""
    body = {
        "id": response_id,
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason, "logprobs": None, **extra}],
    }
    return b"data: " + orjson.dumps(body) + b"\n\n"


def filtered_stream(model: str, text: str, guardrail: str) -> list[bytes]:
    """The events of a streamed answer the gateway gives instead of the model's."""
    response_id = completion_id()
    return [
        chunk(model, response_id, {"role": "assistant", "content": text}),
        chunk(model, response_id, {}, CONTENT_FILTER, guardrail=guardrail),
        b"data: [DONE]\n\n",
    ]


__all__ = ["CONTENT_FILTER", "GUARDRAIL_HEADER", "chunk", "completion_id", "filtered_completion", "filtered_stream"]
