"""Identifiers read out rather than typed: "5 3 4 2 0 1 8 8 7", "three three four, five five five, zero one
six nine", "M O L 4 4 0 1 7", "two four one dash five five dash eight nine zero three".

Transcripts and members who dictate write numbers this way, and no pattern over digits sees them. Each such
run is written back as the number it reads (groups kept apart by a space, "dash" as "-"), the structured
detectors run on the message with that number in its place, and what they find in it is mapped back onto
the spoken run. A run needs at least MIN_DIGITS digits, so "one or two" and "page 3 of 4" are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .detection import Detection

MIN_DIGITS = 7
_DIGIT_WORDS = {
    "zero": "0", "oh": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5",
    "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip
_DASH_WORDS = frozenset(["dash", "hyphen"])
# One spoken unit: a single digit, a digit word, a single capital letter, or "dash"; then what may separate two.
_UNIT = r"(?:\d|[A-Z]|(?i:zero|oh|one|two|three|four|five|six|seven|eight|nine|dash|hyphen))"
_RUN = re.compile(rf"(?<![\w-]){_UNIT}(?:(?:\s*,\s*|\s+|\s*-\s*){_UNIT}(?![\w'])){{{MIN_DIGITS - 1},}}(?![\w'])")
_SPACED = re.compile(r"\b\w+\b|,")
_HINT = re.compile(
    r"(?:\d\s+\d\s+\d|(?i:\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\s+(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\b))"
)

Detector = Callable[[str], list[Detection]]


def _written(run: str) -> tuple[str, int]:
    """The number a spoken run reads, and its digit count."""
    out, digits, gap = [], 0, False
    for tok in _SPACED.findall(run):
        low = tok.lower()
        if tok == ",":
            gap = True
            continue
        if low in _DASH_WORDS:
            out.append("-")
            gap = False
            continue
        ch = tok if tok.isdigit() or (len(tok) == 1 and tok.isupper()) else _DIGIT_WORDS.get(low)
        if ch is None:
            continue
        if gap and out and out[-1] != "-":
            out.append(" ")
        out.append(ch)
        digits += ch.isdigit()
        gap = False
    return "".join(out), digits


def detect_spoken(text: str, detect: Detector) -> list[Detection]:
    """Detections (spans of ``text``) for identifiers read out in it; ``detect``: the structured detectors."""
    if not _HINT.search(text):
        return []
    out: list[Detection] = []
    for m in _RUN.finditer(text):
        number, digits = _written(m.group())
        if digits < MIN_DIGITS:
            continue
        shown = text[: m.start()] + number + text[m.end() :]
        for d in detect(shown):
            if d.start < m.start() + len(number) and d.end > m.start():  # found in the number written back
                out.append(Detection(m.start(), m.end(), d.pii_type, m.group()))
                break
    return out


__all__ = ["detect_spoken"]
