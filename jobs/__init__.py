"""Jobs and schedules."""

import dagster as dg

from jobs import ingest


def defs() -> dg.Definitions:
    """The jobs of every profile; the synthetic partner (`jobs.partner_feed`) is added by the local profile."""
    return ingest.defs()
