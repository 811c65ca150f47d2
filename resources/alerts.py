"""Where failure alerts go: a JSON POST to a webhook when one is configured (Slack-style or any HTTP receiver)."""

import time
from collections.abc import Mapping
from typing import Any, NamedTuple

import dagster as dg
import httpx
import pydantic

# What `lifecycle/alerted` says on a failed run.
DELIVERED, NOT_DELIVERED, NOT_CONFIGURED = "yes", "no", "not configured"


class Delivery(NamedTuple):
    status: str  # DELIVERED, NOT_DELIVERED or NOT_CONFIGURED
    detail: str  # for the log: "delivered (HTTP 200)", "not delivered: ConnectError after 3 attempts"


class AlertsResource(dg.ConfigurableResource):
    """The alert webhook and the UI that alerts link to; without a webhook, alerts are only recorded on the run."""

    webhook_url: str | None = pydantic.Field(
        default=None, description="http(s) URL that receives one JSON POST per failed run; none: no alerts are sent."
    )
    timeout_seconds: float = pydantic.Field(default=3.0, description="Per attempt, connect and read.")
    retries: int = pydantic.Field(default=2, description="Further attempts after a connection error or a 5xx.")
    backoff_seconds: float = pydantic.Field(default=0.5, description="Wait before the first retry; doubles after.")
    ui_url: str = pydantic.Field(default="http://127.0.0.1:3000", description="The Dagster UI that alerts link to.")

    def run_url(self, run_id: str) -> str:
        return f"{self.ui_url.rstrip('/')}/runs/{run_id}"

    def send(self, alert: Mapping[str, Any]) -> Delivery:
        """POST `alert` as JSON; never raises. The webhook URL (often a secret) is never part of the detail."""
        if not self.webhook_url:
            return Delivery(NOT_CONFIGURED, "no webhook configured")
        attempts, problem = 1 + max(self.retries, 0), ""
        for attempt in range(attempts):
            if attempt:
                time.sleep(self.backoff_seconds * 2 ** (attempt - 1))
            try:
                response = httpx.post(self.webhook_url, json=dict(alert), timeout=self.timeout_seconds)
            except httpx.TransportError as err:  # refused, DNS, timeout: worth another try
                problem = type(err).__name__
                continue
            except (httpx.HTTPError, httpx.InvalidURL) as err:  # a malformed URL: no retry helps
                return Delivery(NOT_DELIVERED, f"not delivered: {type(err).__name__}")
            if response.status_code < 300:
                return Delivery(DELIVERED, f"delivered (HTTP {response.status_code})")
            problem = f"HTTP {response.status_code}"
            if response.status_code < 500:  # the receiver refuses this alert: no retry helps
                return Delivery(NOT_DELIVERED, f"not delivered: {problem}")
        return Delivery(NOT_DELIVERED, f"not delivered: {problem} after {attempts} attempts")


__all__ = ["DELIVERED", "NOT_CONFIGURED", "NOT_DELIVERED", "AlertsResource", "Delivery"]
