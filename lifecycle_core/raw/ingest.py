"""Landing -> raw: validate every partner record, keep the valid ones, quarantine the rest.

`stage_partition` reads a day's drop once with bounded memory and writes its parts under a new run
id beside whatever is published; `publish_partition` switches the manifest (written last) and only
then removes other runs' parts. A crash at any point leaves the published manifest pointing at the
parts it counted. Every byte is accounted for: each JSON-lines file is read line by line, a file that
cannot be read to its end is taken back and kept whole in quarantine, and any other file in the drop
is kept whole in quarantine too (a blocking check reports both).
"""

from __future__ import annotations

import hashlib
import secrets
import zlib
from collections.abc import Callable
from datetime import UTC, date, datetime

import orjson

from lifecycle_core.raw import layout
from lifecycle_core.raw.duplicates import KeyCandidates, KeyHashes, record_key
from lifecycle_core.raw.landing import read_drop
from lifecycle_core.raw.parts import DEFAULT_PART_SIZE, RawManifest, iter_raw_parts, manifest_key
from lifecycle_core.raw.records import check_line
from lifecycle_core.raw.schemas import SCHEMAS, Schema, parse_datetime
from lifecycle_core.raw.writer import PartWriter
from lifecycle_core.store import ObjectStore, gzip_lines, read_lines

NOT_JSON_LINES = "not a JSON lines file (.jsonl, .ndjson or .json, optionally gzipped)"


def new_run_id() -> str:
    """Sortable by time, unique across concurrent runs."""
    return f"{datetime.now(UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(4)}"


def stage_partition(
    store: ObjectStore, source: str, day: date | str, run_id: str, part_size: int = DEFAULT_PART_SIZE
) -> RawManifest:
    """Validate a day's landing drop into this run's raw parts and quarantine; nothing is published."""
    schema, the_day = SCHEMAS[source], date.fromisoformat(str(day))
    drop = read_drop(store, source, day)
    manifest = RawManifest(
        source=source, day=str(day), landing_files=drop.data_files, run_id=run_id, partner_records=drop.partner_records
    )
    keys = KeyHashes()
    with PartWriter(store, manifest, part_size) as writer:
        for landing_file in drop.unknown_files:
            writer.quarantine_file(landing_file, NOT_JSON_LINES, lines_read=0)
        for landing_file in drop.data_files:
            mark, number = keys.mark(), 0
            writer.begin_file(landing_file)
            try:
                for number, line in enumerate(read_lines(store, landing_file), start=1):
                    kept, record, reason, dropped = check_line(schema, line, the_day)
                    if reason is None:
                        keys.add(record_key(schema, record), part=writer.part_index())
                        writer.keep(kept, number, dropped)
                    else:
                        writer.quarantine(reason, landing_file, number, line)
            except (EOFError, zlib.error) as error:
                writer.abort_file()
                keys.truncate(mark)
                writer.quarantine_file(landing_file, f"unreadable landing file: {error}", lines_read=number)
                continue
            writer.end_file(landing_file, number)
        writer.close()
        duplicates = keys.duplicate_candidates()
        if duplicates:
            _keep_newest(store, schema, writer, duplicates)
    manifest.quarantined = sum(writer.reasons.values())
    manifest.valid = manifest.landing_records - manifest.quarantined
    manifest.reasons = dict(sorted(writer.reasons.items()))
    manifest.dropped_fields = dict(sorted(writer.dropped_fields.items()))
    rehash = duplicates or not writer.digest_valid
    manifest.sha256 = _content_hash(store, manifest) if rehash else writer.digest.hexdigest()
    return manifest


def publish_partition(store: ObjectStore, manifest: RawManifest) -> None:
    """Switch the day to this run (one atomic write), then remove every other run's parts."""
    store.put_json(manifest_key(manifest.source, manifest.day), manifest.to_json())
    keep = {*manifest.parts, *manifest.quarantine_parts, *(f["quarantined_as"] for f in manifest.quarantined_files)}
    for prefix in (
        layout.raw_prefix(manifest.source, manifest.day),
        layout.quarantine_prefix(manifest.source, manifest.day),
    ):
        for key in store.list(prefix):
            if key not in keep and not key.endswith(layout.MANIFEST):
                store.delete(key)


