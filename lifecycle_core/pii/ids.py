"""Identifiers typed by their cue: member IDs, claim, prior-auth and medical record numbers, bare SSNs.

Payers write IDs in too many shapes to list, so any identifier-like token (a digit-bearing run,
maybe with a letter prefix, dashes, '#', '*' or spaces between digit groups) is typed by the
nearest cue word before it in the same clause (or just after it: "XGH882910344 is my member id").
Cue words of types we don't flag (group, NPI, phone, tracking, CPT, amounts...) win when nearer,
which keeps those numbers unflagged. Group numbers are plan-level (shared by an employer's whole
group), so they are not member IDs. A few shapes need no cue: Medicare's MBI, and 1-3 letters
followed by 8-12 digits ("XGH882910344"), the usual member-ID shape when no other cue is near.
"""

from __future__ import annotations

import re

from .checks import date_iso, luhn_ok, nanp_ok, ssn_ok
from .detection import Detection
from .name_model.lexicon import load as load_lexicon

_CHUNK = r"[A-Za-z0-9]*\d[A-Za-z0-9]*"
_TOKEN = re.compile(
    r"(?<![\w@$,./-])(?=[A-Za-z]{0,6}[#-]?\s?\d)(?:[A-Za-z]{1,6}[#-]\s?)?"
    + _CHUNK
    + r"(?:(?:[-*#]|\s(?=\d))"
    + _CHUNK
    + r"){0,5}"
    r"(?![\w@/%]|[.,:]\d)"
)
# Cue words by type: M member, C claim, A prior auth, R MRN, S SSN, X a type we don't flag here
# (group, plan, NPI, phone, tracking, CPT, amounts...), which keeps those numbers unflagged.
_CUE_WORDS = {
    **dict.fromkeys(
        [
            "member",
            "membership",
            "mbr",
            "mem",
            "subscriber",
            "subscr",
            "insurance",
            "insured",
            "policy",
            "policyholder",
            "medicare",
            "mbi",
            "hicn",
            "medicaid",
            "beneficiary",
            "bene",
            "dependent",
            "enrollee",
            "id",
            "ids",
            "identification",
            "card",
            "cardholder",
            "account",  # "account number" on a member's own card or portal is the member's ID
            "acct",
        ],
        "M",
    ),
    **dict.fromkeys(["claim", "claims", "clm", "icn", "dcn", "tcn", "eob", "explanation"], "C"),
    **dict.fromkeys(
        [
            "pa",
            "auth",
            "auths",
            "authorization",
            "authorizations",
            "authorisation",
            "preauth",
            "preauthorization",
            "prior",
            "cert",
            "certification",
            "precert",
            "precertification",
            "referral",
            "approval",
        ],
        "A",
    ),
    **dict.fromkeys(["mrn", "chart", "record", "records", "emr"], "R"),
    **dict.fromkeys(["ssn", "ss", "social", "soc"], "S"),
    **dict.fromkeys(
        [
            "group",
            "grp",
            "plan",
            "tax",
            "provider",
            "employer",
            "order",
            "transaction",
            "session",
            "caller",
            "rx",
            "bin",
            "pcn",
            "rxbin",
            "rxpcn",
            "rxgrp",
            "npi",
            "tracking",
            "confirmation",
            "conf",
            "case",
            "ticket",
            "invoice",
            "routing",
            "bank",
            "license",
            "passport",
            "serial",
            "lot",
            "batch",
            "ndc",
            "cpt",
            "hcpcs",
            "icd",
            "dx",
            "diagnosis",
            "procedure",
            "credit",
            "debit",
            "payment",
            "gift",
            "visa",
            "mastercard",
            "amex",
            "discover",
            "ups",
            "fedex",
            "usps",
            "dhl",
            "zip",
            "zipcode",
            "postal",
            "dob",
            "born",
            "birth",
            "birthday",
            "bday",
            "amount",
            "paid",
            "billed",
            "balance",
            "owe",
            "owed",
            "cost",
            "costs",
            "charged",
            "price",
            "total",
            "box",
            "apt",
            "suite",
            "ste",
            "unit",
            "address",
            "street",
            "copay",
            "deductible",
            "phone",
            "cell",
            "mobile",
            "fax",
            "call",
            "called",
            "calling",
            "text",
            "texted",
            "tel",
            "telephone",
            "ext",
            "extension",
            "landline",
            "reach",
            "voicemail",
            "whatsapp",
        ],
        "X",
    ),
}
# Words that continue the cue before them ("claim id", "credit card", "medical record number").
_ABSORB = frozenset(
    [
        "id",
        "ids",
        "identification",
        "number",
        "numbers",
        "num",
        "nbr",
        "no",
        "ref",
        "reference",
        "code",
        "card",
        "record",
        "records",
        "security",
        "control",
        "of",
        "benefits",
    ]
)
# Words that are cues only before an absorbed word ("patient id", "medical record", "internal control").
_LEADS = {"patient": "R", "pt": "R", "hospital": "R", "medical": "R", "med": "R", "internal": "C"}
_LETTERS = re.compile(r"[a-z]+")


