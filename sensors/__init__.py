"""Sensors watch the outside world: partner drops (and later drift and live traffic)."""

import dagster as dg

from sensors import landing


def defs() -> dg.Definitions:
    return landing.defs()
