"""Canary routing: a fixed share of members, the same members every time (a hash of the pseudonym)."""

from __future__ import annotations

import hashlib

PRODUCTION, CANARY = "production", "canary"


def bucket(member: str) -> float:
    """A member's place in [0, 1): uniform over members, stable across processes and restarts."""
    digest = hashlib.sha256(f"canary:{member}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def arm_for(member: str, canary_share: float, has_canary: bool) -> str:
    return CANARY if has_canary and bucket(member) < canary_share else PRODUCTION


__all__ = ["CANARY", "PRODUCTION", "arm_for", "bucket"]
