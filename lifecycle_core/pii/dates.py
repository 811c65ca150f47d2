"""Birth dates: any date form, kept only near a birth cue (or when the conversation asked for one,
or it is a roster birth date). A nearer service/appointment cue makes a date something else."""

from __future__ import annotations

import re

from .checks import date_iso
from .detection import Detection

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:(?:19|20)\d\d|'?\d\d)"
_DATE = re.compile(
    r"(?<![\w/.-])(?:"
    r"\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})"  # 3/4/1975, 04-03-75, 4.3.1975
    r"|(?:19|20)\d\d([/.-])\d{1,2}\2\d{1,2}"  # 1975-03-04
    r"|"
    + _MONTH
    + r"\s*"
    + _DAY
    + r"(?:,?\s+|,)"
    + _YEAR  # March 4th, 1975 / Mar 4 '75
    + r"|(?:the\s+)?"
    + _DAY
    + r"(?:\s+of)?\s+"
    + _MONTH
    + r"(?:,?\s+|,)"
    + _YEAR  # 4 March 1975, the 4th of march 1975
    + r")(?![\w/-]|\.\d)",
    re.IGNORECASE,
)
# 03041975 counts only right after a birth cue.
_COMPACT = re.compile(
    r"\b(?:dob|d\.o\.b\.?|birth\s?date|date of birth|born|birthday|bday)\W{0,6}(?:is\s|was\s|on\s)?\s*(\d{8})\b",
    re.IGNORECASE,
)
_BIRTH = re.compile(r"\b(?:birth|born|dob|d\.o\.b|birthday|birthdate|bday|b-day|b'day)(?![a-z])", re.IGNORECASE)
_OTHER = re.compile(
    r"\b(?:service|dos|appointment|appt|visit|seen|admitted|discharged|surgery|received|filed|scheduled|procedure"
    r"|claims?|bill|billed|statement|letter|dated|eob|paid|denied|processed|effective|renew|expires?|expir\w+|until|through|since)(?![a-z])",
    re.IGNORECASE,
)
_BREAK = re.compile(r"(?<!\b[A-Za-z])[.!?]\s")  # "d.o.b. 3/4/75" is one sentence
_CUE_HINTS = ("birth", "born", "dob", "d.o.b", "bday", "b-day", "b'day")


def _birth_context(text: str, start: int, end: int) -> bool:
    """A birth cue shortly before in the same sentence, with no service-date cue after it
    ("DOB 1/2/57. Seen on 7/23/26" has one birth date), or one right after ("3/4/75 is my dob")."""
    lo = max(0, start - 48)
    cut = lo
    for b in _BREAK.finditer(text, lo, start):
        cut = b.end()
    cue = None
    for cue in _BIRTH.finditer(text, cut, start):
        pass
    if cue is not None and not _OTHER.search(text, cue.end(), start):
        return True
    after = text[end : end + 24]
    m = _BIRTH.search(after)
    return m is not None and not _BREAK.search(after, 0, m.start()) and not _OTHER.search(after, 0, m.start())


def detect_dobs(text: str, low: str, dob_hint: bool, dobs: frozenset | set) -> list[Detection]:
    out: list[Detection] = []
    cued = any(c in low for c in _CUE_HINTS)
    if not (cued or dob_hint or dobs):
        return out
    for m in _DATE.finditer(text):
        iso = date_iso(m.group())
        if iso is None:
            continue  # not a real calendar date
        if dob_hint or iso in dobs or (cued and _birth_context(text, m.start(), m.end())):
            out.append(Detection(m.start(), m.end(), "DATE_OF_BIRTH", m.group()))
    if cued:
        for m in _COMPACT.finditer(text):
            if date_iso(m.group(1)) is not None:
                out.append(Detection(m.start(1), m.end(1), "DATE_OF_BIRTH", m.group(1)))
    return out
