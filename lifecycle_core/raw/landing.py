"""The landing area: where partners drop files, data parts first and `_SUCCESS` last, and how they are read."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice

from lifecycle_core.raw import layout
from lifecycle_core.store import ObjectStore, gzip_lines, read_lines

LANDING_PART_LINES = 200_000


class NoLandingData(FileNotFoundError):
    """The partner's drop for a day is not complete (no `_SUCCESS` marker)."""


def landing_files(store: ObjectStore, source: str, day: date | str) -> list[str]:
    """The data files of a complete landing drop; raises NoLandingData if it is not complete."""
    prefix = layout.landing_prefix(source, day)
    keys = store.list(prefix)
    if prefix + layout.SUCCESS_MARKER not in keys:
        raise NoLandingData(
            f"no complete landing drop at {store.uri(prefix.rstrip('/'))} (missing {layout.SUCCESS_MARKER})"
        )
    return [k for k in keys if k.endswith((".jsonl.gz", ".jsonl"))]


def iter_landing_lines(store: ObjectStore, keys: list[str]) -> Iterator[tuple[str, int, bytes]]:
    for key in keys:
        number = 0
        try:
            for number, line in enumerate(read_lines(store, key), start=1):
                yield key, number, line
        except (EOFError, zlib.error) as error:
            # A truncated or corrupt file keeps the lines read so far and records one more bad "line".
            yield key, -1, f"truncated landing file after line {number}: {error}".encode()


def is_complete(store: ObjectStore, source: str, day: date | str) -> bool:
    return store.exists(layout.landing_prefix(source, day) + layout.SUCCESS_MARKER)


def complete_days(store: ObjectStore, source: str) -> list[str]:
    """Days whose drop for `source` is complete (`_SUCCESS` written), oldest first.

    One listing per source, not one request per day: sensors call this every tick.
    """
    suffix = "/" + layout.SUCCESS_MARKER
    days = {
        layout.date_of_dir(key[: -len(layout.SUCCESS_MARKER)])
        for key in store.list(layout.landing_source_prefix(source))
        if key.endswith(suffix)
    }
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
