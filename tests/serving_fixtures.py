"""A tiny real warehouse of three members and the serving store built from it, for gateway tests.

The members are loaded through the warehouse's own loader (pseudonyms and all) and the store through
``build_member_store``, so a test sees exactly what the gateway sees in production, only smaller.
As a plugin (``pytest_plugins = ["tests.serving_fixtures"]``) it gives each module ``serving`` and
``guards`` (the real guardrails, with the session's trained classifier and this store's roster).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import orjson
import pytest

from lifecycle_core.feed.config import FeedConfig
from lifecycle_core.feed.plans import plan_documents
from lifecycle_core.pii.pseudonym import Pseudonymizer
from lifecycle_core.serving.guardrails import default_guardrails
from lifecycle_core.serving.member_store import MemberStore, build_member_store
from lifecycle_core.store import gzip_lines
from lifecycle_core.warehouse import connect, load_partition, replace_plan_benefits

PSEUDONYMIZER = Pseudonymizer(b"serving-fixture-key-0123456789")
DAY = "2026-03-02"


@dataclass(frozen=True)
class Member:
    member_id: str
    first_name: str
    last_name: str
    phone: str
    email: str
    street: str
    plan_id: str
    claims: tuple[str, ...]

    @property
    def key(self) -> str:
        return PSEUDONYMIZER.member_key(self.member_id)

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def identifiers(self) -> list[str]:
        """What must never reach another member: the ways a person is named or numbered."""
        return [self.member_id, self.name, self.last_name, self.phone, self.email, self.street, *self.claims]


def members(plans: list[dict]) -> list[Member]:
    a, b = plans[0]["plan_id"], plans[1]["plan_id"]
    return [
        Member(
            "HM004400001",
            "Rosalind",
            "Whitcombe",
            "(312) 555-0141",
            "rosalind.w@example.com",
            "48 Larkspur Lane",
            a,
            ("CLM2200000101", "CLM2200000102"),
        ),
        Member(
            "HM004400002",
            "Thaddeus",
            "Okonkwo",
            "(773) 555-0199",
            "t.okonkwo@example.net",
            "907 Birchwood Court",
            b,
            ("CLM2200000201", "CLM2200000202", "CLM2200000203"),
        ),
        Member(
            "HM004400003",
            "Marisol",
            "Quintero",
            "(708) 555-0123",
            "marisol.q@example.org",
            "15 Harbor View Road",
            a,
            ("CLM2200000301",),
        ),
    ]


def _parts(folder: Path, records: list[dict]) -> list[Path]:
    path = folder / f"part-{uuid.uuid4().hex}.jsonl.gz"
    path.write_bytes(gzip_lines([orjson.dumps(r) for r in records]))
    return [path]


def _member_record(m: Member) -> dict:
    return {
        "member_id": m.member_id,
        "first_name": m.first_name,
        "last_name": m.last_name,
        "date_of_birth": "1980-05-17",
        "sex": "F",
        "ssn": "219-09-9999",
        "phone": m.phone,
        "email": m.email,
        "street": m.street,
        "city": "Chicago",
        "state": "IL",
        "zip": "60614",
        "plan_id": m.plan_id,
        "coverage_start": "2025-01-01",
        "updated_at": "2026-03-02T08:00:00Z",
    }


def _claim_record(m: Member, claim_id: str, n: int) -> dict:
    denied = n % 2 == 1
    return {
        "claim_id": claim_id,
        "member_id": m.member_id,
        "plan_id": m.plan_id,
        "provider_npi": "1234567893",
        "service_date": f"2026-02-{10 + n:02d}",
        "received_date": f"2026-02-{12 + n:02d}",
        "cpt_code": "99213",
        "icd10_code": "E11.9",
        "billed_amount": 180.0 + n,
        "allowed_amount": 120.0,
        "paid_amount": 0 if denied else 80.0,
        "member_responsibility": 120.0 if denied else 40.0,
        "status": "denied" if denied else "paid",
        "denial_reason": "prior authorization required" if denied else None,
        "submitted_at": "2026-02-12T10:00:00Z",
    }


@dataclass(frozen=True)
class ServingFixture:
    store: MemberStore
    members: list[Member]
    plans: dict[str, dict]


def build_serving_fixture(folder: Path) -> ServingFixture:
    folder.mkdir(parents=True, exist_ok=True)
    plans = plan_documents(FeedConfig(), date(2026, 3, 1))
    people = members(plans)
    with connect(str(folder / "lifecycle.duckdb")) as con:
        replace_plan_benefits(con, plans, "fixture")
        load_partition(con, "members", DAY, _parts(folder, [_member_record(m) for m in people]), PSEUDONYMIZER)
        claims = [_claim_record(m, c, n) for m in people for n, c in enumerate(m.claims)]
        load_partition(con, "claims", DAY, _parts(folder, claims), PSEUDONYMIZER)
        built = build_member_store(con, folder / "members.sqlite")
    return ServingFixture(MemberStore(built.path), people, {p["plan_id"]: p for p in plans})


@pytest.fixture(scope="module")
def serving(tmp_path_factory):
    return build_serving_fixture(tmp_path_factory.mktemp("serving"))


@pytest.fixture(scope="module")
def guards(guardrail_model, serving):
    return default_guardrails(guardrail_model, serving.store.roster())


__all__ = ["DAY", "Member", "ServingFixture", "build_serving_fixture", "guards", "serving"]
