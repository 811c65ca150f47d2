"""Object store used by plain Python code (ingestion, training pods) and wrapped by Dagster resources.

Keys are relative "/"-separated strings such as "raw/members/date=2026-01-05/part-00000.jsonl.gz".
Prefixes passed to ``list``/``list_dirs``/``delete_prefix`` are directories: "raw/a" means
"raw/a/...", never "raw/ab/...", so both backends agree whatever the trailing slash.
``S3ObjectStore`` lives in ``lifecycle_core.store.s3``, so this module never needs boto3.
"""

from __future__ import annotations

import gzip
import io
import os
import shutil
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import orjson

if TYPE_CHECKING:
    import polars as pl
    import pyarrow as pa

TMP_PREFIX = ".tmp-"  # in-flight files; reserved, so never a key segment and never listed
_WRITE_BUFFER = 256 << 10


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
    """"" for the whole store, else a validated directory prefix ending in "/"."""
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

    @abstractmethod
    def root_uri(self) -> str:
        """The store itself as a URI (`file:///root`, `s3://bucket/prefix`): how another process opens it."""

    @contextmanager
    def _staging_path(self, key: str) -> Iterator[Path]:
        """Yield a local path to write; on clean exit it becomes ``key``, on error nothing does."""
        validate_key(key)
        fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, suffix=Path(key).suffix)
        os.close(fd)
        try:
            yield Path(tmp)
            self.put_file(key, tmp)
        finally:
            Path(tmp).unlink(missing_ok=True)

    def write_jsonl_gz(self, key: str, records: Iterable[dict[str, Any] | bytes]) -> int:
        """Gzipped JSON lines (bytes items are pre-serialized lines), streamed through a local
        temp file so memory stays bounded; returns the number of lines."""
        count = 0
        with (
            self._staging_path(key) as tmp,
            gzip.open(tmp, "wb", compresslevel=6) as gz,
            io.BufferedWriter(gz, _WRITE_BUFFER) as out,  # gzip compresses per write call
        ):
            for count, rec in enumerate(records, 1):  # noqa: B007 - count is the result
                if isinstance(rec, bytes | bytearray | memoryview):
                    line = bytes(rec)
                    if b"\n" in line:
                        raise ValueError(f"pre-serialized line {count} contains a newline")
                else:
                    line = orjson.dumps(rec)
                out.write(line)
                out.write(b"\n")
        return count

    def iter_jsonl_gz(self, key: str) -> Iterator[bytes]:
        """Yield each non-empty line (without its newline), decompressing as it streams."""
        with self.open_read(key) as raw, gzip.GzipFile(fileobj=raw, mode="rb") as gz:
            for line in gz:
                line = line.rstrip(b"\r\n")
                if line:
                    yield line

    def write_parquet(self, key: str, table: pa.Table | pl.DataFrame) -> None:
        """Write a polars DataFrame or pyarrow Table (converted without copying) as zstd Parquet."""
        import polars as pl  # here, not at import: a training pod reads JSONL and needs no polars

        df = table if isinstance(table, pl.DataFrame) else pl.from_arrow(table)
        with self._staging_path(key) as tmp:
            df.write_parquet(tmp, compression="zstd")

    def read_parquet(self, key: str) -> pl.DataFrame:
        import polars as pl

        return pl.read_parquet(self.get_bytes(key))

    def put_json(self, key: str, obj: Any) -> None:
        """Indented JSON with sorted keys, so the same content gives the same bytes (and hash)."""
        self.put_bytes(key, orjson.dumps(obj, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2))

    def get_json(self, key: str) -> Any:
        return orjson.loads(self.get_bytes(key))


