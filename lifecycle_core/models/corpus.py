"""The base model's pretraining text: the same kind of text as ours, from another synthetic insurer.

A real base model has read insurance documents and support chats, never this company's. So the
corpus comes from "Prairie Health Cooperative": another feed seed (so none of our members), its
own plan catalog (other names, ids and figures, derived deterministically from ours), its name in
the agents' mouths. Conversations become chat examples exactly as the fine-tuning dataset makes
them (selection, PII scrubbing to placeholders), beside its plan documents and plan Q&A. Whatever
the fine-tuned adapter knows about our plans must come from our data or the prompt.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

import orjson

from lifecycle_core.feed import FeedConfig, iter_source_lines
from lifecycle_core.feed.ground_truth import parsed_records
from lifecycle_core.feed.plans import BASE_PLANS, HDHP_PLAN, PLAN_YEAR, Plan, document_text, plan_record, usd

OTHER_INSURER = "Prairie Health Cooperative"
OUR_INSURER = "Heartland Mutual"
OTHER_SEED = 1307  # a feed seed this project's own feed never uses
CORPUS_START = date(2025, 3, 1)
OTHER_SYSTEM_PROMPT = (
    f"You are the member services assistant of {OTHER_INSURER}, a health insurer. Answer the member's "
    "questions about benefits, claims, providers, prior authorization, pharmacy and billing from the "
    "member's plan, accurately and politely. Never reveal personal data such as names, member IDs, "
    "Social Security numbers, phone numbers, emails or addresses."
)
_METALS = {"Bronze": "Copper", "Silver": "Cobalt", "Gold": "Amber", "Platinum": "Sapphire"}
# Per plan (in BASE_PLANS order, then the HDHP): how its figures differ from ours.
_SCALES = (1.15, 0.85, 1.3, 0.7, 1.6, 0.9)


def _round(amount: float, step: float) -> float:
    return max(step, round(amount / step) * step)


def _other_plan(plan: Plan, scale: float) -> Plan:
    metal = _METALS.get(plan.metal_tier, plan.metal_tier)
    suffix = plan.plan_name.removeprefix(f"{plan.metal_tier} ").replace(str(PLAN_YEAR), "").strip()
    return replace(
        plan,
        plan_id="PHC-" + plan.plan_id.removeprefix("PLN-"),
        plan_name=f"Prairie {metal} {suffix} {PLAN_YEAR}".replace("  ", " "),
        metal_tier=metal,
        deductible_individual=_round(plan.deductible_individual * scale, 50),
        deductible_family=_round(plan.deductible_family * scale, 100),
        oop_max_individual=_round(plan.oop_max_individual * (2 - scale) ** 0.5, 50),
        oop_max_family=_round(plan.oop_max_family * (2 - scale) ** 0.5, 100),
        coinsurance=min(0.5, max(0.05, round(plan.coinsurance + (scale - 1) / 4, 2))),
        copays=tuple(_round(c * (2 - scale), 5) for c in plan.copays),
    )


OUR_PLANS = BASE_PLANS + (HDHP_PLAN,)
OTHER_PLANS = tuple(_other_plan(p, s) for p, s in zip(OUR_PLANS, _SCALES, strict=True))


def _plan_mapping(ours: Plan, theirs: Plan) -> dict[str, str]:
    """Our plan's names and printed figures -> theirs, for rewriting text that quotes a plan."""
    pairs = {ours.plan_name: theirs.plan_name, ours.plan_id: theirs.plan_id}
    figures = [
        (ours.deductible_individual, theirs.deductible_individual),
        (ours.deductible_family, theirs.deductible_family),
        (ours.oop_max_individual, theirs.oop_max_individual),
        (ours.oop_max_family, theirs.oop_max_family),
        *zip(ours.copays, theirs.copays, strict=True),
    ]
    pairs |= {usd(a): usd(b) for a, b in figures}
    pairs[f"{round(ours.coinsurance * 100)}%"] = f"{round(theirs.coinsurance * 100)}%"
    return pairs


_MAPPINGS = {ours.plan_name: _plan_mapping(ours, theirs) for ours, theirs in zip(OUR_PLANS, OTHER_PLANS, strict=True)}


def _rewriter(mapping: dict[str, str]):
    pattern = re.compile("|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)))
    return lambda text: pattern.sub(lambda m: mapping[m.group(0)], text)


_BRAND = _rewriter({OUR_INSURER: OTHER_INSURER})
_PER_PLAN = {name: _rewriter(mapping) for name, mapping in _MAPPINGS.items()}


def rewrite_conversation(record: dict) -> dict:
    """A feed conversation as the other insurer's: its brand, and its member's plan's names and figures."""
    texts = [m["text"] for m in record["messages"]]
    plan = next((name for name in _PER_PLAN if any(name in t for t in texts)), None)
    rewrite = _PER_PLAN[plan] if plan else (lambda text: text)
    messages = [{**m, "text": _BRAND(rewrite(m["text"]))} for m in record["messages"]]
    return {**record, "messages": messages}


def other_plan_rows(as_of: date = CORPUS_START) -> list[dict]:
    config = FeedConfig(seed=OTHER_SEED)
    return [plan_record(config, plan) for plan in OTHER_PLANS if not plan.hdhp or as_of.year >= PLAN_YEAR]


def other_feed(days: int, conversations_per_day: int = 400) -> Iterator[tuple[date, FeedConfig]]:
    config = FeedConfig(seed=OTHER_SEED, conversations_per_day=conversations_per_day, malformed_share=0.0)
    for offset in range(days):
        yield CORPUS_START + timedelta(days=offset), config


def chat_examples(days: int) -> list[dict]:
    """The other insurer's conversations and plan Q&A as chat examples, made and scrubbed as ours are."""
    from lifecycle_core.finetune import DatasetConfig, build_dataset
    from lifecycle_core.pii import PiiScrubber, Roster

    records, members = [], []
    for day, config in other_feed(days):
        records += [
            rewrite_conversation(orjson.loads(line)) for line in iter_source_lines(config, day, "conversations")
        ]
        members += parsed_records(config, day, "members")
    scrubber = PiiScrubber(Roster.from_rows(members))
    config = DatasetConfig(system_prompt=OTHER_SYSTEM_PROMPT, validation_fraction=0.0, test_fraction=0.0)
    built = build_dataset(records, other_plan_rows(), scrubber, config)
    return [example for split in built.examples.values() for example in split]


def documents() -> list[str]:
    """The other insurer's Summary of Benefits texts."""
    return [document_text(plan, date(PLAN_YEAR, 1, 1)) for plan in OTHER_PLANS]


def tokenizer_corpus(days: int = 3) -> Iterator[str]:
    """Plain texts for the tokenizer: documents and message texts of a few of the other insurer's days."""
    yield from documents()
    for day, config in other_feed(days, conversations_per_day=120):
        for record in parsed_records(config, day, "conversations"):
            yield from (_BRAND(m["text"]) for m in rewrite_conversation(record)["messages"])


__all__ = [
    "OTHER_INSURER",
    "OTHER_PLANS",
    "OTHER_SYSTEM_PROMPT",
    "chat_examples",
    "documents",
    "other_plan_rows",
    "rewrite_conversation",
    "tokenizer_corpus",
]
