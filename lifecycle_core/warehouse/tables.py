"""Raw partner lines -> warehouse rows: the table definitions and the SQL each table is loaded with.

Member identifiers become keyed pseudonyms everywhere; the direct identifiers go to
`member_pii` only, which only the PII scrubber of `finetune/dataset` reads (to know what to remove).
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA = "warehouse"


@dataclass(frozen=True)
class Table:
    name: str
    ddl: str  # column definitions
    unique_key: tuple[str, ...]
    partitioned: bool = True

    @property
    def qualified(self) -> str:
        return f"{SCHEMA}.{self.name}"


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
            partitioned=False,
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

# How DuckDB's JSON reader types each raw field (the records were validated on the way into raw).
READ_COLUMNS: dict[str, dict[str, str]] = {
    "members": {
        **dict.fromkeys("member_id first_name last_name sex ssn phone email street city state zip plan_id".split(), "VARCHAR"),
        "date_of_birth": "DATE", "coverage_start": "DATE", "updated_at": "TIMESTAMPTZ",
    },
    "claims": {
        **dict.fromkeys("claim_id member_id plan_id provider_npi cpt_code icd10_code status denial_reason".split(), "VARCHAR"),
        **dict.fromkeys("billed_amount allowed_amount paid_amount member_responsibility".split(), "DECIMAL(12,2)"),
        "service_date": "DATE", "received_date": "DATE", "submitted_at": "TIMESTAMPTZ",
    },
    "conversations": {
        **dict.fromkeys("conversation_id member_id channel topic agent_id".split(), "VARCHAR"),
        "started_at": "TIMESTAMPTZ", "resolved": "BOOLEAN", "csat": "INTEGER",
        "messages": "STRUCT(role VARCHAR, text VARCHAR, ts VARCHAR)[]",
    },
    "providers": {
        **dict.fromkeys("npi provider_name specialty street city state zip phone".split(), "VARCHAR"),
        "accepting_new_patients": "BOOLEAN", "network_plan_ids": "VARCHAR[]", "updated_at": "TIMESTAMPTZ",
    },
}

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
PSEUDONYMIZED = frozenset({"members", "claims", "conversations"})
