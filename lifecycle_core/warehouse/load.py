"""Raw partitions -> DuckDB warehouse tables, idempotently.

Each partition is replaced inside one transaction (delete the day, insert its rows), so a re-run
leaves exactly one copy and a crash leaves the previous copy: never a half-loaded day.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from lifecycle_core.pii.pseudonym import KEY_HEX_CHARS, PREFIX, Pseudonymizer
from lifecycle_core.warehouse.connection import transaction
from lifecycle_core.warehouse.tables import SELECTS, SOURCE_TABLES, TABLES, ensure_tables, read_columns


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
    with transaction(con):
        for table in tables:
            con.execute(f"DELETE FROM {TABLES[table].qualified} WHERE partition_date = ?", [str(day)])
            if part_files:
                rows[table] = con.execute(
                    f"INSERT INTO {TABLES[table].qualified} BY NAME"
                    f" SELECT ?::DATE AS partition_date, {SELECTS[table]} FROM {incoming}",
                    [str(day), *parameters],
                ).fetchone()[0]
    return rows


def _incoming(source: str, files: list[str], pseudonymizer: Pseudonymizer) -> tuple[str, list]:
    """The raw parts as a relation, with `member_key` beside the member ID where there is one."""
    columns = read_columns(source)
    reader = (
        "read_json(?, format='newline_delimited', hive_partitioning=false,"
        f" columns={columns!r}, maximum_object_size=16777216)"
    )
    if "member_id" not in columns:
        return f"{reader} AS incoming", [files]
    inner, outer = pseudonymizer.hmac_pads()
    member_key = f"'{PREFIX}' || left(sha256(?::BLOB || unhex(sha256(?::BLOB || encode(member_id)))), {KEY_HEX_CHARS})"
    return f"(SELECT *, {member_key} AS member_key FROM {reader}) AS incoming", [outer, inner, files]


def replace_plan_benefits(con: duckdb.DuckDBPyConnection, plans: list[dict], version: str) -> int:
    """The plan catalog is small and not partitioned: replace it whole."""
    table = TABLES["plan_benefits"]
    ensure_tables(con, ["plan_benefits"])
    frame = pl.DataFrame(
        [{**plan, "copays": [{"key": k, "value": v} for k, v in sorted(plan["copays"].items())]} for plan in plans]
    ).with_columns(pl.col("effective_date").str.to_date(), pl.lit(version).alias("version"))
    with transaction(con):
        con.execute(f"DELETE FROM {table.qualified}")
        con.register("incoming", frame.to_arrow())
        con.execute(
            f"INSERT INTO {table.qualified} BY NAME SELECT * REPLACE (map_from_entries(copays) AS copays) FROM incoming"
        )
        con.unregister("incoming")
    return frame.height
