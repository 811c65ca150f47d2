"""Plan benefits rows -> question-answer chat examples that teach company knowledge, not personal data.

Every answer is rendered from the row's own fields (numbers formatted as the plan documents print
them), so an answer can never disagree with the plan. Each question key has several phrasings;
all phrasings of one key share the synthetic conversation id "plan:<plan_id>:<key>" and so land in
one split. Plan document sections become QA pairs too, quoting the section verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping

from ..common.plan_format import COPAY_NAMES, copays_of, pct, usd
from .examples import chat_example

_RX_COPAYS = {"generic_rx", "brand_rx"}
_HDHP_COPAY = "copay after you meet your deductible"  # how the documents word HDHP copays
_SECTION_TITLE = re.compile(r"^[A-Z][A-Z &/-]+$")


def _copay_name(key: str) -> str:
    return COPAY_NAMES.get(key, key.replace("_", " "))


def document_sections(text: str) -> dict[str, str]:
    """{"deductible": body, ...} for each "TITLE\\nbody" block of a Summary of Benefits."""
    sections = {}
    for block in (text or "").split("\n\n"):
        title, _, body = block.strip().partition("\n")
        if _SECTION_TITLE.match(title) and body.strip():
            sections[title.strip().lower()] = body.strip()
    return sections


def plan_facts(plan: Mapping, pa_universe: Iterable[str], covered_universe: Iterable[str]) -> Iterator[tuple]:
    """(key, topic, phrasings, answer) per fact; "{p}" in a phrasing is the plan name."""
    name, doc = plan["plan_name"], plan.get("document_text") or ""
    yield (
        "plan_type",
        "benefits",
        ("What kind of plan is {p}?", "Is {p} an HMO, a PPO or an EPO?", "What metal tier is {p}?"),
        (
            f"{name} (plan {plan['plan_id']}) is a {plan['plan_type']} plan in the {plan['metal_tier']} tier "
            f"for plan year {plan['plan_year']}."
        ),
    )
    ded_i, ded_f = usd(plan["deductible_individual"]), usd(plan["deductible_family"])
    oop_i, oop_f = usd(plan["oop_max_individual"]), usd(plan["oop_max_family"])
    ded = f"The {name} deductible is {ded_i} for an individual and {ded_f} for a family."
    oop = f"The {name} out-of-pocket maximum is {oop_i} for an individual and {oop_f} for a family."
    yield (
        "deductible_individual",
        "benefits",
        (
            "What is the individual deductible on {p}?",
            "How much do I pay before {p} starts paying, just for me?",
            "What's my deductible with {p}?",
        ),
        ded,
    )
    yield (
        "deductible_family",
        "benefits",
        (
            "What is the family deductible on {p}?",
            "How big is the deductible for a family on {p}?",
            "We're a family on {p}. What's our deductible?",
        ),
        ded,
    )
    yield (
        "oop_max_individual",
        "benefits",
        (
            "What is the out-of-pocket maximum on {p}?",
            "What's the most I could pay in a year on {p}?",
            "Is there a cap on my costs with {p}?",
        ),
        oop,
    )
    yield (
        "oop_max_family",
        "benefits",
        (
            "What is the family out-of-pocket maximum on {p}?",
            "What's the most our family could pay in a year on {p}?",
            "What's the family OOP max for {p}?",
        ),
        oop,
    )
    after = " after you meet your deductible" if _HDHP_COPAY in doc else ""
    for key, amount in sorted(copays_of(plan).items()):
        what = _copay_name(key)
        yield (
            f"copay:{key}",
            "pharmacy" if key in _RX_COPAYS else "benefits",
            (
                f"What is the copay for {what} on {{p}}?",
                f"How much do I pay for {what} with {{p}}?",
                f"On {{p}}, what does {what} cost me?",
            ),
            f"On {name}, {what} is a {usd(amount)} copay{after}.",
        )
    coins = pct(plan["coinsurance"])
    yield (
        "coinsurance",
        "benefits",
        (
            "What is the coinsurance on {p}?",
            ("After the deductible, what share do I pay on {p}?"),
            "How much coinsurance does {p} have?",
        ),
        f"On {name}, after the deductible you pay {coins} of the allowed amount for services without a copay.",
    )
    pa = list(plan.get("prior_auth_required") or [])
    if pa:
        yield (
            "prior_auth:list",
            "prior_auth",
            (
                "What needs prior authorization on {p}?",
                "Which services need pre-approval with {p}?",
                "What requires a prior auth on {p}?",
            ),
            (
                f"On {name}, these need prior authorization before you receive them: {', '.join(pa)}. "
                "Your provider requests it; without it the claim may be denied."
            ),
        )
    for svc in sorted(set(pa_universe) | set(pa)):
        answer = (
            f"Yes. {name} requires prior authorization for {svc}; without it the claim may be denied."
            if svc in pa
            else f"No. {svc[0].upper() + svc[1:]} is not on the {name} prior authorization list."
        )
        yield (
            f"prior_auth:{svc}",
            "prior_auth",
            (f"Does {svc} need prior authorization on {{p}}?", f"Do I need a prior auth for {svc} with {{p}}?"),
            answer,
        )
    covered = list(plan.get("covered_services") or [])
    for svc in sorted(set(covered_universe) | set(covered)):
        answer = (
            f"Yes, {svc} is a covered service on {name}."
            if svc in covered
            else f"No, {svc} is not among the covered services of {name}."
        )
        yield (f"covered:{svc}", "benefits", (f"Does {{p}} cover {svc}?", f"Is {svc} covered on {{p}}?"), answer)
    for title, body in document_sections(doc).items():
        yield (
            f"document:{title}",
            "find_provider" if title == "network" else "benefits",
            (
                f"What does the {{p}} summary of benefits say about {title}?",
                f"Can you explain the {title} rules of {{p}}?",
            ),
            body,
        )


def plan_qa_examples(plans: Iterable[Mapping], system_prompt: str) -> list[dict]:
    """All QA examples for the given plan rows (each row as DuckDB returns warehouse.plan_benefits)."""
    plans = list(plans)
    pa_universe = {s for p in plans for s in p.get("prior_auth_required") or []}
    covered_universe = {s for p in plans for s in p.get("covered_services") or []}
    out = []
    for plan in plans:
        for key, topic, phrasings, answer in plan_facts(plan, pa_universe, covered_universe):
            cid = f"plan:{plan['plan_id']}:{key}"
            for i, question in enumerate(phrasings):
                out.append(
                    chat_example(
                        id=f"{cid}:{i}",
                        source="plan_qa",
                        topic=topic,
                        conversation_id=cid,
                        system_prompt=system_prompt,
                        turns=[("user", question.format(p=plan["plan_name"])), ("assistant", answer)],
                    )
                )
    return out
