"""Street addresses (with units, city, state and ZIP when written), PO boxes, rural and highway
routes, and ZIP codes on their own (after a state or city, a cue word, or as ZIP+4).

An address detection runs through its city, state and ZIP, so one span covers whatever part of it
was labelled; a ZIP inside it needs no detection of its own.
"""

from __future__ import annotations

import re

from .detection import Detection

_I = re.IGNORECASE
_STATE_NAMES = (
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho"
    "|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota"
    "|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York"
    "|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina"
    "|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming"
    "|District of Columbia|Puerto Rico"
)
_STATE_CODES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND"
    "|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC|PR"
)
_ZIP = r"\d{5}(?:-\d{4})?(?![\d-])"
# Upper-case codes anywhere; lower-case ones ("springfield il") only right before a ZIP.
_STATE = rf"(?:(?:{_STATE_NAMES})\b|(?-i:(?:{_STATE_CODES}))\b\.?|(?:{_STATE_CODES})(?=,?\s*\d{{5}}(?![\d-])))"
_SUFFIXES = (
    "St|Street|Str|Ave|Av|Avenue|Rd|Road|Dr|Drive|Ln|Lane|Blvd|Boulevard|Ct|Court|Way|Wy|Pl|Place|Ter|Terr"
    "|Terrace|Pkwy|Parkway|Cir|Circle|Hwy|Highway|Trl|Trail|Sq|Square|Loop|Pike|Row|Cv|Cove|Xing|Crossing"
    "|Aly|Alley|Run|Pt|Point|Rdg|Ridge|Hts|Heights|Close|Bend|Path|Walk|Pass|Expy|Expressway|Fwy|Freeway"
    "|Tpke|Turnpike|Plz|Plaza|Cres|Crescent|Grv|Grove|Cmns|Commons|Lndg|Landing|Trce|Trace|Vw|View|Glen"
    "|Holw|Hollow|Mdws|Meadows|Park|Green|Hill|Hills|Knoll|Manor|Mews|Spur|Summit|Vista|Estates"
)
# English words that are also suffixes: lower-case "2 pills by the way" needs an address cue or tail.
_AMBIGUOUS = frozenset(
    [
        "way",
        "run",
        "point",
        "walk",
        "path",
        "close",
        "bend",
        "park",
        "row",
        "square",
        "loop",
        "place",
        "court",
        "drive",
        "trail",
        "pass",
        "view",
        "green",
        "hill",
        "hills",
        "crossing",
        "ridge",
        "heights",
        "alley",
        "cove",
        "lane",
        "circle",
        "terrace",
        "pike",
        "commons",
        "landing",
        "glen",
        "manor",
        "summit",
        "vista",
        "estates",
        "grove",
        "plaza",
        "trace",
        "spur",
        "mews",
        "knoll",
        "hollow",
        "meadows",
    ]
)
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "my",
        "your",
        "our",
        "his",
        "her",
        "their",
        "its",
        "by",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "and",
        "or",
        "is",
        "was",
        "are",
        "be",
        "it",
        "this",
        "that",
        "these",
        "those",
        "with",
        "from",
        "as",
        "per",
        "each",
        "every",
        "more",
        "less",
        "other",
        "some",
        "any",
        "all",
        "no",
        "not",
        "than",
        "then",
        "so",
        "but",
        "if",
        "about",
        "over",
        "under",
        "after",
        "before",
        "into",
        "i",
        "me",
        "we",
        "you",
        "he",
        "she",
        "they",
        "them",
        "us",
        "am",
        "pm",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "hour",
        "hours",
        "minute",
        "minutes",
        "min",
        "mins",
        "mile",
        "miles",
        "time",
        "times",
        "pill",
        "pills",
        "tablet",
        "tablets",
        "mg",
        "dollars",
        "visit",
        "visits",
        "people",
        "kids",
        "steps",
        "step",
        "blocks",
        "block",
        "left",
        "right",
        "way",
    ]
)
_CUED_STOP = _STOP | frozenset(
    ["apt", "apartment", "unit", "suite", "ste", "bldg", "building", "lot", "fl", "floor", "rm", "room", "#", "and"]
)
_NUM = r"(?:\d{1,6}[A-Za-z]?(?:-\d{1,4})?|(?-i:One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten))"
_WORD = r"(?:[A-Za-z][A-Za-z'.-]*|\d+(?:st|nd|rd|th))"
_STREET = re.compile(
    rf"(?<![\w$.,/#-]){_NUM}\s+((?:{_WORD}\s+){{1,4}}?)({_SUFFIXES})\b\.?(?:\s+(?:{_SUFFIXES})\b\.?)?"
    r"(?:\s+(?:N|S|E|W|NE|NW|SE|SW)\b\.?)?",
    _I,
)
_ROUTE = re.compile(
    r"\b(?:p\.?\s?o\.?\s*box|post\s+office\s+box|pob|p\.o\.b\.?)\s*#?\s*\d{1,6}\b"
    r"|\b(?:rr|r\.r\.|rural\s+route|hcr?|highway\s+contract(?:\s+route)?|star\s+route)\s*#?\s*\d{1,4}"
    r"(?:,?\s*box\s*#?\s*\d{1,6})?\b"
    r"|(?<![\w$.,/#-])\d{1,6}\s+(?:(?:N|S|E|W)\.?\s+)?(?:hwy|highway|state\s+route|state\s+road|route|rte"
    r"|(?-i:SR|US|CR|FM)|county\s+road|co\.?\s+rd\.?|farm\s+to\s+market(?:\s+road)?)\s*-?\s*\d{1,4}[A-Za-z]?\b",
    _I,
)
# "I live at 88 Elmwood": no suffix, but the cue says what follows is an address.
_CUED = re.compile(
    r"\b(?:live|living|lives|reside|residing|located|staying|stay)\s+(?:at|on)\s+"
    r"|\b(?:address|addr)(?:\s+is|:|\s+-|\s+on\s+file\s+is)?\s+"
    r"|\b(?:moved|move|moving|ship|shipped|send|sent|mail|mailed|deliver|delivered|forward)\s+"
    r"(?:it\s+|them\s+|this\s+|that\s+|everything\s+|my\s+\w+\s+|the\s+\w+\s+)?to\s+",
    _I,
)
_CUED_STREET = re.compile(rf"{_NUM}\s+(?:{_WORD})(?:\s+{_WORD}){{0,2}}", _I)
_UNIT = re.compile(
    r"(?:,?\s*(?:\b(?:apt|apartment|unit|suite|ste|bldg|building|lot|fl|floor|rm|room|space|spc|trlr|trailer)\b\.?"
    r"\s*#?|#)\s*[A-Za-z0-9-]{1,6}\b){1,2}",
    _I,
)
_CITY = r"(?:[A-Za-z][A-Za-z.'-]*\s+){0,2}[A-Za-z][A-Za-z.'-]*"
_TAIL = re.compile(
    rf"(?:,\s*|\s+)(?:{_CITY}(?:,\s*|\s+){_STATE}|{_CITY}(?=,?\s*{_ZIP})|{_STATE})"
    rf"(?:,?\s*({_ZIP}))?"
    rf"|,?\s*({_ZIP})",
    _I,
)
_ADDRESS_CUE = re.compile(r"\b(?:address|live|living|reside|ship|send|mail|deliver|home|moved)", _I)
# ZIPs on their own: a ZIP-shaped number, then what precedes it says whether it is one.
_ZIP_SHAPE = re.compile(r"(?<![\w$.,/#-])\d{5}(?:-\d{4})?(?![\w-]|[.,]\d)")
_BEFORE_ZIP = re.compile(
    rf"(?:\b(?:{_STATE_NAMES})|(?-i:\b(?:{_STATE_CODES}))|(?-i:\b([A-Z][a-z]+)))\.?,?\s+$"
    r"|\b(?:zip(?:\s?code)?|postal(?:\s?code)?)\b[^.\d]{0,16}$"
    r"|\b(?:near|around|in|by|within|close\s+to|area)\s+$",
    _I,
)
_NOT_CITY = frozenset(
    [
        "code",
        "codes",
        "claim",
        "claims",
        "procedure",
        "plan",
        "group",
        "room",
        "suite",
        "box",
        "apt",
        "unit",
        "route",
        "member",
        "id",
        "policy",
        "account",
        "order",
        "invoice",
        "ticket",
        "case",
        "reference",
        "ref",
        "number",
        "cpt",
        "option",
        "tier",
        "page",
        "step",
        "form",
        "line",
        "item",
        "level",
        "model",
        "version",
        "chapter",
        "section",
        "rule",
        "year",
        "visit",
        "authorization",
        "auth",
        "pin",
        "npi",
        "mrn",
        "icn",
        "ndc",
        "rx",
        "bin",
        "pcn",
        "hcpcs",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "total",
        "amount",
        "balance",
        "is",
        "was",
        "the",
        "and",
    ]
)
_SPACED = re.compile(r"\S+")
_NOT_ZIP_AFTER = re.compile(r"\s*(?:dollars|usd|steps|people|%|times|members)", _I)


