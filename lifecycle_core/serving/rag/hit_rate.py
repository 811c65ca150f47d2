"""How often retrieval finds the passage that answers a member's question about their plan.

Questions are made from each plan's own fields (its copays, its prior-authorization list, its covered
services, its network type) and phrased the way members ask: mostly in their own words, only some
naming the section's title, so a hit is not just the title matching itself. A question's answer is
the section of that plan's document that states the fact; it is a hit at k when a chunk of that
section is among the first k passages, searched within the question's plan as the gateway does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from lifecycle_core.common.plan_format import copays_of

from .chunks import sections, slug
from .index import Passage

KS = (1, 3, 5)
# The section stating each kind of fact, titled as the Summary of Benefits prints it.
SUMMARY, DEDUCTIBLE, OOP_MAX = "SUMMARY OF BENEFITS AND COVERAGE", "DEDUCTIBLE", "OUT-OF-POCKET MAXIMUM"
COPAYS, COINSURANCE, PRIOR_AUTH = "COPAYS", "COINSURANCE", "PRIOR AUTHORIZATION"
NETWORK, COVERED, HSA = "NETWORK", "COVERED SERVICES", "HEALTH SAVINGS ACCOUNT"

# Several ways to ask each fact; "{p}" is the plan's name (members do not always say it).
_FIXED = {
    DEDUCTIBLE: (
        "What's my deductible?",
        "How much do I have to pay myself before my insurance starts paying?",
        "What is the family deductible on {p}?",
        "How much do we need to spend as a family before the plan starts to pay?",
    ),
    OOP_MAX: (
        "What is the most I could end up paying in a year?",
        "Is there a yearly cap on what I spend on medical bills?",
        "What's the out-of-pocket max for a family on {p}?",
        "Do my copays count toward a limit on my costs for the year?",
    ),
    COINSURANCE: (
        "After I meet my deductible, what percentage of the bill do I pay?",
        "What share of a hospital stay am I responsible for?",
        "What is the coinsurance on {p}?",
        "How much of the cost of lab work and imaging is on me?",
    ),
    PRIOR_AUTH: (
        "Which services have to be approved in advance?",
        "What happens if my doctor doesn't get pre-approval?",
    ),
    NETWORK: (
        "Do I need a referral to see a specialist?",
        "Can I see a doctor who is out of network?",
        "Do I have to choose a primary care provider on {p}?",
        "Is care from providers outside the network covered?",
    ),
    HSA: (
        "Can I open a health savings account with this plan?",
        "Is {p} HSA eligible?",
        "Do unused HSA funds roll over every year?",
        "Can I pay medical expenses tax-free?",
    ),
    SUMMARY: (
        "What kind of plan is {p}?",
        "What metal tier is my plan?",
        "When does my coverage period end?",
    ),
}
_COPAYS = {
    "primary_care": ("How much does it cost to see my regular doctor?", "What do I pay for a primary care visit?"),
    "specialist": ("What does a specialist visit cost me?", "How much will I pay to see a cardiologist?"),
    "urgent_care": ("How much is an urgent care visit?", "What will I pay at an urgent care clinic?"),
    "emergency_room": ("What do I pay if I go to the ER?", "How much is an emergency room visit on {p}?"),
    "generic_rx": ("How much are generic prescriptions?", "What's the cost of a month of a generic drug?"),
    "brand_rx": ("What do I pay for brand-name medication?", "How much is a 30-day supply of a preferred brand drug?"),
    "mental_health": ("How much does a therapy session cost?", "What do I pay for an outpatient mental health visit?"),
}
_PRIOR_AUTH_EACH = (
    "Do I need approval before getting {s}?",
    "Does {s} need prior authorization on {p}?",
    "Does my doctor have to get {s} pre-approved?",
)
_COVERED_EACH = ("Is {s} covered?", "Does my plan pay for {s}?", "Will {p} cover {s}?")


@dataclass(frozen=True)
class Question:
    plan_id: str
    section: str  # the section that states the answer
    text: str


class Retriever(Protocol):
    """index.PlanRetriever, or anything else that ranks passages within a plan."""

    def search_many(self, questions: Sequence[str], plan_ids: Sequence[str | None], k: int) -> list[list[Passage]]: ...


def _each(phrasings: Sequence[str], items: Sequence[str]) -> Iterator[tuple[str, str]]:
    """One question per item, the phrasings taken in turn: every phrasing is used, no item asked twice."""
    for i, item in enumerate(items):
        yield phrasings[i % len(phrasings)], item


def plan_questions(plan: Mapping) -> list[Question]:
    """The questions about one plan whose answering section its document has."""
    asked = [(section, text) for section, texts in _FIXED.items() for text in texts]
    for key in sorted(copays_of(plan)):
        asked += [(COPAYS, text) for text in _COPAYS.get(key, (f"What is the copay for {key.replace('_', ' ')}?",))]
    listed = {PRIOR_AUTH: (_PRIOR_AUTH_EACH, "prior_auth_required"), COVERED: (_COVERED_EACH, "covered_services")}
    for section, (phrasings, field) in listed.items():
        asked += [(section, text.replace("{s}", item)) for text, item in _each(phrasings, plan.get(field) or [])]
    present = {slug(title) for title, _ in sections(plan.get("document_text") or "")}
    name = str(plan["plan_name"])
    return [Question(str(plan["plan_id"]), s, text.replace("{p}", name)) for s, text in asked if slug(s) in present]


def _rank(question: Question, passages: Sequence[Passage]) -> int | None:
    """1-based rank of the first passage from the answering section of the question's plan."""
    expected = f"{question.plan_id}:{slug(question.section)}:"
    return next((i for i, p in enumerate(passages, 1) if p.chunk_id.startswith(expected)), None)


