"""Sensors watch the outside world: partner drops (and later drift and live traffic)."""

import dagster as dg

from sensors import automation, landing


def defs() -> dg.Definitions:
    return dg.Definitions.merge(landing.defs(), automation.defs())
