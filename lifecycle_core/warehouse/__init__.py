"""OLAP: the DuckDB warehouse's tables and how raw partitions are loaded into them."""
