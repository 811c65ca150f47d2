"""Values that fill templates: a member's and plan's fixed strings (cached), and per-conversation
values formatted only when a chosen template asks for them."""

from __future__ import annotations

from datetime import date

from .ids import make_ip
from .members import Member
from .plans import PLAN_YEAR, Plan, pct, usd
from .rng import between, pick

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_PORTAL = "https://portal.heartlandmutualhealth.com"


def fmt_date(d: date, style: int) -> str:
    if style == 0:
        return f"{d.month:02d}/{d.day:02d}/{d.year}"
    if style == 1:
        return f"{_MONTHS[d.month - 1]} {d.day}, {d.year}"
    if style == 2:
        return d.isoformat()
    return f"{d.month}/{d.day}/{d.year % 100:02d}"


def member_values(member: Member) -> dict[str, str]:
    """The member's and their plan's template values (copied per conversation, never mutated).
    Kept on the Member, so they live exactly as long as the member cache keeps it."""
    values = member.values
    if values is None:
        values = member.values = {
            "name": member.name,
            "first": member.first,
            "last": member.last,
            "mid": member.member_id,
            "email": member.email,
            "addr": f"{member.street}, {member.city}, {member.state}",
            "zip": member.zip,
            "ssn": member.ssn,
            "ssn4": member.ssn[-4:],
            **plan_values(member.plan),
        }
    return values


def dob_variants(member: Member) -> tuple[str, str, str, str]:
    """How a member writes their birth date; the first style is the most common."""
    dobs = member.dobs
    if dobs is None:
        d = member.dob
        dobs = member.dobs = (fmt_date(d, 0), fmt_date(d, 0), fmt_date(d, 1), fmt_date(d, 2))
    return dobs


_PLAN_VALUES: dict[str, dict[str, str]] = {}


def plan_values(plan: Plan) -> dict[str, str]:
    values = _PLAN_VALUES.get(plan.plan_id)
    if values is None:
        values = _PLAN_VALUES[plan.plan_id] = {
            "plan": plan.plan_name,
            "ded": usd(plan.deductible_individual),
            "ded_fam": usd(plan.deductible_family),
            "oop": usd(plan.oop_max_individual),
            "oop_fam": usd(plan.oop_max_family),
            "coins": pct(plan.coinsurance),
            "generic_copay": usd(plan.copay("generic_rx")),
            "brand_copay": usd(plan.copay("brand_rx")),
            "after_ded": " after your deductible" if plan.hdhp else "",
            "year": str(PLAN_YEAR),
        }
    return values


def _url(v: Values) -> str:
    rnd, mid = v.rnd, v["mid"]
    return pick(
        rnd,
        (
            f"{_PORTAL}/members/{mid}/claims",
            f"{_PORTAL}/login?member={mid}",
            f"{_PORTAL}/account/settings",
            f"{_PORTAL}/eob/{between(rnd, 100000, 999999)}",
        ),
    )


def _claim_date(v: Values, field: str) -> str:
    r = v.claim.record
    style = (0, 1, 3)[int(r["claim_id"][-1]) % 3]  # one style per claim, so both dates match
    return fmt_date(date.fromisoformat(r[field]), style)


def _claim_coins(v: Values) -> str:
    claim = v.claim
    plan_id = claim.record["plan_id"]
    return pct(claim.member.plan.coinsurance + (0.0 if claim.provider.in_network(plan_id) else 0.2))


_LAZY = {  # template field -> how to make it; only fields a chosen template uses get formatted
    "ip": lambda v: make_ip(v.rnd),
    "url": _url,
    "claim": lambda v: v.claim.record["claim_id"],
    "sdate": lambda v: _claim_date(v, "service_date"),
    "rdate": lambda v: _claim_date(v, "received_date"),
    "cpt_desc": lambda v: v.claim.description,
    "cpt": lambda v: v.claim.record["cpt_code"],  # 5 digits, like a ZIP: a scrubber trap
    "icd": lambda v: v.claim.record["icd10_code"],
    "prov": lambda v: v.claim.provider.provider_name,
    "billed": lambda v: usd(v.claim.record["billed_amount"]),
    "allowed": lambda v: usd(v.claim.record["allowed_amount"]),
    "paid": lambda v: usd(v.claim.record["paid_amount"]),
    "mr": lambda v: usd(v.claim.record["member_responsibility"]),
    "reason": lambda v: v.claim.record["denial_reason"] or "",
    "status_text": lambda v: "under review" if v.claim.record["status"] == "in_review" else "pending",
    "balance": lambda v: usd(
        (round(v.claim.record["billed_amount"] * 100) - round(v.claim.record["allowed_amount"] * 100)) / 100
    ),
    "deducted": lambda v: usd(v.claim.deductible_cents / 100),
    "claim_coins": _claim_coins,
}


class Values(dict):
    """Template values. Rarely used ones are made on first use: that saves formatting a dozen
    amounts per conversation, and the result is still a pure function of the conversation."""

    __slots__ = ("claim", "rnd")

    def __missing__(self, key: str) -> str:
        make = _LAZY.get(key)
        if make is None:
            raise KeyError(key)
        value = self[key] = make(self)
        return value
