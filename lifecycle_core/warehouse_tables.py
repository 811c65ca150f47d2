"""Raw partner lines -> warehouse rows: the table definitions and the transform for each source.

Member identifiers become keyed pseudonyms everywhere; the direct identifiers go to
`member_pii` only, which no training code reads.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from lifecycle_core.pseudonym import Pseudonymizer

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

_S = pl.String
READ_SCHEMAS: dict[str, dict] = {
    "members": {n: _S for n in ("member_id first_name last_name date_of_birth sex ssn phone email street city state zip plan_id coverage_start updated_at".split())},
    "claims": {
        **{n: _S for n in "claim_id member_id plan_id provider_npi service_date received_date cpt_code icd10_code status denial_reason submitted_at".split()},
        **{n: pl.Float64 for n in "billed_amount allowed_amount paid_amount member_responsibility".split()},
    },
    "conversations": {
        **{n: _S for n in "conversation_id member_id channel topic started_at agent_id".split()},
        "resolved": pl.Boolean,
        "csat": pl.Int64,
        "messages": pl.List(pl.Struct({"role": _S, "text": _S, "ts": _S})),
    },
    "providers": {
        **{n: _S for n in "npi provider_name specialty street city state zip phone updated_at".split()},
        "accepting_new_patients": pl.Boolean,
        "network_plan_ids": pl.List(_S),
    },
}


def read_lines(source: str, lines: list[bytes]) -> pl.DataFrame:
    """Parse validated JSONL lines with the declared column types (Rust JSON reader, no Python loop)."""
    buffer = io.BytesIO(b"\n".join(lines))
    return pl.read_ndjson(buffer, schema=READ_SCHEMAS[source]) if lines else pl.DataFrame(schema=READ_SCHEMAS[source])


def _pseudonymize(frame: pl.DataFrame, pseudonymizer: Pseudonymizer) -> pl.Expr:
    # One HMAC per distinct member, not per row.
    ids = frame.get_column("member_id").unique().to_list()
    mapping = {member_id: pseudonymizer.member_key(member_id) for member_id in ids}
    return pl.col("member_id").replace_strict(mapping, return_dtype=pl.String).alias("member_key")


def _timestamp(name: str) -> pl.Expr:
    return pl.col(name).str.to_datetime(time_zone="UTC")


def _date(name: str) -> pl.Expr:
    return pl.col(name).str.to_date("%Y-%m-%d")


def members(frame: pl.DataFrame, pseudonymizer: Pseudonymizer) -> dict[str, pl.DataFrame]:
    keyed = frame.with_columns(_pseudonymize(frame, pseudonymizer))
    generalized = keyed.select(
        "member_key",
        "plan_id",
        _date("date_of_birth").dt.year().cast(pl.Int32).alias("birth_year"),
        "sex",
        "state",
        pl.col("zip").str.slice(0, 3).alias("zip3"),
        _date("coverage_start"),
        _timestamp("updated_at"),
    )
    pii = keyed.select(
        "member_key", "member_id", "first_name", "last_name", _date("date_of_birth"),
        "ssn", "phone", "email", "street", "city", "state", "zip",
    )
    return {"members": generalized, "member_pii": pii}


def claims(frame: pl.DataFrame, pseudonymizer: Pseudonymizer) -> dict[str, pl.DataFrame]:
    return {
        "claims": frame.with_columns(
            _pseudonymize(frame, pseudonymizer), _date("service_date"), _date("received_date"), _timestamp("submitted_at")
        ).drop("member_id")
    }


def conversations(frame: pl.DataFrame, pseudonymizer: Pseudonymizer) -> dict[str, pl.DataFrame]:
    return {
        "conversations": frame.with_columns(
            _pseudonymize(frame, pseudonymizer),
            _timestamp("started_at"),
            pl.col("messages").list.len().cast(pl.Int32).alias("n_messages"),
        ).drop("member_id")
    }


def providers(frame: pl.DataFrame, pseudonymizer: Pseudonymizer) -> dict[str, pl.DataFrame]:
    return {"providers": frame.with_columns(_timestamp("updated_at"))}


TRANSFORMS: dict[str, Callable[[pl.DataFrame, Pseudonymizer], dict[str, pl.DataFrame]]] = {
    "members": members,
    "claims": claims,
    "conversations": conversations,
    "providers": providers,
}
