"""The synthetic partner feed: determinism, schemas, malformed lines, consistency, PII ground truth, drift."""

from __future__ import annotations

import hashlib
import inspect
import json
import random
import re
import subprocess
import sys
import time
from collections import Counter
from datetime import date, datetime
from functools import cache
from pathlib import Path

import pytest

from lifecycle_core.feed import (
    MALFORMED_KINDS,
    PII_TYPES,
    SOURCE_FIELDS,
    SOURCES,
    SPECIALTIES,
    TOPICS,
    FeedConfig,
    PiiSpan,
    conversation_labels,
    conversation_pii_spans,
    expected_malformed,
    iter_source_lines,
    malformed_lines,
    plan_documents,
)
from lifecycle_core.feed.rng import record_rng, sub_hash
from lifecycle_core.pii.checks import luhn_ok, npi_ok

DAY = date(2026, 3, 4)
SMALL = FeedConfig(
    member_population=400,
    conversations_per_day=150,
    claims_per_day=200,
    new_members_per_day=8,
    providers_per_day=30,
    provider_population=200,
    malformed_share=0.03,
)
DRIFT = FeedConfig(member_population=400, conversations_per_day=1500, claims_per_day=200, drift_start=date(2026, 3, 10))
ROOT = Path(__file__).resolve().parents[2]

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
FORMATS = {
    "member_id": r"^HM\d{9}$",
    "ssn": r"^(?!000|666|9)\d{3}-(?!00)\d{2}-(?!0000)\d{4}$",
    "phone": r"^\(\d{3}\) \d{3}-\d{4}$",
    "email": r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$",
    "state": r"^[A-Z]{2}$",
    "zip": r"^\d{5}$",
    "claim_id": r"^CLM\d{10}$",
    "provider_npi": r"^\d{10}$",
    "npi": r"^\d{10}$",
    "cpt_code": r"^\d{5}$",
    "icd10_code": r"^[A-Z]\d{2}(\.[0-9A-Z]{1,4})?$",
    "conversation_id": r"^CONV-[0-9A-F]{12}$",
    "agent_id": r"^AG\d{4}$",
}
ENUMS = {
    "sex": {"F", "M", "X"},
    "status": {"paid", "denied", "pending", "in_review"},
    "channel": {"chat", "phone", "email"},
    "topic": set(TOPICS),
    "specialty": set(SPECIALTIES),
}
DATES = {"date_of_birth", "coverage_start", "service_date", "received_date"}
DATETIMES = {"updated_at", "submitted_at", "started_at"}


@cache
def lines(config: FeedConfig, day: date, source: str) -> tuple[bytes, ...]:
    return tuple(iter_source_lines(config, day, source))


def problem(source: str, line: bytes, day: date, plan_ids: set[str]) -> str | None:
    """Why a line is not a well-formed record of `source` (None if it is): an independent validator."""
    try:
        rec = json.loads(line)
    except ValueError:
        return "json"
    fields = SOURCE_FIELDS[source]
    if not isinstance(rec, dict) or set(rec) != set(fields):
        return "fields"
    for name, value in rec.items():
        types = fields[name]
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            return f"type {name}"
        if value is None:
            continue
        if name in FORMATS and not re.match(FORMATS[name], value):
            return f"format {name}"
        if name in ENUMS and value not in ENUMS[name]:
            return f"enum {name}"
        try:
            if name in DATES and (not ISO_DATE.match(value) or date.fromisoformat(value) > day):
                return f"date {name}"
            if name in DATETIMES and (not ISO_DT.match(value) or datetime.fromisoformat(value[:-1]).date() > day):
                return f"datetime {name}"
        except ValueError:
            return f"date {name}"
    if "plan_id" in rec and rec["plan_id"] not in plan_ids:
        return "plan_id"
    if source == "claims" and rec["service_date"] > rec["received_date"]:
        return "service after received"
    if source == "conversations":
        msgs = rec["messages"]
        if not 3 <= len(msgs) <= 12 or rec["started_at"] != msgs[0]["ts"]:
            return "messages"
        for i, m in enumerate(msgs):
            if set(m) != {"role", "text", "ts"} or m["role"] != ("member", "agent")[i % 2] or not m["text"]:
                return "message"
            if not ISO_DT.match(m["ts"]) or not m["ts"].startswith(day.isoformat()):
                return "message ts"
        if rec["csat"] is not None and not 1 <= rec["csat"] <= 5:
            return "csat"
    if source == "providers" and not set(rec["network_plan_ids"]) <= plan_ids:
        return "network"
    return None


