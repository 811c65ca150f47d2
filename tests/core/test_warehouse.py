"""Raw lines -> DuckDB: exact partition replacement and the PII boundary (no dagster)."""

import uuid
from pathlib import Path

import duckdb
import orjson
import pytest

from lifecycle_core.pii.pseudonym import Pseudonymizer
from lifecycle_core.store import gzip_lines
from lifecycle_core.warehouse import connect, duplicate_keys, load_partition, partition_rows, replace_plan_benefits
from tests.core.test_ingest import claim

PSEUDONYMIZER = Pseudonymizer(b"test-key-0123456789abcdef")
MEMBER = {
    "member_id": "HM000000042",
    "first_name": "Grace",
    "last_name": "Hopper",
    "date_of_birth": "1961-12-09",
    "sex": "F",
    "ssn": "123-45-6789",
    "phone": "(555) 201-3344",
    "email": "grace@example.com",
    "street": "12 Maple Ave",
    "city": "Springfield",
    "state": "IL",
    "zip": "62704",
    "plan_id": "PLN-SILVER-PPO",
    "coverage_start": "2025-01-01",
    "updated_at": "2026-03-02T08:00:00Z",
}


@pytest.fixture(autouse=True)
def _parts_dir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def parts(*records, size=2):
    """Records as gzip JSONL part files, `size` records each, like raw partitions."""
    encoded = [orjson.dumps(r) for r in records]
    files = []
    for i in range(0, len(encoded), size):
        path = Path(f"part-{uuid.uuid4().hex}.jsonl.gz")
        path.write_bytes(gzip_lines(encoded[i : i + size]))
        files.append(path)
    return files


@pytest.fixture
def con(tmp_path):
    with connect(str(tmp_path / "wh.duckdb")) as connection:
        yield connection


def test_reload_replaces_the_partition_exactly(con):
    claims = [claim(i) for i in range(5)]
    assert load_partition(con, "claims", "2026-03-02", parts(*claims), PSEUDONYMIZER) == {"claims": 5}
    load_partition(con, "claims", "2026-03-03", parts(claim(10)), PSEUDONYMIZER)
    load_partition(con, "claims", "2026-03-02", parts(*claims), PSEUDONYMIZER)
    assert partition_rows(con, "claims", ["2026-03-02", "2026-03-03", "2026-03-04"]) == {
        "2026-03-02": 5,
        "2026-03-03": 1,
        "2026-03-04": 0,
    }
    assert duplicate_keys(con, "claims") == (0, [])
    amount = con.execute("SELECT sum(paid_amount) FROM warehouse.claims").fetchone()[0]
    assert str(amount) == "480.00"  # decimals, not float sums


def test_failed_load_keeps_the_previous_copy(con, tmp_path):
    load_partition(con, "claims", "2026-03-02", parts(claim(1), claim(2)), PSEUDONYMIZER)
    corrupt = tmp_path / "corrupt.jsonl.gz"
    corrupt.write_bytes(gzip_lines([orjson.dumps(claim(3))])[:-12])  # cut off: the read fails mid-load
    with pytest.raises(duckdb.Error):
        load_partition(con, "claims", "2026-03-02", [*parts(claim(3)), corrupt], PSEUDONYMIZER)
    ids = [r[0] for r in con.execute("SELECT claim_id FROM warehouse.claims ORDER BY 1").fetchall()]
    assert ids == ["CLM0000000001", "CLM0000000002"]


def test_sql_pseudonyms_equal_python_hmac(tmp_path):
    long_key = Pseudonymizer(b"k" * 100)  # keys longer than the HMAC block are hashed first
    for index, pseudonymizer in enumerate((PSEUDONYMIZER, long_key)):
        with connect(str(tmp_path / f"wh-{index}.duckdb")) as con:  # one warehouse per key
            load_partition(con, "claims", "2026-03-02", parts(claim(1, member_id="HM123456789")), pseudonymizer)
            stored = con.execute("SELECT member_key FROM warehouse.claims").fetchone()[0]
        assert stored == pseudonymizer.member_key("HM123456789")


def test_direct_identifiers_only_in_member_pii(con):
    load_partition(con, "members", "2026-03-02", parts(MEMBER), PSEUDONYMIZER)
    members = con.execute("SELECT * FROM warehouse.members").fetchall()
    flat = " ".join(map(str, members[0]))
    for identifier in (
        "HM000000042",
        "Grace",
        "Hopper",
        "123-45-6789",
        "555",
        "grace@",
        "Maple",
        "62704",
        "1961-12-09",
    ):
        assert identifier not in flat
    key = PSEUDONYMIZER.member_key("HM000000042")
    assert con.execute("SELECT member_key, birth_year, zip3 FROM warehouse.members").fetchone() == (key, 1961, "627")
    assert con.execute("SELECT member_id, ssn FROM warehouse.member_pii WHERE member_key = ?", [key]).fetchone() == (
        "HM000000042",
        "123-45-6789",
    )
    load_partition(con, "claims", "2026-03-02", parts(claim(1, member_id="HM000000042")), PSEUDONYMIZER)
    assert con.execute("SELECT member_key FROM warehouse.claims").fetchone()[0] == key


def test_plan_benefits_replaced_whole(con):
    plan = {
        "plan_id": "PLN-1",
        "plan_name": "Silver PPO 2026",
        "plan_type": "PPO",
        "metal_tier": "Silver",
        "plan_year": 2026,
        "deductible_individual": 2500.0,
        "deductible_family": 5000.0,
        "oop_max_individual": 8000.0,
        "oop_max_family": 16000.0,
        "coinsurance": 0.2,
        "copays": {"primary_care": 30.0, "specialist": 60.0},
        "covered_services": ["MRI"],
        "prior_auth_required": ["MRI"],
        "document_text": "Summary of Benefits",
        "effective_date": "2026-01-01",
    }
    assert replace_plan_benefits(con, [plan, {**plan, "plan_id": "PLN-2"}], "v1") == 2
    assert replace_plan_benefits(con, [plan], "v2") == 1
    row = con.execute("SELECT plan_id, copays['specialist'], version FROM warehouse.plan_benefits").fetchall()
    assert row == [("PLN-1", 60.0, "v2")]
