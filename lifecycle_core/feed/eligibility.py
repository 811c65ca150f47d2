"""The daily members (eligibility) file: every member the day's claims and conversations refer
to, plus a few others, so well-formed claims and conversations always join to a member."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import lru_cache

from .claims import claim_day
from .config import FeedConfig, drift_level, hdhp_cohort_size, timestamp
from .conversations import conv_day, conversation_head_at
from .members import member_at, member_count, member_record
from .rng import mix, stable_hash, sub_hash, unit

REFERENCED, NEW = 1, 2


def _new_member(config: FeedConfig, level: float, h: int) -> int:
    """Members added without a reference; after a drift most of them join the drift plan."""
    if level > 0.0 and unit(h) < min(0.9, 0.6 * level):
        return config.member_population + mix(h) % hdhp_cohort_size(config)
    return mix(h ^ 0x3C6EF372) % config.member_population


@lru_cache(maxsize=4)
def day_members(config: FeedConfig, day: date) -> bytes:
    """One byte per member index: 0 absent, REFERENCED or NEW. Memory is O(population), not O(lines)."""
    flags = bytearray(member_count(config))
    claims = claim_day(config, day)
    for slot in range(config.claims_per_day):
        flags[claims.picker.pick(sub_hash(claims.member_base, slot))] = REFERENCED
    conversations = conv_day(config, day)
    for slot in range(config.conversations_per_day):
        flags[conversation_head_at(conversations, slot).member_index] = REFERENCED
    level = drift_level(config, day)
    base = stable_hash(config.seed, day, "members", "new")
    added = tries = 0
    # Bounded retries: when nearly everyone is already referenced the file simply has fewer new members.
    while added < config.new_members_per_day and tries < 20 * config.new_members_per_day + 100:
        index = _new_member(config, level, sub_hash(base, tries))
        tries += 1
        if not flags[index]:
            flags[index] = NEW
            added += 1
    return bytes(flags)


def good_member_lines(config: FeedConfig, day: date) -> int:
    flags = day_members(config, day)
    return len(flags) - flags.count(0)


def iter_member_records(config: FeedConfig, day: date) -> Iterator[dict]:
    """Member rows in member-index order (ids are scrambled, so the file is not sorted by id)."""
    flags = day_members(config, day)
    base = stable_hash(config.seed, day, "members", "updated")
    iso = day.isoformat()
    for index, flag in enumerate(flags):
        if flag:
            yield member_record(member_at(config, index), timestamp(iso, 5 * 3600 + sub_hash(base, index) % (3 * 3600)))