def good_records(config: FeedConfig, day: date, source: str) -> list[dict]:
    bad = dict(malformed_lines(config, day, source))
    return [json.loads(line) for i, line in enumerate(lines(config, day, source)) if i not in bad]


def catalog(config: FeedConfig, day: date) -> dict[str, dict]:
    return {p["plan_id"]: p for p in plan_documents(config, day)}


# --- determinism and streaming -------------------------------------------------------------------


def test_byte_identical_across_runs_and_processes():
    digests = {}
    for source in SOURCES:
        first = b"\n".join(iter_source_lines(SMALL, DAY, source))
        assert first == b"\n".join(iter_source_lines(SMALL, DAY, source))
        digests[source] = hashlib.sha256(first).hexdigest()
    # A fresh interpreter with another hash seed must produce the same bytes (no hash(), no set order).
    script = (
        "import hashlib; from datetime import date; from lifecycle_core.feed import FeedConfig, iter_source_lines\n"
        f"c = FeedConfig(**{ {k: getattr(SMALL, k) for k in SMALL.__dataclass_fields__}!r})\n"
        f"for s in {SOURCES!r}: print(s, hashlib.sha256(b'\\n'.join(iter_source_lines(c, date(2026, 3, 4), s))).hexdigest())"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "12345", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    ).stdout
    assert dict(line.split() for line in out.splitlines()) == digests


# The bytes of a tiny feed, pinned: a different machine or Python version must produce exactly these.
# Changing the generator on purpose changes them too; then update the digest in the same commit.
GOLDEN = "a8d9266bffb01c87d88347f90b43e2e3d03b2051f5222bbca00a86a15ea4c36c"


def test_golden_digest():
    tiny = FeedConfig(
        member_population=50,
        conversations_per_day=20,
        claims_per_day=20,
        new_members_per_day=3,
        providers_per_day=5,
        provider_population=30,
        malformed_share=0.1,
        drift_start=DAY,
    )
    digest = hashlib.sha256()
    for source in SOURCES:
        for line in iter_source_lines(tiny, DAY, source):
            digest.update(line + b"\n")
    for doc in plan_documents(tiny, DAY):
        digest.update(json.dumps(doc, separators=(",", ":"), sort_keys=True).encode())
    assert digest.hexdigest() == GOLDEN


def test_record_rng_is_the_documented_mersenne_twister():
    for index in (0, 1, 12345):
        ours, reference = record_rng(99, index), random.Random(sub_hash(99, index))
        assert [ours.random() for _ in range(5)] == [reference.random() for _ in range(5)]


def test_days_and_seeds_differ():
    for source in SOURCES:
        assert lines(SMALL, DAY, source) != lines(SMALL, date(2026, 3, 5), source)
    other_seed = FeedConfig(**{**SMALL.__dict__, "seed": 8})
    assert lines(SMALL, DAY, "conversations") != tuple(iter_source_lines(other_seed, DAY, "conversations"))


def test_lines_stream_from_a_generator():
    huge = FeedConfig(conversations_per_day=1_000_000, claims_per_day=250_000)
    for source in ("conversations", "claims", "providers"):
        stream = iter_source_lines(huge, DAY, source)
        assert inspect.isgenerator(stream)
        started = time.perf_counter()
        first = [next(stream) for _ in range(20)]  # nothing is materialized up front
        assert time.perf_counter() - started < 2.0 and all(isinstance(x, bytes) for x in first)
        stream.close()
    assert inspect.isgenerator(conversation_pii_spans(SMALL, DAY))
    assert inspect.isgenerator(conversation_labels(SMALL, DAY))


def test_worker_processes_give_the_same_bytes(monkeypatch):
    monkeypatch.setattr("lifecycle_core.feed.sources.PARALLEL_CHUNK", 40)  # many small slices
    for source in ("conversations", "claims"):
        assert tuple(iter_source_lines(SMALL, DAY, source, workers=2)) == lines(SMALL, DAY, source)
    stream = iter_source_lines(SMALL, DAY, "conversations", workers=2)
    assert next(stream) == lines(SMALL, DAY, "conversations")[0]
    stream.close()  # stopping early shuts the workers down


