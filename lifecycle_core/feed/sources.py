"""The partner's files, line by line, with malformed lines at deterministic positions; and the
ground truth for conversations (PII spans, labels) that a real partner would never send."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

from .claims import claim_at, claim_day, claim_slots
from .config import SOURCES, FeedConfig
from .conversations import conv_day, conversation_at
from .eligibility import good_member_lines, iter_member_records
from .encode import dumps
from .malformed import Slots, corrupt, slots_for
from .parallel import PARALLEL_CHUNK, parallel_lines
from .providers import day_provider_count, iter_provider_records
from .rng import sub_hash
from .templates import PiiSpan


def _check(source: str) -> None:
    if source not in SOURCES:
        raise ValueError(f"unknown source {source!r}; expected one of {SOURCES}")


def _slots(config: FeedConfig, day: date, source: str) -> Slots:
    if source == "claims":
        return claim_slots(config, day)
    if source == "members":
        good = good_member_lines(config, day)
    elif source == "conversations":
        good = config.conversations_per_day
    else:
        good = day_provider_count(config)
    return slots_for(config.seed, config.malformed_share, day, source, good)


def expected_malformed(config: FeedConfig, day: date, source: str) -> int:
    """How many lines of iter_source_lines(config, day, source) are malformed."""
    _check(source)
    return _slots(config, day, source).k


def malformed_lines(config: FeedConfig, day: date, source: str) -> Iterator[tuple[int, str]]:
    """(line number, kind from MALFORMED_KINDS) of each malformed line, in file order."""
    _check(source)
    return iter(_slots(config, day, source))


def _record_maker(config: FeedConfig, day: date, source: str) -> Callable[[int], dict]:
    """slot -> record for the sources whose malformed lines replace records."""
    if source == "claims":
        claims = claim_day(config, day)
        return lambda slot: claim_at(claims, slot).record
    if source == "conversations":
        cd = conv_day(config, day)
        return lambda slot: conversation_at(cd, slot).record
    providers = list(iter_provider_records(config, day))  # at most provider_population records
    return providers.__getitem__


def _slot_count(config: FeedConfig, source: str) -> int:
    if source == "claims":
        return config.claims_per_day
    if source == "conversations":
        return config.conversations_per_day
    return day_provider_count(config)


def slot_lines(config: FeedConfig, day: date, source: str, start: int, stop: int) -> Iterator[bytes]:
    """Lines [start, stop) of a claims, conversations or providers file: line i is record i, or
    its malformed version. Any range gives the same bytes, which is what lets workers split a day."""
    slots = _slots(config, day, source)
    bad = slots.flags
    make = _record_maker(config, day, source)
    for slot in range(start, stop):
        record = make(slot)
        if not bad[slot]:
            yield dumps(record)
        else:
            kind = slots.kind(slots.bucket(slot))
            yield corrupt(source, record, kind, day, sub_hash(slots.base ^ 0xC0FFEE, slot))


def slot_lines_list(config: FeedConfig, day: date, source: str, start: int, stop: int) -> list[bytes]:
    """slot_lines as a list: the unit of work a worker process returns."""
    return list(slot_lines(config, day, source, start, stop))


def _member_lines(config: FeedConfig, day: date) -> Iterator[bytes]:
    """Members: malformed lines are extra broken copies of the next good row, so every referenced
    member keeps exactly one well-formed row."""
    slots = _slots(config, day, "members")
    bad = iter(slots)
    next_bad, kind = next(bad, (-1, ""))
    line = 0
    record = None
    for record in iter_member_records(config, day):
        while line == next_bad:
            yield corrupt("members", record, kind, day, sub_hash(slots.base ^ 0xC0FFEE, line))
            next_bad, kind = next(bad, (-1, ""))
            line += 1
        yield dumps(record)
        line += 1
    while next_bad >= 0 and record is not None:  # broken copies after the last good row
        yield corrupt("members", record, kind, day, sub_hash(slots.base ^ 0xC0FFEE, line))
        next_bad, kind = next(bad, (-1, ""))
        line += 1


def iter_source_lines(config: FeedConfig, day: date, source: str, *, workers: int = 1) -> Iterator[bytes]:
    """The partner's JSONL lines (no trailing newline) for one source and day, malformed ones mixed in.

    A generator: records are made one at a time, so memory does not grow with the number of lines.
    workers > 1 spreads conversations and claims over that many processes (same bytes, same order);
    worth it from about 50,000 lines a day.
    """
    _check(source)
    if source == "members":
        return _member_lines(config, day)
    total = _slot_count(config, source)
    if workers > 1 and source in ("claims", "conversations") and total > PARALLEL_CHUNK:
        return parallel_lines(slot_lines_list, (config, day, source), total, workers, PARALLEL_CHUNK)
    return slot_lines(config, day, source, 0, total)


def _good_conversations(config: FeedConfig, day: date):
    bad = _slots(config, day, "conversations").flags
    cd = conv_day(config, day)
    for slot in range(config.conversations_per_day):
        if not bad[slot]:
            yield conversation_at(cd, slot)


def conversation_pii_spans(config: FeedConfig, day: date) -> Iterator[tuple[str, list[PiiSpan]]]:
    """For each well-formed conversation of the day: its id and every PII value put in its messages."""
    for conv in _good_conversations(config, day):
        yield conv.record["conversation_id"], [PiiSpan(*s) for s in conv.spans]


def conversation_labels(config: FeedConfig, day: date) -> Iterator[tuple[str, dict]]:
    """Ground-truth labels per well-formed conversation: {"polite", "agent_quality", "topic"}."""
    for conv in _good_conversations(config, day):
        yield conv.record["conversation_id"], dict(conv.labels)
