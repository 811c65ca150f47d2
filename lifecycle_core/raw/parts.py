"""Raw partitions: their manifest, their gzip JSONL parts, and the writer that produces them."""

from __future__ import annotations

import hashlib
import tempfile
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Self

import orjson

from lifecycle_core.raw import layout
from lifecycle_core.raw.schemas import SCHEMAS, validate
from lifecycle_core.store import ObjectStore, gzip_bytes, join_lines, read_lines

DEFAULT_PART_SIZE = 50_000
PART_BYTES = 16 << 20  # a part also ends at this much text: memory per part stays bounded for long records


@dataclass
class RawManifest:
    source: str
    day: str
    landing_files: list[str]
    landing_records: int = 0
    valid: int = 0
    quarantined: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    parts: list[str] = field(default_factory=list)
    quarantine_parts: list[str] = field(default_factory=list)
    sha256: str = ""  # of the valid lines, in order: the partition's content version

    @property
    def quarantine_rate(self) -> float:
        return self.quarantined / self.landing_records if self.landing_records else 0.0

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> RawManifest:
        return cls(**data)


def quarantine_record(reason: str, key: str, number: int, line: bytes) -> bytes:
    return orjson.dumps(
        {"reason": reason, "landing_file": key, "line_number": number, "line": line.decode("utf-8", "replace")}
    )


class PartWriter:
    """Buffers valid lines and quarantine records and writes them out as bounded gzip parts.

    Compression, hashing and upload run on one background thread (zlib, hashlib and sockets release
    the GIL), in order, while the caller validates the next lines; at most two parts are in flight.
    """

    def __init__(self, store: ObjectStore, manifest: RawManifest, part_size: int):
        self.store, self.manifest, self.part_size = store, manifest, part_size
        self.valid: list[bytes] = []
        self.valid_bytes = 0
        self.bad: list[bytes] = []
        self.reasons: Counter[str] = Counter()
        self.digest = hashlib.sha256()  # of the kept lines in order: the partition's content version
        self._background = ThreadPoolExecutor(1, thread_name_prefix="raw-writer")
        self._in_flight: deque[Future] = deque()

    def keep(self, line: bytes) -> None:
        self.valid.append(line)
        self.valid_bytes += len(line)
        if len(self.valid) >= self.part_size or self.valid_bytes >= PART_BYTES:
            self.flush_valid()

    def quarantine(self, reason: str, landing_file: str, number: int, line: bytes) -> None:
        self.reasons[reason_class(reason)] += 1
        self.bad.append(quarantine_record(reason, landing_file, number, line))
        if len(self.bad) >= self.part_size:
            self.flush_bad()

    def _write(self, key: str, lines: list[bytes], digest: hashlib._Hash | None) -> None:
        def write() -> None:
            text = join_lines(lines)
            if digest is not None:
                digest.update(text)
            self.store.put_bytes(key, gzip_bytes(text))

        self._in_flight.append(self._background.submit(write))
        while len(self._in_flight) > 2:
            self._in_flight.popleft().result()

    def flush_valid(self) -> None:
        m = self.manifest
        key = layout.raw_part(m.source, m.day, len(m.parts))
        self._write(key, self.valid, self.digest)
        m.parts.append(key)
        self.valid, self.valid_bytes = [], 0

    def flush_bad(self) -> None:
        m = self.manifest
        key = layout.quarantine_part(m.source, m.day, len(m.quarantine_parts))
        self._write(key, self.bad, None)
        m.quarantine_parts.append(key)
        self.bad = []

    def close(self) -> None:
        """Write what is buffered and wait for every part: errors surface here."""
        if self.valid or not self.manifest.parts:
            self.flush_valid()  # an empty part keeps "the partition exists and has no rows" explicit
        if self.bad:
            self.flush_bad()
        while self._in_flight:
            self._in_flight.popleft().result()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info) -> None:
        self._background.shutdown(wait=True, cancel_futures=True)


def reason_class(reason: str) -> str:
    """`invalid date in service_date: '2026-02-30'` -> `invalid date in service_date` (bounded cardinality)."""
    return reason.split(":", 1)[0]


def manifest_key(source: str, day: date | str) -> str:
    """Written last by ingest: a raw partition exists exactly when its manifest does."""
    return layout.raw_prefix(source, day) + layout.MANIFEST


def has_manifest(store: ObjectStore, source: str, day: date | str) -> bool:
    return store.exists(manifest_key(source, day))


def read_manifest(store: ObjectStore, source: str, day: date | str) -> RawManifest:
    return RawManifest.from_json(store.get_json(manifest_key(source, day)))


def recheck_schema(store: ObjectStore, manifest: RawManifest, limit: int = 20_000) -> int:
    """Re-validate up to `limit` kept records: an independent check of what ingest kept and stored."""
    schema, failures, seen = SCHEMAS[manifest.source], 0, 0
    for lines in iter_raw_parts(store, manifest):
        for line in lines[: limit - seen]:
            failures += validate(schema, orjson.loads(line)) is not None
        seen += len(lines)
        if seen >= limit:
            break
    return failures


@contextmanager
def local_part_files(store: ObjectStore, manifest: RawManifest) -> Iterator[list[Path]]:
    """The partition's raw parts as local files (downloaded from S3; on disk, not in memory)."""
    with tempfile.TemporaryDirectory(prefix="raw-parts-") as tmp:
        paths = []
        for index, key in enumerate(manifest.parts):
            paths.append(Path(tmp) / f"part-{index:05d}.jsonl.gz")
            store.download_file(key, paths[-1])
        yield paths


def iter_raw_parts(store: ObjectStore, manifest: RawManifest) -> Iterator[list[bytes]]:
    """The valid lines of a raw partition, one part (bounded size) at a time."""
    for key in manifest.parts:
        yield list(read_lines(store, key))