def test_unknown_source_is_refused():
    with pytest.raises(ValueError):
        next(iter_source_lines(SMALL, DAY, "plans"))


# --- schemas and malformed lines -----------------------------------------------------------------


@pytest.mark.parametrize("config,day", [(SMALL, DAY), (DRIFT, date(2026, 3, 12))])
@pytest.mark.parametrize("source", SOURCES)
def test_well_formed_lines_match_schema_and_malformed_ones_do_not(config, day, source):
    plan_ids = set(catalog(config, day))
    bad = dict(malformed_lines(config, day, source))
    assert len(bad) == expected_malformed(config, day, source)
    assert set(bad.values()) <= set(MALFORMED_KINDS)
    for i, line in enumerate(lines(config, day, source)):
        assert not line.endswith(b"\n")
        reason = problem(source, line, day, plan_ids)
        assert (reason is not None) == (i in bad), (source, i, bad.get(i), reason, line[:300])
        if reason is None:  # canonical JSON: the json module (the fallback without orjson) gives the same bytes
            assert json.dumps(json.loads(line), separators=(",", ":"), sort_keys=True).encode() == line


def test_malformed_share_follows_config():
    config = FeedConfig(conversations_per_day=400, claims_per_day=1000, providers_per_day=200, malformed_share=0.05)
    kinds = Counter()
    for source in SOURCES:
        total = len(lines(config, DAY, source))
        count = expected_malformed(config, DAY, source)
        assert abs(count / total - 0.05) < 0.006, (source, count, total)
        kinds.update(kind for _, kind in malformed_lines(config, DAY, source))
    assert set(kinds) == set(MALFORMED_KINDS)
    assert all(expected_malformed(FeedConfig(malformed_share=0.0), DAY, s) == 0 for s in SOURCES)


# --- consistency ---------------------------------------------------------------------------------


def test_npis_and_card_numbers_pass_luhn():
    assert npi_ok("1234567893") and not npi_ok("1234567890")  # the CMS example NPI
    npis = [r["npi"] for r in good_records(SMALL, DAY, "providers")]
    npis += [r["provider_npi"] for r in good_records(SMALL, DAY, "claims")]
    assert npis and all(npi_ok(n) for n in npis)
    cards = [
        s.value
        for _, spans in conversation_pii_spans(SMALL, DAY)
        for s in spans
        if s.pii_type == "CARD_NUMBER" and len(s.value) > 4
    ]
    assert cards and all(luhn_ok(re.sub(r"\D", "", c)) and 15 <= len(re.sub(r"\D", "", c)) <= 16 for c in cards)


def test_claim_amounts_and_dates_are_consistent():
    plans = catalog(SMALL, DAY)
    members = {m["member_id"]: m for m in good_records(SMALL, DAY, "members")}
    statuses = Counter()
    for c in good_records(SMALL, DAY, "claims"):
        cents = {
            k: round(c[k] * 100) for k in ("billed_amount", "allowed_amount", "paid_amount", "member_responsibility")
        }
        assert all(abs(c[k] * 100 - v) < 1e-6 for k, v in cents.items())  # two decimals
        assert cents["allowed_amount"] <= cents["billed_amount"]
        assert cents["paid_amount"] + cents["member_responsibility"] == cents["allowed_amount"]
        assert c["service_date"] <= c["received_date"] <= DAY.isoformat()
        assert c["plan_id"] == members[c["member_id"]]["plan_id"]
        assert c["service_date"] >= members[c["member_id"]]["coverage_start"]
        assert (c["denial_reason"] is not None) == (c["status"] == "denied")
        if c["status"] == "denied":
            assert cents["paid_amount"] == 0
        if c["status"] == "paid" and c["cpt_code"] in ("90837", "90834"):  # mental health copay, no deductible
            assert c["member_responsibility"] <= plans[c["plan_id"]]["copays"]["mental_health"]
        statuses[c["status"]] += 1
    assert set(statuses) == {"paid", "denied", "pending", "in_review"}
    ids = [c["claim_id"] for day in (DAY, date(2026, 3, 5)) for c in good_records(SMALL, day, "claims")]
    assert len(ids) == len(set(ids))  # unique across days


