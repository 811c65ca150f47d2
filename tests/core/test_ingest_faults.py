"""Landing -> raw under bad input and crashes: nothing is lost or corrupted without saying so (no dagster)."""

from __future__ import annotations

import gzip

import orjson
import pytest

from lifecycle_core.raw import checks, layout
from lifecycle_core.raw.ingest import ingest_partition, new_run_id, publish_partition, stage_partition
from lifecycle_core.raw.landing import write_drop
from lifecycle_core.raw.parts import iter_raw_parts, read_manifest
from lifecycle_core.raw.schemas import MAX_RECORD_BYTES
from lifecycle_core.store import LocalObjectStore, gzip_lines
from tests.core.test_ingest import claim, lines

DAY = "2026-03-02"
PREFIX = layout.landing_prefix("claims", DAY)


@pytest.fixture
def store(tmp_path):
    return LocalObjectStore(tmp_path / "store")


def drop_files(store, files: dict[str, bytes], source="claims", day=DAY) -> None:
    """A drop as a partner might really send it: any names, any bytes, `_SUCCESS` last."""
    prefix = layout.landing_prefix(source, day)
    for name, body in files.items():
        store.put_bytes(prefix + name, body)
    store.put_bytes(prefix + layout.SUCCESS_MARKER, b"")


def kept(store, manifest) -> list[dict]:
    return [orjson.loads(line) for part in iter_raw_parts(store, manifest) for line in part]


def gz(*records) -> bytes:
    return gzip_lines(lines(*records))


# --- every byte accounted for ---------------------------------------------------------------------


