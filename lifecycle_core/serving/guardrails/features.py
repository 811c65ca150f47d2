"""The classifier's features: a sentence embedding and hashed n-grams of the de-obfuscated text.

The n-grams read ``TextView.plain``, so "f*ck", "sh1t" and "ｆｕｃｋ" share features with the words
they hide. Each word, padded with a space on both sides, gives its n-grams of ngram_min..ngram_max
characters (scikit-learn's "char_wb"); words and word pairs are n-grams too (they helped others_data
and prompt_injection on cross-validation). All are hashed with CRC-32 into ``n_features`` buckets and
counted; characters and words are each scaled to unit length. The hashing is ours, not HashingVectorizer's, because one streamed segment
must cost microseconds (HashingVectorizer's per-call checks cost about a millisecond), and training
and serving must hash alike; a saved model is coefficients and these settings only.
"""

from __future__ import annotations

import functools
import itertools
import zlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import numpy as np
import scipy.sparse as sp

from .normalize import TextView


@functools.lru_cache(maxsize=65536)
def _char_buckets(word: str, low: int, high: int, size: int) -> np.ndarray:
    """A word's character n-gram buckets; cached, since a streamed answer's checks overlap and words repeat."""
    padded = f" {word} "
    length = len(padded)
    grams = [padded[start : start + n] for n in range(low, min(high, length) + 1) for start in range(length - n + 1)]
    return np.array([zlib.crc32(g.encode()) % size for g in grams], dtype=np.int64)


@functools.lru_cache(maxsize=65536)
def _word_bucket(word: str, size: int) -> int:
    return zlib.crc32(f"w:{word}".encode()) % size


def _unit(buckets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    index, counts = np.unique(buckets, return_counts=True)
    values = counts.astype(np.float32)
    return index, values / np.linalg.norm(values)


@dataclass(frozen=True)
class CharFeatures:
    n_features: int = 2**17
    ngram_min: int = 2
    ngram_max: int = 4
    words: bool = True  # words and word pairs too

    def __post_init__(self) -> None:
        if self.n_features < 2 or not 1 <= self.ngram_min <= self.ngram_max:
            raise ValueError("need n_features >= 2 and 1 <= ngram_min <= ngram_max")

    def counts(self, plain: str) -> tuple[np.ndarray, np.ndarray]:
        """(bucket indices, values) of one text, values of unit length."""
        tokens = plain.split()
        if not tokens:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        low, high, size = self.ngram_min, self.ngram_max, self.n_features
        index, values = _unit(np.concatenate([_char_buckets(t, low, high, size) for t in tokens]))
        if self.words:  # a bucket both blocks use appears twice: the dot product and csr_matrix add them
            pairs = [f"{a} {b}" for a, b in itertools.pairwise(tokens)]
            word_index, word_values = _unit(np.array([_word_bucket(t, size) for t in tokens + pairs]))
            index, values = np.concatenate([index, word_index]), np.concatenate([values, word_values])
        return index, values

    def transform(self, plain_texts: Sequence[str]) -> sp.csr_matrix:
        """One row per text already in ``TextView.plain`` form (the guardrails have the view at hand)."""
        indptr, indices, data = [0], [], []
        for text in plain_texts:
            index, values = self.counts(text)
            indices.append(index)
            data.append(values)
            indptr.append(indptr[-1] + len(index))
        return sp.csr_matrix(
            (np.concatenate(data) if data else np.zeros(0, np.float32),
             np.concatenate(indices) if indices else np.zeros(0, np.int64), np.array(indptr)),
            shape=(len(plain_texts), self.n_features),
        )  # fmt: skip

    def to_json(self) -> dict:
        return asdict(self)


def plain_texts(texts: Sequence[str]) -> list[str]:
    return [TextView.of(t).plain for t in texts]


__all__ = ["CharFeatures", "plain_texts"]
