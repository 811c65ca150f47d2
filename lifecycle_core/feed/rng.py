"""Stable hashing and seeded randomness.

Only Mersenne Twister seeding with an int and `.random()` are used: Python documents both as
reproducible across versions and platforms, unlike `randrange`/`choice`, whose algorithms have
changed before. Python's `hash()` is salted per process, so it is never used.
"""

from __future__ import annotations

import hashlib
import random
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate

try:  # the C generator behind random.Random: the same stream for an int seed, ~1 us cheaper to create
    from _random import Random as _MersenneTwister
except ImportError:  # pragma: no cover - other Python implementations
    _MersenneTwister = random.Random

MASK64 = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15


def stable_hash(*parts: object) -> int:
    """64-bit hash of the parts' str() forms (ints, strings, dates), identical on every machine."""
    key = "\x1f".join(str(p) for p in parts).encode()
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "little")


def mix(x: int) -> int:
    """splitmix64 finalizer: a cheap bijective scramble of 64-bit ints (no Random needed)."""
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9 & MASK64
    x = (x ^ (x >> 27)) * 0x94D049BB133111EB & MASK64
    return x ^ (x >> 31)


def sub_hash(base: int, index: int) -> int:
    """Hash of (base, index): per-record seeds inside one (seed, day, source) stream."""
    return mix((base + (index + 1) * _GOLDEN) & MASK64)


def unit(h: int) -> float:
    """A 64-bit hash as a float in [0, 1)."""
    return (h >> 11) * (1.0 / 9007199254740992.0)


def record_rng(base: int, index: int):
    """A Mersenne Twister seeded with hash(base, index); its .random() equals random.Random(seed).random()."""
    return _MersenneTwister(sub_hash(base, index))


def pick(rnd, seq: Sequence):
    """seq[uniform index] drawn with rnd = Random.random (version-stable, unlike Random.choice)."""
    return seq[int(rnd() * len(seq))]


def below(rnd, n: int) -> int:
    return int(rnd() * n)


def between(rnd, lo: int, hi: int) -> int:
    """Uniform int in [lo, hi]."""
    return lo + int(rnd() * (hi - lo + 1))


class Weighted:
    """Fixed weighted choice through a cumulative table and bisect."""

    __slots__ = ("cum", "items", "total")

    def __init__(self, items: Sequence, weights: Sequence[float]):
        self.items = tuple(items)
        self.cum = list(accumulate(weights))
        self.total = self.cum[-1]

    def draw(self, u: float):
        """u in [0, 1) -> item."""
        i = bisect_right(self.cum, u * self.total)
        return self.items[min(i, len(self.items) - 1)]
