"""Candidates for every PII type but names, from the detectors in this package:

contact.py (e-mail, personal URLs, IPs), numbers.py (SSN, card, NPI, phone by their validators),
ids.py (member, claim, prior-auth, MRN numbers typed by cue words), addresses.py (addresses, ZIPs),
dates.py (birth dates), and spoken.py (any of these read out: "five three four, two oh..."). Candidates may
overlap; detection.resolve picks among them.
"""

from __future__ import annotations

import re

from .addresses import detect_addresses
from .contact import detect_contact
from .dates import detect_dobs
from .detection import Detection
from .ids import detect_ids
from .numbers import detect_numbers
from .spoken import detect_spoken

_DIGIT = re.compile(r"\d")
_WORDS = re.compile(r"[a-z]+")
_CUE_TYPED = frozenset({"CLAIM_NUMBER", "MEMBER_ID", "PRIOR_AUTH_NUMBER", "MRN"})


def detect_structured(text: str, dob_hint: bool, dobs: frozenset | set = frozenset()) -> list[Detection]:
    """Candidates (may overlap) for every type but names. dob_hint: the conversation just asked for a
    birth date, so a date here is one. dobs: ISO birth dates known from the roster."""
    found = _typed_out(text, dob_hint, dobs)
    return found + detect_spoken(text, lambda shown: _typed_out(shown, dob_hint, dobs))


def _typed_out(text: str, dob_hint: bool, dobs: frozenset | set) -> list[Detection]:
    low = text.lower()
    out = detect_contact(text, low)
    if not _DIGIT.search(text):
        return out
    ids = detect_ids(text)
    words = set(_WORDS.findall(low))
    numbers = detect_numbers(text, low, words)
    if ids:
        # A cue said what this number is ("ICN 2225123456789"): a Luhn pass alone doesn't make it a card.
        typed = {(d.start, d.end) for d in ids if d.pii_type in _CUE_TYPED}
        numbers = [d for d in numbers if d.pii_type != "CARD_NUMBER" or (d.start, d.end) not in typed]
    out += ids
    out += numbers
    out += detect_addresses(text, words)
    out += detect_dobs(text, low, dob_hint, dobs)
    return out
