"""Daily ingest: partner drops -> raw -> warehouse, and the plan catalog."""

import dagster as dg

DAILY_INGEST = dg.AssetSelection.groups("raw", "warehouse") - dg.AssetSelection.assets(
    ["raw", "plan_documents"], ["warehouse", "plan_benefits"]
)
PLAN_CATALOG = dg.AssetSelection.assets(["raw", "plan_documents"], ["warehouse", "plan_benefits"])

ingest_job = dg.define_asset_job(
    "ingest_job",
    selection=DAILY_INGEST,
    description="Validate one day's partner drops into raw and load them into the warehouse.",
)

plan_catalog_job = dg.define_asset_job(
    "plan_catalog_job",
    selection=PLAN_CATALOG,
    description="Ingest the newest plan catalog and its benefit tables.",
)

# A safety net behind the landing sensor: yesterday's partition is ingested every morning even if
# no sensor tick saw the drop. Re-ingesting a day is idempotent.
ingest_schedule = dg.build_schedule_from_partitioned_job(
    ingest_job,
    hour_of_day=6,
    minute_of_hour=0,
    description="Ingests yesterday's partition at 06:00 UTC, behind the landing sensor (re-ingesting is idempotent).",
)

plan_catalog_schedule = dg.ScheduleDefinition(
    job=plan_catalog_job,
    cron_schedule="30 5 * * *",
    execution_timezone="UTC",
    description="Loads the newest plan catalog at 05:30 UTC, before the day's ingest reads plan ids.",
)


def defs() -> dg.Definitions:
    return dg.Definitions(jobs=[ingest_job, plan_catalog_job], schedules=[ingest_schedule, plan_catalog_schedule])
