"""Backfills from the CLI on a fresh LIFECYCLE_HOME, exactly as README.md documents them."""

from __future__ import annotations

import duckdb
import pytest

from tests.e2e.processes import BIN, background, dagster, project_env, wait_until

pytestmark = pytest.mark.slow


def rows_by_day(home, table: str) -> dict[str, int]:
    with duckdb.connect(str(home / "lifecycle.duckdb"), read_only=True) as con:
        return dict(
            con.execute(
                f"SELECT strftime(partition_date, '%Y-%m-%d'), count(*) FROM warehouse.{table} GROUP BY 1 ORDER BY 1"
            ).fetchall()
        )


def test_asset_materialize_partition_range_is_idempotent(tmp_path):
    home = tmp_path / "home"
    env = project_env(home)
    args = [
        "asset",
        "materialize",
        "-m",
        "definitions",
        "--select",
        "*warehouse/conversations",
        "--partition-range",
        "2026-02-03...2026-02-09",
    ]
    first = dagster(args, env)
    assert first.returncode == 0, first.stdout[-3000:] + first.stderr[-3000:]
    week = rows_by_day(home, "conversations")
    assert list(week) == [f"2026-02-0{d}" for d in range(3, 10)]
    assert all(n > 0 for n in week.values())
    second = dagster(args, env)
    assert second.returncode == 0, second.stderr[-3000:]
    assert rows_by_day(home, "conversations") == week


def test_job_backfill_through_the_daemon(tmp_path):
    home = tmp_path / "home"
    env = project_env(home)
    submitted = dagster(
        [
            "job",
            "backfill",
            "-w",
            "workspace.yaml",
            "-j",
            "ingest_job",
            "--from",
            "2026-04-01",
            "--to",
            "2026-04-02",
            "--noprompt",
        ],
        env,
    )
    assert submitted.returncode == 0, submitted.stdout[-3000:] + submitted.stderr[-3000:]
    with background([str(BIN / "dagster-daemon"), "run", "-w", "workspace.yaml"], env, tmp_path / "daemon.log"):

        def loaded():
            try:
                return rows_by_day(home, "claims").keys() >= {"2026-04-01", "2026-04-02"}
            except duckdb.Error:
                return False

        wait_until(loaded, timeout=300, what="the backfill's runs to load the warehouse", interval=2)
    claims = rows_by_day(home, "claims")
    assert claims["2026-04-01"] > 0 and claims["2026-04-02"] > 0