def _extend(text: str, start: int, end: int, out: list[Detection]) -> bool:
    """Units, then city/state/ZIP after a street ending at end; appends the address. True if a tail was found."""
    m = _UNIT.match(text, end)
    if m:
        end = m.end()
    t = _TAIL.match(text, end)
    tail = t is not None
    if tail:
        end = t.end()
    while text[end - 1] in ", ":
        end -= 1
    out.append(Detection(start, end, "ADDRESS", text[start:end]))
    return tail or m is not None


def _streets(text: str, out: list[Detection]) -> None:
    for m in _STREET.finditer(text):
        words = m.group(1).lower().split()
        if any(w in _STOP for w in words):
            continue
        suffix = m.group(2)
        before = len(out)
        tailed = _extend(text, m.start(), m.end(), out)
        if (
            suffix.islower()
            and suffix in _AMBIGUOUS
            and not tailed
            and not m.group(1)[0].isupper()
            and not _ADDRESS_CUE.search(text, max(0, m.start() - 40), m.start())
        ):
            del out[before:]


def _cued(text: str, out: list[Detection]) -> None:
    for c in _CUED.finditer(text):
        m = _CUED_STREET.match(text, c.end())
        if m is None:
            continue
        words = list(_SPACED.finditer(m.group()))
        keep = 1
        while keep < len(words) and words[keep].group().lower() not in _CUED_STOP:
            keep += 1
        if keep > 1:
            _extend(text, m.start(), m.start() + words[keep - 1].end(), out)


