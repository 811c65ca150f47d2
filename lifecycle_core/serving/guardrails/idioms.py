"""Figures of speech, said plainly before the classifier reads a message.

"Something to kill the pain" and "my knee is killing me" hold the words of a threat or a crisis; an
embedding of a few hundred examples cannot always tell. The rules never see this rewrite (they are
written to tell), the classifier only ever sees the plain meaning.
"""

from __future__ import annotations

import re

_IDIOMS = [
    (r"\bkill(?:s|ing)? (?:the|my|this|that|your) (?:pain|ache|headache|migraine|cramps?|itch|fever|cough)",
     "relieve the pain"),
    (r"\b(?:is|are|was|were|'s|'re) (?:absolutely |really |literally |just )?killing me\b", "hurts a lot"),
    (r"\b(?:pain ?killers?|pain-killers?)\b", "pain relievers"),
    (r"\bdying (?:to|for) (?:know|find out|hear|see|get)\b", "eager to know"),
    (r"\b(?:scared|bored|worried|embarrassed) to death\b", "very worried"),
    (r"\bkill(?:ing)? (?:two birds|time)\b", "spending time"),
    (r"\b(?:heart attack|gunshot wound|stab wound|overdose|poisoning) (?:coverage|covered|treatment|care|visit)\b",
     "emergency care coverage"),
]  # fmt: skip
IDIOMS = [(re.compile(pattern, re.IGNORECASE), plain) for pattern, plain in _IDIOMS]
# Every idiom holds one of these: one search spares most texts the substitutions.
_CUE = re.compile(r"kill|dying|death|pain ?-?killer|heart attack|gunshot|stab wound|overdose|poisoning", re.IGNORECASE)


def said_plainly(text: str) -> str:
    if not _CUE.search(text):
        return text
    for pattern, plain in IDIOMS:
        text = pattern.sub(plain, text)
    return text


__all__ = ["IDIOMS", "said_plainly"]
