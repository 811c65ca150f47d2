"""Warehouse claim rows -> a member's context as of a day: accumulators and recent claims.

The same function serves the gateway (as of today, from the serving store) and the fine-tuning
dataset (as of the conversation's day, from the warehouse), so the adapter learns to read exactly
what it will be shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from lifecycle_core.feed.claims import CPT

from .context import Accumulators, ClaimLine, MemberContext

RECENT_CLAIMS = 5
# Claim columns both sources provide (the serving store keeps exactly these).
CLAIM_FIELDS = (
    "claim_id",
    "service_date",
    "received_date",
    "cpt_code",
    "status",
    "denial_reason",
    "billed_amount",
    "member_responsibility",
)


def service_name(cpt_code: str | None) -> str:
    """The plain-language service of a CPT code (the partner's code book), else the code itself."""
    found = CPT.get(cpt_code or "")
    return found[0] if found else f"service {cpt_code or 'unknown'}"


def _day(value) -> str:
    return value.isoformat()[:10] if isinstance(value, date) else str(value)[:10]


def known_on(claims: Iterable[Mapping], as_of: date | str) -> list[Mapping]:
    """Claims the insurer had received by `as_of`, newest service first (claim id breaks ties)."""
    day = _day(as_of)
    kept = [c for c in claims if _day(c["received_date"]) <= day]
    return sorted(kept, key=lambda c: (_day(c["service_date"]), str(c["claim_id"])), reverse=True)


def accumulators(plan: Mapping, claims: Sequence[Mapping], as_of: date | str) -> Accumulators:
    """The member's share of paid claims with service in the plan year, up to the plan's limits.

    Denied and unadjudicated claims count toward nothing; copays and coinsurance count toward the
    out-of-pocket maximum, and (lacking a per-claim split) the member's share counts toward the
    deductible until it is met, which is how members read their explanation of benefits.
    """
    year = int(plan["plan_year"])
    paid = sum(
        float(c["member_responsibility"] or 0)
        for c in claims
        if c["status"] == "paid"
        and _day(c["service_date"]).startswith(str(year))
        and _day(c["received_date"]) <= _day(as_of)
    )
    deductible, oop_max = float(plan["deductible_individual"]), float(plan["oop_max_individual"])
    return Accumulators(year, round(min(paid, deductible), 2), deductible, round(min(paid, oop_max), 2), oop_max)


def claim_line(row: Mapping) -> ClaimLine:
    return ClaimLine(
        claim_id=str(row["claim_id"]),
        service_date=_day(row["service_date"]),
        service=service_name(row.get("cpt_code")),
        status=str(row["status"]),
        denial_reason=row.get("denial_reason"),
        billed=float(row["billed_amount"] or 0),
        member_owes=float(row["member_responsibility"] or 0),
    )


def member_context(
    plan: Mapping,
    claims: Iterable[Mapping],
    as_of: date | str,
    passages: Sequence[str] = (),
    recent: int = RECENT_CLAIMS,
) -> MemberContext:
    """The member's context as of a day: their plan, accumulators, newest claims and any passages."""
    known = known_on(claims, as_of)
    return MemberContext(
        plan=plan,
        accumulators=accumulators(plan, known, as_of),
        claims=tuple(claim_line(c) for c in known[:recent]),
        passages=tuple(passages),
    )


__all__ = ["CLAIM_FIELDS", "RECENT_CLAIMS", "accumulators", "claim_line", "known_on", "member_context", "service_name"]
