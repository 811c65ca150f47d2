"""The landing area: where partners drop files, data parts first and `_SUCCESS` last, and how they are read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice

from lifecycle_core.raw import layout
from lifecycle_core.store import ObjectStore, gzip_lines

LANDING_PART_LINES = 200_000


class NoLandingData(FileNotFoundError):
    """The partner's drop for a day is not complete (no `_SUCCESS` marker)."""


# JSON lines under the names partners actually use, plain or gzipped, in any letter case.
JSON_LINES_SUFFIXES = (".jsonl", ".ndjson", ".json")


def is_json_lines(key: str) -> bool:
    name = key.rsplit("/", 1)[-1].lower()
    return name.removesuffix(".gz").endswith(JSON_LINES_SUFFIXES)


@dataclass(frozen=True)
class LandingDrop:
    """Every file of a complete drop, sorted: read, reported, or the partner's own manifest."""

    data_files: list[str]  # JSON lines: read line by line
    unknown_files: list[str]  # anything else: kept whole in quarantine and reported, never skipped silently
    partner_records: int | None  # the record count of the partner's manifest, when it sends one


def read_drop(store: ObjectStore, source: str, day: date | str) -> LandingDrop:
    """The files of a complete landing drop; raises NoLandingData if it is not complete."""
    prefix = layout.landing_prefix(source, day)
    keys = store.list(prefix)
    success = prefix + layout.SUCCESS_MARKER
    if success not in keys:
        raise NoLandingData(f"no complete landing drop at {store.prefix_uri(prefix)} (missing {layout.SUCCESS_MARKER})")
    manifest_key = prefix + layout.PARTNER_MANIFEST
    files = [k for k in keys if k not in (success, manifest_key)]
    return LandingDrop(
        data_files=[k for k in files if is_json_lines(k)],
        unknown_files=[k for k in files if not is_json_lines(k)],
        partner_records=_partner_records(store, manifest_key) if manifest_key in keys else None,
    )


def _partner_records(store: ObjectStore, key: str) -> int:
    manifest = store.get_json(key)
    records = manifest.get("records") if isinstance(manifest, dict) else None
    if type(records) is not int or records < 0:
        raise ValueError(f'the partner manifest {store.uri(key)} needs "records": <lines in the drop>, got {records!r}')
    return records


def is_complete(store: ObjectStore, source: str, day: date | str) -> bool:
    return store.exists(layout.landing_prefix(source, day) + layout.SUCCESS_MARKER)


def complete_drops(store: ObjectStore, source: str) -> dict[str, str]:
    """Days whose drop for `source` is complete, with the version of its `_SUCCESS` marker: a partner
    that re-sends a day writes the marker again, and the version changes.

    One listing per source, not one request per day: sensors call this every tick.
    """
    suffix = "/" + layout.SUCCESS_MARKER
    drops = {}
    for key, version in store.list_versions(layout.landing_source_prefix(source)).items():
        if key.endswith(suffix) and (day := layout.date_of_dir(key[: -len(layout.SUCCESS_MARKER)])):
            drops[day] = version
    return dict(sorted(drops.items()))


def complete_days(store: ObjectStore, source: str) -> list[str]:
    """Days whose drop for `source` is complete (`_SUCCESS` written), oldest first."""
    return list(complete_drops(store, source))


def write_drop(store: ObjectStore, source: str, day: date | str, lines: Iterable[bytes]) -> int:
    """Write one drop as a partner would: data parts first, then its manifest, the `_SUCCESS` marker last."""
    prefix = layout.landing_prefix(source, day)
    files: dict[str, int] = {}
    for index, chunk in enumerate(_chunks(iter(lines), LANDING_PART_LINES)):
        name = f"part-{index:05d}.jsonl.gz"
        store.put_bytes(prefix + name, gzip_lines(chunk))
        files[name] = len(chunk)
    count = sum(files.values())
    store.put_json(prefix + layout.PARTNER_MANIFEST, {"records": count, "files": files})
    store.put_bytes(prefix + layout.SUCCESS_MARKER, b"")
    return count


def _chunks(items: Iterator[bytes], size: int) -> Iterator[list[bytes]]:
    while chunk := list(islice(items, size)):
        yield chunk