def _cues(low: str) -> list[tuple[int, int, str]]:
    """(start, end, type) of cue phrases in order."""
    out: list[tuple[int, int, str]] = []
    lead = None
    for m in _LETTERS.finditer(low):
        w = m.group()
        stop = m.end() + (low[m.end() : m.end() + 1] == ".")  # "no.", "mbr.": the abbreviation's dot
        adjacent = out and m.start() - out[-1][1] <= 2
        if w in _ABSORB and (adjacent or lead):
            if lead and m.start() - lead[1] <= 2:
                out.append((lead[0], stop, lead[2]))
            elif adjacent:
                out[-1] = (out[-1][0], stop, out[-1][2])
            lead = None
            continue
        lead = None
        kind = _CUE_WORDS.get(w)
        if kind is None and w.startswith("auth"):
            kind = "A"
        if kind is not None:
            out.append((m.start(), stop, kind))
        elif w in _LEADS:
            lead = (m.start(), m.end(), _LEADS[w])
    return out


_TYPE = {"M": "MEMBER_ID", "C": "CLAIM_NUMBER", "A": "PRIOR_AUTH_NUMBER", "R": "MRN", "S": "SSN"}
_BREAK = re.compile(r"(?<!\b[A-Za-z])[.!?;]\s|\n")
_BEFORE_WINDOW = 70
# Between a value and a cue written after it: only linking words ("XGH882910344 is my member id").
_LINK_AFTER = re.compile(
    r"[\s,:()=-]*(?:(?:is|was|are|being|my|our|the|his|her|their|its|that's|thats|it's|its|which is|as|for)"
    r"\b[\s,:()=-]*)*"
)
_UNIT_AFTER = re.compile(
    r"\s*(?:dollars?|usd|bucks|cents|percent|mg|mcg|ml|tablets?|pills?|caps(?:ules)?|units?|days?|weeks?"
    r"|months?|years?|hours?|hrs?|minutes?|mins?|times|visits?|miles?|am|pm|lbs?|pounds|steps)\b",
    re.IGNORECASE,
)
_ZIP4 = re.compile(r"\d{5}-\d{4}")
_PHONE_SHAPE = re.compile(r"\(?\d{3}\)?[\s./-]\d{3}[\s.-]\d{4}")  # left to the phone detector
_RIGHT_AFTER_CUE = re.compile(r"(?:\bid|\bnumber|\bno\.?|#)[\s:]*$", re.IGNORECASE)  # "member id 884-221-0930"
_PROCEDURE_CODE = re.compile(r"[A-Za-z]\d{4}")  # HCPCS Level II and dental CDT codes (J9271, D1120)
_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]")
_MBI_L = "AC-HJKMNP-RT-Y"
_MBI = re.compile(rf"[1-9][{_MBI_L}][{_MBI_L}0-9]\d-?[{_MBI_L}][{_MBI_L}0-9]\d-?[{_MBI_L}]{{2}}\d{{2}}", re.IGNORECASE)
_SHAPE_ID = re.compile(
    r"[A-Za-z]{1,3}\d{8,12}(?:[-*\s]\d{1,2})?"  # XGH882910344, with a dependent suffix
    r"|[A-Za-z]{1,4}-?\d{3,6}(?:-\d{2,6}){1,3}"  # EZE-44017-2281: a letter prefix and dashed digit groups
)
# A short prefix written apart from its digits ("QNP 3391 0428 02", "mss 71205 8834") belongs to the ID...
_PREFIX_BEFORE = re.compile(r"(?<![\w-])([A-Za-z]{2,4})\s$")
_WORD_ZIPF = 3.0  # ...a lowercase one only when English rarely writes it as a word
_PREFIXED_DIGITS = 6  # ...and only before digits that make an ID alone ("Gold PPO 2026" is a plan's name)
# ...unless it is a word or abbreviation of its own in front of a number.
_NOT_PREFIX = frozenset(
    ["am", "pm", "is", "my", "me", "the", "was", "and", "for", "at", "on", "to", "of", "no", "are", "its", "our",
     "his", "her", "new", "old", "use", "try", "not", "but", "or", "if", "as", "by", "in", "it", "be", "we", "us",
     "ok", "hi", "ref", "num", "nbr", "usd", "tel", "fax", "ext", "apt", "ste", "box", "po", "rd", "st", "ave",
     "dr", "mr", "mrs", "ms", "tin", "ein", "pin", "otp", "all", "any", "one", "two", "ten", "yes", "via", "per",
     "ppo", "hmo", "epo", "pos", "hdhp", "hsa", "fsa", "hra", "snp", "dsnp", "mapd", "pdp"]
)  # fmt: skip


