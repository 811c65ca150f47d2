"""Opening the DuckDB warehouse and writing to it atomically."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import duckdb

LOCK_WAIT_REPORT_S = 10.0  # how often a waiting writer says so


class WarehouseLocked(TimeoutError):
    """Another process kept the DuckDB file locked for longer than the writer would wait."""


@contextmanager
def connect(
    path: str,
    read_only: bool = False,
    timeout_s: float = 120.0,
    memory_limit: str = "1GB",
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the DuckDB database, waiting (and saying so through `on_wait`) while another process holds it.

    DuckDB allows one writing process, and a read-only session elsewhere (an analyst's notebook) also
    blocks writers. `memory_limit` bounds DuckDB's buffer pool (it spills to disk past it); without
    it DuckDB keeps up to 80% of the machine's memory, so a large load looks like unbounded growth.
    """
    started = time.monotonic()
    delay, next_report = 0.05, 0.0
    config = {"memory_limit": memory_limit}
    while True:
        try:
            con = duckdb.connect(path, read_only=read_only, config=config)
            break
        except duckdb.IOException as error:
            if "lock" not in str(error).lower():
                raise
            waited = time.monotonic() - started
            if waited > timeout_s:
                raise WarehouseLocked(
                    f"the warehouse {path} stayed locked for {waited:.0f} s: {error}. Close the other session "
                    "(in DuckDB a read-only connection blocks writers too) or raise the warehouse's lock_timeout_s."
                ) from None
            if on_wait is not None and waited >= next_report:
                on_wait(f"the warehouse {path} is locked by another process; waiting up to {timeout_s:.0f} s ({error})")
                next_report = waited + LOCK_WAIT_REPORT_S
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
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass  # DuckDB already ended the transaction (an IO error such as a full disk does): the cause below is what matters
        raise
    con.execute("COMMIT")


__all__ = ["WarehouseLocked", "connect", "transaction"]
