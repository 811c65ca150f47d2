"""Raw partitions -> DuckDB warehouse tables, idempotently.

Each partition is replaced inside one transaction (delete the day, insert its rows), so a re-run
leaves exactly one copy and a crash leaves the previous copy: never a half-loaded day.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from lifecycle_core.pii.pseudonym import KEY_HEX_CHARS, PREFIX, Pseudonymizer
from lifecycle_core.warehouse.tables import READ_COLUMNS, SCHEMA, SELECTS, SOURCE_TABLES, TABLES


@contextmanager
def connect(
    path: str, read_only: bool = False, timeout_s: float = 120.0, memory_limit: str = "1GB"
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the DuckDB database, waiting while another process holds its write lock.

    `memory_limit` bounds DuckDB's buffer pool (it spills to disk past it); without it DuckDB
    keeps up to 80% of the machine's memory, so a large load looks like unbounded growth.
    """
    deadline = time.monotonic() + timeout_s
    delay = 0.05
    config = {"memory_limit": memory_limit}
    while True:
        try:
            con = duckdb.connect(path, read_only=read_only, config=config)
            break
        except duckdb.IOException as error:
            if "lock" not in str(error).lower() or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
    try:
        con.execute("SET enable_progress_bar = false")  # a batch job's log is not a terminal
        yield con
    finally:
        con.close()


def ensure_tables(con: duckdb.DuckDBPyConnection, names: Iterable[str] | None = None) -> None:
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    for name in names or TABLES:
        con.execute(f"CREATE TABLE IF NOT EXISTS {TABLES[name].qualified} ({TABLES[name].ddl})")


def load_partition(
    con: duckdb.DuckDBPyConnection,
    source: str,
    day: date | str,
    part_files: list[str | Path],
    pseudonymizer: Pseudonymizer,
) -> dict[str, int]:
    """Replace one day of `source`'s tables with the rows of its raw part files; returns rows per table.

    DuckDB's JSON reader parses the gzip parts in parallel and computes the keyed pseudonyms
    (HMAC-SHA256, the same bytes as `Pseudonymizer.member_key`) itself: no Python per row.
    """
    tables = SOURCE_TABLES[source]
    ensure_tables(con, tables)
    rows = dict.fromkeys(tables, 0)
    incoming, parameters = _incoming(source, [str(p) for p in part_files], pseudonymizer)
    con.execute("BEGIN TRANSACTION")
    try:
        for table in tables:
            con.execute(f"DELETE FROM {TABLES[table].qualified} WHERE partition_date = ?", [str(day)])
            if part_files:
                rows[table] = con.execute(
                    f"INSERT INTO {TABLES[table].qualified} BY NAME"
                    f" SELECT ?::DATE AS partition_date, {SELECTS[table]} FROM {incoming}",
                    [str(day), *parameters],
                ).fetchone()[0]
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return rows


def _incoming(source: str, files: list[str], pseudonymizer: Pseudonymizer) -> tuple[str, list]:
    """The raw parts as a relation, with `member_key` beside the member ID where there is one."""
    columns = READ_COLUMNS[source]
    reader = (
        "read_json(?, format='newline_delimited', hive_partitioning=false,"
        f" columns={columns!r}, maximum_object_size=16777216)"
    )
    if "member_id" not in columns:
        return f"{reader} AS incoming", [files]
    inner, outer = pseudonymizer.hmac_pads()
    member_key = (
        f"'{PREFIX}' || left(sha256(?::BLOB || unhex(sha256(?::BLOB || encode(member_id)))), {KEY_HEX_CHARS})"
    )
    return f"(SELECT *, {member_key} AS member_key FROM {reader}) AS incoming", [outer, inner, files]


def replace_plan_benefits(con: duckdb.DuckDBPyConnection, plans: list[dict], version: str) -> int:
    """The plan catalog is small and not partitioned: replace it whole."""
    table = TABLES["plan_benefits"]
    ensure_tables(con, ["plan_benefits"])
    frame = pl.DataFrame(
        [{**plan, "copays": [{"key": k, "value": v} for k, v in sorted(plan["copays"].items())]} for plan in plans]
    ).with_columns(pl.col("effective_date").str.to_date(), pl.lit(version).alias("version"))
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(f"DELETE FROM {table.qualified}")
        con.register("incoming", frame.to_arrow())
        con.execute(
            f"INSERT INTO {table.qualified} BY NAME "
            "SELECT * REPLACE (map_from_entries(copays) AS copays) FROM incoming"
        )
        con.unregister("incoming")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return frame.height


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


def duplicate_keys(con: duckdb.DuckDBPyConnection, table: str, limit: int = 5) -> tuple[int, list[tuple]]:
    """How many keys of `table` occur more than once, and a few of them."""
    spec = TABLES[table]
    ensure_tables(con, [table])
    key = ", ".join(spec.unique_key)
    rows = con.execute(
        f"SELECT {key}, count(*) AS n FROM {spec.qualified} GROUP BY {key} HAVING count(*) > 1"
    ).fetchall()
    return len(rows), [tuple(map(str, r)) for r in rows[:limit]]
