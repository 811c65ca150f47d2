"""E-mail addresses, personal URLs and IP addresses (v4 and v6, checked by the ipaddress module).

A URL is personal when a path or query part identifies someone: an e-mail, an ID-like token (5+
digits, or letters with 4+ digits), a first.last slug (first-last / first_last after a user-ish
segment such as /u/ or /profile/), or a query key such as member, id, user, email, name, token,
session. A URL with a scheme or "www." is also personal when it points into a member's own area
(a portal./my./member. host, or an /account, /login, /members, /claims, /eob... path), since such
links carry session state. Everything else is public and kept: government sites (*.gov), the
insurer's public pages ("www.examplehealth.com/find-a-doctor"), and bare domains ("medicare.gov").
"""

from __future__ import annotations

import re

from .checks import ip_ok
from .detection import Detection

_I = re.IGNORECASE
_EMAIL = re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
# "jane dot doe at gmail dot com", "jane.doe(at)gmail.com", "jane [at] gmail [dot] com".
_EMAIL_SPELLED = re.compile(
    r"\b[A-Za-z0-9._%+-]+(?:\s*(?:\(dot\)|\[dot\]|\sdot\s)\s*[A-Za-z0-9_%+-]+)*"
    r"\s*(?:\(at\)|\[at\]|\sat\s)\s*[A-Za-z0-9-]+(?:\s*(?:\(dot\)|\[dot\]|\sdot\s|\.)\s*[A-Za-z0-9-]+)*"
    r"\s*(?:\(dot\)|\[dot\]|\sdot\s|\.)\s*(?:com|org|net|edu|gov|us|io|co)\b",
    _I,
)
_TLD = r"(?:com|org|net|gov|edu|mil|us|io|ly|co|me|info|biz|health|care|app|ai|uk|ca|link|site|online|xyz|gl|page|dev)"
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", _I)
# Without a scheme a URL needs a known top-level domain and a path or query.
_BARE_URL = re.compile(r"(?<![\w@./-])(?:[a-z0-9-]+\.)+" + _TLD + r"(?::\d+)?[/?][^\s<>\"']*", _I)
_PERSONAL_KEY = re.compile(
    r"[?&;](?:member\w*|mbr\w*|mid|id|uid|user\w*|email|e|mail|name|first\w*|last\w*|fname|lname|token|session\w*"
    r"|sid|auth\w*|key|acct|account\w*|dob|ssn|phone|claim\w*|patient\w*|subscriber\w*)=[^&#\s]",
    _I,
)
_ID_PART = re.compile(r"(?<![A-Za-z0-9])(?=[A-Za-z]*\d)(?:\d{5,}|(?=(?:[A-Za-z]*\d){4})[A-Za-z0-9]{5,})(?![A-Za-z0-9])")
# Search filters on public pages ("find-a-doctor?zip=43201") are not someone's identifier.
_PUBLIC_QUERY = re.compile(r"[?&](?:zip|zipcode|postal|page|year|plan|radius|specialty|q)=[^&#]*", _I)
_NAME_DOT = re.compile(r"/[a-z]{2,15}\.[a-z]{2,20}(?:[/?#]|$)", _I)
_NAME_SLUG = re.compile(
    r"/(?:u|user|users|profile|profiles|people|person|member|members|~)/[a-z]{2,15}[-_][a-z]{2,20}\b", _I
)
_MEMBER_AREA = re.compile(
    r"^(?:https?://)?(?:portal|my|member|members|secure|login|account)\.|/(?:account|accounts|login|signin|members?"
    r"|claims|eob|profile|settings|messages|dashboard|myaccount|user|users|u)(?:[/?#]|$)",
    _I,
)
_GOV = re.compile(r"^(?:https?://)?(?:[a-z0-9-]+\.)*[a-z0-9-]+\.(?:gov|mil)(?::\d+)?(?:[/?#]|$)", _I)
_IP4 = re.compile(
    r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
    r"(?::\d{1,5}|/\d{1,2})?(?![\d.]\d|\d)"
)
_IP6 = re.compile(
    r"(?<![\w:.])(?:[0-9a-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]{1,4})?(?:%[\w.]+)?(?![\w:]|\.\w)", _I
)
_VERSION = re.compile(r"\b(?:version|ver|v|build|release)\.?\s*$", _I)
_TRAIL = ".,;:!?)]}'\""


def _personal(url: str, scheme: bool) -> bool:
    host_at = url.find("//") + 2 if "//" in url else 0
    cut = min((i for i in (url.find("/", host_at), url.find("?", host_at)) if i >= 0), default=-1)
    rest = url[cut:] if cut >= 0 else ""
    if not rest:
        return False
    if "=" in rest:
        rest = _PUBLIC_QUERY.sub("", rest)
    if "@" in rest or "%40" in rest or _PERSONAL_KEY.search(rest) or _ID_PART.search(rest):
        return True
    if _NAME_DOT.search(rest) or _NAME_SLUG.search(rest):
        return True
    return scheme and not _GOV.match(url) and _MEMBER_AREA.search(url) is not None


def _urls(text: str, out: list[Detection]) -> None:
    spans = []
    if "www." in text or "://" in text:
        for m in _URL.finditer(text):
            url = m.group().rstrip(_TRAIL)
            spans.append((m.start(), m.start() + len(url)))
            if _personal(url, True):
                out.append(Detection(m.start(), m.start() + len(url), "URL", url))
    for m in _BARE_URL.finditer(text):
        url = m.group().rstrip(_TRAIL)
        if any(s <= m.start() < e for s, e in spans):
            continue
        if _personal(url, False):
            out.append(Detection(m.start(), m.start() + len(url), "URL", url))


def detect_contact(text: str, low: str) -> list[Detection]:
    out: list[Detection] = []
    if "@" in text:
        for m in _EMAIL.finditer(text):
            out.append(Detection(m.start(), m.end(), "EMAIL", m.group()))
    if "at" in low and "dot" in low or "(at)" in low or "[at]" in low:
        for m in _EMAIL_SPELLED.finditer(text):
            out.append(Detection(m.start(), m.end(), "EMAIL", m.group()))
    if "/" in text or "?" in text:
        _urls(text, out)
    if text.count(".") >= 3:
        for m in _IP4.finditer(text):
            if _VERSION.search(text, max(0, m.start() - 10), m.start()):
                continue
            out.append(Detection(m.start(), m.end(), "IP_ADDRESS", m.group()))
    if text.count(":") >= 2:
        for m in _IP6.finditer(text):
            value = m.group().rstrip(":") if not m.group().endswith("::") else m.group()
            if value.count(":") >= 2 and ip_ok(value):
                out.append(Detection(m.start(), m.start() + len(value), "IP_ADDRESS", value))
    return out
