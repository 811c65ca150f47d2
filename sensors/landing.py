"""Landing sensor: a day is ingested once every daily source's drop for it is complete, and again
whenever a partner re-sends one of them (a newer `_SUCCESS`); an unchanged day is never re-run."""

import hashlib
import json

import dagster as dg

from jobs.ingest import ingest_job, plan_catalog_job
from lifecycle_core.raw import layout
from lifecycle_core.raw.landing import complete_drops
from lifecycle_core.raw.parts import has_manifest
from lifecycle_core.raw.plan_catalog import catalog_day
from resources.object_store import ObjectStoreResource

CURSOR_DAYS = 1_000  # remembered days; older re-drops are still deduplicated by run key


def ready_days(days_by_source: dict[str, list[str]]) -> list[str]:
    """Days for which every source has a complete drop."""
    sets = [set(days) for days in days_by_source.values()]
    return sorted(set.intersection(*sets)) if sets else []


def day_versions(drops: dict[str, dict[str, str]]) -> dict[str, str]:
    """For each day every source has landed: one version over all its sources' markers."""
    versions = {}
    for day in ready_days({source: list(days) for source, days in drops.items()}):
        markers = "|".join(f"{source}={drops[source][day]}" for source in sorted(drops))
        versions[day] = hashlib.sha256(markers.encode()).hexdigest()[:16]
    return versions


def waiting(drops: dict[str, dict[str, str]]) -> dict[str, list[str]]:
    """Days some sources have landed and others not yet: the sources still missing."""
    days = set().union(*(set(d) for d in drops.values())) if drops else set()
    return {day: [s for s in sorted(drops) if day not in drops[s]] for day in sorted(days)} if days else {}


def _read_cursor(text: str | None, current: dict[str, str]) -> dict:
    cursor = json.loads(text) if text else {}
    seen = cursor.get("days", {})
    if isinstance(seen, list):  # the cursor before re-drops counted: take those days as unchanged
        seen = {day: current.get(day) for day in seen}
    return {"days": seen, "plans": cursor.get("plans")}


@dg.sensor(
    jobs=[ingest_job, plan_catalog_job],
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.STOPPED,
    description="Requests ingest_job for each day whose partner drops are all complete (`_SUCCESS`), and again "
    "when a drop is re-sent.",
)
def landing_sensor(context: dg.SensorEvaluationContext, object_store: ObjectStoreResource) -> dg.SensorResult:
    store = object_store.store()
    drops = {source: complete_drops(store, source) for source in layout.DAILY_SOURCES}
    partitions = context.repository_def.get_job(ingest_job.name).partitions_def
    versions = {
        d: v for d, v in day_versions(drops).items() if partitions.has_partition_key(d)
    }  # not before the first day
    cursor = _read_cursor(context.cursor, versions)
    seen = cursor["days"]
    if context.cursor is None:  # switched on for the first time: days ingested already (by hand) are not re-run
        seen.update({d: v for d, v in versions.items() if all(has_manifest(store, s, d) for s in layout.DAILY_SOURCES)})
    requests = [
        dg.RunRequest(
            run_key=f"ingest-{day}-{version}",
            job_name=ingest_job.name,
            partition_key=day,
            tags={"trigger": "landing" if day not in seen else "re-drop"},
        )
        for day, version in versions.items()
        if seen.get(day) != version
    ]
    plan_drops = complete_drops(store, layout.PLAN_DOCUMENTS)
    if plan_drops:
        latest = f"{list(plan_drops)[-1]}:{list(plan_drops.values())[-1]}"
        if context.cursor is None and catalog_day(store) == list(plan_drops)[-1]:
            cursor["plans"] = latest  # the newest catalog drop was ingested by hand already
        if latest != cursor["plans"]:
            requests.append(dg.RunRequest(run_key=f"plans-{latest}", job_name=plan_catalog_job.name))
            cursor["plans"] = latest
    seen.update(versions)
    cursor["days"] = dict(sorted(seen.items())[-CURSOR_DAYS:])
    incomplete = {day: missing for day, missing in waiting(drops).items() if missing}
    status = "; ".join(f"{day} waits for {', '.join(missing)}" for day, missing in list(incomplete.items())[-5:])
    if status:
        context.log.info(status)
    if not requests:
        reason = f"no new or re-sent drops ({len(versions)} days complete{'; ' + status if status else ''})"
        return dg.SensorResult(skip_reason=dg.SkipReason(reason), cursor=json.dumps(cursor))
    return dg.SensorResult(run_requests=requests, cursor=json.dumps(cursor))


def defs() -> dg.Definitions:
    return dg.Definitions(sensors=[landing_sensor])
