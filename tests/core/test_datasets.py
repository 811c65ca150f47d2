"""The fine-tuning dataset: selection, plan QA, dedup, split, hashing, drops, writing, card."""

from __future__ import annotations

import copy
import random
import re
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace
from typing import ClassVar

import orjson
import polars as pl
import pytest

from lifecycle_core.feed import FeedConfig, iter_source_lines, plan_documents
from lifecycle_core.finetune import (
    SPLITS,
    DatasetConfig,
    build_dataset,
    dataset_prefix,
    select_conversation,
    split_of,
    token_histogram_png,
    write_dataset,
)
from lifecycle_core.finetune.card import card_markdown
from lifecycle_core.finetune.dedup import deduplicate
from lifecycle_core.finetune.examples import conversation_example, conversation_turns
from lifecycle_core.finetune.parse import BadConversation, parse_conversation
from lifecycle_core.finetune.plan_qa import plan_qa_examples, usd
from lifecycle_core.store import LocalObjectStore

DAYS = [date(2026, 3, 1) + timedelta(d) for d in range(3)]


class FakeScrubber:
    """Test double of lifecycle_core.pii.PiiScrubber: replaces member ids, emails and phones."""

    PATTERNS: ClassVar = {
        "member_id": re.compile(r"\bHM\d{9}\b"),
        "email": re.compile(r"\S+@\S+\.\w+"),
        "phone": re.compile(r"\(\d{3}\) \d{3}-\d{4}"),
    }

    def scrub_messages(self, texts):
        if any("UNSCRUBBABLE" in t for t in texts):
            raise RuntimeError("cannot scrub")
        counts: Counter[str] = Counter()
        out = []
        for text in texts:
            for kind, pat in self.PATTERNS.items():
                text, n = pat.subn(f"[{kind.upper()}]", text)
                counts[kind] += n
            out.append(text)
        return SimpleNamespace(messages=out, replacements=counts)


def duckdb_plan(record: dict) -> dict:
    """A plan_documents record as DuckDB returns a warehouse.plan_benefits row."""
    row = dict(record)
    for k in ("deductible_individual", "deductible_family", "oop_max_individual", "oop_max_family"):
        row[k] = Decimal(str(record[k])).quantize(Decimal("0.01"))
    row["effective_date"] = date.fromisoformat(record["effective_date"])
    row["version"] = "v1"
    return row


@pytest.fixture(scope="module")
def feed_rows() -> list:
    """Three days of real generator output as warehouse-like rows (malformed lines kept as bytes)."""
    config = FeedConfig(conversations_per_day=300)
    rows: list = []
    for day in DAYS:
        for line in iter_source_lines(config, day, "conversations"):
            try:
                rec = orjson.loads(line)
            except orjson.JSONDecodeError:
                rows.append(line)
                continue
            if isinstance(rec, dict):
                rec["partition_date"] = day
                rec["member_key"] = "k" + str(rec.pop("member_id", ""))
            rows.append(rec)
    return rows


@pytest.fixture(scope="module")
def plans() -> list[dict]:
    return [duckdb_plan(p) for p in plan_documents(FeedConfig(), DAYS[-1])]


@pytest.fixture(scope="module")
def built(feed_rows, plans):
    return build_dataset(feed_rows, plans, FakeScrubber(), DatasetConfig())


def conv(messages, resolved=True, csat=None, cid="CONV-000000000001", topic="benefits") -> dict:
    return {
        "conversation_id": cid,
        "topic": topic,
        "resolved": resolved,
        "csat": csat,
        "messages": [{"role": r, "text": t, "ts": "2026-03-01T10:00:00Z"} for r, t in messages],
    }


GOOD = [("member", "What is my deductible?"), ("agent", "Your individual deductible is $3,000.")]


