"""Object store used by plain Python code (ingestion, training pods) and wrapped by Dagster resources.

Keys are relative "/"-separated strings such as "raw/members/date=2026-01-05/part-00000.jsonl.gz".
Prefixes passed to ``list``/``list_dirs``/``delete_prefix`` are directories: "raw/a" means
"raw/a/...", never "raw/ab/...", so both backends agree whatever the trailing slash.
Backends: ``LocalObjectStore`` (``store.local``) and ``S3ObjectStore`` (``store.s3``, the only one
that needs boto3); ``open_store(uri)`` (``store.uri``) opens either from one string.
"""

from __future__ import annotations

import os
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import orjson

if TYPE_CHECKING:
    import polars as pl
    import pyarrow as pa

TMP_PREFIX = ".tmp-"  # in-flight files; reserved, so never a key segment and never listed


class ObjectNotFound(KeyError, FileNotFoundError):
    """The key has no object. Catchable as KeyError or FileNotFoundError."""

    def __init__(self, key: str):
        super().__init__(key)
        self.key = key

    def __str__(self) -> str:  # KeyError would print the repr of the args
        return f"no object at key {self.key!r}"


def validate_key(key: str) -> str:
    """Return ``key`` if it is a clean relative object key, else raise ValueError saying why."""
    parts = key.split("/")
    if not key or "\\" in key or "\x00" in key or any(p in ("", ".", "..") for p in parts):
        raise ValueError(
            f"bad object key {key!r}: need non-empty '/'-separated segments, no leading or "
            "trailing '/', no '.' or '..' segment, no backslash or NUL"
        )
    if any(p.startswith(TMP_PREFIX) for p in parts):
        raise ValueError(f"bad object key {key!r}: segments starting {TMP_PREFIX!r} are reserved")
    return key


def normalize_prefix(prefix: str) -> str:
    """ "" for the whole store, else a validated directory prefix ending in "/"."""
    if prefix == "":
        return ""
    return validate_key(prefix.removesuffix("/")) + "/"


class ObjectStore(ABC):
    """Primitives per backend; serialization helpers once, on top of them."""

    @abstractmethod
    def put_bytes(self, key: str, data: bytes) -> None:
        """Write atomically: readers and listings see the old object or the new one, never half."""

    @abstractmethod
    def put_file(self, key: str, path: str | Path) -> None:
        """Upload a local file, streamed (multipart on S3), atomically."""

    @abstractmethod
    def get_bytes(self, key: str) -> bytes:
        """Whole object; ObjectNotFound if missing."""

    @abstractmethod
    def open_read(self, key: str) -> BinaryIO:
        """Buffered streaming reader; ObjectNotFound if missing. Close it (use ``with``)."""

    @abstractmethod
    def download_file(self, key: str, path: str | Path) -> None:
        """Copy the object to a local path; ObjectNotFound if missing."""

    @abstractmethod
    def exists(self, key: str) -> bool: ...

    @abstractmethod
    def list(self, prefix: str) -> list[str]:
        """All keys under the directory ``prefix``, recursive, sorted."""

    @abstractmethod
    def list_versions(self, prefix: str) -> dict[str, str]:
        """Every key under ``prefix`` with a token that changes whenever the object is written again."""

    @abstractmethod
    def list_dirs(self, prefix: str) -> list[str]:
        """Immediate sub-directories of ``prefix`` that hold objects, sorted, each ending in "/"."""

    @abstractmethod
    def delete(self, key: str) -> None:
        """Remove the object; no error if it is already gone."""

    @abstractmethod
    def delete_prefix(self, prefix: str) -> int:
        """Remove every object under a non-empty directory prefix; return how many."""

    @abstractmethod
    def uri(self, key: str) -> str:
        """Absolute URI for logs and metadata: file:///... or s3://bucket/..."""

    def prefix_uri(self, prefix: str) -> str:
        """The URI of a directory prefix ("landing/claims/date=2026-01-05/"), for messages and metadata."""
        return self.uri(normalize_prefix(prefix).removesuffix("/"))

    @abstractmethod
    def root_uri(self) -> str:
        """The store itself as a URI (`file:///root`, `s3://bucket/prefix`): how another process opens it."""

    @contextmanager
    def staged_file(self, key: str) -> Iterator[Path]:
        """Yield a local path to write; on clean exit it becomes ``key``, on error nothing does.

        For writers that need a file (Parquet, safetensors): nobody sees a half-written object.
        """
        validate_key(key)
        fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=Path(key).suffix)
        os.close(fd)
        try:
            yield Path(tmp)
            self.put_file(key, tmp)
        finally:
            Path(tmp).unlink(missing_ok=True)

    def write_parquet(self, key: str, table: pa.Table | pl.DataFrame) -> None:
        """Write a polars DataFrame or pyarrow Table (converted without copying) as zstd Parquet."""
        import polars as pl  # here, not at import: a training pod reads JSONL and needs no polars

        df = table if isinstance(table, pl.DataFrame) else pl.from_arrow(table)
        with self.staged_file(key) as tmp:
            df.write_parquet(tmp, compression="zstd")

    def read_parquet(self, key: str) -> pl.DataFrame:
        import polars as pl

        return pl.read_parquet(self.get_bytes(key))

    def put_json(self, key: str, obj: Any) -> None:
        """Indented JSON with sorted keys, so the same content gives the same bytes (and hash)."""
        self.put_bytes(key, orjson.dumps(obj, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2))

    def get_json(self, key: str) -> Any:
        return orjson.loads(self.get_bytes(key))


__all__ = ["ObjectNotFound", "ObjectStore", "normalize_prefix", "validate_key"]