_STREET_WORDS = frozenset(w.lower() for w in _SUFFIXES.split("|"))
_ROUTE_WORDS = frozenset(
    [
        "box",
        "pob",
        "rr",
        "rural",
        "hc",
        "hcr",
        "highway",
        "hwy",
        "route",
        "rte",
        "sr",
        "us",
        "cr",
        "fm",
        "county",
        "co",
        "farm",
        "star",
    ]
)
_CUE_WORDS = frozenset(
    [
        "live",
        "living",
        "lives",
        "reside",
        "residing",
        "located",
        "staying",
        "stay",
        "address",
        "addr",
        "moved",
        "move",
        "moving",
        "ship",
        "shipped",
        "send",
        "sent",
        "mail",
        "mailed",
        "deliver",
        "delivered",
        "forward",
    ]
)


def detect_addresses(text: str, words: set[str]) -> list[Detection]:
    """Callers run this only on text with a digit; words: the lower-case words of text."""
    out: list[Detection] = []
    if not words.isdisjoint(_STREET_WORDS):
        _streets(text, out)
    if not words.isdisjoint(_ROUTE_WORDS):
        for m in _ROUTE.finditer(text):
            _extend(text, m.start(), m.end(), out)
    if not words.isdisjoint(_CUE_WORDS):
        _cued(text, out)
    for m in _ZIP_SHAPE.finditer(text):
        if _NOT_ZIP_AFTER.match(text, m.end()):
            continue
        b = _BEFORE_ZIP.search(text, max(0, m.start() - 30), m.start())
        if "-" not in m.group() and (b is None or (b.group(1) and b.group(1).lower() in _NOT_CITY)):
            continue  # a ZIP+4 needs no cue
        out.append(Detection(m.start(), m.end(), "ZIP", m.group()))
    return out
