"""Identifier formats: member ids, NPIs, SSNs, payment cards, claim and conversation ids."""

from __future__ import annotations

from functools import lru_cache

from .config import CLAIM_ID_STRIDE, CONVERSATION_ID_STRIDE
from .rng import below, between, pick, stable_hash


def luhn_check_digit(payload: str) -> str:
    """The digit that makes payload + digit pass the Luhn check."""
    total = 0
    for i, ch in enumerate(reversed(payload)):
        d = ord(ch) - 48
        if i % 2 == 0:  # these positions are doubled once the check digit is appended
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def make_npi(entity_type: int, serial: int) -> str:
    """entity_type 1 = individual, 2 = organization (the NPI's first digit); serial < 10**8."""
    first9 = f"{entity_type}{serial % 100_000_000:08d}"
    return first9 + luhn_check_digit("80840" + first9)


@lru_cache(maxsize=8)
def _member_id_map(seed: int) -> tuple[int, int]:
    """(a, b) of the seed's bijection index -> a * index + b mod 10**9; a is coprime to 10."""
    a = stable_hash(seed, "member-id") % 10**9
    while a % 2 == 0 or a % 5 == 0 or a < 2:
        a += 1
    return a, stable_hash(seed, "member-id-offset") % 10**9


def member_id(seed: int, index: int) -> str:
    """ "HM" + 9 digits; an affine bijection mod 10**9 keeps ids unique yet non-sequential."""
    a, b = _member_id_map(seed)
    return f"HM{(a * index + b) % 10**9:09d}"


def claim_id(day_no: int, slot: int) -> str:
    """Unique across days because the day number leads; the slot is scrambled within the day."""
    scrambled = (slot * 104_729 + 7_919) % CLAIM_ID_STRIDE  # 104729 is prime, so coprime to 10**6
    return f"CLM{day_no * CLAIM_ID_STRIDE + scrambled:010d}"


def conversation_id(day_no: int, slot: int) -> str:
    scrambled = (slot * 1_299_709 + 15_485_863) % CONVERSATION_ID_STRIDE  # coprime to 10**7
    return f"CONV-{day_no:05d}{scrambled:07d}"


def make_ssn(rnd) -> str:
    """A valid-range SSN: area 001-899 except 666, group 01-99, serial 0001-9999."""
    area = between(rnd, 1, 898)
    if area >= 666:
        area += 1
    return f"{area:03d}-{between(rnd, 1, 99):02d}-{between(rnd, 1, 9999):04d}"


# (issuer prefix, total length, grouping for display)
_CARD_ISSUERS = (
    ("4", 16, (4, 4, 4, 4)),  # Visa
    ("51", 16, (4, 4, 4, 4)),
    ("53", 16, (4, 4, 4, 4)),
    ("55", 16, (4, 4, 4, 4)),  # Mastercard
    ("37", 15, (4, 6, 5)),  # American Express
    ("6011", 16, (4, 4, 4, 4)),  # Discover
)


def make_card(rnd) -> tuple[str, str]:
    """(digits, display form) of a Luhn-valid card number; display uses spaces, dashes or nothing."""
    prefix, length, groups = pick(rnd, _CARD_ISSUERS)
    body = prefix + "".join(str(below(rnd, 10)) for _ in range(length - len(prefix) - 1))
    digits = body + luhn_check_digit(body)
    sep = pick(rnd, (" ", " ", "-", ""))
    parts, at = [], 0
    for g in groups:
        parts.append(digits[at : at + g])
        at += g
    return digits, sep.join(parts)


def make_prior_auth(rnd) -> str:
    return f"PA-{between(rnd, 10_000_000, 99_999_999)}"


# First octets of large US residential ISP ranges, so addresses look like home connections.
_IP_FIRST = (24, 47, 50, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 96, 97, 98, 99, 107, 108, 173, 174, 184)


def make_ip(rnd) -> str:
    return f"{pick(rnd, _IP_FIRST)}.{between(rnd, 0, 255)}.{between(rnd, 0, 255)}.{between(rnd, 1, 254)}"
