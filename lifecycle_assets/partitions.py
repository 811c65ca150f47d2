"""Partitions, defined once."""

import dagster as dg

FIRST_DAY = "2026-01-01"

daily = dg.DailyPartitionsDefinition(start_date=FIRST_DAY, timezone="UTC")

# Every daily asset processes a range of days in one run: a week's CLI backfill is one run,
# not seven, and `dagster asset materialize --partition-range` requires it.
single_run = dg.BackfillPolicy.single_run()
