"""Person-name matcher: roster full names in any case and spacing, "LAST, FIRST", first names next to
greetings, and names from the general census lexicon when capitalized.

Names that are also everyday words (Will, May, Bill, Grace, Hope, Young, Price...) are only taken
with evidence: capitalized next to a greeting, or capitalized as part of a full name.
"""

from __future__ import annotations

import re

from .detection import Detection
from .lexicon_data import FIRST_NAMES, LAST_NAMES
from .roster import WORD, Roster

LEX_FIRST = frozenset(n.lower() for n in FIRST_NAMES)
LEX_LAST = frozenset(n.lower() for n in LAST_NAMES)
COMMON_WORDS = frozenset(
    [
        "will",
        "may",
        "bill",
        "grace",
        "hope",
        "rose",
        "mark",
        "faith",
        "june",
        "april",
        "august",
        "joy",
        "summer",
        "dawn",
        "holly",
        "ivy",
        "autumn",
        "amber",
        "crystal",
        "pearl",
        "ruby",
        "iris",
        "olive",
        "destiny",
        "charity",
        "frank",
        "chase",
        "hunter",
        "guy",
        "art",
        "rich",
        "jack",
        "drew",
        "lance",
        "miles",
        "wade",
        "dean",
        "don",
        "sonny",
        "rusty",
        "gene",
        "cliff",
        "bob",
        "river",
        "sage",
        "rowan",
        "reese",
        "brown",
        "white",
        "green",
        "young",
        "king",
        "wood",
        "rice",
        "price",
        "day",
        "love",
        "bell",
        "hill",
        "cook",
        "baker",
        "little",
        "long",
        "strong",
        "best",
        "fair",
        "moody",
        "park",
        "ward",
        "reed",
        "lee",
        "cox",
        "black",
        "gray",
        "grey",
        "sharp",
        "short",
        "hall",
        "field",
        "stone",
        "lane",
        "case",
        "page",
        "bush",
        "rock",
        "glass",
        "cash",
        "penny",
        "sunny",
        "sky",
        "star",
        "gay",
        "major",
        "rich",
        "carry",
        "stay",
        "page",
        "wells",
        "hunt",
        "fox",
        "bird",
        "rose",
        "gold",
        "silver",
        "good",
        "early",
        "late",
        "north",
        "south",
        "west",
        "east",
        "english",
        "french",
        "german",
        "hand",
        "lord",
        "law",
        "nice",
        "new",
        "pat",
        "sue",
        "rob",
        "ray",
        "van",
        "dale",
        "glen",
        "heath",
        "will",
        "forest",
        "grant",
        "price",
        "hardy",
        "noble",
        "bond",
        "banks",
        "ford",
        "hale",
        "hay",
        "bright",
        "may",
        "marsh",
        "moon",
        "storm",
        "worth",
        "cross",
    ]
)
GREETINGS = frozenset(
    [
        "hi",
        "hello",
        "hey",
        "dear",
        "thanks",
        "welcome",
        "bye",
        "goodbye",
        "morning",
        "afternoon",
        "evening",
        "care",
        "congrats",
    ]
)
HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "mx"])
# Capitalized words after a greeting or "this is" that are not names ("Hi There", "Thanks Again").
NOT_NAMES = frozenset(
    [
        "there",
        "team",
        "all",
        "everyone",
        "again",
        "sir",
        "madam",
        "folks",
        "guys",
        "so",
        "much",
        "the",
        "a",
        "an",
        "and",
        "not",
        "just",
        "here",
        "calling",
        "sorry",
        "sure",
        "yes",
        "no",
        "ok",
        "okay",
        "good",
        "great",
        "perfect",
        "i",
        "i'm",
        "i've",
        "my",
        "you",
        "we",
        "our",
        "your",
        "it",
        "it's",
        "this",
        "that",
        "heartland",
        "mutual",
        "member",
        "customer",
        "support",
        "agent",
        "services",
        "department",
    ]
)
_CUE_PREV = GREETINGS | {"is", "i'm", "am", "me", "you"}
_CUE = re.compile(
    r"(?i:\b(?:this is|name is|i'm|i am|call me|hi|hello|hey|dear|thanks|thank you|welcome|bye|"
    r"goodbye|morning|afternoon|evening|care|congrats))[ \t,!]+[A-Z]"
)
PROVIDER_TITLES = frozenset(["dr", "doctor", "prof", "nurse"])
_SEP_SPACE = re.compile(r"[ \t]+")
_SEP_COMMA = re.compile(r"[ \t]*,[ \t]*")
_SEP_GREETING = re.compile(r"[ \t]*[,!]?[ \t]*")


def _strip_possessive(words: list[str]):
    return (w.removesuffix("'s") for w in words)


