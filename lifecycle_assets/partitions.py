"""Partitions, defined once."""

from datetime import UTC, datetime, timedelta

import dagster as dg

FIRST_DAY = "2026-01-01"

daily = dg.DailyPartitionsDefinition(start_date=FIRST_DAY, timezone="UTC")

# Every daily asset processes a range of days in one run: a week's CLI backfill is one run,
# not seven, and `dagster asset materialize --partition-range` requires it.
single_run = dg.BackfillPolicy.single_run()


def recent_days(count: int = 7) -> list[str]:
    """The last `count` complete days (UTC), oldest first: what a first ingest of a new home would load."""
    today = datetime.now(UTC).date()
    return [(today - timedelta(days=n)).isoformat() for n in range(count, 0, -1)]
