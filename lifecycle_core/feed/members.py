"""Members: each one deterministic from (seed, index), and which member a record refers to."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from .config import FeedConfig, drift_level, hdhp_cohort_size
from .ids import make_ssn, member_id
from .people import LAST, city_zip_phone, email_for, first_name, street_address
from .plans import BASE_PLAN_WEIGHTS, BASE_PLANS, HDHP_PLAN, Plan
from .rng import Weighted, between, mix, pick, record_rng, stable_hash, unit

_PLAN_MIX = Weighted(BASE_PLANS, BASE_PLAN_WEIGHTS)
# Birth dates stay well in the past so no plausible feed day makes a well-formed one "future".
_ADULT_DOB = (date(1940, 1, 1), date(2007, 12, 31))
_CHILD_DOB = (date(2008, 1, 1), date(2020, 12, 31))


def is_minor(seed: int, index: int) -> bool:
    """About 15% of members are dependent children. Decided by a hash, not by the member's Random,
    so record pickers can skip minors (they don't call or chat themselves) without building them."""
    return mix(_minor_base(seed) ^ index) % 100 < 15


@lru_cache(maxsize=8)
def _minor_base(seed: int) -> int:
    return stable_hash(seed, "minor")


@lru_cache(maxsize=8)
def _member_base(seed: int) -> int:
    return stable_hash(seed, "member")


@lru_cache(maxsize=8)
def minor_flags(seed: int, count: int) -> bytes:
    """is_minor for members 0..count-1 as one byte each, for the per-record hot paths."""
    return bytes(is_minor(seed, i) for i in range(count))


class Member:
    """A member's fixed attributes (member_record() turns them into an eligibility row)."""

    __slots__ = (
        "city",
        "coverage",
        "dob",
        "dobs",
        "email",
        "first",
        "index",
        "last",
        "member_id",
        "name",
        "phone",
        "plan",
        "sex",
        "ssn",
        "state",
        "street",
        "values",
        "zip",
    )

    def __init__(self, seed: int, index: int, hdhp_start: date | None):
        self.values = self.dobs = None  # template strings, filled on first use by values.py
        rnd = record_rng(_member_base(seed), index).random
        u = rnd()
        self.sex = "F" if u < 0.49 else ("M" if u < 0.98 else "X")
        self.first = first_name(rnd, self.sex)
        self.last = pick(rnd, LAST)
        self.name = f"{self.first} {self.last}"
        lo, hi = _CHILD_DOB if is_minor(seed, index) else _ADULT_DOB
        self.dob = lo + timedelta(days=between(rnd, 0, (hi - lo).days))
        self.ssn = make_ssn(rnd)
        self.city, self.state, self.zip, self.phone = city_zip_phone(rnd)
        self.street = street_address(rnd)
        self.email = email_for(rnd, self.first, self.last)
        self.index = index
        self.member_id = member_id(seed, index)
        plan: Plan = _PLAN_MIX.draw(rnd())
        month = between(rnd, 0, 95)
        coverage = date(2018 + month // 12, month % 12 + 1, 1)
        if hdhp_start is not None:  # the drift cohort enrolled in the new plan when it launched
            plan, coverage = HDHP_PLAN, hdhp_start
        if coverage < self.dob:  # a newborn is covered from the month after birth
            coverage = date(self.dob.year + self.dob.month // 12, self.dob.month % 12 + 1, 1)
        self.plan, self.coverage = plan, coverage


@lru_cache(maxsize=1 << 14)
def _member(seed: int, index: int, hdhp_start: date | None) -> Member:
    return Member(seed, index, hdhp_start)


def member_at(config: FeedConfig, index: int) -> Member:
    """Member `index`; indices from member_population on are the drift plan's cohort."""
    cohort = index >= config.member_population
    if cohort and index >= config.member_population + hdhp_cohort_size(config):
        raise IndexError(f"member index {index} does not exist")
    return _member(config.seed, index, config.drift_start if cohort else None)


def member_count(config: FeedConfig) -> int:
    return config.member_population + hdhp_cohort_size(config)


class Picker(NamedTuple):
    """Chooses the member a record refers to from a 64-bit hash; the drift cohort only after drift_start."""

    population: int
    cohort: int
    p_cohort: float

    def pick(self, h: int) -> int:
        if self.p_cohort > 0.0 and unit(h) < self.p_cohort:
            return self.population + mix(h) % self.cohort
        return mix(h ^ 0x5BD1E995) % self.population


def member_picker(config: FeedConfig, day: date) -> Picker:
    level = drift_level(config, day)
    return Picker(config.member_population, hdhp_cohort_size(config), min(0.6, 0.25 * level) if level > 0 else 0.0)


def member_record(member: Member, updated_at: str) -> dict:
    return {
        "member_id": member.member_id,
        "first_name": member.first,
        "last_name": member.last,
        "date_of_birth": member.dob.isoformat(),
        "sex": member.sex,
        "ssn": member.ssn,
        "phone": member.phone,
        "email": member.email,
        "street": member.street,
        "city": member.city,
        "state": member.state,
        "zip": member.zip,
        "plan_id": member.plan.plan_id,
        "coverage_start": member.coverage.isoformat(),
        "updated_at": updated_at,
    }
