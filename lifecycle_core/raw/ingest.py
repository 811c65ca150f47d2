"""Landing -> raw: validate every partner record, keep the valid ones, quarantine the rest.

One pass over the landing files with bounded memory: valid lines are buffered up to `part_size`
and written as immutable gzip parts; each bad line goes to quarantine with its reason. A manifest
written last records the counts and the parts, so a crash before it leaves nothing a reader uses,
and a re-run rewrites the same bytes (gzip without timestamps) instead of adding duplicates.
"""

from __future__ import annotations

import hashlib
from datetime import date

import orjson

from lifecycle_core.raw import layout
from lifecycle_core.raw.duplicates import KeyCandidates, KeyHashes, record_key
from lifecycle_core.raw.landing import iter_landing_lines, landing_files
from lifecycle_core.raw.parts import DEFAULT_PART_SIZE, PartWriter, RawManifest, iter_raw_parts
from lifecycle_core.raw.schemas import SCHEMAS, Schema, validate
from lifecycle_core.store import ObjectStore, gzip_lines, read_lines


def ingest_partition(
    store: ObjectStore, source: str, day: date | str, part_size: int = DEFAULT_PART_SIZE
) -> RawManifest:
    """Validate a day's landing drop of one source into raw parts + quarantine; returns the manifest."""
    schema = SCHEMAS[source]
    manifest = RawManifest(source=source, day=str(day), landing_files=landing_files(store, source, day))
    keys = KeyHashes()
    with PartWriter(store, manifest, part_size) as writer:
        for landing_file, number, line in iter_landing_lines(store, manifest.landing_files):
            manifest.landing_records += 1
            record, reason = check_line(schema, number, line)
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


def check_line(schema: Schema, number: int, line: bytes) -> tuple[dict | None, str | None]:
    if number < 0:
        return None, "truncated landing file"
    try:
        record = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None, "malformed JSON"
    return record, validate(schema, record)


def _quarantine_duplicates(store: ObjectStore, schema: Schema, writer: PartWriter, candidates: KeyCandidates) -> None:
    """Second look at the few parts whose key hashes repeat: the first occurrence of a key wins.

    Hashes only name candidates (64-bit collisions are possible); the keys themselves decide.
    """
    seen: set[str] = set()
    for index in candidates.parts:
        key = writer.manifest.parts[index]
        kept, changed = [], False
        for line in list(read_lines(store, key)):  # read whole: the part is rewritten below
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


def _remove_stale_parts(store: ObjectStore, source: str, day: date | str, manifest: RawManifest) -> None:
    """A re-run that produced fewer parts than an earlier one must not leave the extra ones behind."""
    keep = set(manifest.parts) | set(manifest.quarantine_parts)
    for prefix in (layout.raw_prefix(source, day), layout.quarantine_prefix(source, day)):
        for key in store.list(prefix):
            if key.endswith(".jsonl.gz") and key not in keep:
                store.delete(key)
