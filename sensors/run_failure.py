"""Run-failure sensor: each failed run of this code location gets its reason, failed step and error on its
tags (the runs list shows them) and in the sensor's log, and one JSON alert when a webhook is configured.

Dagster's run-failure cursor moves past each failure once; a tag naming the run guards the window between
an alert and the cursor's commit, so a restarted daemon does not alert twice. Alerts carry no member data:
only the project's own failure messages (and Dagster's blocking-check message) are quoted, capped; any other
exception is named by its class, since its text may quote a record.
"""

import re
from collections.abc import Sequence
from datetime import UTC, datetime

import dagster as dg

from resources.alerts import NOT_DELIVERED, AlertsResource

FAILURE_TAG = "lifecycle/failure"  # the short reason
STEP_TAG = "lifecycle/failed_step"
ALERTED_TAG = "lifecycle/alerted"  # yes | no | not configured
RECORDED_TAG = "lifecycle/failure_run"  # the run these tags are about: a re-execution inherits its parent's tags
OWN_TAGS = (FAILURE_TAG, STEP_TAG, ALERTED_TAG, RECORDED_TAG)
# The run's tags an alert carries besides lifecycle/*: which days, and what launched it.
ALERT_TAGS = (
    "dagster/partition",
    "dagster/asset_partition_range_start",
    "dagster/asset_partition_range_end",
    "dagster/backfill",
    "dagster/sensor_name",
    "dagster/schedule_name",
)
MAX_ERROR, MAX_TAG = 500, 120  # characters: an error line with its command fits
# Dagster errors whose text names only definitions (checks, assets), quoted like the project's dg.Failure.
QUOTED_ERRORS = {"Failure", "DagsterAssetCheckFailedError"}
# dg.Failure metadata that tells what kind of failure it was (lifecycle_assets/upstream.py, registry.py).
REASONS = {"missing_asset": "missing input", "decided_by": "promotion gate blocked"}


def one_line(text: str, limit: int = MAX_ERROR) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def step_error(event: dg.DagsterEvent) -> str:
    """The step's error on one line: a failure's own message, or only the class of any other exception."""
    data = event.step_failure_data
    if data.user_failure_data is not None and data.user_failure_data.description:
        return one_line(data.user_failure_data.description)
    error, chain = data.error, []
    while error is not None:
        chain.append(error)
        error = error.cause
    for error in chain:
        if error.cls_name in QUOTED_ERRORS:
            return one_line(re.sub(rf"^[\w.]*\b{error.cls_name}: ", "", error.message))
    if not chain:
        return "failed without an error"
    return f"{chain[-1].cls_name} (its message is in the run's logs, not here: it may quote data)"


def failure_reason(steps: Sequence[dg.DagsterEvent], run_failure: dg.DagsterEvent) -> str:
    """A few words for the runs list: what kind of failure, not which."""
    for event in steps:
        user = event.step_failure_data.user_failure_data
        for key, reason in REASONS.items():
            if user is not None and key in (user.metadata or {}):
                return reason
    if steps:
        error = steps[0].step_failure_data.error
        return "blocking check failed" if error and error.cls_name == "DagsterAssetCheckFailedError" else "step failure"
    why = getattr(run_failure.event_specific_data, "failure_reason", None)  # the run failed outside any step
    return why.value.lower().replace("_", " ") if why is not None else "run failure"


def alert_tags(run: dg.DagsterRun) -> dict[str, str]:
    return {
        key: one_line(value, MAX_TAG)
        for key, value in sorted(run.tags.items())
        if key in ALERT_TAGS or (key.startswith("lifecycle/") and key not in OWN_TAGS)
    }


def failed_at(instance: dg.DagsterInstance, run_id: str) -> str:
    record = instance.get_run_record_by_id(run_id)
    end = record.end_time if record is not None else None
    return (datetime.fromtimestamp(end, UTC) if end else datetime.now(UTC)).isoformat(timespec="seconds")


@dg.run_failure_sensor(
    name="lifecycle_run_failure_sensor",
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description=(
        "Records each failed run of this code location on the run itself (tags lifecycle/failure, "
        "lifecycle/failed_step, lifecycle/alerted) with the failed step's error in its log, and POSTs a JSON "
        "alert when LIFECYCLE_ALERT_WEBHOOK is set. On by default because it is harmless without a webhook: it "
        "launches nothing, writes only those tags, and starts at the newest failure (turning it on replays none)."
    ),
)
def lifecycle_run_failure_sensor(context: dg.RunFailureSensorContext, alerts: AlertsResource) -> None:
    run = context.dagster_run
    if run.tags.get(RECORDED_TAG) == run.run_id:
        context.log.info(f"run {run.run_id} was recorded already (alerted: {run.tags.get(ALERTED_TAG)})")
        return
    steps = context.get_step_failure_events()
    failed = [{"step": event.step_key, "error": step_error(event)} for event in steps]
    reason = failure_reason(steps, context.failure_event)
    alert = {
        "event": "run_failure",
        "run_id": run.run_id,
        "job": run.job_name,
        "assets": sorted(key.to_user_string() for key in run.asset_selection or ()),
        "status": run.status.value,
        "reason": reason,
        "failed_steps": failed,
        "tags": alert_tags(run),
        "url": alerts.run_url(run.run_id),
        "at": failed_at(context.instance, run.run_id),
    }
    delivery = alerts.send(alert)
    step = one_line(", ".join(f["step"] for f in failed), MAX_TAG) if failed else "none"
    context.instance.add_run_tags(
        run.run_id, {FAILURE_TAG: reason, STEP_TAG: step, ALERTED_TAG: delivery.status, RECORDED_TAG: run.run_id}
    )
    error = f": {failed[0]['error']}" if failed else ""
    log = context.log.warning if delivery.status == NOT_DELIVERED else context.log.info
    log(f"{run.job_name} run {run.run_id} failed ({reason}) at {step}{error} [alert: {delivery.detail}]")


def defs() -> dg.Definitions:
    return dg.Definitions(sensors=[lifecycle_run_failure_sensor])
