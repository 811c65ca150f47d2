"""Raw partitions: their manifest and their gzip JSONL parts (written by raw/writer.py)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

import orjson

from lifecycle_core.common.processes import pid_alive
from lifecycle_core.raw import layout
from lifecycle_core.raw.schemas import SCHEMAS, validate
from lifecycle_core.store import ObjectStore, read_lines

DEFAULT_PART_SIZE = 50_000


@dataclass
class RawManifest:
    """What one ingest run made of a day's drop; written last, so its presence means complete."""

    source: str
    day: str
    landing_files: list[str]  # the JSON lines files of the drop, in the order they were read
    run_id: str = ""  # the run whose parts these are (raw/<source>/date=<day>/run=<run_id>/)
    landing_records: int = 0  # lines read, good and bad, including those of files quarantined whole
    valid: int = 0
    quarantined: int = 0
    reasons: dict[str, int] = field(default_factory=dict)
    parts: list[str] = field(default_factory=list)
    quarantine_parts: list[str] = field(default_factory=list)
    sha256: str = ""  # of the valid lines, in order: the partition's content version
    file_records: dict[str, int] = field(default_factory=dict)  # lines read per landing file
    quarantined_files: list[dict] = field(default_factory=list)  # files kept whole: unreadable or not JSON lines
    dropped_fields: dict[str, int] = field(default_factory=dict)  # undeclared fields removed, by name
    partner_records: int | None = None  # what the partner's manifest says it sent, when it sends one
    # Per part, where its lines came from: [index into landing_files, first line, lines] runs.
    part_origins: list[list[list[int]]] = field(default_factory=list)

    def origin(self, part: int, position: int) -> tuple[str, int] | None:
        """(landing file, line number) of the `position`-th line (0-based) of raw part `part`."""
        for file_index, first_line, lines in self.part_origins[part] if part < len(self.part_origins) else ():
            if position < lines:
                return self.landing_files[file_index], first_line + position
            position -= lines
        return None

    def drop_positions(self, part: int, positions: set[int]) -> None:
        """Keep part_origins true after lines at `positions` were removed from raw part `part`."""
        lines = [(f, first + i) for f, first, count in self.part_origins[part] for i in range(count)]
        runs: list[list[int]] = []
        for f, line in (origin for position, origin in enumerate(lines) if position not in positions):
            if runs and runs[-1][0] == f and runs[-1][1] + runs[-1][2] == line:
                runs[-1][2] += 1
            else:
                runs.append([f, line, 1])
        self.part_origins[part] = runs

    @property
    def quarantine_rate(self) -> float:
        return self.quarantined / self.landing_records if self.landing_records else 0.0

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> RawManifest:
        return cls(**data)


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


# Downloaded parts hold member data: one private folder per process, swept when its process is gone
# (a SIGKILLed load cannot clean up after itself).
SCRATCH = Path(tempfile.gettempdir()) / "lifecycle-raw-parts"


def sweep_scratch(root: Path = SCRATCH) -> int:
    """Remove the scratch folders of processes that no longer exist; returns how many."""
    removed = 0
    for folder in root.glob("*-*") if root.is_dir() else ():
        pid = folder.name.split("-", 1)[0]
        if pid.isdigit() and not pid_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed


@contextmanager
def local_part_files(store: ObjectStore, manifest: RawManifest, root: Path = SCRATCH) -> Iterator[list[Path]]:
    """The partition's raw parts as local files (downloaded from S3; on disk, not in memory), removed after."""
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    sweep_scratch(root)
    with tempfile.TemporaryDirectory(prefix=f"{os.getpid()}-", dir=root) as tmp:
        paths = []
        for index, key in enumerate(manifest.parts):
            paths.append(Path(tmp) / f"part-{index:05d}.jsonl.gz")
            store.download_file(key, paths[-1])
        yield paths


def iter_raw_parts(store: ObjectStore, manifest: RawManifest) -> Iterator[list[bytes]]:
    """The valid lines of a raw partition, one part (bounded size) at a time."""
    for key in manifest.parts:
        yield list(read_lines(store, key))
