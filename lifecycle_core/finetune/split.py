"""Deterministic train/validation/test assignment by conversation.

sha256("<seed>:<conversation_id>") read as a number in [0, 1) picks the split, so every example of
one conversation (or all phrasings of one plan question, which share "plan:<plan_id>:<key>") lands
in one split, on every machine and run, whatever else is in the dataset.
"""

from __future__ import annotations

import hashlib

SPLITS = ("train", "validation", "test")


def unit_hash(seed: int, key: str) -> float:
    """A stable pseudo-random number in [0, 1) for ``key``."""
    digest = hashlib.sha256(f"{seed}:{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def split_of(conversation_id: str, validation_fraction: float, test_fraction: float, seed: int = 0) -> str:
    u = unit_hash(seed, conversation_id)
    if u < test_fraction:
        return "test"
    if u < test_fraction + validation_fraction:
        return "validation"
    return "train"