@pytest.mark.parametrize(
    ("c", "expected"),
    [
        (conv(GOOD), (True, None)),
        (conv(GOOD, csat=4), (True, None)),
        (conv(GOOD, resolved=False), (False, "not_resolved")),
        (conv(GOOD, csat=3), (False, "low_csat")),
        (conv([("agent", "Hello, how can I help?"), ("member", "Never mind.")]), (False, "no_exchange")),
        (conv([("member", "This is ridiculous, you people are useless.")] + GOOD), (False, "impolite")),
        (conv(GOOD + [("member", "ok"), ("agent", "Shut up and listen.")]), (False, "impolite")),
        (
            conv([("member", "Hello there, what's my copay?"), ("agent", "Hello! It is $20, shellfish aside.")]),
            (True, None),
        ),  # "hell" inside words is not profanity
        (
            conv([("member", "Is an MRI covered?"), ("agent", "I\u2019m not sure. Try the portal.")]),
            (False, "agent_non_answer"),
        ),
    ],
)
def test_selection_rule(c, expected):
    assert select_conversation(c) == expected


def test_selection_agrees_with_generator_labels(feed_rows):
    from lifecycle_core.feed import conversation_labels

    labels = {cid: lab for day in DAYS for cid, lab in conversation_labels(FeedConfig(conversations_per_day=300), day)}
    kept = [
        r for r in feed_rows if isinstance(r, dict) and r.get("conversation_id") in labels and select_conversation(r)[0]
    ]
    assert len(kept) > 300
    assert all(labels[r["conversation_id"]]["polite"] for r in kept)
    assert all(labels[r["conversation_id"]]["agent_quality"] == "good" for r in kept)


def test_conversation_turns_alternate_user_first_assistant_last():
    roles = ["agent", "member", "member", "agent", "member", "agent", "agent", "member"]
    texts = ["hi", "q1", "q1b", "a1", "q2", "a2", "a2b", "thanks"]
    assert conversation_turns(roles, texts) == [
        ("user", "q1\nq1b"),
        ("assistant", "a1"),
        ("user", "q2"),
        ("assistant", "a2\na2b"),
    ]


def test_plan_qa_answers_match_plan_numbers(plans):
    examples = plan_qa_examples(plans, "SYS")
    by_id = {e["id"]: e for e in examples}
    assert len({e["conversation_id"] for e in examples}) < len(examples)  # several phrasings per key
    for p in plans:
        answer = by_id[f"plan:{p['plan_id']}:deductible_individual:0"]["messages"][2]["content"]
        assert usd(p["deductible_individual"]) in answer and usd(p["deductible_family"]) in answer
        answer = by_id[f"plan:{p['plan_id']}:oop_max_family:1"]["messages"][2]["content"]
        assert f"${int(p['oop_max_family']):,}" in answer
        for key, amount in p["copays"].items():
            answer = by_id[f"plan:{p['plan_id']}:copay:{key}:2"]["messages"][2]["content"]
            assert re.search(rf"\${amount:,.0f} copay", answer), answer
        coins = by_id[f"plan:{p['plan_id']}:coinsurance:0"]["messages"][2]["content"]
        assert f"{round(p['coinsurance'] * 100)}%" in coins
        for svc in ("MRI", "genetic testing", "inpatient admission"):
            answer = by_id[f"plan:{p['plan_id']}:prior_auth:{svc}:0"]["messages"][2]["content"]
            assert answer.startswith("Yes") == (svc in p["prior_auth_required"])
        assert by_id[f"plan:{p['plan_id']}:document:network:0"]["messages"][2]["content"] in p["document_text"]
    assert usd(Decimal("2500.00")) == "$2,500" and usd(Decimal("12.50")) == "$12.50"


def test_plan_qa_accepts_duckdb_map_as_key_value_lists(plans):
    p = dict(plans[0], copays={"key": ["primary_care"], "value": [35.0]})
    answers = [e["messages"][2]["content"] for e in plan_qa_examples([p], "SYS") if ":copay:" in e["id"]]
    assert answers and all("$35 copay" in a for a in answers)


def _parsed(row):
    try:
        return parse_conversation(row)
    except BadConversation:
        return None


