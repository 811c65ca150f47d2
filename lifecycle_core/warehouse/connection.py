"""Opening the DuckDB warehouse and writing to it atomically."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb


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


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Everything inside commits together or not at all: readers never see half a replacement."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


__all__ = ["connect", "transaction"]
