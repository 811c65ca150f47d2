"""Landing sensor: a day is ingested once every daily source's drop for it is complete."""

import json

import dagster as dg

from jobs.ingest import ingest_job, plan_catalog_job
from lifecycle_core.raw import layout
from lifecycle_core.raw.landing import complete_days
from resources.object_store import ObjectStoreResource

CURSOR_DAYS = 1_000  # remembered days; older re-drops are still deduplicated by run key


def ready_days(days_by_source: dict[str, list[str]]) -> list[str]:
    """Days for which every source has a complete drop."""
    sets = [set(days) for days in days_by_source.values()]
    return sorted(set.intersection(*sets)) if sets else []


@dg.sensor(
    jobs=[ingest_job, plan_catalog_job],
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Requests ingest_job for each day whose partner drops are all complete (`_SUCCESS`).",
)
def landing_sensor(context: dg.SensorEvaluationContext, object_store: ObjectStoreResource) -> dg.SensorResult:
    store = object_store.store()
    cursor = json.loads(context.cursor) if context.cursor else {"days": [], "plans": None}
    seen = set(cursor["days"])
    days = ready_days({source: complete_days(store, source) for source in layout.DAILY_SOURCES})
    new_days = [day for day in days if day not in seen]
    requests = [
        dg.RunRequest(run_key=f"ingest-{day}", job_name=ingest_job.name, partition_key=day, tags={"trigger": "landing"})
        for day in new_days
    ]
    plan_drops = complete_days(store, layout.PLAN_DOCUMENTS)
    if plan_drops and plan_drops[-1] != cursor["plans"]:
        requests.append(dg.RunRequest(run_key=f"plans-{plan_drops[-1]}", job_name=plan_catalog_job.name))
        cursor["plans"] = plan_drops[-1]
    cursor["days"] = sorted(seen | set(new_days))[-CURSOR_DAYS:]
    if not requests:
        return dg.SensorResult(
            skip_reason=dg.SkipReason(f"no new complete drops ({len(days)} days landed)"), cursor=json.dumps(cursor)
        )
    return dg.SensorResult(run_requests=requests, cursor=json.dumps(cursor))


def defs() -> dg.Definitions:
    return dg.Definitions(sensors=[landing_sensor])
