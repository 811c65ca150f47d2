"""OLAP: the DuckDB warehouse's tables and how raw partitions are loaded into them.

``connection`` opens DuckDB and writes atomically (``transaction``); ``tables`` declares every table
and how raw fields are typed (from the raw schemas); ``load`` replaces a day or the plan catalog;
``queries`` answers the checks and the readers (rows per day, duplicate keys, missing tables).
"""

from .connection import WarehouseLocked, connect, transaction
from .load import (
    LoadError,
    PseudonymKeyMismatch,
    explain_load_error,
    load_partition,
    replace_day,
    replace_plan_benefits,
)
from .queries import duplicate_keys, missing_tables, partition_rows, table_columns, table_row_count
from .tables import SCHEMA, SOURCE_TABLES, TABLES, Table, ensure_tables, read_columns

__all__ = [
    "SCHEMA",
    "SOURCE_TABLES",
    "TABLES",
    "LoadError",
    "PseudonymKeyMismatch",
    "Table",
    "WarehouseLocked",
    "connect",
    "duplicate_keys",
    "ensure_tables",
    "explain_load_error",
    "load_partition",
    "missing_tables",
    "partition_rows",
    "read_columns",
    "replace_day",
    "replace_plan_benefits",
    "table_columns",
    "table_row_count",
    "transaction",
]
