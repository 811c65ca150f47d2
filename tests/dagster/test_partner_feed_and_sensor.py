"""Local profile: the scheduled synthetic partner drops files, and the landing sensor picks them up."""

import dagster as dg

from definitions import build_defs
from lifecycle_core.raw.landing import complete_days
from lifecycle_core.store import LocalObjectStore
from sensors.landing import landing_sensor, ready_days
from tests.dagster.conftest import small_local_profile


def test_partner_feed_job_then_landing_sensor(home):
    profile = small_local_profile(home)
    defs, resources = build_defs(profile), dict(profile.resources)
    feed = defs.resolve_job_def("partner_feed_job")
    assert feed.execute_in_process(partition_key="2026-06-10").success
    assert feed.execute_in_process(partition_key="2026-06-10").success  # a landed drop is never rewritten
    store = LocalObjectStore(home / "store")
    assert complete_days(store, "conversations") == ["2026-06-10"]

    with dg.build_sensor_context(resources=resources, definitions=defs, instance=dg.DagsterInstance.ephemeral()) as ctx:
        first = landing_sensor(ctx)
    assert sorted((r.job_name, r.partition_key) for r in first.run_requests) == [
        ("ingest_job", "2026-06-10"),
        ("plan_catalog_job", None),
    ]
    with dg.build_sensor_context(
        resources=resources, definitions=defs, cursor=first.cursor, instance=dg.DagsterInstance.ephemeral()
    ) as ctx:
        second = landing_sensor(ctx)
    assert not second.run_requests and second.skip_reason


def test_ready_days_needs_every_source():
    assert ready_days({"a": ["d1", "d2"], "b": ["d2", "d3"]}) == ["d2"]
    assert ready_days({}) == []


def test_switched_on_after_ingesting_by_hand_the_sensor_leaves_ingested_drops_alone(home):
    profile = small_local_profile(home)
    defs, resources = build_defs(profile), dict(profile.resources)
    for day in ("2026-06-10", "2026-06-11"):
        assert defs.resolve_job_def("partner_feed_job").execute_in_process(partition_key=day).success
    assert defs.resolve_job_def("plan_catalog_job").execute_in_process().success
    ingest = defs.resolve_job_def("ingest_job").execute_in_process(partition_key="2026-06-10", resources=resources)
    assert ingest.success

    with dg.build_sensor_context(resources=resources, definitions=defs, instance=dg.DagsterInstance.ephemeral()) as ctx:
        first = landing_sensor(ctx)
    # Only the day nobody ingested; the plan catalog ingested from the newest drop is not ingested again.
    assert [(r.job_name, r.partition_key) for r in first.run_requests] == [("ingest_job", "2026-06-11")]
