"""The request log: one JSON line per request, no direct identifiers, daily parts in the object store.

Lines are appended to an open part in a local spool and flushed with each request, so a killed
gateway loses nothing that was answered: the next start closes the parts it left open (keeping
whole lines only) and ships them. A part is closed after `part_lines` lines, when it is
`part_seconds` old (so monitoring sees traffic within a minute, not after a thousand requests), at
a new UTC day and at shutdown, then uploaded as ``serving_log/date=YYYY-MM-DD/<part>.jsonl`` (same name, same bytes:
a repeated upload is harmless) and removed from the spool.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import orjson

from ...store import ObjectStore

PREFIX = "serving_log"
OPEN = ".open"


def day_prefix(day: str) -> str:
    return f"{PREFIX}/date={day}"


def _day(ts: float) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(ts))


class RequestLog:
    def __init__(
        self, spool: str | Path, store: ObjectStore | None = None, part_lines: int = 1000, part_seconds: float = 0.0
    ):
        self.spool, self.store, self.part_lines = Path(spool), store, max(1, part_lines)
        self.part_seconds = part_seconds
        self.spool.mkdir(parents=True, exist_ok=True)
        self.writer = uuid.uuid4().hex[:8]
        self._lock, self._ship_lock = threading.Lock(), threading.Lock()
        self._file = None
        self._path: Path | None = None
        self._day, self._lines, self._seq, self._opened = "", 0, 0, 0.0
        self._closing = threading.Event()
        self.recover()
        if store is not None and part_seconds > 0:
            threading.Thread(target=self._close_old_parts, name="request-log-age", daemon=True).start()

    def _close_old_parts(self) -> None:
        """Close and ship the open part once it is part_seconds old, even when no request comes."""
        while not self._closing.wait(min(self.part_seconds, 5.0)):
            with self._lock:
                old = self._file is not None and time.monotonic() - self._opened >= self.part_seconds
            if old:
                self.rotate()

    def recover(self) -> int:
        """Close the parts a killed gateway left open and ship every closed part; returns parts shipped."""
        for path in self.spool.glob(f"*/*{OPEN}.jsonl"):
            if path != self._path:
                _keep_whole_lines(path)
                path.rename(path.with_name(path.name.replace(OPEN, "")))
        return self.ship()

    def write(self, record: dict[str, Any]) -> None:
        ts = record.setdefault("ts", time.time())
        line = orjson.dumps(record) + b"\n"
        with self._lock:
            day = _day(ts)
            if self._file is None or day != self._day or self._lines >= self.part_lines:
                self._close_part()
                self._open_part(day)
            self._file.write(line)
            self._file.flush()  # in the kernel's hands: a killed process loses nothing written
            self._lines += 1
            if self._lines >= self.part_lines:
                self._close_part()
                full = True
            else:
                full = False
        if full:  # uploads happen off the request path
            threading.Thread(target=self.ship, name="request-log-ship", daemon=True).start()

    def _open_part(self, day: str) -> None:
        self._seq += 1
        name = f"part-{int(time.time() * 1000)}-{self.writer}-{self._seq:05d}{OPEN}.jsonl"
        self._path = self.spool / f"date={day}" / name
        self._path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(self._path, "ab")  # noqa: SIM115 (kept open across requests)
        self._day, self._lines, self._opened = day, 0, time.monotonic()

    def _close_part(self) -> None:
        if self._file is None:
            return
        self._file.close()
        os.replace(self._path, self._path.with_name(self._path.name.replace(OPEN, "")))
        self._file, self._path = None, None

    def rotate(self) -> int:
        with self._lock:
            self._close_part()
        return self.ship()

    def ship(self) -> int:
        """Upload the closed parts to the store and drop them from the spool (none without a store)."""
        if self.store is None:
            return 0
        shipped = 0
        with self._ship_lock:
            for path in sorted(self.spool.glob("date=*/*.jsonl")):
                if OPEN in path.name:
                    continue
                self.store.put_file(f"{PREFIX}/{path.parent.name}/{path.name}", path)
                path.unlink()
                shipped += 1
        return shipped

    def close(self) -> int:
        self._closing.set()
        return self.rotate()


def _keep_whole_lines(path: Path) -> None:
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        path.write_bytes(data[: data.rfind(b"\n") + 1])


def read_day(store: ObjectStore, day: str) -> list[dict]:
    """Every line the gateways logged on `day` (for monitoring and tests)."""
    rows = []
    for key in sorted(store.list(day_prefix(day))):
        rows += [orjson.loads(line) for line in store.get_bytes(key).splitlines() if line]
    return rows


__all__ = ["PREFIX", "RequestLog", "day_prefix", "read_day"]