def _cue_for(text: str, start: int, end: int, cues: list[tuple[int, int, str]]) -> tuple[str | None, bool]:
    """(cue type, whether any cue applied): a cue at the token's own start ("CLM#88213", "PA-1234"),
    else the nearest before it in the clause, else one right after it."""
    best = None
    for c in cues:
        if c[0] == start:
            return c[2], True
        if c[1] <= start:
            best = c
        else:
            break
    if best is not None and start - best[1] <= _BEFORE_WINDOW and not _BREAK.search(text, best[1], start):
        return best[2], True
    for c in cues:
        if c[0] >= end:
            if c[0] - end <= 25 and _LINK_AFTER.fullmatch(text, end, c[0]):
                return c[2], True
            break
    return None, False


def _typed(kind: str, value: str, alnum: str) -> str | None:
    digits = sum(ch.isdigit() for ch in alnum)
    letters = len(alnum) - digits
    if kind == "SSN":
        return "SSN" if digits == 9 == len(alnum) and ssn_ok(alnum) else None
    if len(alnum) > 20 or (digits < 6 if letters == 0 else (digits < 4 or len(alnum) < 5)):
        return None
    if _ZIP4.fullmatch(value) or date_iso(value) is not None:
        return None
    pii = _TYPE[kind]
    if pii == "MEMBER_ID" and letters == 0 and (digits >= 15 or digits >= 13 and luhn_ok(alnum)):
        return None  # a payment card's length: left to the card detector
    return pii


def _with_prefix(text: str, start: int) -> int:
    """Where the ID begins: earlier than ``start`` when a capital prefix stands apart from its digits."""
    m = _PREFIX_BEFORE.search(text, max(0, start - 6), start)
    if m is None:
        return start
    word = m.group(1).lower()
    if word in _NOT_PREFIX or word in _CUE_WORDS or word in _ABSORB or word in _LEADS:
        return start
    if not m.group(1).isupper() and load_lexicon().zipf.get(word, 0.0) >= _WORD_ZIPF:
        return start
    return m.start(1)


def detect_ids(text: str) -> list[Detection]:
    """Cue-typed identifier candidates; callers run this only on text with a digit."""
    out: list[Detection] = []
    cues = None
    for tok in _TOKEN.finditer(text):
        if text[tok.start()].isdigit() and sum(ch.isdigit() for ch in tok.group()) >= _PREFIXED_DIGITS:
            start = _with_prefix(text, tok.start())
            value = text[start : tok.end()]
        else:
            start, value = tok.start(), tok.group()
        if _UNIT_AFTER.match(text, tok.end()):
            continue
        alnum = _NOT_ALNUM.sub("", value)
        if len(alnum) < 5 or _PROCEDURE_CODE.fullmatch(value):
            continue
        if _PHONE_SHAPE.fullmatch(value) and nanp_ok(alnum) and not _RIGHT_AFTER_CUE.search(text, 0, start):
            continue
        if cues is None:
            cues = _cues(text.lower())
        kind, cued = _cue_for(text, start, tok.end(), cues)
        if _MBI.fullmatch(value) and kind in (None, "M"):
            out.append(Detection(start, tok.end(), "MEMBER_ID", value))
            continue
        if kind is None or kind == "X":
            if not cued and _SHAPE_ID.fullmatch(value) and sum(ch.isdigit() for ch in alnum) >= 7:
                out.append(Detection(start, tok.end(), "MEMBER_ID", value))
            continue
        pii = _typed(kind, value, alnum)
        if pii is not None:
            out.append(Detection(start, tok.end(), pii, value))
    return out
