"""Which support conversations are good training examples, and why the others are not.

The rule (a conversation is kept only if all hold, checked in this order so each drop has one reason):

1. ``not_resolved``: the conversation is marked resolved. An unresolved chat does not show the
   model how to finish the job.
2. ``low_csat``: the member's satisfaction score is missing or at least 4 of 5. About a third of
   members skip the survey; a missing score is not evidence against the agent, a low one is.
3. ``no_exchange``: there is at least one member turn followed by an agent turn.
4. ``impolite``: no turn, member or agent, contains an insult or mild profanity from ``RUDE``.
   A member insult makes the whole chat a poor template even when the agent stays calm; the
   model should learn the calm answer from chats that need no de-escalation.
5. ``agent_non_answer``: no agent turn is an evasive non-answer from ``NON_ANSWERS`` ("I'm not
   sure", "call back later", ...): those chats can be resolved and unscored yet teach nothing.

Lexicons are matched case-insensitively on word boundaries. They are deliberately short and
readable; a classifier can replace ``select_conversation`` later with the same (keep, reason) API.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

MIN_CSAT = 4

RUDE = (
    "useless",
    "ridiculous",
    "stupid",
    "idiot",
    "idiots",
    "moron",
    "dumb",
    "shut up",
    "waste of time",
    "wasting my time",
    "crap",
    "damn",
    "damn it",
    "pathetic",
    "what a joke",
    "are you kidding",
    "worst insurance",
    "incompetent",
    "sick of this",
    "screw you",
    "bullshit",
    "wtf",
    "hell",
)
NON_ANSWERS = (
    "i'm not sure",
    "i am not sure",
    "not really sure",
    "i can't say",
    "i don't know",
    "i don't have that information",
    "can't help with that",
    "not able to see that",
    "can't confirm",
    "you'd have to check",
    "you'd have to ask",
    "try again tomorrow",
    "call back later",
    "can you call back",
    "can't access that",
)


def _lexicon(words: Sequence[str]) -> re.Pattern[str]:
    # Matched against lowercased text with typographic apostrophes folded (see _fold); every entry
    # starts and ends with a word character, so \b marks whole words. Case-sensitive is much faster.
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b")


_RUDE_RE = _lexicon(RUDE)
_NON_ANSWER_RE = _lexicon(NON_ANSWERS)


def _fold(text: str) -> str:
    return text.lower().replace("\u2019", "'")


def has_exchange(messages: Sequence[dict]) -> bool:
    """A member turn followed (not necessarily at once) by an agent turn with text."""
    asked = False
    for m in messages:
        if not m.get("text"):
            continue
        if m.get("role") == "member":
            asked = True
        elif m.get("role") == "agent" and asked:
            return True
    return False


def is_rude(text: str) -> bool:
    return _RUDE_RE.search(_fold(text)) is not None


def is_non_answer(text: str) -> bool:
    return _NON_ANSWER_RE.search(_fold(text)) is not None


def select_conversation(conv: dict) -> tuple[bool, str | None]:
    """(True, None) if ``conv`` is a good example, else (False, reason) with a reason listed above.

    ``conv`` needs ``resolved``, ``csat`` (int or None) and ``messages`` (dicts with role, text).
    """
    if conv.get("resolved") is not True:
        return False, "not_resolved"
    csat = conv.get("csat")
    if csat is not None and csat < MIN_CSAT:
        return False, "low_csat"
    messages = conv["messages"]
    if not has_exchange(messages):
        return False, "no_exchange"
    # One regex pass over the joined turns: the lexicons never span a newline.
    if is_rude("\n".join(m["text"] for m in messages)):
        return False, "impolite"
    if is_non_answer("\n".join(m["text"] for m in messages if m["role"] == "agent")):
        return False, "agent_non_answer"
    return True, None