def _rates(ranks: Sequence[int | None], ks: Sequence[int]) -> dict[str, float]:
    return {f"hit_rate@{k}": round(sum(r is not None and r <= k for r in ranks) / len(ranks), 4) for k in ks}


def hit_rate(retriever: Retriever, plans: Sequence[Mapping], ks: Sequence[int] = KS) -> dict:
    """{questions, hit_rate@k..., by_section: {section: {questions, hit_rate@k...}}, misses (a few, to read)}
    over every question of every plan."""
    questions = [question for plan in plans for question in plan_questions(plan)]
    if not questions:
        raise ValueError("no question to ask: the plans have no document sections")
    ranks, by_section, misses = [], defaultdict(list), []
    found = retriever.search_many([q.text for q in questions], [q.plan_id for q in questions], max(ks))
    for question, passages in zip(questions, found, strict=True):
        rank = _rank(question, passages)
        ranks.append(rank)
        by_section[question.section].append(rank)
        if rank is None and len(misses) < 10:  # a few, to read what went wrong
            misses.append({"plan_id": question.plan_id, "question": question.text, "expected": question.section,
                           "got": [p.section for p in passages]})  # fmt: skip
    return {
        "questions": len(questions),
        **_rates(ranks, ks),
        "by_section": {s: {"questions": len(r), **_rates(r, ks)} for s, r in sorted(by_section.items())},
        "misses": misses,
    }


def markdown_table(result: Mapping) -> str:
    """Hit rate per section, as a table a person reads."""
    ks = [name.removeprefix("hit_rate@") for name in result if name.startswith("hit_rate@")]
    head = "| section | questions | " + " | ".join(f"hit@{k}" for k in ks) + " |"
    rule = "|---|---:|" + "---:|" * len(ks)
    rows = [
        f"| {name} | {entry['questions']} | " + " | ".join(f"{entry[f'hit_rate@{k}']:.2f}" for k in ks) + " |"
        for name, entry in [*result["by_section"].items(), ("all", result)]
    ]
    return "\n".join([head, rule, *rows])


__all__ = ["KS", "Question", "hit_rate", "markdown_table", "plan_questions"]
