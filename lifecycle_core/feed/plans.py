"""The plan catalog and its Summary of Benefits documents.

The catalog is fixed (not seeded): plan ids are business constants that members, claims and
conversations refer to, and the chatbot is trained to quote these exact numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .config import FeedConfig

PLAN_YEAR = 2026
COPAY_KEYS = ("primary_care", "specialist", "urgent_care", "emergency_room", "generic_rx", "brand_rx", "mental_health")


@dataclass(frozen=True)
class Plan:
    plan_id: str
    plan_name: str
    plan_type: str
    metal_tier: str
    deductible_individual: float
    deductible_family: float
    oop_max_individual: float
    oop_max_family: float
    coinsurance: float
    copays: tuple[float, ...]  # in COPAY_KEYS order
    prior_auth_required: tuple[str, ...]
    extra_services: tuple[str, ...] = ()
    hdhp: bool = False  # copays apply only after the deductible; HSA eligible

    def copay(self, key: str) -> float:
        return self.copays[COPAY_KEYS.index(key)]


_PA_CORE = ("MRI", "CT scan", "inpatient admission", "specialty drugs")
BASE_PLANS = (
    Plan(
        "PLN-BRZ-HMO-26",
        f"Bronze HMO {PLAN_YEAR}",
        "HMO",
        "Bronze",
        7000.0,
        14000.0,
        9200.0,
        18400.0,
        0.40,
        (50.0, 100.0, 100.0, 500.0, 20.0, 75.0, 50.0),
        _PA_CORE + ("physical therapy after 12 visits", "sleep study", "genetic testing"),
    ),
    Plan(
        "PLN-SLV-HMO-26",
        f"Silver HMO {PLAN_YEAR}",
        "HMO",
        "Silver",
        3000.0,
        6000.0,
        8500.0,
        17000.0,
        0.25,
        (20.0, 50.0, 60.0, 350.0, 10.0, 45.0, 20.0),
        _PA_CORE + ("physical therapy after 12 visits", "sleep study"),
    ),
    Plan(
        "PLN-SLV-PPO-26",
        f"Silver PPO {PLAN_YEAR}",
        "PPO",
        "Silver",
        2500.0,
        5000.0,
        8000.0,
        16000.0,
        0.30,
        (25.0, 40.0, 75.0, 400.0, 15.0, 50.0, 25.0),
        _PA_CORE + ("physical therapy after 12 visits",),
        ("out-of-network care",),
    ),
    Plan(
        "PLN-GLD-PPO-26",
        f"Gold PPO {PLAN_YEAR}",
        "PPO",
        "Gold",
        1000.0,
        2000.0,
        5500.0,
        11000.0,
        0.20,
        (20.0, 35.0, 50.0, 300.0, 10.0, 35.0, 20.0),
        _PA_CORE,
        ("out-of-network care", "acupuncture"),
    ),
    Plan(
        "PLN-PLT-EPO-26",
        f"Platinum EPO {PLAN_YEAR}",
        "EPO",
        "Platinum",
        250.0,
        500.0,
        3000.0,
        6000.0,
        0.10,
        (10.0, 20.0, 30.0, 150.0, 5.0, 25.0, 10.0),
        ("inpatient admission", "specialty drugs", "genetic testing"),
        ("acupuncture", "adult vision exam"),
    ),
)
# Appears from drift_start on; new members after the drift enroll in it.
HDHP_PLAN = Plan(
    "PLN-SVR-HDHP-26",
    f"Saver HDHP {PLAN_YEAR} with HSA",
    "PPO",
    "Bronze",
    3400.0,
    6800.0,
    7000.0,
    14000.0,
    0.20,
    (30.0, 50.0, 75.0, 350.0, 10.0, 40.0, 30.0),
    _PA_CORE + ("physical therapy after 12 visits",),
    ("out-of-network care",),
    hdhp=True,
)
# Enrollment mix of the base population, in BASE_PLANS order.
BASE_PLAN_WEIGHTS = (0.22, 0.20, 0.28, 0.20, 0.10)

_CORE_SERVICES = (
    "preventive care",
    "primary care visits",
    "specialist visits",
    "urgent care",
    "emergency room",
    "inpatient hospital",
    "outpatient surgery",
    "lab tests",
    "imaging",
    "mental health",
    "physical therapy",
    "prescription drugs",
    "maternity care",
    "pediatric dental and vision",
)
_COPAY_LABELS = {
    "primary_care": "Primary care visit",
    "specialist": "Specialist visit",
    "urgent_care": "Urgent care",
    "emergency_room": "Emergency room",
    "generic_rx": "Generic drugs (30-day supply)",
    "brand_rx": "Preferred brand drugs (30-day supply)",
    "mental_health": "Mental health outpatient visit",
}
_NETWORK_RULES = {
    "HMO": "You must choose a primary care provider (PCP). Specialist visits need a referral from your PCP. "
    "Care outside the network is not covered except for emergencies.",
    "PPO": "You may see any provider without a referral. In-network providers cost less; out-of-network care "
    "is covered at a higher coinsurance and may be balance billed.",
    "EPO": "You may see in-network specialists without a referral. Care outside the network is not covered "
    "except for emergencies.",
}


def usd(amount: float) -> str:
    """$2,500 or $12.50: whole dollars drop the cents, as plan documents print them."""
    return f"${amount:,.0f}" if amount == int(amount) else f"${amount:,.2f}"


def pct(fraction: float) -> str:
    return f"{round(fraction * 100)}%"


def plans_available(config: FeedConfig, as_of: date) -> tuple[Plan, ...]:
    if config.drift_start is not None and as_of >= config.drift_start:
        return BASE_PLANS + (HDHP_PLAN,)
    return BASE_PLANS


def effective_date(config: FeedConfig, plan: Plan) -> date:
    if plan.hdhp and config.drift_start is not None:
        return config.drift_start
    return date(PLAN_YEAR, 1, 1)


def document_text(plan: Plan, effective: date) -> str:
    after = " after you meet your deductible" if plan.hdhp else ""
    copay_lines = "\n".join(f"- {_COPAY_LABELS[k]}: {usd(plan.copay(k))} copay{after}" for k in COPAY_KEYS)
    sections = [
        (
            f"SUMMARY OF BENEFITS AND COVERAGE\n{plan.plan_name} ({plan.plan_type}, {plan.metal_tier} tier), "
            f"plan {plan.plan_id}. Coverage period: {effective.strftime('%m/%d/%Y')} - 12/31/{PLAN_YEAR}."
        ),
        (
            f"DEDUCTIBLE\nYou pay the first {usd(plan.deductible_individual)} of covered services each year for an "
            f"individual, or {usd(plan.deductible_family)} for a family, before the plan pays. Preventive care "
            "from in-network providers is covered at no cost and does not count toward the deductible."
        ),
        (
            f"OUT-OF-POCKET MAXIMUM\nThe most you pay in a plan year is {usd(plan.oop_max_individual)} for an "
            f"individual or {usd(plan.oop_max_family)} for a family. Copays, coinsurance and the deductible count "
            "toward this limit; premiums do not."
        ),
        f"COPAYS\n{copay_lines}",
        (
            f"COINSURANCE\nAfter the deductible you pay {pct(plan.coinsurance)} of the allowed amount for services "
            "without a copay, such as imaging, lab work, outpatient surgery and hospital stays."
        ),
        (
            "PRIOR AUTHORIZATION\nThe following need approval before you receive them, or the claim may be "
            f"denied: {', '.join(plan.prior_auth_required)}. Your provider requests the authorization; you "
            "receive a PA number once it is approved."
        ),
        f"NETWORK\n{_NETWORK_RULES[plan.plan_type]}",
        f"COVERED SERVICES\n{', '.join(covered_services(plan))}.",
    ]
    if plan.hdhp:
        sections.append(
            "HEALTH SAVINGS ACCOUNT\nThis is a high deductible health plan (HDHP) that qualifies you for a "
            "Health Savings Account (HSA). You pay the full allowed amount for non-preventive care, including "
            "prescriptions, until the deductible is met. HSA funds can pay for qualified medical expenses "
            "tax-free, and unused funds roll over every year."
        )
    return "\n\n".join(sections)


def covered_services(plan: Plan) -> list[str]:
    return list(_CORE_SERVICES + plan.extra_services)


def plan_record(config: FeedConfig, plan: Plan) -> dict:
    effective = effective_date(config, plan)
    return {
        "plan_id": plan.plan_id,
        "plan_name": plan.plan_name,
        "plan_type": plan.plan_type,
        "metal_tier": plan.metal_tier,
        "plan_year": PLAN_YEAR,
        "deductible_individual": plan.deductible_individual,
        "deductible_family": plan.deductible_family,
        "oop_max_individual": plan.oop_max_individual,
        "oop_max_family": plan.oop_max_family,
        "coinsurance": plan.coinsurance,
        "copays": dict(zip(COPAY_KEYS, plan.copays)),
        "covered_services": covered_services(plan),
        "prior_auth_required": list(plan.prior_auth_required),
        "document_text": document_text(plan, effective),
        "effective_date": effective.isoformat(),
    }


def plan_documents(config: FeedConfig, as_of: date) -> list[dict]:
    """Plan catalog records valid on as_of; includes the drift plan when as_of >= drift_start."""
    return [plan_record(config, p) for p in plans_available(config, as_of)]
