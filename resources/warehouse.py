"""The OLAP warehouse: a DuckDB database, a file locally and a configured path in production."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb

from lifecycle_core.warehouse import connect, missing_tables


class WarehouseResource(dg.ConfigurableResource):
    """DuckDB through one path: a local file, a file on a shared volume, or `md:` for MotherDuck."""

    database: str
    memory_limit: str = "1GB"  # DuckDB's buffer pool; it spills to disk beyond this
    lock_timeout_s: float = 600.0  # how long a writer waits for another process's lock, saying so every 10 s

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        if not self.database.startswith("md:"):
            Path(self.database).parent.mkdir(parents=True, exist_ok=True)
        log = dg.get_dagster_logger()
        with connect(self.database, read_only, self.lock_timeout_s, self.memory_limit, on_wait=log.warning) as con:
            yield con

    def missing_tables(self, names: Iterable[str]) -> list[str]:
        """Those of `names` the warehouse does not have yet; all of them before its file exists."""
        names = list(names)
        if not self.database.startswith("md:") and not Path(self.database).exists():
            return names
        with self.connect(read_only=True) as con:
            return missing_tables(con, names)


__all__ = ["WarehouseResource"]
