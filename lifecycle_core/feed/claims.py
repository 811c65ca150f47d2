"""Claims: codes, prices and cost sharing that follow the member's plan and the provider's network."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from .config import FeedConfig, claim_day_number, timestamp
from .ids import claim_id
from .malformed import Slots, slots_for
from .members import Member, Picker, member_at, member_count, member_picker, minor_flags
from .providers import PRIMARY_CARE_SPECIALTIES, NetworkIndex, Provider, network_index, provider_population
from .rng import between, pick, record_rng, stable_hash, sub_hash

# code -> (plain-language description, cost-sharing category, billed range in dollars, prior-auth item)
CPT = {
    "99213": ("office visit", "office", 95, 180, None),
    "99214": ("extended office visit", "office", 140, 260, None),
    "99203": ("new patient visit", "office", 120, 230, None),
    "99395": ("annual preventive exam", "preventive", 180, 320, None),
    "99392": ("well-child checkup", "preventive", 150, 280, None),
    "80053": ("comprehensive metabolic panel", "deductible", 40, 120, None),
    "85025": ("complete blood count", "deductible", 25, 70, None),
    "83036": ("hemoglobin A1c test", "deductible", 30, 90, None),
    "93000": ("electrocardiogram", "deductible", 60, 180, None),
    "93306": ("echocardiogram", "deductible", 900, 2400, None),
    "11102": ("skin biopsy", "deductible", 150, 420, None),
    "17110": ("wart removal", "deductible", 120, 300, None),
    "20610": ("joint injection", "deductible", 150, 380, None),
    "29881": ("knee arthroscopy", "deductible", 4500, 9800, None),
    "73721": ("MRI of the knee", "deductible", 900, 2600, "MRI"),
    "74177": ("CT scan of the abdomen", "deductible", 1100, 3600, "CT scan"),
    "71046": ("chest X-ray", "deductible", 80, 260, None),
    "77067": ("screening mammogram", "preventive", 200, 450, None),
    "97110": ("physical therapy session", "specialist", 60, 150, "physical therapy after 12 visits"),
    "97140": ("manual therapy session", "specialist", 60, 140, "physical therapy after 12 visits"),
    "97161": ("physical therapy evaluation", "specialist", 100, 220, None),
    "90837": ("60-minute therapy session", "mental_health", 150, 260, None),
    "90834": ("45-minute therapy session", "mental_health", 110, 200, None),
    "45378": ("colonoscopy", "deductible", 1400, 4200, None),
    "43239": ("upper endoscopy", "deductible", 1200, 3500, None),
    "99284": ("emergency room visit", "emergency_room", 650, 1900, None),
}
# specialty -> (CPT codes, ICD-10 codes) a provider of that specialty plausibly bills
SPECIALTY_CODES = {
    "Family Medicine": (
        ("99213", "99214", "99203", "99395", "80053", "85025", "83036"),
        ("I10", "E11.9", "J06.9", "Z00.00", "E78.5", "M54.50"),
    ),
    "Pediatrics": (("99213", "99214", "99392", "85025"), ("J06.9", "Z00.129", "H66.90", "J02.9")),
    "Cardiology": (("99214", "93000", "93306", "99203"), ("I10", "I48.91", "R07.9", "I25.10")),
    "Dermatology": (("99213", "11102", "17110"), ("L70.0", "D22.5", "L40.0", "B07.9")),
    "Orthopedic Surgery": (("99214", "20610", "73721", "29881"), ("M17.11", "S83.241A", "M25.561", "M54.50")),
    "Psychiatry": (("90837", "90834", "99214"), ("F41.1", "F32.A", "F33.1", "F43.10")),
    "Physical Therapy": (("97110", "97140", "97161"), ("M54.50", "M25.561", "M62.81", "S83.241A")),
    "Radiology": (("71046", "73721", "74177", "77067"), ("R07.9", "M25.561", "R10.9", "Z12.31")),
    "Endocrinology": (("99214", "83036", "80053"), ("E11.9", "E03.9", "E11.65", "E05.90")),
    "Gastroenterology": (("45378", "43239", "99214"), ("K21.9", "Z12.11", "K57.30", "K58.9")),
}
DENIAL_REASONS = (
    "prior authorization required",
    "out of network",
    "not medically necessary",
    "duplicate claim",
    "coverage terminated",
)
STATUSES = ("paid", "denied", "pending", "in_review")


class Claim(NamedTuple):
    record: dict
    member: Member
    provider: Provider
    description: str  # plain-language service, for conversations
    copay_key: str | None  # which copay applied, if any
    deductible_cents: int  # part of member_responsibility that went to the deductible


class ClaimDay(NamedTuple):
    """Everything per (config, day) that every claim of the day needs, computed once."""

    config: FeedConfig
    day: date
    day_no: int  # claim day number, the first 4 digits of claim ids
    rng_base: int
    member_base: int
    picker: Picker
    providers: tuple[Provider, ...]
    network: NetworkIndex
    back: tuple[str, ...]  # ISO dates 0..MAX_LAG days before the day
    slots: Slots  # malformed lines of the claims file
    minors: bytes  # minor_flags of every member
    cache: dict  # slot -> Claim, bounded: conversations about claims revisit the same few hundred


MAX_LAG = 45


@lru_cache(maxsize=8)
def claim_day(config: FeedConfig, day: date) -> ClaimDay:
    return ClaimDay(
        config,
        day,
        claim_day_number(day),
        stable_hash(config.seed, day, "claims"),
        stable_hash(config.seed, day, "claims", "member"),
        member_picker(config, day),
        provider_population(config.seed, config.provider_population),
        network_index(config.seed, config.provider_population),
        tuple((day - timedelta(days=k)).isoformat() for k in range(MAX_LAG + 1)),
        slots_for(config.seed, config.malformed_share, day, "claims", config.claims_per_day),
        minor_flags(config.seed, member_count(config)),
        {},
    )


def claim_slots(config: FeedConfig, day: date) -> Slots:
    return claim_day(config, day).slots


def cached_claim(cd: ClaimDay, slot: int) -> Claim:
    """claim_at, memoized per day (at most CLAIM_CACHE claims kept)."""
    claim = cd.cache.get(slot)
    if claim is None:
        if len(cd.cache) >= CLAIM_CACHE:
            cd.cache.clear()
        claim = cd.cache[slot] = claim_at(cd, slot)
    return claim


CLAIM_CACHE = 2048


def claim_at(cd: ClaimDay, slot: int) -> Claim:
    index = cd.picker.pick(sub_hash(cd.member_base, slot))
    member = member_at(cd.config, index)
    plan = member.plan
    rnd = record_rng(cd.rng_base, slot).random
    population = cd.providers
    minor = cd.minors[index]
    in_plan = (cd.network.by_plan_child if minor else cd.network.by_plan_adult).get(plan.plan_id, ())
    provider = population[pick(rnd, in_plan)] if in_plan and rnd() < 0.85 else pick(rnd, population)
    for step in range(1, 8):  # adults' random (possibly out-of-network) picks skip pediatricians
        if minor or provider.specialty != "Pediatrics":
            break
        provider = population[(provider.index + step) % len(population)]
    in_network = provider.in_network(plan.plan_id)
    codes, icds = SPECIALTY_CODES[provider.specialty]
    cpt = pick(rnd, codes)
    description, category, lo, hi, pa_item = CPT[cpt]

    u = rnd()
    lag = int(u * u * (MAX_LAG + 1))  # most claims are recent; u * u, not u ** 1.5: libm pow may differ by platform
    lag = max(0, min(lag, (cd.day - member.coverage).days))  # no service before coverage started
    received_lag = lag - between(rnd, 0, min(lag, 14))
    billed = between(rnd, lo * 100, hi * 100)
    allowed = int(billed * ((0.45 + 0.4 * rnd()) if in_network else (0.35 + 0.25 * rnd())))

    roll = rnd()
    status, reason = "paid", None
    if not in_network and plan.plan_type != "PPO" and category != "emergency_room" and roll < 0.85:
        status, reason = "denied", "out of network"
    elif pa_item in plan.prior_auth_required and roll < 0.35:
        status, reason = "denied", "prior authorization required"
    elif received_lag <= 5 and roll < 0.45:
        status = "pending" if roll < 0.30 else "in_review"
    elif roll > 0.95:
        status, reason = "denied", pick(rnd, DENIAL_REASONS[2:])

    copay_key, ded_cents = None, 0
    if status in ("pending", "in_review"):  # not adjudicated yet: nothing priced
        allowed = paid = responsibility = 0
    elif status == "denied":
        paid, responsibility = 0, allowed
    else:
        remaining = 0 if rnd() < 0.35 else int(plan.deductible_individual * 100 * rnd())
        if category == "preventive" and in_network:
            responsibility = 0
        elif category == "deductible" or not in_network:
            ded_cents = min(allowed, remaining)
            coins = plan.coinsurance + (0.0 if in_network else 0.2)
            responsibility = ded_cents + int((allowed - ded_cents) * coins)
        else:
            if category == "office":
                copay_key = "primary_care" if provider.specialty in PRIMARY_CARE_SPECIALTIES else "specialist"
            else:
                copay_key = category
            copay = int(plan.copay(copay_key) * 100)
            ded_cents = min(allowed, remaining) if plan.hdhp else 0  # HDHP copays start after the deductible
            responsibility = ded_cents + min(copay, allowed - ded_cents)
        paid = allowed - responsibility

    record = {
        "claim_id": claim_id(cd.day_no, slot),
        "member_id": member.member_id,
        "plan_id": plan.plan_id,
        "provider_npi": provider.npi,
        "service_date": cd.back[lag],
        "received_date": cd.back[received_lag],
        "cpt_code": cpt,
        "icd10_code": pick(rnd, icds),
        "billed_amount": billed / 100,
        "allowed_amount": allowed / 100,
        "paid_amount": paid / 100,
        "member_responsibility": responsibility / 100,
        "status": status,
        "denial_reason": reason,
        "submitted_at": timestamp(cd.back[received_lag], between(rnd, 7 * 3600, 20 * 3600)),
    }
    return Claim(record, member, provider, description, copay_key, ded_cents)
