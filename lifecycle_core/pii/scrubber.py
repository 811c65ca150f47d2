"""PiiScrubber: detect PII in a message, and replace it with typed placeholders that stay
consistent across a conversation ([MEMBER_NAME], [MEMBER_NAME_2], ...)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .checks import normalize_date
from .detection import PII_TYPES, Detection, resolve
from .name_model import NameTagger
from .names import NameMatcher
from .roster import Roster
from .structured import detect_structured

PLACEHOLDER = re.compile(r"\[(?:" + "|".join(PII_TYPES) + r")(?:_\d+)?\]")
_NUMBERED = re.compile(r"\[(" + "|".join(PII_TYPES) + r")(?:_(\d+))?\]")
MAX_PASSES = 3
# A message asking for a birth date (and quoting none) makes dates in the next message birth dates.
_ASKS_DOB = re.compile(r"\b(?:date of birth|birth ?date|dob|birthday)\b", re.IGNORECASE)
_HAS_DATE = re.compile(r"\d{1,4}[/-]\d{1,2}[/-]\d{2,4}|\b(?:19|20)\d\d\b")
_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]")
_TITLES = frozenset(["mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "sir", "sirs", "madam", "maam", "ma'am"])
_WORD = re.compile(r"[A-Za-z'\u00c0-\u024f]+")
_DIGIT_KEYED = frozenset(
    {"PHONE", "SSN", "CARD_NUMBER", "NPI", "MEMBER_ID", "CLAIM_NUMBER", "PRIOR_AUTH_NUMBER", "MRN", "ZIP"}
)


@dataclass
class ScrubbedConversation:
    messages: list[str]
    replacements: Counter = field(default_factory=Counter)  # by pii_type


def _value_key(d: Detection) -> str:
    """What makes two mentions the same value: "(614) 293-7603" and "6142937603" are one phone."""
    if d.pii_type in _DIGIT_KEYED:
        return _NOT_ALNUM.sub("", d.value).upper()
    if d.pii_type == "DATE_OF_BIRTH":
        return normalize_date(d.value)
    if d.pii_type == "MEMBER_NAME":
        return " ".join(sorted(t.lower() for t in re.findall(r"[A-Za-z'-]+", d.value)))
    return " ".join(_NOT_ALNUM.sub(" ", d.value.lower()).split())


def _outside(names: list[Detection], structured: list[Detection], text: str) -> list[Detection]:
    """Name spans cut back where they run into a structured detection ("Maria Lopez 614-555-0101" tagged
    whole keeps "Maria Lopez"), and a title alone ("Mr", "Sirs") dropped."""
    out = []
    for d in names:
        start, end = d.start, d.end
        for s in structured:
            if s.start < end and start < s.end:
                if s.start > start:
                    end = s.start
                elif s.end < end:
                    start = s.end
                else:
                    start = end  # wholly inside: the structured type wins
        while start < end and not text[start].isalnum():
            start += 1
        while end > start and not (text[end - 1].isalnum() or text[end - 1] == "."):
            end -= 1
        words = [w.lower() for w in _WORD.findall(text[start:end])]
        if not words or all(w in _TITLES for w in words):
            continue
        out.append(d if (start, end) == (d.start, d.end) else Detection(start, end, d.pii_type, text[start:end]))
    return out


class PiiScrubber:
    def __init__(self, roster: Roster | None = None, model: bool = True):
        self.roster = roster if roster is not None else Roster()
        self._names = NameMatcher(self.roster)
        # The statistical layer finds names and addresses the roster and the rules do not know.
        self._tagger = NameTagger.load() if model else None

    def detect(self, text: str) -> list[Detection]:
        """Non-overlapping detections sorted by start."""
        return self._detect(text, dob_hint=False)

    def _detect(self, text: str, dob_hint: bool) -> list[Detection]:
        structured = detect_structured(text, dob_hint, self.roster.dobs)
        names = self._names.detect(text)
        if self._tagger is not None:
            # Only its names: its addresses would take spans the address rules type more exactly.
            names += [d for d in self._tagger.detect(text) if d.pii_type == "MEMBER_NAME"]
        found = structured + _outside(names, structured, text)
        if "[" in text:  # placeholders from an earlier pass are never PII themselves
            held = [(m.start(), m.end()) for m in PLACEHOLDER.finditer(text)]
            if held:
                found = [d for d in found if all(d.end <= s or d.start >= e for s, e in held)]
        return resolve(found)

    def detect_messages(self, messages: Sequence[str]) -> list[list[Detection]]:
        """detect() per message, plus conversation context: after a question about the birth date,
        a bare date ("Sure, 03/04/1975.") is a birth date."""
        found: list[list[Detection]] = []
        previous = ""
        for text in messages:
            hint = bool(_ASKS_DOB.search(previous)) and not _HAS_DATE.search(previous)
            found.append(self._detect(text, hint))
            previous = text
        return found

    def scrub_messages(self, messages: Sequence[str]) -> ScrubbedConversation:
        """Placeholders for what the detectors find, then again on the result until they find nothing
        (MAX_PASSES): a placeholder changes the context a name or an ID is read in, and what leaves here must
        pass the same detectors, as the dataset's blocking check runs them."""
        result = self._scrub_once(messages, self.detect_messages(messages), Counter())
        for _ in range(MAX_PASSES - 1):
            found = self.detect_messages(result.messages)
            if not any(found):
                break
            used: Counter = Counter()  # the highest number each type has given out
            for m in (m for text in result.messages for m in _NUMBERED.finditer(text)):
                used[m.group(1)] = max(used[m.group(1)], int(m.group(2) or 1))
            again = self._scrub_once(result.messages, found, used)
            result = ScrubbedConversation(again.messages, result.replacements + again.replacements)
        return result

    def _scrub_once(self, messages: Sequence[str], found: list[list[Detection]], used: Counter) -> ScrubbedConversation:
        placeholders = self._placeholders(found, used)
        out, counts = [], Counter()
        for text, dets in zip(messages, found):
            parts, at = [], 0
            for d in dets:
                parts += (text[at : d.start], placeholders[(d.pii_type, _value_key(d))])
                at = d.end
                counts[d.pii_type] += 1
            parts.append(text[at:])
            out.append("".join(parts))
        return ScrubbedConversation(out, counts)

    @staticmethod
    def _placeholders(found: list[list[Detection]], used: Counter) -> dict[tuple[str, str], str]:
        """(type, value key) -> placeholder, numbered per type in order of first mention. A first name
        alone joins the full name it belongs to; the last four digits of an SSN or card join the full number."""
        keys = [(d.pii_type, _value_key(d)) for dets in found for d in dets]
        full_names = [k for t, k in keys if t == "MEMBER_NAME" and " " in k]
        long_numbers = {t: [k for tt, k in keys if tt == t and len(k) > 4] for t in ("SSN", "CARD_NUMBER")}
        alias: dict[tuple[str, str], tuple[str, str]] = {}
        for t, k in keys:
            if t == "MEMBER_NAME" and " " not in k:
                owner = next((f for f in full_names if k in f.split()), None)
            elif t in long_numbers and len(k) == 4:
                owner = next((f for f in long_numbers[t] if f.endswith(k)), None)
            else:
                owner = None
            if owner is not None:
                alias[(t, k)] = (t, owner)
        numbered: dict[tuple[str, str], str] = {}
        per_type: Counter = Counter(used)  # numbers a pass before gave out
        result = {}
        for key in keys:
            canon = alias.get(key, key)
            if canon not in numbered:
                per_type[canon[0]] += 1
                n = per_type[canon[0]]
                numbered[canon] = f"[{canon[0]}]" if n == 1 else f"[{canon[0]}_{n}]"
            result[key] = numbered[canon]
        return result
