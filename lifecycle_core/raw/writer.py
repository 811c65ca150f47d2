"""Writes one ingest run's raw parts and quarantine, one landing file at a time.

A part never spans two landing files, so a file that turns out unreadable halfway (a truncated
gzip) is taken back whole: its parts are deleted, its counts forgotten, and the file itself is
copied to quarantine. Compression, hashing and upload run on one background thread (zlib, hashlib
and sockets release the GIL) while the caller validates the next lines; at most two parts are in flight.
"""

from __future__ import annotations

import hashlib
import shutil
from collections import Counter, deque
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Self

import orjson

from lifecycle_core.raw import layout
from lifecycle_core.raw.parts import RawManifest, reason_class
from lifecycle_core.store import ObjectStore, gzip_bytes, join_lines

PART_BYTES = 16 << 20  # a part also ends at this much text: memory per part stays bounded for long records


def quarantine_record(reason: str, key: str, number: int, line: bytes) -> bytes:
    return orjson.dumps(
        {"reason": reason, "landing_file": key, "line_number": number, "line": line.decode("utf-8", "replace")}
    )


class PartWriter:
    def __init__(self, store: ObjectStore, manifest: RawManifest, part_size: int):
        self.store, self.manifest, self.part_size = store, manifest, part_size
        self.valid: list[bytes] = []
        self.valid_bytes = 0
        self.bad: list[bytes] = []
        self.reasons: Counter[str] = Counter()
        self.dropped_fields: Counter[str] = Counter()
        self.digest = hashlib.sha256()  # of the kept lines in order: the partition's content version
        self.digest_valid = True  # False once a file was taken back: the caller rehashes the parts
        self._file: tuple[int, int, Counter, Counter] | None = None
        self._file_index = -1  # of the file being read, in manifest.landing_files
        self._origins: list[list[int]] = []  # the valid buffer's [file index, first line, lines] runs
        self._background = ThreadPoolExecutor(1, thread_name_prefix="raw-writer")
        self._in_flight: deque[Future] = deque()

    # --- one landing file ---------------------------------------------------------------------

    def begin_file(self, landing_file: str) -> None:
        self._flush_buffers()  # parts never span files
        self._file = (len(self.manifest.parts), len(self.manifest.quarantine_parts), Counter(), Counter())
        self._file_index = self.manifest.landing_files.index(landing_file)

    def end_file(self, landing_file: str, lines: int) -> None:
        self._flush_buffers()
        _, _, reasons, dropped = self._file
        self.reasons.update(reasons)
        self.dropped_fields.update(dropped)
        self.manifest.landing_records += lines
        self.manifest.file_records[landing_file] = lines
        self._file = None

    def abort_file(self) -> None:
        """Forget everything the current file contributed: buffers, written parts, counts."""
        self.valid, self.valid_bytes, self.bad, self._origins = [], 0, [], []
        self._wait()
        first_part, first_quarantine_part, _, _ = self._file
        m = self.manifest
        for key in m.parts[first_part:] + m.quarantine_parts[first_quarantine_part:]:
            self.store.delete(key)
        if len(m.parts) > first_part:
            self.digest_valid = False
        del m.parts[first_part:], m.quarantine_parts[first_quarantine_part:], m.part_origins[first_part:]
        self._file = None

    def quarantine_file(self, landing_file: str, reason: str, lines_read: int) -> None:
        """Keep a landing file whole in quarantine (it could not be read, or is not JSON lines)."""
        m = self.manifest
        key = layout.quarantine_file(m.source, m.day, m.run_id, landing_file)
        with (
            self.store.open_read(landing_file) as source,
            self.store.staged_file(key) as staged,
            open(staged, "wb") as out,  # closed before the staged file becomes the object
        ):
            shutil.copyfileobj(source, out, 1 << 20)
            size = out.tell()
        m.quarantined_files.append(
            {"file": landing_file, "quarantined_as": key, "bytes": size, "lines_read": lines_read, "reason": reason}
        )
        if lines_read:  # the lines read before the file failed count as read, and as quarantined
            m.landing_records += lines_read
            self.reasons[reason_class(reason)] += lines_read

    # --- lines --------------------------------------------------------------------------------

    def part_index(self) -> int:
        """The index of the part the next kept line goes to."""
        return len(self.manifest.parts)

    def keep(self, line: bytes, landing_line: int, dropped_fields: tuple[str, ...] = ()) -> None:
        runs = self._origins
        if runs and runs[-1][0] == self._file_index and runs[-1][1] + runs[-1][2] == landing_line:
            runs[-1][2] += 1
        else:
            runs.append([self._file_index, landing_line, 1])
        self.valid.append(line)
        self.valid_bytes += len(line)
        if dropped_fields:
            self._file[3].update(dropped_fields)
        if len(self.valid) >= self.part_size or self.valid_bytes >= PART_BYTES:
            self.flush_valid()

    def quarantine(self, reason: str, landing_file: str, number: int, line: bytes) -> None:
        counter = self._file[2] if self._file is not None else self.reasons
        counter[reason_class(reason)] += 1
        self.bad.append(quarantine_record(reason, landing_file, number, line))
        if len(self.bad) >= self.part_size:
            self.flush_bad()

    # --- parts --------------------------------------------------------------------------------

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
        key = layout.raw_part(m.source, m.day, m.run_id, len(m.parts))
        self._write(key, self.valid, self.digest)
        m.parts.append(key)
        m.part_origins.append(self._origins)
        self.valid, self.valid_bytes, self._origins = [], 0, []

    def flush_bad(self) -> None:
        m = self.manifest
        key = layout.quarantine_part(m.source, m.day, m.run_id, len(m.quarantine_parts))
        self._write(key, self.bad, None)
        m.quarantine_parts.append(key)
        self.bad = []

    def _flush_buffers(self) -> None:
        if self.valid:
            self.flush_valid()
        if self.bad:
            self.flush_bad()

    def _wait(self) -> None:
        while self._in_flight:
            self._in_flight.popleft().result()

    def close(self) -> None:
        """Write what is buffered and wait for every part: errors surface here."""
        if self.valid or not self.manifest.parts:
            self.flush_valid()  # an empty part keeps "the partition exists and has no rows" explicit
        if self.bad:
            self.flush_bad()
        self._wait()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info) -> None:
        self._background.shutdown(wait=True, cancel_futures=True)


__all__ = ["PartWriter", "quarantine_record"]
