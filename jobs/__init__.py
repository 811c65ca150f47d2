"""Jobs and schedules."""

import dagster as dg

from jobs import canary, ingest, partner_feed, release, retrain


def defs(daily: dg.PartitionsDefinition, synthetic_partner: bool) -> dg.Definitions:
    """The jobs of every profile, and the synthetic partner's daily drop where the profile plays the partner."""
    partner = partner_feed.defs(daily) if synthetic_partner else dg.Definitions()
    return dg.Definitions.merge(ingest.defs(), retrain.defs(), release.defs(), canary.defs(), partner)
