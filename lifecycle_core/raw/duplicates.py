"""Duplicate keys in one pass with bounded memory: 8 bytes per record instead of the keys themselves."""

from __future__ import annotations

import hashlib
from array import array
from bisect import bisect_right
from dataclasses import dataclass

import numpy as np

from lifecycle_core.raw.schemas import Schema


def record_key(schema: Schema, record: dict) -> str:
    return "\x1f".join(str(record[name]) for name in schema.key)


def _hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")


@dataclass(frozen=True)
class KeyCandidates:
    hashes: frozenset[int]
    parts: tuple[int, ...]  # indexes of the parts holding at least one candidate, in order

    def may_repeat(self, key: str) -> bool:
        return _hash(key) in self.hashes


class KeyHashes:
    """The 64-bit hash of every kept record's key, and which part each record went to."""

    def __init__(self) -> None:
        self._hashes = array("Q")
        self._part_starts: list[int] = []  # record index where each part begins

    def mark(self) -> int:
        return len(self._hashes)

    def truncate(self, mark: int) -> None:
        """Forget the keys added since `mark` (their landing file was taken back)."""
        del self._hashes[mark:]
        while self._part_starts and self._part_starts[-1] >= mark:
            self._part_starts.pop()

    def add(self, key: str, part: int) -> None:
        while len(self._part_starts) <= part:
            self._part_starts.append(len(self._hashes))
        self._hashes.append(_hash(key))

    def duplicate_candidates(self) -> KeyCandidates | None:
        hashes = np.frombuffer(self._hashes, dtype=np.uint64) if self._hashes else np.empty(0, np.uint64)
        ordered = np.sort(hashes)
        repeated = np.unique(ordered[1:][ordered[1:] == ordered[:-1]])
        if repeated.size == 0:
            return None
        positions = np.flatnonzero(np.isin(hashes, repeated))
        parts = sorted({bisect_right(self._part_starts, int(p)) - 1 for p in positions})
        return KeyCandidates(frozenset(int(h) for h in repeated), tuple(parts))
