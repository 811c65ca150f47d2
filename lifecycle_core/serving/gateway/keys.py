"""API keys: issued to a member (by pseudonym), stored only as SHA-256 hashes, revocable.

A key is 256 random bits, so a fast hash is enough (nothing to brute-force, unlike a password);
the key itself is shown once, when it is made. The store is a SQLite file locally.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PREFIX = "lc-"

SCHEMA = """
CREATE TABLE IF NOT EXISTS api_keys (
    key_id TEXT PRIMARY KEY,
    key_hash TEXT NOT NULL UNIQUE,
    member TEXT NOT NULL,
    created_at REAL NOT NULL,
    revoked_at REAL
)
"""


@dataclass(frozen=True)
class IssuedKey:
    key: str  # shown once
    key_id: str
    member: str


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class KeyStore:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        with self._connection() as con:
            con.execute(SCHEMA)

    def _connection(self) -> sqlite3.Connection:
        # One connection per thread (sqlite3 objects are not shared across threads).
        con = getattr(self._local, "con", None)
        if con is None:
            con = self._local.con = sqlite3.connect(self.path, timeout=10, isolation_level=None)
            con.execute("PRAGMA journal_mode=WAL").fetchall()  # read it: an unread row holds a snapshot open
        return con

    def create(self, member: str) -> IssuedKey:
        """A new key for `member` (a pseudonym, never a partner member ID)."""
        key = PREFIX + secrets.token_urlsafe(32)
        key_id = "key_" + secrets.token_hex(6)
        self._connection().execute(
            "INSERT INTO api_keys (key_id, key_hash, member, created_at) VALUES (?, ?, ?, ?)",
            (key_id, key_hash(key), member, time.time()),
        )
        return IssuedKey(key, key_id, member)

    def revoke(self, key_or_id: str) -> int:
        """Revoke a key (given the key itself or its id); returns how many were revoked (0 or 1)."""
        column, value = ("key_hash", key_hash(key_or_id)) if key_or_id.startswith(PREFIX) else ("key_id", key_or_id)
        cursor = self._connection().execute(
            f"UPDATE api_keys SET revoked_at = ? WHERE {column} = ? AND revoked_at IS NULL", (time.time(), value)
        )
        return cursor.rowcount

    def revoke_member(self, member: str) -> int:
        cursor = self._connection().execute(
            "UPDATE api_keys SET revoked_at = ? WHERE member = ? AND revoked_at IS NULL", (time.time(), member)
        )
        return cursor.rowcount

    def member_of(self, key: str) -> tuple[str, str] | None:
        """(member, key id) of a live key, or None for an unknown or revoked one."""
        row = (
            self._connection()
            .execute("SELECT member, key_id FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL", (key_hash(key),))
            .fetchone()
        )
        return (row[0], row[1]) if row else None

    def list(self, member: str | None = None) -> list[dict]:
        query = "SELECT key_id, member, created_at, revoked_at FROM api_keys"
        rows = self._connection().execute(query + (" WHERE member = ?" if member else ""), (member,) if member else ())
        return [
            dict(zip(("key_id", "member", "created_at", "revoked_at"), row, strict=True)) for row in rows.fetchall()
        ]


__all__ = ["PREFIX", "IssuedKey", "KeyStore", "key_hash"]
