"""Rules: named regular expressions over one of the normalizer's views; the first that matches names the rule.

Every view but ``raw`` is lowercase, so patterns are written in lowercase; a ``raw`` pattern that
should ignore case says ``(?i)``.

A rule id ("abuse.insult_you") is what the log and the metrics see: never the text that matched.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence

from ..normalize import TextView

VIEWS = ("raw", "lower", "folded", "plain")


def masked(word: str) -> str:
    """A word as typed with disguises: any letter but the first may be repeated or stood in for by "*"."""
    head, rest = word[0], word[1:]
    return re.escape(head) + "+" + "".join(f"(?:{re.escape(ch)}+|\\*+)" for ch in rest)


def words(*alternatives: str) -> str:
    """A group of alternatives between word boundaries."""
    return r"(?<![a-z])(?:" + "|".join(alternatives) + r")(?![a-z])"


# Chinese, Japanese or Korean: kana, CJK ideographs, Hangul.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"


def cjk(pattern: str) -> str:
    """A pattern every match of which holds a CJK or Hangul character, tried only on text that has one: anchored
    at the start, so text without such a character costs one scan instead of the pattern at every position."""
    return rf"^(?=[\s\S]*?[{_CJK}])[\s\S]*?(?:{pattern})"


Confirm = Callable[[re.Match], bool]


def on_message(test: Callable[[str], bool]) -> Confirm:
    """A confirm that reads the whole message rather than the match ("does it also name a sedative?"): worked out
    once per message, however many matches the pattern finds in it."""
    cached = functools.lru_cache(maxsize=8)(test)
    return lambda match: cached(match.string)


class RuleSet:
    """Rules in order: (rule id, view, pattern) or (rule id, view, pattern, confirm), where confirm(match)
    decides what a pattern cannot (is this capitalized pair a person's name?). ``match`` gives the first
    id that fires, or None."""

    def __init__(self, rules: Iterable[Sequence]):
        self.rules: list[tuple[str, str, re.Pattern, Confirm | None]] = []
        for rule_id, view, pattern, *confirm in rules:
            if view not in VIEWS:
                raise ValueError(f"rule {rule_id}: unknown view {view!r}")
            try:
                compiled = re.compile(pattern)
            except re.error as err:
                raise ValueError(f"rule {rule_id}: {err}") from err
            self.rules.append((rule_id, view, compiled, confirm[0] if confirm else None))

    def match(self, view: TextView) -> str | None:
        for rule_id, name, pattern, confirm in self.rules:
            if confirm is None:
                if pattern.search(getattr(view, name)):
                    return rule_id
            elif any(confirm(m) for m in pattern.finditer(getattr(view, name))):
                return rule_id
        return None


__all__ = ["VIEWS", "RuleSet", "cjk", "masked", "on_message", "words"]
