"""Questions about the plans whose answers are known: multiple choice, and figures to generate.

Built from the same plan facts the dataset teaches (finetune/plan_qa.py), so a right answer is the
sentence the plan documents support. Distractors are the answers other plans give, put in this
plan's name: plausible, and wrong only in the figure or the rule. A fact every plan shares is not
asked: it can be answered without knowing the plan.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal

from ..finetune.plan_qa import COPAY_NAMES, copays_of, pct, plan_facts, usd

MC_KINDS = ("deductible_", "oop_max_", "copay:", "coinsurance", "prior_auth:", "covered:")
# Facts with one figure, asked as a member would ask with their plan in the prompt (no plan name).
PERSONAL = {
    "deductible_individual": "What is my deductible, just for me?",
    "deductible_family": "What is our family deductible?",
    "oop_max_individual": "What is the most I could pay in a year?",
    "oop_max_family": "What is the most our family could pay in a year?",
    "coinsurance": "What share do I pay after the deductible?",
}
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _universes(plans: Sequence[Mapping]) -> tuple[set[str], set[str]]:
    return (
        {s for p in plans for s in p.get("prior_auth_required") or []},
        {s for p in plans for s in p.get("covered_services") or []},
    )


def _answers(plan: Mapping, plans: Sequence[Mapping]) -> dict[str, tuple[str, str]]:
    """key -> (first phrasing with the plan's name, answer) for the facts worth asking about."""
    pa, covered = _universes(plans)
    return {
        key: (phrasings[0].format(p=plan["plan_name"]), answer)
        for key, _, phrasings, answer in plan_facts(plan, pa, covered)
        if key.startswith(MC_KINDS)
    }


def multiple_choice(plans: Sequence[Mapping], choices: int = 4) -> list[dict]:
    """{plan_id, key, question, choices, gold} for each plan fact; distractors from the other plans."""
    items = []
    for plan in plans:
        truth = _answers(plan, plans)
        renamed = [
            {**other, "plan_name": plan["plan_name"], "plan_id": plan["plan_id"]}
            for other in plans
            if other is not plan
        ]
        for key, (question, answer) in sorted(truth.items()):
            wrong = [a[1] for other in renamed if (a := _answers(other, plans).get(key))]
            options = list(dict.fromkeys(a for a in wrong if a != answer))[: choices - 1]
            if not options:
                continue  # every plan says the same: knowing the plan is not needed to answer
            ordered = random.Random(f"{plan['plan_id']}:{key}").sample([answer, *options], len(options) + 1)
            items.append(
                {
                    "plan_id": plan["plan_id"],
                    "key": key,
                    "question": question,
                    "choices": ordered,
                    "gold": ordered.index(answer),
                }
            )
    return items


def figure_of(plan: Mapping, key: str) -> str | None:
    """The one figure that answers `key` for `plan`, as plan documents print it."""
    if key == "coinsurance":
        return pct(plan["coinsurance"])
    if key.startswith("copay:"):
        return usd(copays_of(plan)[key.split(":", 1)[1]])
    if key in PERSONAL:
        return usd(plan[key])
    return None


def figure_questions(plans: Sequence[Mapping]) -> list[dict]:
    """{plan_id, key, question (names the plan), personal (asks about "my" plan), figure} per figure fact."""
    items = []
    for plan in plans:
        for key, (question, _) in sorted(_answers(plan, plans).items()):
            figure = figure_of(plan, key)
            if figure is None:
                continue
            copay = key.split(":", 1)[1] if key.startswith("copay:") else None
            personal = f"What is my copay for {COPAY_NAMES.get(copay, copay)}?" if copay else PERSONAL[key]
            items.append({"plan_id": plan["plan_id"], "key": key, "question": question, "personal": personal,
                          "figure": figure})  # fmt: skip
    return items


def numbers_in(text: str) -> set[str]:
    """Every number written in the text, normalized: "$1,250.00" and "1250" are both "1250"."""
    found = set()
    for raw in _NUMBER.findall(text):
        value = Decimal(raw.replace(",", ""))
        found.add(format(value.normalize(), "f"))
    return found


def has_figure(text: str, figure: str) -> bool:
    return numbers_in(figure) <= numbers_in(text)


__all__ = ["figure_questions", "has_figure", "multiple_choice", "numbers_in"]
