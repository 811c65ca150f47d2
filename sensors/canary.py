"""Canary sensor: judges the deployed canary on the request log and launches its promotion or rollback.

It reads the gateway's shipped log parts since the endpoint started serving the canary (they close
every minute), compares the two arms (lifecycle_core.monitoring.canary) and, once the verdict is
not `wait`, requests canary_decision_job with the decision and its numbers as tags. The run key is
the canary deployment's, so one deployment is decided once, across restarts; the cursor says which.
"""

import json
import time
from datetime import UTC, datetime, timedelta

import dagster as dg

from jobs.canary import canary_decision_job
from lifecycle_assets.serving import ENDPOINT_KEY
from lifecycle_core.monitoring.canary import WAIT, arm_stats, decide
from lifecycle_core.serving.gateway.request_log import read_day
from resources.closed_loop import CanaryPolicyResource
from resources.object_store import ObjectStoreResource
from resources.registry import RegistryResource


def log_lines_since(store, since_ts: float) -> list[dict]:
    """The request log lines of every UTC day from `since_ts` to today."""
    first = datetime.fromtimestamp(since_ts, UTC).date()
    today = datetime.now(UTC).date()
    lines = []
    for n in range((today - first).days + 1):
        lines += read_day(store, (first + timedelta(days=n)).isoformat())
    return lines


def build_canary_sensor(interval_s: int) -> dg.SensorDefinition:
    @dg.sensor(
        name="canary_sensor",
        job=canary_decision_job,
        minimum_interval_seconds=interval_s,
        default_status=dg.DefaultSensorStatus.STOPPED,
        description="Compares the canary with production on live traffic (errors, guardrail-filtered answers, "
        "negative feedback, latency) once it has enough requests or time, then launches canary_decision_job to "
        "promote it or roll it back; the decision and its numbers go in the run's tags.",
    )
    def canary_sensor(
        context: dg.SensorEvaluationContext,
        object_store: ObjectStoreResource,
        registry: RegistryResource,
        canary_policy: CanaryPolicyResource,
    ) -> dg.SensorResult:
        records = context.instance.fetch_materializations(ENDPOINT_KEY, limit=1).records
        if not records:
            return dg.SensorResult(skip_reason="no endpoint is deployed")
        event = records[0]
        metadata = {name: value.value for name, value in event.asset_materialization.metadata.items()}
        canary, production = str(metadata.get("canary_version", "none")), str(metadata.get("production_version"))
        if canary == "none":
            return dg.SensorResult(skip_reason=f"the endpoint serves production {production} alone: no canary")
        deployment = f"{canary}-{event.storage_id}"
        if context.cursor == deployment:
            return dg.SensorResult(skip_reason=f"canary {canary} was decided already; waiting for its redeploy")
        if registry.registry().at("canary") != canary:
            return dg.SensorResult(skip_reason=f"the registry's canary is no longer {canary}: not judging it")
        minutes = (time.time() - event.timestamp) / 60
        lines = log_lines_since(object_store.store(), event.timestamp)
        stats = arm_stats(lines, event.timestamp, {"production": production, "canary": canary})
        decision = decide(stats, minutes, canary_policy.settings())
        if decision.action == WAIT:
            return dg.SensorResult(skip_reason=decision.reason)
        context.log.info(f"canary {canary} vs production {production}: {decision.action}: {decision.reason}")
        numbers = {"arms": decision.arms, "measures": decision.measures, "minutes": round(minutes, 2)}
        config = {"action": decision.action, "version": canary, "reason": decision.reason,
                  "numbers": json.dumps(numbers, default=str)}  # fmt: skip
        tags = {**decision.tags(), "lifecycle/trigger": "canary", "lifecycle/canary_version": canary,
                "lifecycle/production_version": production}  # fmt: skip
        request = dg.RunRequest(
            run_key=f"canary-{deployment}", run_config={"ops": {"apply_canary_decision": {"config": config}}}, tags=tags
        )
        return dg.SensorResult(run_requests=[request], cursor=deployment)

    return canary_sensor


def defs(interval_s: int) -> dg.Definitions:
    return dg.Definitions(sensors=[build_canary_sensor(interval_s)])
