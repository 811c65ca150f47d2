"""The gateway's Prometheus metrics, on a registry of its own (several apps can live in one process)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
GUARDRAIL_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25)


class GatewayMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.requests = Counter("gateway_requests", "Requests by route, status and arm.", ["route", "status", "arm"],
                                registry=r)  # fmt: skip
        self.latency = Histogram("gateway_request_seconds", "Time to the last byte, by route and arm.",
                                 ["route", "arm"], buckets=LATENCY_BUCKETS, registry=r)  # fmt: skip
        self.ttft = Histogram("gateway_time_to_first_token_seconds", "Time to the first streamed token, by arm.",
                              ["arm"], buckets=LATENCY_BUCKETS, registry=r)  # fmt: skip
        self.tokens = Counter("gateway_tokens", "Prompt and completion tokens, by arm.", ["kind", "arm"], registry=r)
        self.feedback = Counter("gateway_feedback", "Feedback on answers, by rating and arm.", ["rating", "arm"],
                                registry=r)  # fmt: skip
        self.fallbacks = Counter("gateway_canary_fallbacks", "Canary requests answered by production instead.",
                                 registry=r)  # fmt: skip
        self.guardrails = Counter("gateway_guardrail_triggers", "Guardrail triggers by stage (input, output), kind, "
                                  "action (block, redirect, redact) and arm (input: the arm the member is routed to).",
                                  ["stage", "kind", "action", "arm"],
                                  registry=r)  # fmt: skip
        self.guardrail_seconds = Histogram("gateway_guardrail_seconds", "Time spent in the guardrails per request, "
                                           "by stage.", ["stage"], buckets=GUARDRAIL_BUCKETS, registry=r)  # fmt: skip


__all__ = ["GatewayMetrics"]
