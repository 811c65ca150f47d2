"""Exact and near-duplicate removal over the example text (user and assistant turns).

Exact: sha256 of the normalized text (lowercase, word characters only, single spaces), so
whitespace, case and punctuation differences still count as the same example.
Near: Jaccard similarity of word 3-shingle sets at least the threshold. Candidates come from
MinHash LSH (datasketch, 128 permutations) built 0.1 below the threshold, because at the threshold
its banding misses about a quarter of pairs with J = 0.93 (one word changed in an 80-word chat);
each candidate is then confirmed with the exact Jaccard of the two shingle sets, recomputed from
the kept example, so the estimate's noise never decides and no shingle sets are held in memory.
Shingles are hashed here (crc32 per word, combined in numpy) instead of by datasketch's
per-shingle sha1, which was most of the cost; the affine32 scheme mixes the 32-bit values
(murmur finalizer) before permuting.
Near-duplicate detection runs on conversation examples only: plan QA examples of two plans
differ in exactly the numbers that matter, and a similarity threshold could drop a fact.
Examples are visited in the order given (the builder sorts by id), and the first one is kept.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

import numpy as np

NUM_PERM = 128
SHINGLE = 3
LSH_MARGIN = 0.1
_WORD = re.compile(r"\w+")
NEAR_SOURCES = frozenset({"conversation"})


def example_text(example: dict) -> str:
    """What two examples must share to be duplicates: the dialogue, not the common system prompt."""
    return "\n".join(f"{m['role']}: {m['content']}" for m in example["messages"] if m["role"] != "system")


def normalized_words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


@lru_cache(maxsize=1 << 18)
def _word_hash(word: str) -> int:
    return zlib.crc32(word.encode())  # stable across processes, unlike hash()


def shingle_hashes(words: Sequence[str]) -> np.ndarray:
    """32-bit hashes of the word 3-shingles (one shingle if the text is shorter)."""
    ids = np.fromiter(map(_word_hash, words), dtype=np.uint64, count=len(words))
    if len(ids) < SHINGLE:
        return np.array([zlib.crc32(" ".join(words).encode())], dtype=np.uint64)
    mixed = (ids[:-2] * np.uint64(0x9E3779B1)) ^ (ids[1:-1] * np.uint64(0x85EBCA77)) ^ ids[2:]
    return mixed & np.uint64(0xFFFFFFFF)


def _identity(value):
    return value


@cache
def _permutations():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=1).permutations  # built once, shared by every sketch


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    a, b = np.unique(a), np.unique(b)
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)


def minhash_of(hashes: np.ndarray):
    from datasketch import MinHash  # scipy import is slow; only pay it when deduplicating

    mh = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=_identity, permutations=_permutations(), scheme="affine32")
    mh.update_batch(hashes)
    return mh


@dataclass
class DedupResult:
    kept: list[dict]
    exact_duplicates: int = 0
    near_duplicates: int = 0
    duplicate_of: dict[str, str] = field(default_factory=dict)  # dropped id -> kept id


def deduplicate(examples: Sequence[dict], threshold: float = 0.9) -> DedupResult:
    """Drop exact duplicates, then near-duplicates of conversation examples; keep the first seen."""
    from datasketch import MinHashLSH

    result = DedupResult(kept=[])
    seen: dict[bytes, str] = {}
    lsh = MinHashLSH(threshold=max(0.5, threshold - LSH_MARGIN), num_perm=NUM_PERM)
    kept_by_id: dict[str, dict] = {}

    def similar(other_id: str, mine: np.ndarray) -> bool:
        theirs = shingle_hashes(normalized_words(example_text(kept_by_id[other_id])))
        return jaccard(theirs, mine) >= threshold

    for ex in examples:
        words = normalized_words(example_text(ex))
        digest = hashlib.sha256(" ".join(words).encode()).digest()
        if digest in seen:
            result.exact_duplicates += 1
            result.duplicate_of[ex["id"]] = seen[digest]
            continue
        seen[digest] = ex["id"]
        if ex["source"] in NEAR_SOURCES and threshold < 1:
            mine = shingle_hashes(words)
            mh = minhash_of(mine)
            match = next((k for k in sorted(lsh.query(mh)) if similar(k, mine)), None)
            if match is not None:
                result.near_duplicates += 1
                result.duplicate_of[ex["id"]] = match
                continue
            lsh.insert(ex["id"], mh)
            kept_by_id[ex["id"]] = ex
        result.kept.append(ex)
    return result
