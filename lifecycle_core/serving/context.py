"""The member's context block: what the gateway injects after the system prompt for the caller.

One format, rendered by ``context_block`` only, for serving (the authenticated member's plan,
accumulators, recent claims and retrieved plan passages), for fine-tuning examples (the
conversation's own member, then scrubbed with the conversation) and for the evaluation that asks
with the member's plan in the prompt. Nothing in it identifies a person except the member's own
claim numbers, which training scrubs like any identifier.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..common.plan_format import COPAY_NAMES, copays_of, pct, usd

HEADER = "MEMBER CONTEXT"
CLAIMS_HEADER = "Recent claims (newest first):"
PASSAGES_HEADER = "From the plan documents:"


@dataclass(frozen=True)
class ClaimLine:
    claim_id: str
    service_date: str  # ISO date
    service: str  # plain-language service, e.g. "office visit, established patient"
    status: str  # paid | denied | pending | in_review
    denial_reason: str | None
    billed: float
    member_owes: float


@dataclass(frozen=True)
class Accumulators:
    """What the member has paid toward the plan year's limits, from their adjudicated claims."""

    plan_year: int
    deductible_met: float
    deductible: float
    oop_met: float
    oop_max: float


@dataclass(frozen=True)
class MemberContext:
    plan: Mapping
    accumulators: Accumulators | None = None
    claims: Sequence[ClaimLine] = field(default_factory=tuple)
    passages: Sequence[str] = field(default_factory=tuple)


def plan_block(plan: Mapping) -> str:
    """The plan part alone (the block of a member with no claims and no passages)."""
    return context_block(MemberContext(plan))


def context_block(ctx: MemberContext) -> str:
    """The block as the assistant reads it; sections without data are left out."""
    lines = [HEADER, *_plan_lines(ctx.plan)]
    if ctx.accumulators is not None:
        a = ctx.accumulators
        lines.append(
            f"Met so far in plan year {a.plan_year}: deductible {usd(a.deductible_met)} of {usd(a.deductible)}; "
            f"out-of-pocket {usd(a.oop_met)} of {usd(a.oop_max)}."
        )
    if ctx.claims:
        lines.append(CLAIMS_HEADER)
        lines += [_claim_line(c) for c in ctx.claims]
    if ctx.passages:
        lines.append(PASSAGES_HEADER)
        lines += [f"- {' '.join(p.split())}" for p in ctx.passages]
    return "\n".join(lines)


def _plan_lines(plan: Mapping) -> list[str]:
    copays = "; ".join(f"{COPAY_NAMES.get(k, k)} {usd(v)}" for k, v in sorted(copays_of(plan).items()))
    lines = [
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
    return lines


def _claim_line(c: ClaimLine) -> str:
    status = f"denied ({c.denial_reason})" if c.status == "denied" and c.denial_reason else c.status.replace("_", " ")
    priced = (
        f"billed {usd(c.billed)}, you owe {usd(c.member_owes)}" if c.status in ("paid", "denied") else "not priced yet"
    )
    return f"- Claim {c.claim_id}, {c.service} on {c.service_date}: {status}; {priced}."


def with_context(system_prompt: str, block: str) -> str:
    """The system message with a context block after it, as the gateway sends it."""
    return f"{system_prompt}\n\n{block}"


__all__ = [
    "HEADER",
    "Accumulators",
    "ClaimLine",
    "MemberContext",
    "context_block",
    "plan_block",
    "with_context",
]
