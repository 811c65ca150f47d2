"""Validated digit runs that need no cue: SSNs (SSA ranges), payment cards (Luhn), NPIs, NANP phones."""

from __future__ import annotations

import re

from .checks import luhn_ok, nanp_ok, npi_ok, ssn_ok
from .detection import Detection

_I = re.IGNORECASE
_SSN = re.compile(r"(?<![\d-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\d-])")
# "last four of my social are 1234", "last 4 of ss 1234": four digits near the word social/SSN.
_SSN4 = re.compile(r"\b(?:ssn|ss#?|social(?: security)?(?: number)?)(?![a-z])[^.\d]{0,24}?(?<!\d)(\d{4})(?![\d-])", _I)
_CARD = re.compile(
    r"(?<![\d-])(?:\d{4}([ -]?)\d{4}\1\d{4}\1\d{4}(?:\1?\d{1,3})?|3[47]\d{2}([ -]?)\d{6}\2\d{5}"
    r"|\d{13,19})(?![\d-])"
)
_CARD4 = re.compile(
    r"\b(?:card|visa|mastercard|amex|discover)\b[^.\d]{0,20}?\b(?:ending|ends)(?: in| with)?:?\s+"
    r"(\d{4})(?!\d)",
    _I,
)
# "(614) 293-7603", "614/293-7603", "+1 614.293.7603", "6142937603 x204", "614-293-7603 ext. 12".
_PHONE = re.compile(
    r"(?<![\w$.,/-])(?:\+?1[\s.-]?)?(?:\((\d{3})\)[\s-]?|(\d{3})([\s./-]?))(\d{3})[\s.-]?(\d{4})"
    r"(?:,?\s*(?:x|ext\.?|extension)\s*\d{1,6})?(?![\w-]|[.,/]\d)",
    _I,
)
# A 7-digit local number is only a phone after a phone word.
_LOCAL_PHONE = re.compile(
    r"\b(?:phone|cell|mobile|fax|call|text|tel)\w*[^.\d]{0,20}?(?<![\d.-])(\d{3}[-.]\d{4})(?![\d-]|\.\d)", _I
)
_SSN_WORDS = frozenset(("ssn", "ss", "social"))
_PHONE_WORDS = frozenset(["phone", "cell", "mobile", "fax", "call", "text", "tel", "telephone"])
_NPI_CONTEXT = re.compile(r"\bNPI\b", _I)
_AMOUNT_AFTER = (" dollars", " usd", " cents")


def _digits(s: str) -> str:
    return "".join(ch for ch in s if ch.isdigit())


def _phone_or_npi(text: str, out: list[Detection]) -> None:
    for m in _PHONE.finditer(text):
        value = m.group()
        d = _digits(text[m.start() : m.end(5)])[-10:]
        bare = value.isdigit()  # ten digits without separators: maybe an NPI
        if text[m.end() : m.end() + 8].lower().startswith(_AMOUNT_AFTER):
            continue  # an amount written out, not a number to call
        npi_context = _NPI_CONTEXT.search(text, max(0, m.start() - 16), m.start()) is not None
        if bare and npi_ok(d) and (npi_context or not nanp_ok(d)):
            out.append(Detection(m.start(), m.end(), "NPI", value))
        elif nanp_ok(d) and not npi_context:
            out.append(Detection(m.start(), m.end(), "PHONE", value))


def detect_numbers(text: str, low: str, words: set[str]) -> list[Detection]:
    """Candidates from text that has a digit; low is text.lower(), words its words."""
    out: list[Detection] = []
    for m in _SSN.finditer(text):
        if ssn_ok(m.group(1) + m.group(3) + m.group(4)):
            out.append(Detection(m.start(), m.end(), "SSN", m.group()))
    if not words.isdisjoint(_SSN_WORDS):
        for m in _SSN4.finditer(text):
            out.append(Detection(m.start(1), m.end(1), "SSN", m.group(1)))
    for m in _CARD.finditer(text):
        d = _digits(m.group())
        if 13 <= len(d) <= 19 and luhn_ok(d):
            out.append(Detection(m.start(), m.end(), "CARD_NUMBER", m.group()))
    if "ending" in words or "ends" in words:
        for m in _CARD4.finditer(text):
            out.append(Detection(m.start(1), m.end(1), "CARD_NUMBER", m.group(1)))
    _phone_or_npi(text, out)
    if ("-" in text or "." in text) and not words.isdisjoint(_PHONE_WORDS):
        for m in _LOCAL_PHONE.finditer(text):
            out.append(Detection(m.start(1), m.end(1), "PHONE", m.group(1)))
    return out
