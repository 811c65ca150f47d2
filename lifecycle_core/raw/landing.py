"""The landing area: where partners drop files, data parts first and `_SUCCESS` last."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice

from lifecycle_core.raw import layout
from lifecycle_core.store import ObjectStore, gzip_lines

LANDING_PART_LINES = 200_000


def is_complete(store: ObjectStore, source: str, day: date | str) -> bool:
    return store.exists(layout.landing_prefix(source, day) + layout.SUCCESS_MARKER)


def complete_days(store: ObjectStore, source: str) -> list[str]:
    """Days whose drop for `source` is complete (`_SUCCESS` written), oldest first.

    One listing per source, not one request per day: sensors call this every tick.
    """
    suffix = "/" + layout.SUCCESS_MARKER
    days = {layout.date_of_dir(key[: -len(layout.SUCCESS_MARKER)]) for key in store.list(f"landing/{source}/") if key.endswith(suffix)}
    return sorted(day for day in days if day)


def write_drop(store: ObjectStore, source: str, day: date | str, lines: Iterable[bytes]) -> int:
    """Write one drop as a partner would: data parts first, the `_SUCCESS` marker last."""
    prefix = layout.landing_prefix(source, day)
    count = 0
    for index, chunk in enumerate(_chunks(iter(lines), LANDING_PART_LINES)):
        store.put_bytes(f"{prefix}part-{index:05d}.jsonl.gz", gzip_lines(chunk))
        count += len(chunk)
    store.put_bytes(prefix + layout.SUCCESS_MARKER, b"")
    return count


def _chunks(items: Iterator[bytes], size: int) -> Iterator[list[bytes]]:
    while chunk := list(islice(items, size)):
        yield chunk
