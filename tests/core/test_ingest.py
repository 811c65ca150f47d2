"""Landing -> raw: validation, quarantine, idempotent re-runs (no dagster)."""

import gzip

import orjson
import pytest

from lifecycle_core.raw import layout
from lifecycle_core.raw.ingest import ingest_partition
from lifecycle_core.raw.landing import NoLandingData, complete_days, write_drop
from lifecycle_core.raw.parts import iter_raw_parts, read_manifest
from lifecycle_core.raw.schemas import CLAIMS, CONVERSATIONS, validate
from lifecycle_core.store import LocalObjectStore

DAY = "2026-03-02"


def claim(i: int, **overrides) -> dict:
    record = {
        "claim_id": f"CLM{i:010d}",
        "member_id": "HM000000001",
        "plan_id": "PLN-SILVER-PPO",
        "provider_npi": "1234567893",
        "service_date": "2026-02-27",
        "received_date": "2026-03-01",
        "cpt_code": "99213",
        "icd10_code": "E11.9",
        "billed_amount": 180.0,
        "allowed_amount": 120.0,
        "paid_amount": 80.0,
        "member_responsibility": 40.0,
        "status": "paid",
        "denial_reason": None,
        "submitted_at": "2026-03-01T10:00:00Z",
    }
    record.update(overrides)
    return record


def lines(*records) -> list[bytes]:
    return [r if isinstance(r, bytes) else orjson.dumps(r) for r in records]


@pytest.fixture
def store(tmp_path):
    return LocalObjectStore(tmp_path / "store")


@pytest.mark.parametrize(
    "overrides, reason",
    [
        ({"billed_amount": "180.00 USD"}, "mistyped field billed_amount"),
        ({"service_date": "2026-02-30"}, "invalid date in service_date"),
        ({"service_date": "2026-03-05"}, "service_date after received_date"),
        ({"status": "lost"}, "invalid value in status"),
        ({"status": "denied", "denial_reason": None}, "denied claim without denial_reason"),
        ({"paid_amount": True}, "mistyped field paid_amount"),
        ({"claim_id": "C-1"}, "invalid format in claim_id"),
    ],
)
def test_validation_names_the_reason(overrides, reason):
    assert validate(CLAIMS, claim(1, **overrides)).startswith(reason)


def test_missing_field_and_valid_record():
    record = claim(1)
    assert validate(CLAIMS, record) is None
    del record["cpt_code"]
    assert validate(CLAIMS, record) == "missing field cpt_code"
    assert validate(CLAIMS, [1, 2]) == "not a JSON object"


def test_conversation_messages_are_checked():
    conversation = {
        "conversation_id": "CONV-0123456789ab",
        "member_id": "HM000000001",
        "channel": "chat",
        "topic": "benefits",
        "started_at": "2026-03-02T09:00:00Z",
        "resolved": True,
        "csat": 5,
        "agent_id": "AG0001",
        "messages": [{"role": "member", "text": "hi", "ts": "2026-03-02T09:00:00Z"}],
    }
    assert validate(CONVERSATIONS, conversation) is None
    conversation["messages"][0]["role"] = "bot"
    assert validate(CONVERSATIONS, conversation) == "mistyped field messages: expected messages"


def test_ingest_keeps_valid_quarantines_bad_with_reasons(store):
    drop = lines(claim(1), claim(2, status="lost"), b'{"claim_id": "CLM00', claim(3), claim(1))
    write_drop(store, "claims", DAY, drop)
    manifest = ingest_partition(store, "claims", DAY)
    assert (manifest.landing_records, manifest.valid, manifest.quarantined) == (5, 2, 3)
    assert manifest.reasons == {"duplicate key": 1, "invalid value in status": 1, "malformed JSON": 1}
    kept = [orjson.loads(line)["claim_id"] for part in iter_raw_parts(store, manifest) for line in part]
    assert kept == ["CLM0000000001", "CLM0000000003"]
    quarantined = [
        orjson.loads(line)
        for key in manifest.quarantine_parts
        for line in gzip.decompress(store.get_bytes(key)).splitlines()
    ]
    assert {q["reason"].split(":")[0] for q in quarantined} == set(manifest.reasons)
    assert quarantined[1]["line"] == '{"claim_id": "CLM00'  # the original bytes are kept for replay
    assert orjson.loads(quarantined[2]["line"]) == claim(1)  # the second copy of a key; the first was kept
    assert read_manifest(store, "claims", DAY) == manifest


def test_incomplete_drop_is_not_ingested(store):
    store.put_bytes(layout.landing_prefix("claims", DAY) + "part-00000.jsonl.gz", gzip.compress(b"{}\n"))
    with pytest.raises(NoLandingData, match="_SUCCESS"):
        ingest_partition(store, "claims", DAY)
    assert complete_days(store, "claims") == []
    write_drop(store, "claims", "2026-03-01", [])
    assert complete_days(store, "claims") == ["2026-03-01"]


def test_duplicates_across_parts_first_wins(store):
    drop = [claim(i) for i in range(7)] + [claim(2, paid_amount=1.0), claim(6, paid_amount=2.0)]
    write_drop(store, "claims", DAY, lines(*drop))
    manifest = ingest_partition(store, "claims", DAY, part_size=3)
    assert manifest.reasons == {"duplicate key": 2}
    kept = [orjson.loads(line) for part in iter_raw_parts(store, manifest) for line in part]
    assert [k["claim_id"] for k in kept] == [f"CLM{i:010d}" for i in range(7)]
    assert [k["paid_amount"] for k in kept] == [80.0] * 7
