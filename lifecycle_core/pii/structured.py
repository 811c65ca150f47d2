"""Regex detectors for structured identifiers, contact details, dates and street addresses.

Each pattern is compiled once; validators (Luhn, NPI, NANP, SSN ranges) and nearby keywords decide
what a bare run of digits is, so amounts, CPT codes and service dates are left alone.
"""

from __future__ import annotations

import re

from .checks import luhn_ok, nanp_ok, normalize_date, npi_ok, ssn_ok
from .detection import Detection

_I = re.IGNORECASE
# Identifiers with a recognizable shape.
_CLAIM = re.compile(r"\bCLM-?\d{8,12}\b|(?<=claim )(?:#\s?|number\s|no\.\s?)?\d{8,14}\b", _I)
_PRIOR_AUTH = re.compile(r"\bPA-?\d{6,10}\b")
_MEMBER_ID = re.compile(
    r"\bHM\d{9}\b|(?i:(?:member|subscriber|insurance|policy)\s+(?:id|number|#)(?:\s+(?:number|is|#))*"
    r":?\s+)([A-Z]{0,3}\d{7,12})\b"
)
_MRN = re.compile(r"\b(?:MRN|medical record(?: number| no\.?| #)?)(?:\s+is)?[:#\s]\s*([A-Z]{0,3}\d{6,10})\b", _I)
_EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", _I)
_IP = re.compile(
    r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.]\d)"
)
_SSN = re.compile(r"(?<![\d-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\d-])")
# "last four of my social are 1234": four digits near the word social/SSN.
_SSN4 = re.compile(r"\b(?:ssn|social(?: security)?(?: number)?)\b[^.\d]{0,24}?(?<!\d)(\d{4})(?!\d)", _I)
_CARD = re.compile(
    r"(?<![\d-])(?:\d{4}([ -]?)\d{4}\1\d{4}\1\d{4}(?:\1?\d{1,3})?|3[47]\d{2}([ -]?)\d{6}\2\d{5}"
    r"|\d{13,19})(?![\d-])"
)
_CARD4 = re.compile(
    r"\b(?:card|visa|mastercard|amex|discover)\b[^.\d]{0,20}?\b(?:ending|ends)(?: in| with)?:?\s+"
    r"(\d{4})(?!\d)",
    _I,
)
_PHONE = re.compile(
    r"(?<![\w$.,-])(?:\+?1[\s.-]?)?(?:\((\d{3})\)\s?|(\d{3})([\s.-]?))(\d{3})[\s.-]?(\d{4})(?![\w-]|[.,]\d)"
)
_NPI_CONTEXT = re.compile(r"\bNPI\b", _I)
_DATE = re.compile(
    r"(?<![\d/-])(?:\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r"[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})(?![\d/-])"
)
_DOB_CONTEXT = re.compile(r"\b(?:birth|born|dob|d\.o\.b|birthday|bday)\b", _I)
# Street address, then optionally ", City, ST" and a ZIP (reported as its own ZIP detection).
_SUFFIX = (
    r"(?:St|Street|Ave|Avenue|Rd|Road|Dr|Drive|Ln|Lane|Blvd|Boulevard|Ct|Court|Way|Pl|Place|Ter|Terrace|Pkwy"
    r"|Parkway|Cir|Circle|Hwy|Highway|Trl|Trail|Sq|Square|Loop|Pike|Row)"
)
_ADDRESS = re.compile(
    r"(?<![\w$.,])\d{1,6}(?:\s+(?:[NSEW]\.?|[A-Z][A-Za-z'-]*|\d+(?:st|nd|rd|th))){1,4}?\s+" + _SUFFIX + r"\b\.?"
    r"(?:,?\s+(?:Apt|Apartment|Unit|Suite|Ste|#)\.?\s*[A-Za-z0-9-]+)?"
    r"(?:,\s*(?:[A-Z][A-Za-z.'-]*\s?){1,3},\s*[A-Z]{2}\b)?"
    r"(?:,?\s+(\d{5}(?:-\d{4})?)(?![\d-]))?"
)
_STATE_ZIP = re.compile(r"(?<=\b[A-Z]{2}\s)(\d{5}(?:-\d{4})?)(?![\d-])")
_ZIP_CONTEXT = re.compile(
    r"\b(?:zip(?:\s?code)?|postal code|near|live in|located in)\b(?:[^.\d]{0,16}?)"
    r"(?<!\d)(\d{5}(?:-\d{4})?)(?![\d-])",
    _I,
)


