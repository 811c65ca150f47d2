"""raw/* and warehouse/* materialized with the real local resources (directory store, DuckDB file)."""

from __future__ import annotations

import dagster as dg
import duckdb

from lifecycle_core.raw.parts import read_manifest
from lifecycle_core.store import LocalObjectStore
from tests.dagster.conftest import run_ingest

TABLES = ("members", "member_pii", "claims", "conversations", "providers")


def warehouse_counts(home) -> dict[str, dict[str, int]]:
    with duckdb.connect(str(home / "lifecycle.duckdb"), read_only=True) as con:
        return {
            table: dict(
                con.execute(
                    f"SELECT strftime(partition_date, '%Y-%m-%d'), count(*) FROM warehouse.{table} GROUP BY 1 ORDER BY 1"
                ).fetchall()
            )
            for table in TABLES
        }


def check_results(result) -> dict[tuple[str, str], bool]:
    return {
        (
            e.asset_check_evaluation_data.asset_key.to_user_string(),
            e.asset_check_evaluation_data.check_name,
        ): e.asset_check_evaluation_data.passed
        for e in result.all_events
        if e.event_type_value == "ASSET_CHECK_EVALUATION"
    }


def test_ingest_range_loads_warehouse_and_rerun_is_idempotent(local_defs, home):
    result = run_ingest(local_defs, "2026-03-01", "2026-03-03")
    assert result.success
    counts = warehouse_counts(home)
    store = LocalObjectStore(home / "store")
    for source, table in [("claims", "claims"), ("conversations", "conversations"), ("members", "members")]:
        for day in ("2026-03-01", "2026-03-02", "2026-03-03"):
            manifest = read_manifest(store, source, day)
            assert manifest.quarantined > 0, "the feed's malformed records must be caught"
            assert counts[table][day] == manifest.landing_records - manifest.quarantined
    assert counts["member_pii"] == counts["members"]
    checks = check_results(result)
    assert len(checks) == 4 * 5 + 5 * 2  # five checks per raw source, two per warehouse table
    assert all(checks.values()), {k: v for k, v in checks.items() if not v}

    again = run_ingest(local_defs, "2026-03-02", "2026-03-03")
    assert again.success
    assert warehouse_counts(home) == counts


def test_raw_metadata_reports_counts(local_defs, home):
    result = run_ingest(local_defs, "2026-03-05", "2026-03-05")
    materialization = next(
        e.event_specific_data.materialization
        for e in result.all_events
        if e.event_type_value == "ASSET_MATERIALIZATION"
        and e.event_specific_data.materialization.asset_key == dg.AssetKey(["raw", "conversations"])
    )
    metadata = materialization.metadata
    assert metadata["landing_records"].value == metadata["dagster/row_count"].value + metadata["quarantined"].value
    assert sum(metadata["quarantine_reasons"].value.values()) == metadata["quarantined"].value
    assert materialization.partition == "2026-03-05"


def test_plan_catalog(local_defs, home):
    result = local_defs.resolve_job_def("plan_catalog_job").execute_in_process()
    assert result.success
    with duckdb.connect(str(home / "lifecycle.duckdb"), read_only=True) as con:
        plans = con.execute("SELECT count(*), count(DISTINCT version) FROM warehouse.plan_benefits").fetchone()
    assert plans[0] >= 4 and plans[1] == 1


def test_each_partition_of_a_range_shows_its_own_day(local_defs, home):
    """A 7-day single-run backfill showed the run's totals and the last day's folder on every day."""
    result = run_ingest(local_defs, "2026-03-01", "2026-03-03")
    counts = warehouse_counts(home)
    by_partition = {}
    for event in result.get_asset_materialization_events():
        materialization = event.materialization
        by_partition[(materialization.asset_key.to_user_string(), materialization.partition)] = materialization.metadata
    store = LocalObjectStore(home / "store")
    for day in ("2026-03-01", "2026-03-02", "2026-03-03"):
        raw = by_partition[("raw/conversations", day)]
        assert raw["dagster/row_count"].value == read_manifest(store, "conversations", day).valid
        assert raw["uri"].value.endswith(f"raw/conversations/date={day}")
        warehouse = by_partition[("warehouse/conversations", day)]
        assert warehouse["dagster/row_count"].value == counts["conversations"][day]  # not the run's total
        assert warehouse["dagster/table_name"].value == "warehouse.conversations"
        assert "messages" in {c.name for c in warehouse["dagster/column_schema"].value.columns}