def test_every_referenced_member_is_in_the_days_members_file():
    members = good_records(SMALL, DAY, "members")
    ids = [m["member_id"] for m in members]
    assert len(ids) == len(set(ids))
    referenced = {r["member_id"] for s in ("claims", "conversations") for r in good_records(SMALL, DAY, s)}
    assert referenced <= set(ids)
    assert len(set(ids) - referenced) >= SMALL.new_members_per_day  # plus members nobody mentioned
    # a member is the same person on every day
    other = {m["member_id"]: m for m in good_records(SMALL, date(2026, 3, 5), "members")}
    for m in members:
        if m["member_id"] in other:
            assert {**m, "updated_at": ""} == {**other[m["member_id"]], "updated_at": ""}


def test_agents_quote_the_members_real_plan_and_claims():
    plans = catalog(SMALL, DAY)
    members = {m["member_id"]: m for m in good_records(SMALL, DAY, "members")}
    claims = {c["claim_id"]: c for c in good_records(SMALL, DAY, "claims")}
    labels = dict(conversation_labels(SMALL, DAY))
    checked = Counter()
    for conv in good_records(SMALL, DAY, "conversations"):
        plan = plans[members[conv["member_id"]]["plan_id"]]
        agent_text = " ".join(m["text"] for m in conv["messages"] if m["role"] == "agent")
        member_text = " ".join(m["text"] for m in conv["messages"] if m["role"] == "member")
        assert (
            members[conv["member_id"]]["last_name"] in member_text
            or members[conv["member_id"]]["first_name"] in member_text
        )
        if labels[conv["conversation_id"]]["agent_quality"] != "good":
            continue
        if conv["topic"] == "benefits":
            deductible = f"${plan['deductible_individual']:,.0f}"
            assert plan["plan_name"] in agent_text and deductible in agent_text, agent_text
            checked["benefits"] += 1
        for claim_id in set(re.findall(r"CLM\d{10}", agent_text + member_text)):
            claim = claims[claim_id]
            assert claim["member_id"] == conv["member_id"]
            if conv["topic"] == "claim_status" and claim["status"] == "denied":
                assert claim["denial_reason"] in agent_text
            if conv["topic"] == "claim_status" and claim["status"] == "paid":
                owed = claim["member_responsibility"]
                assert (f"${owed:,.0f}" if owed == int(owed) else f"${owed:,.2f}") in agent_text
            checked["claims"] += 1
    assert checked["benefits"] >= 5 and checked["claims"] >= 10, checked


def test_plan_documents_match_their_numbers():
    docs = plan_documents(SMALL, DAY)
    assert 5 <= len(docs) <= 6 and len({d["plan_id"] for d in docs}) == len(docs)
    for d in docs:
        assert (
            d["plan_id"].startswith("PLN-") and d["plan_type"] in ("HMO", "PPO", "EPO") and 0 <= d["coinsurance"] <= 1
        )
        assert set(d["copays"]) == {
            "primary_care",
            "specialist",
            "urgent_care",
            "emergency_room",
            "generic_rx",
            "brand_rx",
            "mental_health",
        }
        text = d["document_text"]
        for amount in (
            d["deductible_individual"],
            d["deductible_family"],
            d["oop_max_individual"],
            *d["copays"].values(),
        ):
            assert f"${amount:,.0f}" in text
        assert f"{round(d['coinsurance'] * 100)}%" in text and all(item in text for item in d["prior_auth_required"])
        assert ISO_DATE.match(d["effective_date"]) and isinstance(d["plan_year"], int)


# --- ground truth: PII spans and labels ----------------------------------------------------------


def test_pii_spans_point_at_exactly_their_values():
    convs = {c["conversation_id"]: c for c in good_records(SMALL, DAY, "conversations")}
    members = {m["member_id"]: m for m in good_records(SMALL, DAY, "members")}
    seen_types = Counter()
    truth = list(conversation_pii_spans(SMALL, DAY))
    assert [cid for cid, _ in truth] == list(convs)  # one entry per well-formed conversation, in file order
    for cid, spans in truth:
        conv, member = convs[cid], members[convs[cid]["member_id"]]
        assert all(isinstance(s, PiiSpan) and s.pii_type in PII_TYPES for s in spans)
        for s in spans:
            assert conv["messages"][s.message_index]["text"][s.start : s.end] == s.value
            seen_types[s.pii_type] += 1
        values = {(s.pii_type, s.value) for s in spans}
        assert ("MEMBER_NAME", member["first_name"]) in values or (
            "MEMBER_NAME",
            f"{member['first_name']} {member['last_name']}",
        ) in values
        ids = {s.value for s in spans if s.pii_type == "MEMBER_ID"}
        assert ids <= {member["member_id"]}
        for message in conv["messages"]:  # no unlabeled member id or SSN left in the text
            for found in re.findall(r"HM\d{9}|\d{3}-\d{2}-\d{4}", message["text"]):
                assert any(found in s.value for s in spans)
    assert set(seen_types) == set(PII_TYPES), set(PII_TYPES) - set(seen_types)


