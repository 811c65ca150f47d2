"""The embedded default object store: a directory on this machine, written the way S3 behaves."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from .base import TMP_PREFIX, ObjectNotFound, ObjectStore, normalize_prefix, validate_key


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
    def staged_file(self, key: str) -> Iterator[Path]:
        final = self._path(key)
        final.parent.mkdir(parents=True, exist_ok=True)
        try:
            with _replaced_atomically(final) as tmp:
                yield tmp
        except BaseException:
            self._prune_empty_dirs(final.parent)  # a failed first write leaves no empty dirs
            raise

    def put_bytes(self, key: str, data: bytes) -> None:
        with self.staged_file(key) as tmp:
            tmp.write_bytes(data)

    def put_file(self, key: str, path: str | Path) -> None:
        with self.staged_file(key) as tmp:
            shutil.copyfile(path, tmp)

    def get_bytes(self, key: str) -> bytes:
        with self.open_read(key) as f:
            return f.read()

    def open_read(self, key: str) -> BinaryIO:
        try:
            return open(self._path(key), "rb")
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

    def list_versions(self, prefix: str) -> dict[str, str]:
        versions = {}
        for key in self.list(prefix):
            try:
                info = (self.root / key).stat()
            except FileNotFoundError:  # deleted since the listing
                continue
            versions[key] = f"{info.st_mtime_ns}-{info.st_size}-{info.st_ino}"  # a rename makes a new inode
        return versions

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
        return any(not f.startswith(TMP_PREFIX) for _, _, filenames in os.walk(directory) for f in filenames)

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


__all__ = ["LocalObjectStore"]
