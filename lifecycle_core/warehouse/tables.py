"""Raw partner lines -> warehouse rows: the table definitions and the SQL each table is loaded with.

Member identifiers become keyed pseudonyms everywhere; the direct identifiers go to
`member_pii` only, which only the PII scrubber of `finetune/dataset` reads (to know what to remove).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import duckdb

from lifecycle_core.raw.schemas import SCHEMAS

SCHEMA = "warehouse"


@dataclass(frozen=True)
class Table:
    name: str
    ddl: str  # column definitions
    unique_key: tuple[str, ...]

    @property
    def qualified(self) -> str:
        return f"{SCHEMA}.{self.name}"

    @property
    def has_partitions(self) -> bool:
        return self.ddl.startswith("partition_date ")


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "members",
            "partition_date DATE, member_key VARCHAR, plan_id VARCHAR, birth_year INTEGER, sex VARCHAR,"
            " state VARCHAR, zip3 VARCHAR, coverage_start DATE, updated_at TIMESTAMPTZ",
            ("partition_date", "member_key"),
        ),
        Table(
            "member_pii",
            "partition_date DATE, member_key VARCHAR, member_id VARCHAR, first_name VARCHAR, last_name VARCHAR,"
            " date_of_birth DATE, ssn VARCHAR, phone VARCHAR, email VARCHAR, street VARCHAR, city VARCHAR,"
            " state VARCHAR, zip VARCHAR",
            ("partition_date", "member_key"),
        ),
        Table(
            "claims",
            "partition_date DATE, claim_id VARCHAR, member_key VARCHAR, plan_id VARCHAR, provider_npi VARCHAR,"
            " service_date DATE, received_date DATE, cpt_code VARCHAR, icd10_code VARCHAR,"
            " billed_amount DECIMAL(12,2), allowed_amount DECIMAL(12,2), paid_amount DECIMAL(12,2),"
            " member_responsibility DECIMAL(12,2), status VARCHAR, denial_reason VARCHAR, submitted_at TIMESTAMPTZ",
            ("claim_id",),
        ),
        Table(
            "conversations",
            "partition_date DATE, conversation_id VARCHAR, member_key VARCHAR, channel VARCHAR, topic VARCHAR,"
            " started_at TIMESTAMPTZ, resolved BOOLEAN, csat INTEGER, agent_id VARCHAR, n_messages INTEGER,"
            " messages STRUCT(role VARCHAR, text VARCHAR, ts VARCHAR)[]",
            ("conversation_id",),
        ),
        Table(
            "providers",
            "partition_date DATE, npi VARCHAR, provider_name VARCHAR, specialty VARCHAR, street VARCHAR,"
            " city VARCHAR, state VARCHAR, zip VARCHAR, phone VARCHAR, accepting_new_patients BOOLEAN,"
            " network_plan_ids VARCHAR[], updated_at TIMESTAMPTZ",
            ("partition_date", "npi"),
        ),
        Table(
            "plan_benefits",
            "plan_id VARCHAR, plan_name VARCHAR, plan_type VARCHAR, metal_tier VARCHAR, plan_year INTEGER,"
            " deductible_individual DECIMAL(12,2), deductible_family DECIMAL(12,2),"
            " oop_max_individual DECIMAL(12,2), oop_max_family DECIMAL(12,2), coinsurance DOUBLE,"
            " copays MAP(VARCHAR, DOUBLE), covered_services VARCHAR[], prior_auth_required VARCHAR[],"
            " document_text VARCHAR, effective_date DATE, version VARCHAR",
            ("plan_id",),
        ),
    )
}

# The tables each raw source feeds.
SOURCE_TABLES: dict[str, tuple[str, ...]] = {
    "members": ("members", "member_pii"),
    "claims": ("claims",),
    "conversations": ("conversations",),
    "providers": ("providers",),
    "plan_documents": ("plan_benefits",),
}

# How DuckDB's JSON reader types each kind of raw field (the records were validated on the way into raw).
SQL_TYPES: dict[str, str] = {
    "str": "VARCHAR",
    "int": "INTEGER",
    "float": "DOUBLE",
    "money": "DECIMAL(12,2)",
    "bool": "BOOLEAN",
    "date": "DATE",
    "datetime": "TIMESTAMPTZ",
    "list_str": "VARCHAR[]",
    "dict_float": "MAP(VARCHAR, DOUBLE)",
    "messages": "STRUCT(role VARCHAR, text VARCHAR, ts VARCHAR)[]",
}


def read_columns(source: str) -> dict[str, str]:
    """The raw fields of `source` as DuckDB types, straight from the declared schema."""
    return {spec.name: SQL_TYPES[spec.kind] for spec in SCHEMAS[source].fields}


# The SELECT each table is loaded with, over the raw part (`incoming`) joined to the pseudonyms
# (`member_keys`). Direct identifiers appear only in member_pii's select list.
SELECTS: dict[str, str] = {
    "members": "member_key, plan_id, year(date_of_birth)::INTEGER AS birth_year, sex, state,"
    " left(zip, 3) AS zip3, coverage_start, updated_at",
    "member_pii": "member_key, member_id, first_name, last_name, date_of_birth, ssn, phone, email, street, city,"
    " state, zip",
    "claims": "* EXCLUDE (member_id)",
    "conversations": "* EXCLUDE (member_id), len(messages)::INTEGER AS n_messages",
    "providers": "*",
}


def ensure_tables(con: duckdb.DuckDBPyConnection, names: Iterable[str] | None = None) -> None:
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    for name in names or TABLES:
        con.execute(f"CREATE TABLE IF NOT EXISTS {TABLES[name].qualified} ({TABLES[name].ddl})")