def test_labels_have_the_documented_shape_and_rates():
    config = FeedConfig(conversations_per_day=2000, malformed_share=0.0)
    labels = dict(conversation_labels(config, DAY))
    assert len(labels) == 2000
    assert all(set(v) == {"polite", "agent_quality", "topic"} and v["topic"] in TOPICS for v in labels.values())
    impolite = sum(not v["polite"] for v in labels.values()) / len(labels)
    poor = sum(v["agent_quality"] == "poor" for v in labels.values()) / len(labels)
    assert 0.05 < impolite < 0.11 and 0.07 < poor < 0.14, (impolite, poor)
    convs = {c["conversation_id"]: c for c in good_records(config, DAY, "conversations")}
    rude = [c for cid, c in convs.items() if not labels[cid]["polite"]]
    assert all(
        any(
            w in m["text"]
            for m in c["messages"]
            for w in ("useless", "ridiculous", "idiots", "crap", "joke", "pathetic", "damn", "worst")
        )
        for c in rude
    )
    assert all(labels[cid]["topic"] == c["topic"] for cid, c in convs.items())


def test_scrubber_traps_are_present():
    convs = good_records(FeedConfig(conversations_per_day=2000, malformed_share=0.0), DAY, "conversations")
    text = " ".join(m["text"] for c in convs for m in c["messages"])
    assert re.search(r"\$\d[\d,]*(\.\d\d)?", text) and re.search(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b", text)
    assert re.search(r"\b(Will|May|Bill|Grace|Hope|June|Rich|Frank)\b [A-Z]", text)  # names that are words
    assert re.search(r"\bwill\b", text) and re.search(r"\bMay I\b", text) and "grace period" in text
    assert re.search(r"(procedure code|CPT) \d{5}\b", text)  # 5-digit codes that look like ZIPs


# --- drift ---------------------------------------------------------------------------------------


def test_drift_shifts_topics_lengths_and_plans():
    before, after = date(2026, 3, 8), date(2026, 3, 12)

    def profile(day):
        convs = good_records(DRIFT, day, "conversations")
        topics = Counter(c["topic"] for c in convs)
        words = [len(m["text"].split()) for c in convs for m in c["messages"] if m["role"] == "member"]
        return (topics["pharmacy"] + topics["billing"]) / len(convs), sum(words) / len(words)

    (share_before, words_before), (share_after, words_after) = profile(before), profile(after)
    assert share_after > share_before + 0.15, (share_before, share_after)
    assert words_after > words_before * 1.3, (words_before, words_after)

    hdhp = "PLN-SVR-HDHP-26"
    assert hdhp not in catalog(DRIFT, before) and hdhp in catalog(DRIFT, after)
    assert "HSA" in catalog(DRIFT, after)[hdhp]["document_text"]
    assert not any(m["plan_id"] == hdhp for m in good_records(DRIFT, before, "members"))
    enrolled = {m["member_id"] for m in good_records(DRIFT, after, "members") if m["plan_id"] == hdhp}
    assert enrolled and any(c["member_id"] in enrolled for c in good_records(DRIFT, after, "conversations"))
    assert any(hdhp in p["network_plan_ids"] for p in good_records(DRIFT, after, "providers"))
    # no drift configured, or strength 0: the topic mix stays put
    calm = FeedConfig(**{**DRIFT.__dict__, "drift_strength": 0.0})
    calm_topics = Counter(c["topic"] for c in good_records(calm, after, "conversations"))
    assert abs((calm_topics["pharmacy"] + calm_topics["billing"]) / sum(calm_topics.values()) - share_before) < 0.06