def discard_staged(store: ObjectStore, manifest: RawManifest) -> None:
    """Remove a staged run that will not be published (a later day of its range failed)."""
    store.delete_prefix(layout.raw_run_prefix(manifest.source, manifest.day, manifest.run_id))
    store.delete_prefix(layout.quarantine_run_prefix(manifest.source, manifest.day, manifest.run_id))


def ingest_partition(
    store: ObjectStore, source: str, day: date | str, part_size: int = DEFAULT_PART_SIZE
) -> RawManifest:
    """Stage and publish one day: the whole of ingest for a single partition."""
    manifest = stage_partition(store, source, day, new_run_id(), part_size)
    publish_partition(store, manifest)
    return manifest


def ingest_days(
    store: ObjectStore,
    source: str,
    days: list[str],
    before_each: Callable[[str], None] = lambda day: None,
    part_size: int = DEFAULT_PART_SIZE,
) -> list[RawManifest]:
    """A range of days, all or nothing: every day is staged under one new run id, and published only
    once all of them staged (a failure discards what was staged). The warehouse loads a range in one
    transaction for the same reason: Dagster records a single-run backfill's partitions only when the
    whole step succeeds, so publishing day 3 of a run that fails on day 5 would put the data ahead of
    what Dagster shows. `before_each(day)` runs first for each day (e.g. the synthetic partner's drop).
    """
    run_id, staged = new_run_id(), []
    try:
        for day in days:
            before_each(day)
            staged.append(stage_partition(store, source, day, run_id, part_size))
    except BaseException:
        for manifest in staged:
            discard_staged(store, manifest)
        raise
    for manifest in staged:
        publish_partition(store, manifest)
    return staged


def _version(schema: Schema, record: dict) -> datetime:
    moment = parse_datetime(record[schema.version_field]) if schema.version_field else None
    if moment is None:
        return datetime.min.replace(tzinfo=UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _keep_newest(store: ObjectStore, schema: Schema, writer: PartWriter, candidates: KeyCandidates) -> None:
    """Of the records sharing a key, keep the one with the newest version field (on a tie the first
    in landing order); the others go to quarantine. Only parts holding a repeated key hash are
    read, twice: hashes only name candidates (64-bit collisions are possible), the keys decide."""
    best: dict[str, tuple[datetime, int, int]] = {}  # key -> (version, -part, -position): max() is the winner
    for index in candidates.parts:
        for position, line in enumerate(read_lines(store, writer.manifest.parts[index])):
            record = orjson.loads(line)
            key = record_key(schema, record)
            if candidates.may_repeat(key):
                newest = best.get(key, (datetime.min.replace(tzinfo=UTC), 1, 1))
                best[key] = max(newest, (_version(schema, record), -index, -position))
    manifest = writer.manifest
    for index in candidates.parts:
        part = manifest.parts[index]
        kept, dropped = [], set()
        for position, line in enumerate(list(read_lines(store, part))):  # read whole: the part is rewritten
            key = record_key(schema, orjson.loads(line))
            if key in best and best[key][1:] != (-index, -position):
                landing_file, landing_line = manifest.origin(index, position) or (part, -1)
                reason = f"duplicate key: {key} (the newest {schema.version_field or 'copy'} is kept)"
                writer.quarantine(reason, landing_file, landing_line, line)
                dropped.add(position)
                continue
            kept.append(line)
        if dropped:
            store.put_bytes(part, gzip_lines(kept))
            manifest.drop_positions(index, dropped)
    writer.close()


def _content_hash(store: ObjectStore, manifest: RawManifest) -> str:
    """sha256 of the kept lines in order: the partition's content version."""
    digest = hashlib.sha256()
    for lines in iter_raw_parts(store, manifest):
        for line in lines:
            digest.update(line + b"\n")
    return digest.hexdigest()


__all__ = [
    "NOT_JSON_LINES",
    "discard_staged",
    "ingest_days",
    "ingest_partition",
    "new_run_id",
    "publish_partition",
    "stage_partition",
]
