"""Fast line streams over (gzip) files: large block reads instead of per-line readline calls."""

from __future__ import annotations

import threading
import zlib
from collections.abc import Iterator
from queue import Full, Queue
from typing import BinaryIO

BLOCK = 4 << 20  # bytes read and bytes inflated per step: the memory bound of a stream


class TruncatedStream(EOFError):
    """A gzip stream that ended before its end marker: the tail of the file is missing."""


def _gunzip_blocks(raw: BinaryIO) -> Iterator[bytes]:
    """Inflated blocks of at most BLOCK bytes each, however well the input compresses."""
    decompressor, fed = zlib.decompressobj(wbits=31), False
    while block := raw.read(BLOCK):
        while block:
            fed = True
            yield decompressor.decompress(block, BLOCK)
            block = decompressor.unconsumed_tail
            if decompressor.eof:  # concatenated gzip members are valid gzip
                block = decompressor.unused_data
                decompressor, fed = zlib.decompressobj(wbits=31), False
    if fed:
        # Output may still be buffered inside zlib when the input ends exactly at a block boundary.
        while tail := decompressor.decompress(b"", BLOCK):
            yield tail
        if not decompressor.eof:
            raise TruncatedStream("gzip stream ended before its end marker")


def _plain_blocks(raw: BinaryIO) -> Iterator[bytes]:
    while block := raw.read(BLOCK):
        yield block


_DONE = object()


def _prefetch(blocks: Iterator[bytes], depth: int = 2) -> Iterator[bytes]:
    """Run the block iterator on a thread: reading and inflating (GIL released) overlap the caller's work."""
    queue: Queue = Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for block in blocks:
                while not stop.is_set():
                    try:
                        queue.put(block, timeout=0.1)
                        break
                    except Full:
                        continue
                if stop.is_set():
                    return
            queue.put(_DONE)
        except BaseException as error:  # handed to the consumer, raised in its thread
            queue.put(error)

    thread = threading.Thread(target=produce, name="line-prefetch", daemon=True)
    thread.start()
    try:
        while (item := queue.get()) is not _DONE:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        thread.join()


def iter_lines(raw: BinaryIO, gzipped: bool) -> Iterator[bytes]:
    """Non-empty lines without their line ending; raises TruncatedStream after the last whole line."""
    tail = b""
    for block in _prefetch(_gunzip_blocks(raw) if gzipped else _plain_blocks(raw)):
        lines = (tail + block).split(b"\n")
        tail = lines.pop()
        for line in lines:
            if line := line.rstrip(b"\r"):
                yield line
    if tail := tail.rstrip(b"\r"):
        yield tail
