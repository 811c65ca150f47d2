"""The synthetic partner (local profile only): drops each day's files into the landing area.

In production, partners write the landing prefix themselves; here this job plays their part so the
landing sensor path runs on a laptop too.
"""

import dagster as dg

from lifecycle_core.raw import layout
from resources.object_store import ObjectStoreResource
from resources.partner_feed import PartnerFeedResource


@dg.op(description="Write the synthetic partner's drops for the partition's day (skips drops that landed).")
def drop_partner_files(
    context: dg.OpExecutionContext, object_store: ObjectStoreResource, partner_feed: PartnerFeedResource
) -> None:
    store = object_store.store()
    for source in (*layout.DAILY_SOURCES, layout.PLAN_DOCUMENTS):
        written = partner_feed.ensure_drop(store, source, context.partition_key)
        context.log.info(f"{source}: {'already landed' if written is None else f'{written} lines dropped'}")


def defs(daily: dg.PartitionsDefinition) -> dg.Definitions:
    @dg.job(partitions_def=daily, description="The synthetic partner's daily drop into the landing area.")
    def partner_feed_job():
        drop_partner_files()

    schedule = dg.build_schedule_from_partitioned_job(
        partner_feed_job, hour_of_day=1, description="Plays the partner: drops yesterday's files at 01:00 UTC."
    )
    return dg.Definitions(jobs=[partner_feed_job], schedules=[schedule])