class NameMatcher:
    def __init__(self, roster: Roster | None = None):
        self.roster = r = roster if roster is not None else Roster()
        # Any token that could start or be a name; every other word is skipped with one set lookup.
        self._candidates = frozenset().union(
            LEX_FIRST, LEX_LAST, r.name_starts, r.first_names, r.last_names, (k[0] for k in r.reversed_names)
        )

    def detect(self, text: str) -> list[Detection]:
        if self._candidates.isdisjoint(_strip_possessive(WORD.findall(text.lower()))) and not _CUE.search(text):
            return []  # a cheap C-level pass: most messages hold no word that could be a name
        toks = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
        lows = [t[2].lower() for t in toks]
        r = self.roster
        out: list[Detection] = []
        n, i = len(toks), 0
        candidates = self._candidates
        while i < n:
            if lows[i] not in candidates and not lows[i].endswith("'s") and not (i and lows[i - 1] in _CUE_PREV):
                i += 1
                continue
            span = self._full_name(text, toks, lows, i, r)
            if span:
                if not self._after_title(text, toks, lows, i):  # "Dr. Jane Smith": a public provider name
                    out.append(
                        Detection(
                            toks[i][0], toks[i + span - 1][1], "MEMBER_NAME", text[toks[i][0] : toks[i + span - 1][1]]
                        )
                    )
                i += span
                continue
            if self._single_name(text, toks, lows, i, r):
                out.append(Detection(toks[i][0], toks[i][1], "MEMBER_NAME", toks[i][2]))
            i += 1
        return out

    @staticmethod
    def _seps_ok(text: str, toks, i: int, count: int, sep: re.Pattern) -> bool:
        return all(sep.fullmatch(text, toks[j][1], toks[j + 1][0]) for j in range(i, i + count - 1))

    def _full_name(self, text: str, toks, lows, i: int, r: Roster) -> int:
        """How many tokens from i form a full name (0 if none)."""
        n = len(toks)
        if lows[i] in r.name_starts:
            for size in r.lengths:
                if (
                    i + size <= n
                    and tuple(lows[i : i + size]) in r.full_names
                    and self._seps_ok(text, toks, i, size, _SEP_SPACE)
                    and self._plausible(toks, lows, i, size)
                ):
                    return size
        if (
            i + 1 < n
            and (lows[i], lows[i + 1]) in r.reversed_names
            and _SEP_COMMA.fullmatch(text, toks[i][1], toks[i + 1][0])
            and self._plausible(toks, lows, i, 2)
        ):
            return 2  # "LOPEZ, MARIA"
        if (
            i + 1 < n
            and lows[i] in LEX_FIRST
            and lows[i + 1] in LEX_LAST
            and toks[i][2][0].isupper()
            and toks[i + 1][2][0].isupper()
            and _SEP_SPACE.fullmatch(text, toks[i][1], toks[i + 1][0])
            # A lexicon-only pair needs a first name that is not an everyday word, or a greeting before it.
            and (lows[i] not in COMMON_WORDS or self._greeted(text, toks, lows, i))
        ):
            return 2
        if (
            i + 1 < n
            and self._unknown_ok(toks, lows, i)
            and self._unknown_ok(toks, lows, i + 1)
            and lows[i + 1] not in COMMON_WORDS
            and _SEP_SPACE.fullmatch(text, toks[i][1], toks[i + 1][0])
            and self._greeted(text, toks, lows, i, intro_only=True)
        ):
            return 2  # "my name is Aaliyah Okonkwo": names the lexicon lacks, from the introduction
        return 0

    @staticmethod
    def _unknown_ok(toks, lows, i: int) -> bool:
        word = toks[i][2]
        return word[0].isupper() and lows[i] not in NOT_NAMES and not (len(word) > 1 and word.isupper())

    @staticmethod
    def _plausible(toks, lows, i: int, size: int) -> bool:
        """A roster name made only of everyday words ("hope price") must show some capitalization."""
        if any(lows[j] not in COMMON_WORDS for j in range(i, i + size)):
            return True
        return any(toks[j][2][0].isupper() for j in range(i, i + size))

    def _single_name(self, text: str, toks, lows, i: int, r: Roster) -> bool:
        low, word = lows[i], toks[i][2]
        low = low.removesuffix("'s")
        cap = word[0].isupper()
        if i and lows[i - 1] in HONORIFICS:  # "Ms. Lopez"
            return cap and (low in r.last_names or low in LEX_LAST)
        known = low in r.first_names
        if not (known or low in LEX_FIRST):
            # A capitalized word the lexicon lacks, right after a greeting and before punctuation: "Hi Ngozi,"
            end = toks[i][1]
            return (
                self._unknown_ok(toks, lows, i)
                and low not in COMMON_WORDS
                and text[end : end + 1] in (",", ".", "!", "?")
                and self._greeted(text, toks, lows, i)
            )
        if not cap and (low in COMMON_WORDS or not known):
            return False
        return self._greeted(text, toks, lows, i)

    @staticmethod
    def _greeted(text: str, toks, lows, i: int, intro_only: bool = False) -> bool:
        """Greeting or introduction right before token i ("Hi Maria", "Thank you, Maria", "this is Maria"),
        or "Maria here"."""
        if not intro_only and i + 1 < len(toks) and lows[i + 1] == "here" and text[toks[i][1] : toks[i + 1][0]] == " ":
            return True
        if not i or not _SEP_GREETING.fullmatch(text, toks[i - 1][1], toks[i][0]):
            return False
        prev = lows[i - 1]
        if prev == "i'm" or (prev in GREETINGS and not intro_only):
            return True
        before = lows[i - 2] if i >= 2 else ""
        return (prev, before) in (("you", "thank"), ("is", "this"), ("is", "name"), ("am", "i"), ("me", "call"))

    @staticmethod
    def _after_title(text: str, toks, lows, i: int) -> bool:
        return i > 0 and lows[i - 1] in PROVIDER_TITLES and text[toks[i - 1][1] : toks[i][0]].strip() in ("", ".")
