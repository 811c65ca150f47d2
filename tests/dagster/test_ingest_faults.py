"""Ingest under faults, through the definitions: blocking checks, all-or-nothing ranges, re-drops, fences."""

from __future__ import annotations

from datetime import date

import dagster as dg
import duckdb
import pytest

import lifecycle_assets.warehouse as warehouse_assets
from definitions import build_defs
from lifecycle_assets.runs import commit_fence
from lifecycle_core.feed.partner import PartnerDropInProgress, write_synthetic_drop
from lifecycle_core.raw import layout
from lifecycle_core.raw.parts import has_manifest
from lifecycle_core.store import LocalObjectStore, gzip_lines
from sensors.landing import landing_sensor
from tests.core.test_ingest import claim, lines
from tests.dagster.conftest import SMALL_FEED, run_ingest, small_local_profile
from tests.dagster.test_ingest_assets import check_results

DAYS = ("2026-03-01", "2026-03-02", "2026-03-03")


def store_of(home) -> LocalObjectStore:
    return LocalObjectStore(home / "store")


def materialized(result) -> set[str]:
    return {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}


def rows(home, table: str) -> dict[str, int]:
    try:
        with duckdb.connect(str(home / "lifecycle.duckdb"), read_only=True) as con:
            found = con.execute(
                f"SELECT strftime(partition_date, '%Y-%m-%d'), count(*) FROM warehouse.{table} GROUP BY 1"
            )
            return dict(found.fetchall())
    except duckdb.CatalogException:
        return {}


def test_a_blocking_raw_check_keeps_the_day_out_of_the_warehouse(local_defs, home):
    """A truncated landing file was one bad "record" before: the run was green and the day loaded."""
    store, day = store_of(home), DAYS[0]
    body = gzip_lines(lines(*(claim(i, received_date=day) for i in range(120))))
    store.put_bytes(layout.landing_prefix("claims", day) + "part-00000.jsonl.gz", body[: len(body) // 2])
    store.put_bytes(layout.landing_prefix("claims", day) + layout.SUCCESS_MARKER, b"")
    result = run_ingest(local_defs, day, day)
    checks = check_results(result)
    assert checks[("raw/claims", "landing_files_read")] is False
    assert "raw/claims" in materialized(result) and "warehouse/claims" not in materialized(result)
    assert "warehouse/conversations" in materialized(result)  # the other sources are not held back
    assert rows(home, "claims") == {}


def test_a_failed_range_leaves_no_day_behind(local_defs, home, monkeypatch):
    """Before, days 1-2 were committed (raw published, DuckDB rows) with no materialization recorded."""
    assert run_ingest(local_defs, DAYS[0], DAYS[0]).success
    before = rows(home, "claims")

    real = warehouse_assets.replace_day

    def fails_on_the_last_day(con, source, day, *args):
        if day == DAYS[2]:
            raise duckdb.IOException("IO Error: simulated read failure")
        return real(con, source, day, *args)

    monkeypatch.setattr(warehouse_assets, "replace_day", fails_on_the_last_day)
    instance = dg.DagsterInstance.ephemeral()
    result = run_ingest(local_defs, DAYS[1], DAYS[2], instance)
    assert not result.success
    assert rows(home, "claims") == before  # neither day 2 nor day 3
    recorded = instance.get_materialized_partitions(dg.AssetKey(["warehouse", "claims"]))
    assert not recorded & {DAYS[1], DAYS[2]}

    store = store_of(home)
    store.put_bytes(layout.landing_prefix("members", "2026-03-05") + "part-00000.jsonl.gz", b"partial")  # uploading
    failed = run_ingest(local_defs, "2026-03-04", "2026-03-05")
    assert not failed.success
    assert not has_manifest(store, "members", "2026-03-04")  # the range's first day was not published either
    assert not store.list(layout.raw_prefix("members", "2026-03-04"))


def test_the_synthetic_partner_never_writes_into_a_partner_drop(home):
    store = store_of(home)
    partner_lines = lines(*(claim(i) for i in range(3)))
    store.put_bytes(layout.landing_prefix("claims", DAYS[0]) + "part-00000.jsonl.gz", gzip_lines(partner_lines))
    with pytest.raises(PartnerDropInProgress, match="does not write into another partner's drop"):
        write_synthetic_drop(store, SMALL_FEED.feed_config(), "claims", date(2026, 3, 1))
    assert store.list(layout.landing_prefix("claims", DAYS[0])) == [
        layout.landing_prefix("claims", DAYS[0]) + "part-00000.jsonl.gz"
    ]


def sensor_tick(defs, resources, cursor=None):
    with dg.build_sensor_context(
        resources=resources, definitions=defs, cursor=cursor, instance=dg.DagsterInstance.ephemeral()
    ) as context:
        return landing_sensor(context)


def test_the_sensor_ingests_re_drops_reports_missing_sources_and_skips_unchanged_days(home):
    profile = small_local_profile(home)
    defs, resources, store = build_defs(profile), dict(profile.resources), store_of(home)
    for source in layout.DAILY_SOURCES:
        write_synthetic_drop(store, SMALL_FEED.feed_config(), source, date(2026, 3, 1))
    for source in ("members", "conversations"):  # the next day: two sources still missing
        write_synthetic_drop(store, SMALL_FEED.feed_config(), source, date(2026, 3, 2))
    first = sensor_tick(defs, resources)
    assert [(r.partition_key, r.tags["trigger"]) for r in first.run_requests if r.partition_key] == [
        (DAYS[0], "landing")
    ]
    second = sensor_tick(defs, resources, first.cursor)
    assert not second.run_requests
    assert "2026-03-02 waits for claims, providers" in second.skip_reason.skip_message

    marker = layout.landing_prefix("claims", DAYS[0]) + layout.SUCCESS_MARKER
    store.put_bytes(layout.landing_prefix("claims", DAYS[0]) + "part-00001.jsonl.gz", gzip_lines(lines(claim(999))))
    store.delete(marker)
    store.put_bytes(marker, b"")  # the partner re-sent the day: a newer _SUCCESS
    third = sensor_tick(defs, resources, second.cursor)
    (again,) = [r for r in third.run_requests if r.partition_key]
    assert again.partition_key == DAYS[0] and again.tags["trigger"] == "re-drop"
    assert again.run_key != first.run_requests[0].run_key
    assert not [r for r in sensor_tick(defs, resources, third.cursor).run_requests if r.partition_key]


def test_an_orphaned_step_does_not_commit_once_its_run_has_ended():
    """A killed run stayed STARTED and its step process could still commit; now the step checks first."""
    committed = []

    @dg.asset
    def writer(context) -> None:
        still_running = commit_fence(context)
        still_running()  # the run is live: fine
        context.instance.report_run_failed(context.dagster_run)  # what run monitoring does to a dead run
        still_running()
        committed.append(True)

    result = dg.materialize([writer], instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)
    failure = next(e for e in result.all_events if e.event_type_value == "STEP_FAILURE")
    assert "its step does not commit" in failure.event_specific_data.error.message
    assert committed == []