def _dob_context(text: str, start: int) -> bool:
    """A birth-date keyword shortly before, in the same sentence ("DOB 1/2/57. Seen on 7/23/26" is one DOB)."""
    window = text[max(0, start - 40) : start]
    cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
    return _DOB_CONTEXT.search(window, cut + 1) is not None


def _digits(s: str) -> str:
    return "".join(ch for ch in s if ch.isdigit())


def _add_group(out: list, regex: re.Pattern, text: str, pii: str) -> None:
    """The last participating group if any (context patterns), else the whole match."""
    for m in regex.finditer(text):
        g = m.lastindex or 0
        while g and m.start(g) < 0:
            g -= 1
        out.append(Detection(m.start(g), m.end(g), pii, m.group(g)))


# Context patterns only run when one of their cue words is in the lowercased text: most messages
# have none, and a substring test is far cheaper than a regex scan.
_KEYED = (
    (_CLAIM, "CLAIM_NUMBER", ("clm", "claim")),
    (_PRIOR_AUTH, "PRIOR_AUTH_NUMBER", ("pa",)),
    (_MEMBER_ID, "MEMBER_ID", ("hm", "member", "subscriber", "insurance", "policy")),
    (_MRN, "MRN", ("mrn", "medical record")),
    (_ZIP_CONTEXT, "ZIP", ("zip", "postal", "near", "live in", "located in")),
    (_STATE_ZIP, "ZIP", (" ",)),
)
_DIGIT = re.compile(r"\d")


def _numbers(text: str, low: str, out: list) -> None:
    for m in _SSN.finditer(text):
        if ssn_ok(m.group(1) + m.group(3) + m.group(4)):
            out.append(Detection(m.start(), m.end(), "SSN", m.group()))
    if "ssn" in low or "social" in low:
        _add_group(out, _SSN4, text, "SSN")
    for m in _CARD.finditer(text):
        d = _digits(m.group())
        if 13 <= len(d) <= 19 and luhn_ok(d):
            out.append(Detection(m.start(), m.end(), "CARD_NUMBER", m.group()))
    if "end" in low:
        _add_group(out, _CARD4, text, "CARD_NUMBER")
    for m in _PHONE.finditer(text):
        d = _digits(m.group())[-10:]
        bare = m.group().isdigit()  # ten digits without separators: maybe an NPI
        tail = text[m.end() : m.end() + 8].lower()
        if tail.startswith((" dollars", " usd", " cents")):
            continue  # an amount written out, not a number to call
        npi_context = _NPI_CONTEXT.search(text, max(0, m.start() - 16), m.start()) is not None
        if bare and npi_ok(d) and (npi_context or not nanp_ok(d)):
            out.append(Detection(m.start(), m.end(), "NPI", m.group()))
        elif nanp_ok(d) and not npi_context:
            out.append(Detection(m.start(), m.end(), "PHONE", m.group()))
    for regex, pii, cues in _KEYED:
        if any(c in low for c in cues):
            _add_group(out, regex, text, pii)
    for m in _ADDRESS.finditer(text):
        end = m.end() if m.group(1) is None else m.start(1)
        while text[end - 1] in ", ":
            end -= 1
        out.append(Detection(m.start(), end, "ADDRESS", text[m.start() : end]))
        if m.group(1) is not None:
            out.append(Detection(m.start(1), m.end(1), "ZIP", m.group(1)))


def detect_structured(text: str, dob_hint: bool, dobs: frozenset | set = frozenset()) -> list[Detection]:
    """Candidates (may overlap) for every type but names. dob_hint: the conversation just asked for a
    birth date, so a date here is one. dobs: ISO birth dates known from the roster."""
    out: list[Detection] = []
    if "@" in text:
        _add_group(out, _EMAIL, text, "EMAIL")
    if "www." in text or "://" in text:
        for m in _URL.finditer(text):
            url = m.group().rstrip(".,;:!?)]}")
            out.append(Detection(m.start(), m.start() + len(url), "URL", url))
    if not _DIGIT.search(text):
        return out
    _numbers(text, text.lower(), out)
    if text.count(".") >= 3:
        _add_group(out, _IP, text, "IP_ADDRESS")
    dates = _DATE.finditer(text)
    for m in dates:
        if dob_hint or _dob_context(text, m.start()) or normalize_date(m.group()) in dobs:
            out.append(Detection(m.start(), m.end(), "DATE_OF_BIRTH", m.group()))
    return out
