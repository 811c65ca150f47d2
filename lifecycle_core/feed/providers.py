"""The provider population, its network index, and the daily directory updates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from math import gcd
from typing import NamedTuple

from .config import FeedConfig, hdhp_exists, timestamp
from .ids import make_npi
from .people import LAST, city_zip_phone, first_name, street_address
from .plans import BASE_PLANS, HDHP_PLAN
from .rng import Weighted, pick, record_rng, stable_hash, sub_hash

SPECIALTIES = (
    "Family Medicine",
    "Cardiology",
    "Dermatology",
    "Orthopedic Surgery",
    "Psychiatry",
    "Physical Therapy",
    "Radiology",
    "Endocrinology",
    "Gastroenterology",
    "Pediatrics",
)
PRIMARY_CARE_SPECIALTIES = ("Family Medicine", "Pediatrics")
_SPECIALTY_MIX = Weighted(SPECIALTIES, (0.20, 0.08, 0.07, 0.09, 0.09, 0.12, 0.10, 0.07, 0.10, 0.08))
_PLACES = (
    "Riverside",
    "Lakeside",
    "Summit",
    "Oak Ridge",
    "Cedar Park",
    "Northgate",
    "Valley",
    "Harbor",
    "Westview",
    "Eastside",
    "Parkview",
    "Heritage",
    "Pinecrest",
    "Meadowbrook",
    "Crossroads",
    "Bayview",
    "Hillcrest",
    "Stonebridge",
    "Fox Run",
    "Prairie",
)
_FACILITY_NAMES = {
    "Family Medicine": ("Family Health Center", "Primary Care"),
    "Cardiology": ("Heart and Vascular", "Cardiology Associates"),
    "Dermatology": ("Dermatology Clinic", "Skin Center"),
    "Orthopedic Surgery": ("Orthopedics and Sports Medicine", "Bone and Joint Center"),
    "Psychiatry": ("Behavioral Health", "Counseling and Psychiatry"),
    "Physical Therapy": ("Physical Therapy", "Sports Rehab"),
    "Radiology": ("Imaging Center", "Radiology Associates"),
    "Endocrinology": ("Diabetes and Endocrine Center", "Endocrinology Group"),
    "Gastroenterology": ("Digestive Health", "GI Associates"),
    "Pediatrics": ("Pediatrics", "Children's Clinic"),
}
# Network membership by plan type; plans of one type share a network, the HDHP uses the PPO network.
_HMO_IDS = tuple(p.plan_id for p in BASE_PLANS if p.plan_type == "HMO")
_PPO_IDS = tuple(p.plan_id for p in BASE_PLANS if p.plan_type == "PPO")
_EPO_IDS = tuple(p.plan_id for p in BASE_PLANS if p.plan_type == "EPO")


class Provider(NamedTuple):
    index: int
    npi: str
    provider_name: str
    specialty: str
    street: str
    city: str
    state: str
    zip: str
    phone: str
    accepting_new_patients: bool
    base_networks: tuple[str, ...]  # base plan ids where in network
    hdhp_network: bool  # in network for the drift plan once it exists

    def network_plan_ids(self, with_hdhp: bool) -> list[str]:
        ids = list(self.base_networks)
        if with_hdhp and self.hdhp_network:
            ids.append(HDHP_PLAN.plan_id)
        return ids

    def in_network(self, plan_id: str) -> bool:
        return self.hdhp_network if plan_id == HDHP_PLAN.plan_id else plan_id in self.base_networks


def _make_provider(seed: int, index: int) -> Provider:
    rnd = record_rng(stable_hash(seed, "provider"), index).random
    specialty = _SPECIALTY_MIX.draw(rnd())
    facility = rnd() < 0.2
    if facility:
        name = f"{pick(rnd, _PLACES)} {pick(rnd, _FACILITY_NAMES[specialty])}"
    else:
        name = f"Dr. {first_name(rnd, 'F' if rnd() < 0.5 else 'M')} {pick(rnd, LAST)}"
    city, state, zip_code, phone = city_zip_phone(rnd)
    street = street_address(rnd)
    networks: tuple[str, ...] = ()
    if rnd() >= 0.08:  # 8% are out of network everywhere
        networks = (
            (_HMO_IDS if rnd() < 0.5 else ()) + (_PPO_IDS if rnd() < 0.9 else ()) + (_EPO_IDS if rnd() < 0.7 else ())
        )
    return Provider(
        index=index,
        npi=make_npi(2 if facility else 1, (index * 7_368_787 + stable_hash(seed, "npi") % 10**8) % 10**8),
        provider_name=name,
        specialty=specialty,
        street=street,
        city=city,
        state=state,
        zip=zip_code,
        phone=phone,
        accepting_new_patients=rnd() < 0.8,
        base_networks=networks,
        hdhp_network=bool(set(networks) & set(_PPO_IDS)),
    )


@lru_cache(maxsize=8)
def provider_population(seed: int, size: int) -> tuple[Provider, ...]:
    """All providers; cached because conversations and claims look them up constantly."""
    return tuple(_make_provider(seed, i) for i in range(size))


class NetworkIndex(NamedTuple):
    by_plan_adult: dict[str, tuple[int, ...]]  # in network, not pediatric: adults' claims
    by_plan_child: dict[str, tuple[int, ...]]  # in network, pediatric or family medicine: children's claims
    accepting: dict[tuple[str, str], tuple[int, ...]]  # (plan, specialty): in network, accepting new patients
    accepting_in_state: dict[tuple[str, str, str], tuple[int, ...]]  # (plan, specialty, state): the same, nearby


@lru_cache(maxsize=8)
def network_index(seed: int, size: int) -> NetworkIndex:
    adult: dict = {}
    child: dict = {}
    accepting: dict = {}
    in_state: dict = {}
    for p in provider_population(seed, size):
        for plan in BASE_PLANS + (HDHP_PLAN,):
            if not p.in_network(plan.plan_id):
                continue
            if p.specialty != "Pediatrics":
                adult.setdefault(plan.plan_id, []).append(p.index)
            if p.specialty in PRIMARY_CARE_SPECIALTIES:
                child.setdefault(plan.plan_id, []).append(p.index)
            if p.accepting_new_patients:
                accepting.setdefault((plan.plan_id, p.specialty), []).append(p.index)
                in_state.setdefault((plan.plan_id, p.specialty, p.state), []).append(p.index)

    def freeze(d: dict) -> dict:
        return {k: tuple(v) for k, v in d.items()}

    return NetworkIndex(freeze(adult), freeze(child), freeze(accepting), freeze(in_state))


def provider_record(provider: Provider, with_hdhp: bool, updated_at: str) -> dict:
    return {
        "npi": provider.npi,
        "provider_name": provider.provider_name,
        "specialty": provider.specialty,
        "street": provider.street,
        "city": provider.city,
        "state": provider.state,
        "zip": provider.zip,
        "phone": provider.phone,
        "accepting_new_patients": provider.accepting_new_patients,
        "network_plan_ids": provider.network_plan_ids(with_hdhp),
        "updated_at": updated_at,
    }


def day_provider_count(config: FeedConfig) -> int:
    """Each provider appears at most once a day, so the file is capped at the population."""
    return min(config.providers_per_day, config.provider_population)


def iter_provider_records(config: FeedConfig, day: date) -> Iterator[dict]:
    size = config.provider_population
    population = provider_population(config.seed, size)
    base = stable_hash(config.seed, day, "providers")
    # A day-specific affine walk over the population: distinct providers, different each day.
    offset = base % size
    stride = 1 + sub_hash(base, -1) % size
    while gcd(stride, size) != 1:
        stride += 1
    with_hdhp = hdhp_exists(config, day)
    prefix = day.isoformat()
    for t in range(day_provider_count(config)):
        provider = population[(offset + t * stride) % size]
        yield provider_record(provider, with_hdhp, timestamp(prefix, 6 * 3600 + sub_hash(base, t) % (14 * 3600)))
