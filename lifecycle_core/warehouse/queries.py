"""Questions asked of the warehouse by checks and readers: rows per day, duplicate keys, missing tables."""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

from lifecycle_core.warehouse.tables import SCHEMA, TABLES, ensure_tables


def partition_rows(con: duckdb.DuckDBPyConnection, table: str, days: Iterable[str]) -> dict[str, int]:
    days = list(days)
    ensure_tables(con, [table])
    found = dict(
        con.execute(
            f"SELECT strftime(partition_date, '%Y-%m-%d'), count(*) FROM {TABLES[table].qualified}"
            " WHERE partition_date IN (SELECT unnest(?::DATE[])) GROUP BY 1",
            [days],
        ).fetchall()
    )
    return {day: found.get(day, 0) for day in days}


def duplicate_keys(
    con: duckdb.DuckDBPyConnection, table: str, days: Iterable[str] | None = None, limit: int = 5
) -> tuple[int, list[tuple]]:
    """How many keys of `table` occur more than once, and a few of them.

    With `days`, only keys that occur on those days count: one bad day must not fail the check of
    every later partition.
    """
    spec = TABLES[table]
    ensure_tables(con, [table])
    key = ", ".join(spec.unique_key)
    scope, parameters = "", []
    if days is not None and spec.has_partitions:
        scope = (
            f" WHERE ({key}) IN (SELECT ({key}) FROM {spec.qualified}"
            " WHERE partition_date IN (SELECT unnest(?::DATE[])))"
        )
        parameters = [list(days)]
    rows = con.execute(
        f"SELECT {key}, count(*) AS n FROM {spec.qualified}{scope} GROUP BY {key} HAVING count(*) > 1", parameters
    ).fetchall()
    return len(rows), [tuple(map(str, r)) for r in rows[:limit]]


def missing_tables(con: duckdb.DuckDBPyConnection, names: Iterable[str]) -> list[str]:
    """Those of `names` that the warehouse does not have (yet): works on a read-only connection."""
    present = {
        name
        for (name,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = ?", [SCHEMA]
        ).fetchall()
    }
    return [name for name in names if name not in present]


def table_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    """(name, DuckDB type) of each column, in order."""
    return con.execute(
        "SELECT column_name, data_type FROM information_schema.columns"
        " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
        [SCHEMA, table],
    ).fetchall()


def table_row_count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    return con.execute(f"SELECT count(*) FROM {TABLES[table].qualified}").fetchone()[0]