def test_truncated_gzip_is_quarantined_whole_with_its_counts(store):
    body = gz(*(claim(i) for i in range(120)))
    drop_files(store, {"part-00000.jsonl.gz": gz(claim(500)), "part-00001.jsonl.gz": body[: len(body) // 2]})
    manifest = ingest_partition(store, "claims", DAY)
    assert [r["claim_id"] for r in kept(store, manifest)] == ["CLM0000000500"]  # nothing of the broken file
    (broken,) = manifest.quarantined_files
    assert broken["file"] == PREFIX + "part-00001.jsonl.gz" and broken["bytes"] == len(body) // 2
    assert 0 < broken["lines_read"] < 120 and broken["reason"].startswith("unreadable landing file")
    assert store.get_bytes(broken["quarantined_as"]) == body[: len(body) // 2]  # kept whole, for replay
    assert not checks.files_read([manifest]).passed


def test_a_file_that_is_not_gzip_but_named_so_is_quarantined_whole(store):
    drop_files(store, {"part-00000.jsonl.gz": b"\n".join(lines(claim(1), claim(2)))})
    manifest = ingest_partition(store, "claims", DAY)
    assert manifest.valid == 0 and len(manifest.quarantined_files) == 1
    assert not checks.files_read([manifest]).passed


def test_an_empty_gzip_part_beside_good_ones_is_reported(store):
    drop_files(store, {"part-00000.jsonl.gz": gz(claim(1)), "part-00001.jsonl.gz": b""})
    manifest = ingest_partition(store, "claims", DAY)
    assert manifest.valid == 1
    assert [f["file"] for f in manifest.quarantined_files] == [PREFIX + "part-00001.jsonl.gz"]


def test_every_json_lines_name_is_read_and_anything_else_is_reported(store):
    drop_files(
        store,
        {
            "a.json.gz": gz(claim(1)),
            "b.ndjson": b"\n".join(lines(claim(2))),
            "C.JSONL.GZ": gz(claim(3)),
            "d.jsonl": b"\n".join(lines(claim(4))),
            "e.csv": b"claim_id\nCLM0000000005\n",
        },
    )
    manifest = ingest_partition(store, "claims", DAY)
    assert sorted(r["claim_id"] for r in kept(store, manifest)) == [f"CLM{i:010d}" for i in (1, 2, 3, 4)]
    assert manifest.file_records == {PREFIX + n: 1 for n in ("C.JSONL.GZ", "a.json.gz", "b.ndjson", "d.jsonl")}
    (csv,) = manifest.quarantined_files
    assert csv["file"] == PREFIX + "e.csv" and csv["reason"].startswith("not a JSON lines file")


def test_volume_is_checked_against_the_partner_manifest_and_the_days_before(store):
    config = checks.RawChecks()
    for day in ("2026-02-25", "2026-02-26", "2026-02-27"):
        write_drop(store, "claims", day, lines(*(claim(i, received_date="2026-02-25") for i in range(10))))
        ingest_partition(store, "claims", day)
    assert checks.volumes(store, [read_manifest(store, "claims", "2026-02-27")], config).passed

    drop_files(store, {"part-00000.jsonl.gz": gz(claim(1))}, day="2026-02-28")  # 1 record, no partner manifest
    low = ingest_partition(store, "claims", "2026-02-28")
    verdict = checks.volumes(store, [low], config)
    assert not verdict.passed and verdict.days["2026-02-28"]["expected"] == [5, 20]

    drop_files(store, {}, day="2026-03-01")  # only _SUCCESS
    empty = ingest_partition(store, "claims", "2026-03-01")
    assert not checks.volumes(store, [empty], config).passed

    prefix = layout.landing_prefix("claims", DAY)
    store.put_bytes(prefix + "part-00000.jsonl.gz", gz(*(claim(i) for i in range(8))))
    store.put_json(prefix + layout.PARTNER_MANIFEST, {"records": 10})  # the partner sent 10; 8 arrived
    store.put_bytes(prefix + layout.SUCCESS_MARKER, b"")
    short = ingest_partition(store, "claims", DAY)
    assert short.partner_records == 10
    assert checks.volumes(store, [short], config).days[DAY] == {
        "passed": False,
        "records": 8,
        "expected": 10,
        "basis": "partner manifest",
    }


def test_quarantine_rate_fails_above_the_threshold(store):
    write_drop(store, "claims", DAY, lines(claim(1), claim(2, status="lost")))
    manifest = ingest_partition(store, "claims", DAY)
    assert not checks.quarantine_rate([manifest], checks.RawChecks()).passed
    assert checks.quarantine_rate([manifest], checks.RawChecks(max_quarantine_rate=0.5)).passed


# --- what passes raw must load --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (orjson.dumps(claim(1, denial_reason="x" * (MAX_RECORD_BYTES + 1))), "record too large"),
        (orjson.dumps(claim(1))[:-1] + b',"status":"paid"}', "repeated field in JSON object"),
        (orjson.dumps(claim(1, service_date="2026-W05-2")), "invalid date in service_date"),
        (orjson.dumps(claim(1, submitted_at="20260301T100000")), "invalid datetime in submitted_at"),
        (orjson.dumps(claim(1, member_id="HM000000001\n")), "invalid format in member_id"),
        (orjson.dumps(claim(1, received_date="2026-03-09")), "record of a later day"),
    ],
)
def test_what_the_warehouse_would_refuse_is_quarantined(store, line, reason):
    write_drop(store, "claims", DAY, [orjson.dumps(claim(2)), line])
    manifest = ingest_partition(store, "claims", DAY)
    assert manifest.valid == 1 and list(manifest.reasons) == [reason], manifest.reasons


def test_a_string_holding_a_key_token_is_not_a_repeated_field(store):
    write_drop(store, "claims", DAY, lines(claim(1, denial_reason='member wrote "x": see notes')))
    assert ingest_partition(store, "claims", DAY).valid == 1


# --- right data kept ------------------------------------------------------------------------------


def conversation(conversation_id: str, started_at: str) -> dict:
    return {
        "conversation_id": conversation_id,
        "member_id": "HM000000001",
        "channel": "chat",
        "topic": "benefits",
        "started_at": started_at,
        "resolved": True,
        "csat": 5,
        "agent_id": "A1",
        "messages": [{"role": "member", "text": "hi", "ts": started_at}],
    }


def test_records_of_another_day_are_quarantined(store):
    write_drop(
        store,
        "conversations",
        DAY,
        lines(
            conversation("CONV-000000000001", f"{DAY}T09:00:00Z"),
            conversation("CONV-000000000002", "2026-03-01T09:00:00Z"),
        ),
    )
    manifest = ingest_partition(store, "conversations", DAY)
    assert manifest.valid == 1 and manifest.reasons == {"record of another day": 1}


def test_within_a_day_the_newest_version_of_a_key_wins(store):
    older, newer = (
        claim(7, submitted_at="2026-03-01T08:00:00Z", status="pending"),
        claim(7, submitted_at="2026-03-01T17:00:00Z"),
    )
    write_drop(store, "claims", DAY, lines(claim(1), newer, claim(2), older))  # the newer one came first
    manifest = ingest_partition(store, "claims", DAY, part_size=2)
    records = {r["claim_id"]: r for r in kept(store, manifest)}
    assert records["CLM0000000007"]["status"] == "paid" and manifest.reasons == {"duplicate key": 1}


def test_unknown_fields_are_dropped_and_counted(store):
    write_drop(store, "claims", DAY, lines({**claim(1), "member_ssn": "123-45-6789"}, claim(2)))
    manifest = ingest_partition(store, "claims", DAY)
    assert manifest.valid == 2 and manifest.dropped_fields == {"member_ssn": 1}
    assert all("member_ssn" not in r for r in kept(store, manifest))
    assert not checks.schema_drift([manifest]).passed


# --- crashes ----------------------------------------------------------------------------------------


def test_a_killed_rerun_leaves_the_published_manifest_pointing_at_its_own_parts(store):
    write_drop(store, "claims", DAY, lines(*(claim(i) for i in range(12))))
    published = ingest_partition(store, "claims", DAY, part_size=5)
    store.delete_prefix(PREFIX)  # the partner re-drops the day with 2 fewer lines
    write_drop(store, "claims", DAY, lines(*(claim(i) for i in range(10))))
    staged = stage_partition(store, "claims", DAY, new_run_id(), part_size=5)  # ...and the run dies here
    assert read_manifest(store, "claims", DAY) == published
    assert len(kept(store, published)) == published.valid == 12
    publish_partition(store, staged)  # a later run finishes: the switch, then the old parts go
    assert len(kept(store, read_manifest(store, "claims", DAY))) == 10
    assert not any(key in store.list("raw") for key in published.parts)


def test_rerun_content_is_identical(store):
    write_drop(store, "claims", DAY, lines(*(claim(i) for i in range(10))))
    first = ingest_partition(store, "claims", DAY, part_size=3)
    second = ingest_partition(store, "claims", DAY, part_size=3)
    assert second.sha256 == first.sha256 and second.run_id != first.run_id
    assert [gzip.decompress(store.get_bytes(k)) for k in second.parts] == [
        b"\n".join(lines(*(claim(i) for i in range(j, min(j + 3, 10))))) + b"\n" for j in range(0, 10, 3)
    ]
    assert store.list(layout.raw_prefix("claims", DAY)) == sorted(
        [*second.parts, layout.raw_prefix("claims", DAY) + "_manifest.json"]
    )