def _example(row, cid=None):
    texts = [m["text"] for m in row["messages"]]
    ex = conversation_example(row, texts, "SYS")
    if cid:
        ex = {**ex, "id": cid, "conversation_id": cid}
    return ex


def test_dedup_catches_exact_and_near_duplicates_only(feed_rows):
    rows = [r for r in map(_parsed, feed_rows) if r and r["resolved"] and len(r["messages"]) >= 6]
    originals = [_example(r) for r in rows[:20]]
    copies = []
    for i, a in enumerate(originals):
        exact = copy.deepcopy(a) | {"id": f"Z-exact-{i}", "conversation_id": f"Z-exact-{i}"}
        exact["messages"][1]["content"] = "  " + exact["messages"][1]["content"].upper() + " "
        near = copy.deepcopy(a) | {"id": f"Z-near-{i}", "conversation_id": f"Z-near-{i}"}
        words = near["messages"][2]["content"].split()
        words[len(words) // 2] = "banana"  # one word changed
        near["messages"][2]["content"] = " ".join(words)
        copies += [exact, near]
    result = deduplicate(originals + copies, threshold=0.9)
    assert [e["id"] for e in result.kept] == [a["id"] for a in originals]
    assert (result.exact_duplicates, result.near_duplicates) == (20, 20)
    assert result.duplicate_of["Z-near-3"] == originals[3]["id"]
    distinct = [_example(r) for r in rows[:300]]
    assert deduplicate(distinct, 0.9).near_duplicates == 0  # real, different conversations survive


def test_split_is_deterministic_and_sized():
    ids = [f"CONV-{i:012d}" for i in range(2000)]
    splits = [split_of(i, 0.1, 0.1) for i in ids]
    assert splits == [split_of(i, 0.1, 0.1) for i in ids]
    counts = Counter(splits)
    assert 0.07 < counts["validation"] / 2000 < 0.13 and 0.07 < counts["test"] / 2000 < 0.13
    assert Counter(split_of(i, 0.1, 0.1, seed=1) for i in ids) != counts  # the seed reshuffles


def test_no_conversation_crosses_splits(built):
    where: dict[str, set[str]] = {}
    for name in SPLITS:
        for ex in built.examples[name]:
            where.setdefault(ex["conversation_id"], set()).add(name)
    assert where and all(len(s) == 1 for s in where.values())
    assert all(built.examples[n] for n in SPLITS)


def test_build_report_and_examples(built, feed_rows):
    r = built.report
    assert r.inputs["conversations"] == len(feed_rows)
    assert r.total == built.size == sum(len(v) for v in built.examples.values()) == len(r.token_lengths)
    assert set(r.by_source) == {"conversation", "plan_qa"}
    assert {"not_resolved", "low_csat", "impolite", "unparseable"} <= set(r.dropped)
    assert r.pii_replacements["member_id"] > 0
    assert r.lineage["conversation_partitions"] == [d.isoformat() for d in DAYS]
    for ex in built.examples["train"][:50]:
        roles = [m["role"] for m in ex["messages"]]
        assert roles[0] == "system" and roles[1] == "user" and roles[-1] == "assistant"
        assert not re.search(r"\bHM\d{9}\b", orjson.dumps(ex).decode())
    assert all(
        ex["id"] == sorted(e["id"] for e in built.examples["train"])[i] for i, ex in enumerate(built.examples["train"])
    )


def test_plan_qa_capped_to_share(plans, feed_rows):
    few = [r for r in feed_rows if isinstance(r, dict)][:150]
    b = build_dataset(few, plans, FakeScrubber(), DatasetConfig(plan_qa_share=0.3, conversation_share=0.7))
    assert abs(b.report.mix["plan_qa_share_train"] - 0.3) < 0.03
    assert b.report.dropped["plan_qa_share_cap"] > 0


def test_content_hash_stable_under_reordering_and_sensitive_to_content(built, feed_rows, plans):
    shuffled = list(feed_rows)
    random.Random(3).shuffle(shuffled)
    again = build_dataset(shuffled, list(reversed(plans)), FakeScrubber(), DatasetConfig())
    assert again.content_hash == built.content_hash and again.examples == built.examples
    kept_id = built.examples["train"][0]["id"]
    changed = copy.deepcopy(feed_rows)
    row = next(r for r in changed if isinstance(r, dict) and r["conversation_id"] == kept_id)
    row["messages"][0]["text"] += " Thanks."
    assert build_dataset(changed, plans, FakeScrubber(), DatasetConfig()).content_hash != built.content_hash


def test_bad_conversations_are_dropped_with_reasons():
    long_text = "Could you explain the whole plan to me again? " * 200
    rows = [
        conv(GOOD, cid="CONV-A"),
        conv([("member", long_text), ("agent", "Sure.")], cid="CONV-B"),
        conv([("member", "My SSN is UNSCRUBBABLE")] + GOOD, cid="CONV-C"),
        b"{not json",
        {"conversation_id": "CONV-D", "messages": "oops", "resolved": True, "topic": "benefits"},
        conv(GOOD, cid="CONV-E", topic="covid"),
    ]
    b = build_dataset(rows, [], FakeScrubber(), DatasetConfig(max_tokens=256))
    assert b.report.dropped == {"too_long": 1, "scrub_failed": 1, "unparseable": 3}
    assert [e["id"] for s in SPLITS for e in b.examples[s]] == ["CONV-A"]


def test_scrubber_that_fails_drops_everything():
    class Broken:
        def scrub_messages(self, texts):
            raise ValueError("model not loaded")

    b = build_dataset([conv(GOOD)], [], Broken(), DatasetConfig())
    assert b.report.dropped == {"scrub_failed": 1} and b.size == 0


def test_write_dataset_round_trip(tmp_path, built):
    store = LocalObjectStore(tmp_path)
    out = write_dataset(store, built)
    base = f"datasets/finetune/version={built.version}"
    assert out["prefix"] == base == dataset_prefix(built.version) and len(built.version) == 16
    for name in SPLITS:
        df = store.read_parquet(f"{base}/{name}.parquet")
        assert df.to_dicts() == built.examples[name]
        lines = store.get_bytes(f"{base}/{name}.jsonl").splitlines()
        assert [orjson.loads(x) for x in lines] == built.examples[name]
    card = store.get_json(f"{base}/card.json")
    assert card["content_hash"] == built.content_hash and card["by_split"] == built.report.by_split
    assert sum(card["token_histogram"]["counts"]) == built.report.total
    assert store.get_bytes(f"{base}/token_lengths.png").startswith(b"\x89PNG\r\n\x1a\n")
    assert write_dataset(store, built)["keys"] == out["keys"]  # idempotent re-write
    assert sorted(store.list(base)) == sorted(out["keys"].values())


def test_empty_split_still_writes_schema(tmp_path):
    b = build_dataset([conv(GOOD, cid="CONV-A")], [], FakeScrubber(), DatasetConfig())
    out = write_dataset(LocalObjectStore(tmp_path), b)
    empty = [n for n in SPLITS if not b.examples[n]]
    df = pl.read_parquet(tmp_path / out["keys"][f"{empty[0]}.parquet"])
    assert df.height == 0 and "messages" in df.columns


def test_card_png_and_markdown(built):
    png = token_histogram_png(built.report.token_lengths, 1024)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000
    assert token_histogram_png([]).startswith(b"\x89PNG")
    md = card_markdown(built.report, built.version)
    assert built.version in md and "| impolite |" in md and "member_id" in md and DAYS[0].isoformat() in md
    md = card_markdown(built.report, built.version, {"days": ["2026-03-01"], "plan_catalog_version": "abc"})
    assert "- days: 2026-03-01" in md and "- plan_catalog_version: abc" in md


def test_config_rejects_bad_values():
    with pytest.raises(ValueError):
        DatasetConfig(validation_fraction=0.6, test_fraction=0.5)
    with pytest.raises(ValueError):
        DatasetConfig(conversation_share=0.5, plan_qa_share=0.3)
