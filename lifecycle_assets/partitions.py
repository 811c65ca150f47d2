"""Partitions, defined once: daily, from the profile's first day (LIFECYCLE_FIRST_DAY)."""

import warnings
from datetime import UTC, datetime, timedelta

import dagster as dg

DEFAULT_FIRST_DAY = "2026-01-01"

# Single-run backfills are what `dagster asset materialize --partition-range` needs; Dagster marks the
# parameter beta and would say so at every start of every command, which nobody can act on.
warnings.filterwarnings("ignore", message=".*backfill_policy.*", category=dg.BetaWarning)


def daily_partitions(first_day: str = DEFAULT_FIRST_DAY) -> dg.DailyPartitionsDefinition:
    return dg.DailyPartitionsDefinition(start_date=first_day, timezone="UTC")


# Every daily asset processes a range of days in one run: a week's CLI backfill is one run,
# not seven, and `dagster asset materialize --partition-range` requires it.
single_run = dg.BackfillPolicy.single_run()


def recent_days(count: int = 7) -> list[str]:
    """The last `count` complete days (UTC), oldest first: what a first ingest of a new home would load."""
    today = datetime.now(UTC).date()
    return [(today - timedelta(days=n)).isoformat() for n in range(count, 0, -1)]
