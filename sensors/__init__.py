"""Sensors watch the outside world: partner drops, drift, the canary's live traffic, failed runs."""

import dagster as dg

from sensors import automation, canary, drift, landing, run_failure


def defs(interval_s: int) -> dg.Definitions:
    """`interval_s`: how often the drift and canary sensors look (the profile's LoopConfig.sensor_interval_s)."""
    return dg.Definitions.merge(
        landing.defs(), automation.defs(), drift.defs(interval_s), canary.defs(interval_s), run_failure.defs()
    )
