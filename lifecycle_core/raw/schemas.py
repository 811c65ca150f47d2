"""Declared schemas of the partner feed: one record validator per source.

A record is valid when every field is present, of its declared type and within its declared
domain, and the cross-field rules hold. Validation returns the first reason a record fails, so a
quarantined line always says why. The formats are the ones the warehouse reads (DuckDB's JSON
reader), not what Python happens to accept: whole-string patterns, `YYYY-MM-DD` dates (no ISO week
dates), timestamps with seconds and an optional offset, and records of at most MAX_RECORD_BYTES.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # str | int | float | money | bool | date | datetime | list_str | dict_float | messages
    nullable: bool = False
    choices: frozenset[str] | None = None
    pattern: re.Pattern[str] | None = None
    min_value: float | None = None
    max_value: float | None = None


# DuckDB's read_json refuses larger objects (maximum_object_size); the warehouse reads with this limit.
MAX_RECORD_BYTES = 16 << 20


@dataclass(frozen=True)
class Schema:
    source: str
    key: tuple[str, ...]
    fields: tuple[Field, ...]
    rules: tuple[tuple[str, Callable[[dict], bool]], ...] = field(default=())
    # The date that places a record in a daily partition: "same" = that day only; "on_or_before" =
    # that day or earlier (a day's claims file carries claims received in the weeks before).
    day_field: str | None = None
    day_rule: str = "same"
    # Within a day, of two records with one key the one with the newest value here wins.
    version_field: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# What both DuckDB's TIMESTAMPTZ and Python read the same way; Python alone also takes week dates
# and basic formats ("20260301T100000") that DuckDB refuses.
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)?")


def parse_date(value: object) -> date | None:
    if type(value) is not str or not _ISO_DATE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def parse_datetime(value: object) -> datetime | None:
    if type(value) is not str:
        return None
    # `YYYY-MM-DDTHH:MM:SSZ`, what nearly every record carries, is told apart without the regex (hot path).
    common = len(value) == 20 and value[19] == "Z" and value[10] == "T" and value[4] == value[7] == "-"
    if not (common and value[13] == value[16] == ":") and not _ISO_DATETIME.fullmatch(value):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def day_of(value: object) -> date | None:
    """The calendar day (UTC for timestamps with an offset) of a date or timestamp value."""
    if (day := parse_date(value)) is not None:
        return day
    moment = parse_datetime(value)
    if moment is None:
        return None
    return (moment.astimezone(UTC) if moment.tzinfo else moment).date()


# Type predicates on parsed JSON values. `type(v) is` rather than isinstance: JSON decoders make
# exact types, and it keeps bool (an int subclass in Python) from passing as a number.
ROLES = frozenset({"member", "agent"})


def _is_messages(value: object) -> bool:
    if type(value) is not list or not value:
        return False
    for message in value:
        if type(message) is not dict or message.get("role") not in ROLES or type(message.get("text")) is not str:
            return False
        if parse_datetime(message.get("ts")) is None:
            return False
    return True


KIND_CHECKS: dict[str, Callable[[object], bool]] = {
    "str": lambda v: type(v) is str and v != "",
    "int": lambda v: type(v) is int,
    "float": lambda v: type(v) is float or type(v) is int,
    "money": lambda v: type(v) is float or type(v) is int,  # a float to validate; exact decimals in the warehouse
    "bool": lambda v: type(v) is bool,
    "list_str": lambda v: type(v) is list and all(type(x) is str for x in v),
    "dict_float": lambda v: type(v) is dict and all(type(x) is float or type(x) is int for x in v.values()),
    "messages": _is_messages,
}


def _field_checker(spec: Field) -> Callable[[object], str | None]:
    """One closure per field, built once per schema: validation runs millions of times a day."""
    name, kind = spec.name, spec.kind
    if kind == "date":
        type_ok = lambda v: parse_date(v) is not None
        type_reason = lambda v: f"invalid date in {name}: {v!r}"[:160]
    elif kind == "datetime":
        type_ok = lambda v: parse_datetime(v) is not None
        type_reason = lambda v: f"invalid datetime in {name}: {v!r}"[:160]
    elif kind in KIND_CHECKS:
        type_ok = KIND_CHECKS[kind]
        type_reason = lambda v: f"mistyped field {name}: expected {kind}"
    else:
        raise ValueError(f"unknown field kind {kind!r} for {name}")
    choices, pattern, low, high = spec.choices, spec.pattern, spec.min_value, spec.max_value

    def check(value: object) -> str | None:
        if not type_ok(value):
            return type_reason(value)
        if choices is not None and value not in choices:
            return f"invalid value in {name}: {str(value)[:40]!r}"
        if pattern is not None and not pattern.fullmatch(value):  # match() lets a trailing newline through
            return f"invalid format in {name}"
        if (low is not None and value < low) or (high is not None and value > high):
            return f"out of range {name}: {value}"
        return None

    return check


def _compile(schema: Schema) -> tuple[tuple[str, bool, Callable[[object], str | None]], ...]:
    compiled = schema.__dict__.get("_compiled")
    if compiled is None:
        compiled = tuple((f.name, f.nullable, _field_checker(f)) for f in schema.fields)
        object.__setattr__(schema, "_compiled", compiled)
    return compiled


def validate(schema: Schema, record: object) -> str | None:
    """None if the record conforms to the schema, else the first reason it does not."""
    if type(record) is not dict:
        return "not a JSON object"
    for name, nullable, check in _compile(schema):
        if name not in record:
            return f"missing field {name}"
        value = record[name]
        if value is None:
            if nullable:
                continue
            return f"null field {name}"
        reason = check(value)
        if reason is not None:
            return reason
    for reason, rule in schema.rules:
        if not rule(record):
            return reason
    return None


def _day(record: dict, name: str) -> date:
    return date.fromisoformat(record[name])


# The specialties in the partner's directory contract; placeholders ("Unknown", "N/A") are refused.
PROVIDER_SPECIALTIES = frozenset(
    {
        "Family Medicine",
        "Cardiology",
        "Dermatology",
        "Orthopedic Surgery",
        "Psychiatry",
        "Physical Therapy",
        "Radiology",
        "Endocrinology",
        "Gastroenterology",
        "Pediatrics",
        "Internal Medicine",
        "Obstetrics and Gynecology",
        "Neurology",
        "Oncology",
        "Ophthalmology",
        "Urology",
        "Pulmonology",
        "Nephrology",
        "Rheumatology",
        "Allergy and Immunology",
        "Emergency Medicine",
        "General Surgery",
        "Behavioral Health",
        "Urgent Care",
    }
)
AMOUNT = {"kind": "money", "min_value": 0.0, "max_value": 10_000_000.0}
US_STATE = re.compile(r"^[A-Z]{2}$")
ZIP = re.compile(r"^\d{5}$")
NPI = re.compile(r"^\d{10}$")

MEMBERS = Schema(
    source="members",
    key=("member_id",),
    fields=(
        Field("member_id", "str", pattern=re.compile(r"^HM\d{9}$")),
        Field("first_name", "str"),
        Field("last_name", "str"),
        Field("date_of_birth", "date"),
        Field("sex", "str", choices=frozenset({"F", "M", "X"})),
        Field("ssn", "str", pattern=re.compile(r"^\d{3}-\d{2}-\d{4}$")),
        Field("phone", "str"),
        Field("email", "str", pattern=re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")),
        Field("street", "str"),
        Field("city", "str"),
        Field("state", "str", pattern=US_STATE),
        Field("zip", "str", pattern=ZIP),
        Field("plan_id", "str"),
        Field("coverage_start", "date"),
        Field("updated_at", "datetime"),
    ),
    rules=(
        ("date_of_birth after coverage_start", lambda r: _day(r, "date_of_birth") <= _day(r, "coverage_start")),
        ("date_of_birth before 1900", lambda r: _day(r, "date_of_birth") >= date(1900, 1, 1)),
        ("date_of_birth in the future", lambda r: _day(r, "date_of_birth") <= parse_datetime(r["updated_at"]).date()),
    ),
    day_field="updated_at",
    version_field="updated_at",  # a member's newest eligibility record of the day is the one that counts
)

CLAIMS = Schema(
    source="claims",
    key=("claim_id",),
    fields=(
        Field("claim_id", "str", pattern=re.compile(r"^CLM\d{10}$")),
        Field("member_id", "str", pattern=re.compile(r"^HM\d{9}$")),
        Field("plan_id", "str"),
        Field("provider_npi", "str", pattern=NPI),
        Field("service_date", "date"),
        Field("received_date", "date"),
        Field("cpt_code", "str", pattern=re.compile(r"^\d{4}[0-9A-Z]$")),
        Field("icd10_code", "str", pattern=re.compile(r"^[A-Z]\d{2}(\.[0-9A-Z]{1,4})?$")),
        Field("billed_amount", **AMOUNT),
        Field("allowed_amount", **AMOUNT),
        Field("paid_amount", **AMOUNT),
        Field("member_responsibility", **AMOUNT),
        Field("status", "str", choices=frozenset({"paid", "denied", "pending", "in_review"})),
        Field("denial_reason", "str", nullable=True),
        Field("submitted_at", "datetime"),
    ),
    rules=(
        ("service_date after received_date", lambda r: _day(r, "service_date") <= _day(r, "received_date")),
        ("allowed_amount above billed_amount", lambda r: r["allowed_amount"] <= r["billed_amount"] + 0.005),
        ("denied claim without denial_reason", lambda r: r["status"] != "denied" or bool(r["denial_reason"])),
    ),
    day_field="received_date",
    day_rule="on_or_before",
    version_field="submitted_at",
)

CONVERSATIONS = Schema(
    source="conversations",
    key=("conversation_id",),
    fields=(
        Field("conversation_id", "str", pattern=re.compile(r"^CONV-[0-9A-Za-z]{12}$")),
        Field("member_id", "str", pattern=re.compile(r"^HM\d{9}$")),
        Field("channel", "str", choices=frozenset({"chat", "phone", "email"})),
        Field(
            "topic",
            "str",
            choices=frozenset({"benefits", "claim_status", "find_provider", "prior_auth", "pharmacy", "billing"}),
        ),
        Field("started_at", "datetime"),
        Field("resolved", "bool"),
        Field("csat", "int", nullable=True, min_value=1, max_value=5),
        Field("agent_id", "str"),
        Field("messages", "messages"),
    ),
    day_field="started_at",
    version_field="started_at",
)

PROVIDERS = Schema(
    source="providers",
    key=("npi",),
    fields=(
        Field("npi", "str", pattern=NPI),
        Field("provider_name", "str"),
        Field("specialty", "str", choices=PROVIDER_SPECIALTIES),
        Field("street", "str"),
        Field("city", "str"),
        Field("state", "str", pattern=US_STATE),
        Field("zip", "str", pattern=ZIP),
        Field("phone", "str"),
        Field("accepting_new_patients", "bool"),
        Field("network_plan_ids", "list_str"),
        Field("updated_at", "datetime"),
    ),
    day_field="updated_at",
    version_field="updated_at",
)

PLAN_DOCUMENTS = Schema(
    source="plan_documents",
    key=("plan_id",),
    fields=(
        Field("plan_id", "str"),
        Field("plan_name", "str"),
        Field("plan_type", "str", choices=frozenset({"HMO", "PPO", "EPO"})),
        Field("metal_tier", "str"),
        Field("plan_year", "int", min_value=2000, max_value=2100),
        Field("deductible_individual", **AMOUNT),
        Field("deductible_family", **AMOUNT),
        Field("oop_max_individual", **AMOUNT),
        Field("oop_max_family", **AMOUNT),
        Field("coinsurance", "float", min_value=0.0, max_value=1.0),
        Field("copays", "dict_float"),
        Field("covered_services", "list_str"),
        Field("prior_auth_required", "list_str"),
        Field("document_text", "str"),
        Field("effective_date", "date"),
    ),
)

SCHEMAS: dict[str, Schema] = {s.source: s for s in (MEMBERS, CLAIMS, CONVERSATIONS, PROVIDERS, PLAN_DOCUMENTS)}
