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
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

import orjson

from lifecycle_core import layout
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


def ingest_partition(
    store: ObjectStore, source: str, day: date | str, part_size: int = DEFAULT_PART_SIZE
) -> RawManifest:
    """Validate a day's landing drop of one source into raw parts + quarantine; returns the manifest."""
    schema = SCHEMAS[source]
    keys = landing_files(store, source, day)
    manifest = RawManifest(source=source, day=str(day), landing_files=keys)
    reasons: Counter[str] = Counter()
    digest = hashlib.sha256()
    valid: list[bytes] = []
    bad: list[bytes] = []
    seen_keys: set[tuple] = set()
    valid_bytes = 0

    def flush_valid() -> None:
        key = layout.raw_part(source, day, len(manifest.parts))
        store.put_bytes(key, gzip_lines(valid))
        manifest.parts.append(key)
        valid.clear()

    def flush_bad() -> None:
        key = layout.quarantine_part(source, day, len(manifest.quarantine_parts))
        store.put_bytes(key, gzip_lines(bad))
        manifest.quarantine_parts.append(key)
        bad.clear()

    for key, number, line in iter_landing_lines(store, keys):
        manifest.landing_records += 1
        reason = _check_line(schema, number, line, seen_keys)
        if reason is None:
            valid.append(line)
            valid_bytes += len(line)
            digest.update(line + b"\n")
            if len(valid) >= part_size or valid_bytes >= PART_BYTES:
                flush_valid()
                valid_bytes = 0
        else:
            reasons[_reason_class(reason)] += 1
            bad.append(_quarantine_record(reason, key, number, line))
            if len(bad) >= part_size:
                flush_bad()
    if valid or not manifest.parts:
        flush_valid()  # an empty part keeps "the partition exists and has no rows" explicit
    if bad:
        flush_bad()
    manifest.valid = manifest.landing_records - sum(reasons.values())
    manifest.quarantined = sum(reasons.values())
    manifest.reasons = dict(sorted(reasons.items()))
    manifest.sha256 = digest.hexdigest()
    _remove_stale_parts(store, source, day, manifest)
    store.put_json(layout.raw_prefix(source, day) + layout.MANIFEST, manifest.to_json())
    return manifest


def _check_line(schema: Schema, number: int, line: bytes, seen_keys: set[tuple]) -> str | None:
    if number < 0:
        return "truncated landing file"
    try:
        record = orjson.loads(line)
    except orjson.JSONDecodeError:
        return "malformed JSON"
    reason = validate(schema, record)
    if reason is None:
        # A key sent twice in one drop would make the warehouse disagree with raw; the first wins.
        key = tuple(record[name] for name in schema.key)
        if key in seen_keys:
            return f"duplicate key: {key}"
        seen_keys.add(key)
    return reason


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


def iter_part_files(store: ObjectStore, manifest: RawManifest) -> Iterator[Path]:
    """Each raw part as a local file, one at a time (S3 parts are downloaded, then removed)."""
    with tempfile.TemporaryDirectory(prefix="raw-parts-") as tmp:
        for index, key in enumerate(manifest.parts):
            path = Path(tmp) / f"part-{index:05d}.jsonl.gz"
            store.download_file(key, path)
            yield path
            path.unlink()


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
    for key, number, line in iter_landing_lines(store, landing_files(store, layout.PLAN_DOCUMENTS, days[-1])):
        if _check_line(schema, number, line, seen) is None:
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
