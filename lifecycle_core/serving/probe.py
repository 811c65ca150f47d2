"""Does the endpoint answer? One real chat completion through the gateway, as a member's app sends it."""

from __future__ import annotations

import time

import httpx

PROBE_QUESTION = "What is a deductible?"


def ask(base_url: str, key: str, model: str = "member-chatbot", timeout_s: float = 120) -> dict:
    """{ok, status, arm, version, answer, latency_s} of one short completion at `base_url` (…/v1)."""
    started = time.perf_counter()
    try:
        response = httpx.post(
            f"{base_url}/chat/completions",
            headers={"authorization": f"Bearer {key}"},
            json={"model": model, "messages": [{"role": "user", "content": PROBE_QUESTION}], "max_tokens": 32},
            timeout=timeout_s,
        )
    except httpx.HTTPError as err:
        return {"ok": False, "status": None, "error": f"{type(err).__name__}: {err}"}
    latency = round(time.perf_counter() - started, 3)
    if response.status_code != 200:
        return {"ok": False, "status": response.status_code, "error": response.text[:500], "latency_s": latency}
    choice = response.json()["choices"][0]
    answer = choice["message"]["content"] or ""
    return {"ok": bool(answer.strip()), "status": 200, "arm": response.headers.get("x-lifecycle-arm"),
            "version": response.headers.get("x-lifecycle-model-version"), "answer": answer, "latency_s": latency,
            "finish_reason": choice.get("finish_reason"),
            "guardrail": response.headers.get("x-lifecycle-guardrail")}  # fmt: skip


__all__ = ["PROBE_QUESTION", "ask"]
