"""Raw partitions -> DuckDB warehouse tables, idempotently.

Each partition is replaced inside one transaction (delete the day, insert its rows), so a re-run
leaves exactly one copy and a crash leaves the previous copy: never a half-loaded day.
"""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path

import duckdb
import orjson
import polars as pl

from lifecycle_core.pii.pseudonym import KEY_HEX_CHARS, PREFIX, Pseudonymizer, fingerprint
from lifecycle_core.raw.duplicates import record_key
from lifecycle_core.raw.parts import RawManifest
from lifecycle_core.raw.schemas import MAX_RECORD_BYTES, SCHEMAS
from lifecycle_core.store import ObjectStore, read_lines
from lifecycle_core.warehouse.connection import transaction
from lifecycle_core.warehouse.tables import SELECTS, SOURCE_TABLES, TABLES, ensure_tables, read_columns

KEY_TABLE = "meta.pseudonym_key"  # beside the data tables, not among them


class PseudonymKeyMismatch(ValueError):
    """The key given is not the one the warehouse's pseudonyms were made with: loading would split members."""


def ensure_same_key(con: duckdb.DuckDBPyConnection, pseudonymizer: Pseudonymizer) -> None:
    """Record the key's fingerprint on the first load; refuse any load with another key after that."""
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {KEY_TABLE.split('.')[0]}")
    con.execute(f"CREATE TABLE IF NOT EXISTS {KEY_TABLE} (fingerprint VARCHAR)")
    found = con.execute(f"SELECT fingerprint FROM {KEY_TABLE}").fetchall()
    if not found:
        con.execute(f"INSERT INTO {KEY_TABLE} VALUES (?)", [fingerprint(pseudonymizer)])
    elif found[0][0] != fingerprint(pseudonymizer):
        raise PseudonymKeyMismatch(
            "this warehouse's member pseudonyms were made with another key: restore that key "
            "(LIFECYCLE_PSEUDONYM_KEY, or the key file under LIFECYCLE_HOME) instead of loading with this one"
        )


class LoadError(RuntimeError):
    """DuckDB refused a raw partition; the message names the raw part, the landing file, line and key."""


def replace_day(
    con: duckdb.DuckDBPyConnection,
    source: str,
    day: date | str,
    part_files: list[str | Path],
    pseudonymizer: Pseudonymizer,
) -> dict[str, int]:
    """Replace one day of `source`'s tables with the rows of its raw part files, inside the caller's
    transaction; returns rows per table.

    DuckDB's JSON reader parses the gzip parts in parallel and computes the keyed pseudonyms
    (HMAC-SHA256, the same bytes as `Pseudonymizer.member_key`) itself: no Python per row.
    """
    tables = SOURCE_TABLES[source]
    ensure_tables(con, tables)
    if "member_id" in read_columns(source):
        ensure_same_key(con, pseudonymizer)
    rows = dict.fromkeys(tables, 0)
    incoming, parameters = _incoming(source, [str(p) for p in part_files], pseudonymizer)
    for table in tables:
        con.execute(f"DELETE FROM {TABLES[table].qualified} WHERE partition_date = ?", [str(day)])
        if part_files:
            rows[table] = con.execute(
                f"INSERT INTO {TABLES[table].qualified} BY NAME"
                f" SELECT ?::DATE AS partition_date, {SELECTS[table]} FROM {incoming}",
                [str(day), *parameters],
            ).fetchone()[0]
    return rows


def load_partition(
    con: duckdb.DuckDBPyConnection,
    source: str,
    day: date | str,
    part_files: list[str | Path],
    pseudonymizer: Pseudonymizer,
) -> dict[str, int]:
    """One day in a transaction of its own: a re-run leaves one copy, a failure the previous one."""
    with transaction(con):
        return replace_day(con, source, day, part_files, pseudonymizer)


_FILE = re.compile(r'in file "([^"]+)"')


def _refused(source: str, lines: list[bytes], pseudonymizer: Pseudonymizer, scratch: Path) -> bool:
    """Does DuckDB refuse these lines, read exactly as the load reads them? (On its own connection:
    the load's transaction is aborted by the error.)"""
    path = scratch / "probe.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    incoming, parameters = _incoming(source, [str(path)], pseudonymizer)
    with duckdb.connect() as probe:
        try:
            for table in SOURCE_TABLES[source]:
                probe.execute(f"SELECT {SELECTS[table]} FROM {incoming}", parameters).fetchall()
        except duckdb.Error:
            return True
    return False


def _first_refused(source: str, lines: list[bytes], pseudonymizer: Pseudonymizer, scratch: Path) -> int | None:
    """The position of the first line DuckDB refuses, by bisection (its own line numbers are approximate)."""
    if not _refused(source, lines, pseudonymizer, scratch):
        return None
    low, high = 0, len(lines)  # the first refused line is in [low, high)
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if _refused(source, lines[low:middle], pseudonymizer, scratch) else (middle, high)
    return low


def explain_load_error(
    error: duckdb.Error, part_files: list[Path], manifest: RawManifest, store: ObjectStore, pseudonymizer: Pseudonymizer
) -> LoadError:
    """Name what DuckDB refused: the raw part and line, the landing file and line it came from, its key."""
    day = f"{manifest.source} {manifest.day} (raw run {manifest.run_id or '?'})"
    named = _FILE.search(str(error))
    candidates = (
        [part_files.index(Path(named[1]))] if named and Path(named[1]) in part_files else range(len(part_files))
    )
    with tempfile.TemporaryDirectory(prefix="load-probe-") as scratch:
        for part in candidates:
            lines = list(read_lines(store, manifest.parts[part]))
            position = _first_refused(manifest.source, lines, pseudonymizer, Path(scratch))
            if position is not None:
                break
        else:
            return LoadError(f"the warehouse could not load {day}: {error}")
    try:
        key = record_key(SCHEMAS[manifest.source], orjson.loads(lines[position]))
    except (orjson.JSONDecodeError, KeyError, TypeError):
        key = "?"
    landing_file, landing_line = manifest.origin(part, position) or ("?", -1)
    return LoadError(
        f"the warehouse could not load {day}: raw part {manifest.parts[part]} line {position + 1}, from landing "
        f"file {landing_file} line {landing_line}, key {key!r}: {error}"
    )


def _incoming(source: str, files: list[str], pseudonymizer: Pseudonymizer) -> tuple[str, list]:
    """The raw parts as a relation, with `member_key` beside the member ID where there is one."""
    columns = read_columns(source)
    reader = (
        "read_json(?, format='newline_delimited', hive_partitioning=false,"
        f" columns={columns!r}, maximum_object_size={MAX_RECORD_BYTES})"
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
