"""Keyed pseudonyms for member identifiers.

A keyed HMAC rather than a plain hash: member IDs are short and structured, so an unkeyed hash
could be reversed by enumerating them. Without the key nobody can link a pseudonym to a member.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

KEY_BYTES = 32
PREFIX = "mk_"
KEY_HEX_CHARS = 24  # 96 bits: no collisions among billions of members, short enough to read


class Pseudonymizer:
    def __init__(self, key: bytes):
        if len(key) < 16:
            raise ValueError("pseudonym key must be at least 16 bytes")
        self._key = key
        self._cache: dict[str, str] = {}

    def hmac_pads(self) -> tuple[bytes, bytes]:
        """RFC 2104's inner and outer key blocks, so a SQL engine can compute the same HMAC-SHA256."""
        block = (hashlib.sha256(self._key).digest() if len(self._key) > 64 else self._key).ljust(64, b"\0")
        return bytes(b ^ 0x36 for b in block), bytes(b ^ 0x5C for b in block)

    def member_key(self, member_id: str) -> str:
        cached = self._cache.get(member_id)
        if cached is None:
            digest = hmac.new(self._key, member_id.encode(), hashlib.sha256).hexdigest()
            cached = self._cache[member_id] = PREFIX + digest[:KEY_HEX_CHARS]
            if len(self._cache) > 2_000_000:  # bound memory on huge feeds; recomputing is cheap
                self._cache.clear()
        return cached


def key_from_text(text: str) -> bytes:
    """Keys from secrets managers arrive as hex or as plain text; accept both."""
    text = text.strip()
    try:
        return bytes.fromhex(text)
    except ValueError:
        return text.encode()


class MissingPseudonymKey(FileNotFoundError):
    """No key where one was expected: never made up silently, or every member would get a new pseudonym."""


def create_dev_key(path: str | Path) -> Path:
    """A new random key, readable by its owner only; refuses to replace one that exists."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise FileExistsError(f"{path} already holds a pseudonym key; a new one would re-key every member") from None
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(KEY_BYTES))
    return path


def load_dev_key(path: str | Path) -> bytes:
    """The development key under LIFECYCLE_HOME, created once with `python -m lifecycle_core.pii.pseudonym create`."""
    path = Path(path)
    if not path.is_file():
        raise MissingPseudonymKey(
            f"no pseudonym key at {path}. For a new warehouse create one with "
            f"`python -m lifecycle_core.pii.pseudonym create {path}`; if this warehouse already holds data, "
            "restore the key it was built with (a new key gives every member a new pseudonym)."
        )
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise PermissionError(f"{path} is readable by others (mode {oct(mode)}); run: chmod 600 {path}")
    return key_from_text(path.read_text())


def fingerprint(pseudonymizer: Pseudonymizer) -> str:
    """Which key a warehouse was built with, without revealing it (an HMAC of a fixed label)."""
    return pseudonymizer.member_key("lifecycle:key-fingerprint")


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(prog="python -m lifecycle_core.pii.pseudonym", description=create_dev_key.__doc__)
    parser.add_argument("command", choices=["create"])
    parser.add_argument("path", help="e.g. $LIFECYCLE_HOME/secrets/pseudonym.key")
    print(f"created {create_dev_key(parser.parse_args().path)}")
