"""Landing -> raw: validate every partner record, keep the valid ones, quarantine the rest.

One pass over the landing files with bounded memory: valid lines are buffered up to `part_size`
and written as immutable gzip parts; each bad line goes to quarantine with its reason. A manifest
written last records the counts and the parts, so a crash before it leaves nothing a reader uses,
and a re-run rewrites the same bytes (gzip without timestamps) instead of adding duplicates.
"""

from __future__ import annotations

import gzip
import hashlib
import tempfile
import zlib
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

import orjson

from lifecycle_core import layout
from lifecycle_core.keys import KeyCandidates, KeyHashes, record_key
from lifecycle_core.lines import iter_lines
from lifecycle_core.schemas import SCHEMAS, Schema, validate
from lifecycle_core.storage import ObjectStore

DEFAULT_PART_SIZE = 50_000
PART_BYTES = 16 << 20  # a part also ends at this much text: memory per part stays bounded for long records
GZIP_LEVEL = 1  # levels 6-9 cost 2-4x the CPU for 10-20% smaller files


class NoLandingData(FileNotFoundError):
    """The partner's drop for a day is not complete (no `_SUCCESS` marker)."""


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


def gzip_lines(lines: list[bytes]) -> bytes:
    return gzip.compress(b"\n".join(lines) + b"\n", compresslevel=GZIP_LEVEL, mtime=0)


def gunzip_lines(data: bytes) -> list[bytes]:
    return [line for line in gzip.decompress(data).split(b"\n") if line]


def landing_files(store: ObjectStore, source: str, day: date | str) -> list[str]:
    """The data files of a complete landing drop; raises NoLandingData if it is not complete."""
    prefix = layout.landing_prefix(source, day)
    keys = store.list(prefix)
    if prefix + layout.SUCCESS_MARKER not in keys:
        raise NoLandingData(f"no complete landing drop at {store.uri(prefix.rstrip('/'))} (missing {layout.SUCCESS_MARKER})")
    return [k for k in keys if k.endswith(".jsonl.gz") or k.endswith(".jsonl")]


def iter_landing_lines(store: ObjectStore, keys: list[str]) -> Iterator[tuple[str, int, bytes]]:
    for key in keys:
        with store.open_read(key) as raw:
            number = 0
            try:
                for number, line in enumerate(iter_lines(raw, gzipped=key.endswith(".gz")), start=1):
                    yield key, number, line
            except (EOFError, zlib.error) as error:
                # A truncated or corrupt file keeps the lines read so far and records one more bad "line".
                yield key, -1, f"truncated landing file after line {number}: {error}".encode()


def _quarantine_record(reason: str, key: str, number: int, line: bytes) -> bytes:
    return orjson.dumps(
        {"reason": reason, "landing_file": key, "line_number": number, "line": line.decode("utf-8", "replace")}
    )


class _PartitionWriter:
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
        self.reasons[_reason_class(reason)] += 1
        self.bad.append(_quarantine_record(reason, landing_file, number, line))
        if len(self.bad) >= self.part_size:
            self.flush_bad()

    def _write(self, key: str, lines: list[bytes], digest: hashlib._Hash | None) -> None:
        def write() -> None:
            text = b"\n".join(lines) + b"\n" if lines else b""
            if digest is not None:
                digest.update(text)
            self.store.put_bytes(key, gzip.compress(text, compresslevel=GZIP_LEVEL, mtime=0))

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

    def __enter__(self) -> "_PartitionWriter":
        return self

    def __exit__(self, *exc_info) -> None:
        self._background.shutdown(wait=True, cancel_futures=True)


def ingest_partition(
    store: ObjectStore, source: str, day: date | str, part_size: int = DEFAULT_PART_SIZE
) -> RawManifest:
    """Validate a day's landing drop of one source into raw parts + quarantine; returns the manifest."""
    schema = SCHEMAS[source]
    manifest = RawManifest(source=source, day=str(day), landing_files=landing_files(store, source, day))
    keys = KeyHashes()
    with _PartitionWriter(store, manifest, part_size) as writer:
        for landing_file, number, line in iter_landing_lines(store, manifest.landing_files):
            manifest.landing_records += 1
            record, reason = _check_line(schema, number, line)
            if reason is None:
                keys.add(record_key(schema, record), part=len(manifest.parts))
                writer.keep(line)
            else:
                writer.quarantine(reason, landing_file, number, line)
        writer.close()
        duplicates = keys.duplicate_candidates()
        if duplicates:
            _quarantine_duplicates(store, schema, writer, duplicates)
    manifest.quarantined = sum(writer.reasons.values())
    manifest.valid = manifest.landing_records - manifest.quarantined
    manifest.reasons = dict(sorted(writer.reasons.items()))
    manifest.sha256 = _content_hash(store, manifest) if duplicates else writer.digest.hexdigest()
    _remove_stale_parts(store, source, day, manifest)
    store.put_json(layout.raw_prefix(source, day) + layout.MANIFEST, manifest.to_json())
    return manifest


