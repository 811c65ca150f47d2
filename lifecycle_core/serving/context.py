"""The member's context block: the plan facts the gateway injects after the system prompt.

One format for serving, for the evaluation that asks with the member's plan in the prompt, and for
fine-tuning examples that teach the adapter to read it. Plan facts only: no personal data.
"""

from __future__ import annotations

from collections.abc import Mapping

from lifecycle_core.finetune.plan_qa import COPAY_NAMES, copays_of, pct, usd

HEADER = "MEMBER CONTEXT"


def plan_block(plan: Mapping) -> str:
    """The plan of the member being helped, as the assistant reads it."""
    copays = "; ".join(f"{COPAY_NAMES.get(k, k)} {usd(v)}" for k, v in sorted(copays_of(plan).items()))
    lines = [
        HEADER,
        (
            f"Plan: {plan['plan_name']} ({plan['plan_type']}, {plan['metal_tier']} tier), plan {plan['plan_id']}, "
            f"plan year {plan['plan_year']}."
        ),
        f"Deductible: {usd(plan['deductible_individual'])} individual, {usd(plan['deductible_family'])} family.",
        f"Out-of-pocket maximum: {usd(plan['oop_max_individual'])} individual, {usd(plan['oop_max_family'])} family.",
        f"Coinsurance after the deductible: {pct(plan['coinsurance'])}.",
        f"Copays: {copays}.",
    ]
    if plan.get("prior_auth_required"):
        lines.append(f"Prior authorization required for: {', '.join(plan['prior_auth_required'])}.")
    return "\n".join(lines)


def with_context(system_prompt: str, block: str) -> str:
    """The system message with a context block after it, as the gateway sends it."""
    return f"{system_prompt}\n\n{block}"


__all__ = ["HEADER", "plan_block", "with_context"]
