"""Drift sensor: a drift report whose verdict is `drift` starts retrain_job, unless one started within the cooldown.

The cursor is the storage id of the last drift report read, so a restarted daemon reads each report
once; the run key names the report too, so even a lost cursor never starts the same retrain twice.
"""

import time
from datetime import UTC, datetime, timedelta

import dagster as dg

from jobs.retrain import canary_run_config, retrain_job
from lifecycle_assets.monitoring import DRIFT_REPORT_KEY
from resources.closed_loop import ClosedLoopResource

READ_AT_ONCE = 100


def _value(metadata: dict, name: str, default=None):
    entry = metadata.get(name)
    return default if entry is None else entry.value


def last_retrain_started(instance: dg.DagsterInstance) -> float | None:
    """When the newest retrain_job run was created (any status, any trigger), as a timestamp."""
    runs = instance.get_run_records(dg.RunsFilter(job_name=retrain_job.name), limit=1)
    return runs[0].create_timestamp.timestamp() if runs else None


def build_drift_sensor(interval_s: int) -> dg.SensorDefinition:
    @dg.sensor(
        name="drift_sensor",
        job=retrain_job,
        minimum_interval_seconds=interval_s,
        default_status=dg.DefaultSensorStatus.STOPPED,
        description="Starts retrain_job (the candidate then serves as canary) when a recent day's drift report "
        "says `drift`, at most once per cooldown; the run's tags say which features drifted.",
    )
    def drift_sensor(context: dg.SensorEvaluationContext, closed_loop: ClosedLoopResource) -> dg.SensorResult:
        loop = closed_loop.settings()
        after = int(context.cursor) if context.cursor else None
        result = context.instance.fetch_materializations(
            dg.AssetRecordsFilter(asset_key=DRIFT_REPORT_KEY, after_storage_id=after),
            limit=READ_AT_ONCE,
            ascending=True,
        )
        if not result.records:
            return dg.SensorResult(skip_reason="no new drift report", cursor=context.cursor)
        cursor = str(result.records[-1].storage_id)
        oldest_acted_on = (datetime.now(UTC).date() - timedelta(days=loop.act_on_days)).isoformat()
        drifted, notes = [], []
        for record in result.records:
            metadata = record.asset_materialization.metadata
            day = record.partition_key or ""
            if _value(metadata, "verdict") != "drift":
                continue
            if day < oldest_acted_on:
                notes.append(f"{day} drifted but is older than {loop.act_on_days} days: reported, not acted on")
                continue
            drifted.append((record, day, _value(metadata, "drifted", [])))
        if not drifted:
            why = "; ".join(notes) or f"{len(result.records)} new report(s), none with verdict drift"
            return dg.SensorResult(skip_reason=why, cursor=cursor)
        record, day, features = drifted[-1]  # the newest: one retrain covers every drifted day before it
        started = last_retrain_started(context.instance)
        if started is not None and time.time() - started < loop.retrain_cooldown_minutes * 60:
            minutes = (time.time() - started) / 60
            why = (f"{day} drifted ({', '.join(features)}), but a retrain started {minutes:.0f} minutes ago, "
                   f"within the {loop.retrain_cooldown_minutes:g}-minute cooldown")  # fmt: skip
            return dg.SensorResult(skip_reason=why, cursor=cursor)
        metadata = record.asset_materialization.metadata
        tags = {
            "lifecycle/trigger": "drift",
            "lifecycle/drift_day": day,
            "lifecycle/drifted": ",".join(features)[:200],
            "lifecycle/drift_report_storage_id": str(record.storage_id),
            "lifecycle/production_at_drift": str(_value(metadata, "production_version", "none")),
        }
        context.log.info(f"{day} drifted on {', '.join(features)}: requesting retrain_job")
        request = dg.RunRequest(
            run_key=f"drift-{day}-{record.storage_id}",
            run_config=canary_run_config(loop.canary_share),
            tags=tags,
        )
        return dg.SensorResult(run_requests=[request], cursor=cursor)

    return drift_sensor


def defs(interval_s: int) -> dg.Definitions:
    return dg.Definitions(sensors=[build_drift_sensor(interval_s)])
