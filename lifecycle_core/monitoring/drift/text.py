"""Word-level text measures: the unknown-word rate and the tokenizer's out-of-vocabulary rate.

Words are runs of letters (an inner apostrophe kept), lower-cased; digits and punctuation are not
words, so amounts, dates and ids never count as new vocabulary, and a scrubber placeholder such as
``[MEMBER_NAME]`` is the words "member" and "name".

- **unknown-word rate**: the share of the day's word occurrences that never occur in the reference
  text (the reference days' member messages and the dataset's training user turns). Its baseline is
  the same rate measured inside the reference, leaving one reference day out at a time against the
  vocabulary of the others (and of the dataset), so a normal day scores about the baseline.
- **tokenizer OOV rate**: the share of word occurrences the base model's tokenizer handles badly: a
  word whose tokens include the unknown token, or that it splits into at least `min_pieces` pieces
  (a byte-level BPE never has unknown tokens, but a word it never learned comes out in fragments).
  Measured on the reference text and on the day's, each on its own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def word_counts(texts: Iterable[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(words(text))
    return counts


@dataclass(frozen=True)
class Rate:
    hits: int
    total: int

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def to_dict(self) -> dict:
        return {"hits": self.hits, "total": self.total}


def unknown_rate(counts: Mapping[str, int], vocabulary: set[str] | frozenset[str]) -> Rate:
    """Word occurrences in `counts` whose word is not in `vocabulary`."""
    return Rate(sum(n for w, n in counts.items() if w not in vocabulary), sum(counts.values()))


def unknown_baseline(texts_by_day: Mapping[str, Sequence[str]], extra: Counter[str]) -> Rate:
    """The unknown-word rate of each reference day against the other days and `extra` (the dataset's
    turns), pooled. With one day only, its two halves are compared instead."""
    groups = dict(texts_by_day)
    if len(groups) == 1:
        (only,) = groups.values()
        groups = {"a": only[0::2], "b": only[1::2]}
    counts = {day: word_counts(texts) for day, texts in groups.items()}
    total: Counter[str] = Counter(extra)
    for day_counts in counts.values():
        total.update(day_counts)
    hits = occurrences = 0
    for day_counts in counts.values():
        # A word unseen elsewhere is one whose total count is all this day's (and not in `extra`).
        hits += sum(n for w, n in day_counts.items() if total[w] == n)
        occurrences += sum(day_counts.values())
    return Rate(hits, occurrences)


class OovCounter:
    """Out-of-vocabulary words of a `transformers` tokenizer, tokenized once per distinct word."""

    def __init__(self, tokenizer, min_pieces: int = 3):
        self.tokenizer, self.min_pieces = tokenizer, min_pieces
        self.unk = getattr(tokenizer, "unk_token_id", None)
        self._oov: dict[str, bool] = {}

    @property
    def name(self) -> str:
        return str(getattr(self.tokenizer, "name_or_path", "") or type(self.tokenizer).__name__)

    def rate(self, texts: Iterable[str]) -> Rate:
        counts: Counter[str] = Counter()
        for text in texts:
            counts.update(re.findall(r"[A-Za-z]+(?:'[A-Za-z]+)?", text))  # the case the tokenizer sees
        new = [w for w in counts if w not in self._oov]
        if new:
            # As a word inside a sentence: after a space, without BOS/EOS.
            encoded = self.tokenizer([" " + w for w in new], add_special_tokens=False)["input_ids"]
            for word, ids in zip(new, encoded):
                self._oov[word] = len(ids) >= self.min_pieces or (self.unk is not None and self.unk in ids)
        return Rate(sum(n for w, n in counts.items() if self._oov[w]), sum(counts.values()))


__all__ = ["OovCounter", "Rate", "unknown_baseline", "unknown_rate", "word_counts", "words"]