def _check_line(schema: Schema, number: int, line: bytes) -> tuple[dict | None, str | None]:
    if number < 0:
        return None, "truncated landing file"
    try:
        record = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None, "malformed JSON"
    return record, validate(schema, record)


def _quarantine_duplicates(store: ObjectStore, schema: Schema, writer: _PartitionWriter, candidates: KeyCandidates) -> None:
    """Second look at the few parts whose key hashes repeat: the first occurrence of a key wins.

    Hashes only name candidates (64-bit collisions are possible); the keys themselves decide.
    """
    seen: set[str] = set()
    for index in candidates.parts:
        key = writer.manifest.parts[index]
        kept, changed = [], False
        for line in gunzip_lines(store.get_bytes(key)):
            record_key_text = record_key(schema, orjson.loads(line))
            if candidates.may_repeat(record_key_text):
                if record_key_text in seen:
                    writer.quarantine(f"duplicate key: {record_key_text}", key, -1, line)
                    changed = True
                    continue
                seen.add(record_key_text)
            kept.append(line)
        if changed:
            store.put_bytes(key, gzip_lines(kept))
    writer.close()


def _content_hash(store: ObjectStore, manifest: RawManifest) -> str:
    """sha256 of the kept lines in order: the partition's content version."""
    digest = hashlib.sha256()
    for lines in iter_raw_parts(store, manifest):
        for line in lines:
            digest.update(line + b"\n")
    return digest.hexdigest()


def _reason_class(reason: str) -> str:
    """`invalid date in service_date: '2026-02-30'` -> `invalid date in service_date` (bounded cardinality)."""
    return reason.split(":", 1)[0]


def _remove_stale_parts(store: ObjectStore, source: str, day: date | str, manifest: RawManifest) -> None:
    """A re-run that produced fewer parts than an earlier one must not leave the extra ones behind."""
    keep = set(manifest.parts) | set(manifest.quarantine_parts)
    for prefix in (layout.raw_prefix(source, day), layout.quarantine_prefix(source, day)):
        for key in store.list(prefix):
            if key.endswith(".jsonl.gz") and key not in keep:
                store.delete(key)


def read_manifest(store: ObjectStore, source: str, day: date | str) -> RawManifest:
    return RawManifest.from_json(store.get_json(layout.raw_prefix(source, day) + layout.MANIFEST))


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
        yield gunzip_lines(store.get_bytes(key))


@dataclass
class PlanDocumentsVersion:
    as_of: str
    version: str  # content hash of the valid plan records
    key: str
    plans: int
    quarantined: int


def ingest_plan_documents(store: ObjectStore) -> PlanDocumentsVersion:
    """The newest complete plan-catalog drop -> `raw/plan_documents/version=<hash>/`, written once per content."""
    from lifecycle_core.landing import complete_days  # landing imports this module

    days = complete_days(store, layout.PLAN_DOCUMENTS)
    if not days:
        raise NoLandingData(f"no plan documents have landed under {store.uri('landing/plan_documents')}")
    schema = SCHEMAS[layout.PLAN_DOCUMENTS]
    valid, quarantined, seen = [], 0, set()
    for _, number, line in iter_landing_lines(store, landing_files(store, layout.PLAN_DOCUMENTS, days[-1])):
        record, reason = _check_line(schema, number, line)
        if reason is None and record_key(schema, record) not in seen:
            seen.add(record_key(schema, record))
            valid.append(line)
        else:
            quarantined += 1
    valid.sort()  # the version depends on the catalog, not on the order the partner wrote it in
    version = hashlib.sha256(b"\n".join(valid)).hexdigest()[:16]
    key = layout.raw_plan_documents(version)
    if not store.exists(key):
        store.put_bytes(key, gzip_lines(valid))
    catalog = PlanDocumentsVersion(as_of=days[-1], version=version, key=key, plans=len(valid), quarantined=quarantined)
    store.put_json(layout.CURRENT_PLAN_DOCUMENTS, asdict(catalog))  # the pointer readers follow, written last
    return catalog


def read_plan_documents(store: ObjectStore) -> tuple[str, list[dict]]:
    """The current plan catalog: its version and its records."""
    try:
        current = store.get_json(layout.CURRENT_PLAN_DOCUMENTS)
    except KeyError as missing:
        raise NoLandingData("raw/plan_documents has not been materialized yet") from missing
    return current["version"], [orjson.loads(line) for line in gunzip_lines(store.get_bytes(current["key"]))]