@contextmanager
def _replaced_atomically(dest: Path) -> Iterator[Path]:
    """Yield a hidden temp path beside ``dest``; on clean exit rename it onto ``dest``.

    Same directory, so os.replace is an atomic rename: readers see the old file or the new one.
    """
    fd, tmp = tempfile.mkstemp(prefix=TMP_PREFIX, dir=dest.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; objects should read like ordinary files
        os.replace(tmp, dest)
    finally:
        Path(tmp).unlink(missing_ok=True)


class LocalObjectStore(ObjectStore):
    """Objects are files under ``root``; every write is a hidden temp file, then a rename."""

    def __init__(self, root: str | Path):
        self.root = Path(root).expanduser().resolve()
        self.root.mkdir(parents=True, exist_ok=True)

    def __repr__(self) -> str:
        return f"LocalObjectStore({str(self.root)!r})"

    def _path(self, key: str) -> Path:
        return self.root / validate_key(key)

    @contextmanager
    def _staging_path(self, key: str) -> Iterator[Path]:
        final = self._path(key)
        final.parent.mkdir(parents=True, exist_ok=True)
        try:
            with _replaced_atomically(final) as tmp:
                yield tmp
        except BaseException:
            self._prune_empty_dirs(final.parent)  # a failed first write leaves no empty dirs
            raise

    def put_bytes(self, key: str, data: bytes) -> None:
        with self._staging_path(key) as tmp:
            tmp.write_bytes(data)

    def put_file(self, key: str, path: str | Path) -> None:
        with self._staging_path(key) as tmp:
            shutil.copyfile(path, tmp)

    def get_bytes(self, key: str) -> bytes:
        with self.open_read(key) as f:
            return f.read()

    def open_read(self, key: str) -> BinaryIO:
        try:
            return open(self._path(key), "rb")  # noqa: SIM115 - the caller owns and closes it
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise ObjectNotFound(key) from None

    def download_file(self, key: str, path: str | Path) -> None:
        with self.open_read(key) as src, _replaced_atomically(Path(path)) as tmp, open(tmp, "wb") as out:
            shutil.copyfileobj(src, out, 1 << 20)

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def list(self, prefix: str) -> list[str]:
        keys = []
        for dirpath, _, filenames in os.walk(self.root / normalize_prefix(prefix)):
            rel = Path(dirpath).relative_to(self.root).as_posix()
            head = "" if rel == "." else rel + "/"
            keys.extend(head + f for f in filenames if not f.startswith(TMP_PREFIX))
        return sorted(keys)

    def list_dirs(self, prefix: str) -> list[str]:
        base = normalize_prefix(prefix)
        try:
            entries = list(os.scandir(self.root / base))
        except (FileNotFoundError, NotADirectoryError):
            return []
        # Like S3 CommonPrefixes: a directory counts only once it holds a finished object.
        return sorted(f"{base}{e.name}/" for e in entries if e.is_dir() and self._has_objects(e.path))

    @staticmethod
    def _has_objects(directory: str) -> bool:
        return any(
            not f.startswith(TMP_PREFIX) for _, _, filenames in os.walk(directory) for f in filenames
        )

    def delete(self, key: str) -> None:
        path = self._path(key)
        path.unlink(missing_ok=True)
        self._prune_empty_dirs(path.parent)

    def delete_prefix(self, prefix: str) -> int:
        if not normalize_prefix(prefix):
            raise ValueError("delete_prefix needs a non-empty prefix; refusing to wipe the store")
        keys = self.list(prefix)
        for key in keys:
            (self.root / key).unlink(missing_ok=True)
        for dirpath, _, _ in os.walk(self.root / normalize_prefix(prefix), topdown=False):
            self._prune_empty_dirs(Path(dirpath))
        return len(keys)

    def _prune_empty_dirs(self, directory: Path) -> None:
        # S3 has no empty directories; removing ours keeps list_dirs and the disk alike.
        while directory != self.root and self.root in directory.parents:
            try:
                directory.rmdir()
            except OSError:  # not empty, or gone: stop climbing
                return
            directory = directory.parent

    def uri(self, key: str) -> str:
        return self._path(key).as_uri()

    def root_uri(self) -> str:
        return self.root.resolve().as_uri()


__all__ = ["LocalObjectStore", "ObjectNotFound", "ObjectStore", "normalize_prefix", "validate_key"]
