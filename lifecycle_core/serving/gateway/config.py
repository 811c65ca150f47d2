"""The gateway's settings: one dataclass, read from LIFECYCLE_GATEWAY_* environment variables when run by uvicorn."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass

from ...common.settings import setting
from ...finetune.config import DEFAULT_SYSTEM_PROMPT

ENV_PREFIX = "LIFECYCLE_GATEWAY_"


@dataclass(frozen=True)
class GatewayConfig:
    engine_url: str = setting("http://127.0.0.1:8000", "The engine's OpenAI-compatible base URL (without /v1).")
    model_name: str = setting("member-chatbot", "The one model name clients see and ask for.")
    production_model: str = setting("base", "The engine's name for the production adapter (or the base model).")
    canary_model: str = setting("", "The engine's name for the canary adapter; empty = no canary.")
    canary_share: float = setting(0.0, "Share of members (sticky by pseudonym) routed to the canary, 0..1.")
    production_version: str = setting("", "The registry version served as production (shown in headers and the log).")
    canary_version: str = setting("", "The registry version served as canary.")
    system_prompt: str = setting(DEFAULT_SYSTEM_PROMPT, "The system message, the one the dataset trains with.")
    keys_db: str = setting(".lifecycle/gateway/keys.db", "SQLite file of API key hashes.")
    log_dir: str = setting(".lifecycle/gateway/request-log", "Local spool of the request log (lines land here first).")
    store_uri: str = setting("", "Object store the request log parts are shipped to; empty = keep them in log_dir.")
    log_part_lines: int = setting(1000, "Lines per request-log part before it is closed and shipped.")
    log_part_seconds: float = setting(
        60.0,
        "Oldest a request-log part gets before it is closed and shipped (the canary sensor reads them); 0 = no limit.",
    )
    max_body_bytes: int = setting(1_000_000, "Largest request body accepted.")
    max_tokens_limit: int = setting(1024, "Largest max_tokens a request may ask for.")
    default_max_tokens: int = setting(256, "max_tokens when the request gives none.")
    max_messages: int = setting(64, "Most messages in one request.")
    max_message_chars: int = setting(8000, "Longest message, in characters.")
    rate_limit_per_minute: int = setting(60, "Requests per API key per minute (a token bucket); 0 = no limit.")
    engine_timeout_s: float = setting(60.0, "Longest wait for the engine, per request (and between stream chunks).")
    retry_after_s: int = setting(5, "Retry-After the gateway sends with a 503 when the engine is down.")
    guardrails: bool = setting(True, "Run the input and output guardrails (off only to measure what they prevent).")
    personalize: bool = setting(True, "Add the member's context block (plan, claims, plan passages) to each request.")
    context_passages: int = setting(2, "Plan-document passages retrieved into the context block per question.")
    cache_dir: str = setting(".lifecycle/gateway/cache", "Local copies of the serving store and guardrail model.")
    refresh_s: float = setting(30.0, "How often the gateway looks for a newly published serving store.")
    worker_threads: int = setting(4, "Threads for guardrail classifiers and retrieval (CPU work off the event loop).")

    def validate(self) -> None:
        if not 0.0 <= self.canary_share <= 1.0:
            raise ValueError(f"canary_share must be in [0, 1], got {self.canary_share}")
        if self.canary_share > 0 and not self.canary_model:
            raise ValueError("canary_share > 0 needs a canary_model")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> GatewayConfig:
        """LIFECYCLE_GATEWAY_<FIELD> for each field (e.g. LIFECYCLE_GATEWAY_ENGINE_URL)."""
        values = {}
        for spec in dataclasses.fields(cls):
            raw = environ.get(ENV_PREFIX + spec.name.upper())
            if raw is not None:
                kind = type(spec.default)
                if kind is bool:
                    values[spec.name] = raw.strip().lower() in ("1", "true", "yes", "on")
                else:
                    values[spec.name] = kind(raw) if kind in (int, float) else raw
        config = cls(**values)
        config.validate()
        return config

    def to_env(self) -> dict[str, str]:
        return {ENV_PREFIX + name.upper(): str(value) for name, value in dataclasses.asdict(self).items()}


__all__ = ["ENV_PREFIX", "GatewayConfig"]
