"""The serving store: the only member data the gateway holds, built from the warehouse.

One SQLite file per version (written once, then read-only; the gateway downloads it from the
object store and opens it with ``mode=ro``), holding, by pseudonym:

- ``members``: the member's plan (no birth date, no SSN, no contact data);
- ``claims``: the fields a member's context shows (see ``member_facts.CLAIM_FIELDS``);
- ``plans``: the plan catalog;
- ``own_ids``: keyed digests (HMAC-SHA256, salt in ``meta``) of each member's own identifiers (member
  ID, names, phone, e-mail, street, ZIP, claim numbers), so the output guardrail lets a member's own
  ID through and redacts anyone else's without the store holding anyone's identifiers in clear;
- ``names``: first and last names of all members, which the output guardrail's name detector needs
  to recognise another member's name (the one identifier kept in clear, without any link to a member).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from ..pii import Roster
from .member_facts import CLAIM_FIELDS

if TYPE_CHECKING:  # the gateway reads the store without DuckDB
    import duckdb

SCHEMA_VERSION = "1"
_ALNUM = re.compile(r"[^a-z0-9]")


def normalize_identifier(pii_type: str, value: str) -> str:
    """One spelling per identifier: '(555) 123-4567' = '555-123-4567' = '+1 555 123 4567'."""
    norm = _ALNUM.sub("", value.lower())
    if pii_type == "PHONE" and len(norm) == 11 and norm.startswith("1"):
        norm = norm[1:]
    if pii_type == "ZIP":
        norm = norm[:5]
    return norm


def _own_values(pii: Mapping, claim_ids: Iterable[str]) -> Iterator[tuple[str, str]]:
    yield "MEMBER_ID", pii.get("member_id") or ""
    first, last = pii.get("first_name") or "", pii.get("last_name") or ""
    yield "MEMBER_NAME", f"{first} {last}"
    yield "MEMBER_NAME", first
    yield "MEMBER_NAME", last
    yield "PHONE", pii.get("phone") or ""
    yield "EMAIL", pii.get("email") or ""
    yield "ADDRESS", pii.get("street") or ""
    yield "ADDRESS", f"{pii.get('street') or ''} {pii.get('city') or ''}"
    yield "ZIP", pii.get("zip") or ""
    for claim_id in claim_ids:
        yield "CLAIM_NUMBER", claim_id


def digest(salt: bytes, pii_type: str, value: str) -> str:
    # The type is not part of the digest: the detectors may type one value differently (an ID read as a claim number).
    return hmac.new(salt, normalize_identifier(pii_type, value).encode(), hashlib.sha256).hexdigest()[:32]


def _plain(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


# --- building ----------------------------------------------------------------------------------------

MEMBERS_SQL = """
SELECT m.member_key, m.plan_id, strftime(m.coverage_start, '%Y-%m-%d') AS coverage_start,
       p.member_id, p.first_name, p.last_name, p.phone, p.email, p.street, p.city, p.zip
FROM (SELECT * FROM warehouse.members
      QUALIFY row_number() OVER (PARTITION BY member_key ORDER BY partition_date DESC) = 1) m
LEFT JOIN (SELECT * FROM warehouse.member_pii
      QUALIFY row_number() OVER (PARTITION BY member_key ORDER BY partition_date DESC) = 1) p
  USING (member_key)
ORDER BY m.member_key
"""
CLAIMS_SQL = f"""
SELECT member_key, {", ".join(CLAIM_FIELDS)} FROM warehouse.claims
QUALIFY row_number() OVER (PARTITION BY claim_id ORDER BY partition_date DESC) = 1
ORDER BY member_key, service_date, claim_id
"""


@dataclass(frozen=True)
class BuiltStore:
    path: Path
    version: str  # sha256 of what the store holds (not of the salt), 16 hex
    members: int
    claims: int
    plans: int


def build_member_store(con: duckdb.DuckDBPyConnection, path: str | Path) -> BuiltStore:
    """Write the serving store from the warehouse into a new SQLite file at `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.unlink(missing_ok=True)
    salt = secrets.token_bytes(32)
    content = hashlib.sha256(SCHEMA_VERSION.encode())
    db = sqlite3.connect(path)
    try:
        db.executescript(
            """
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE plans (plan_id TEXT PRIMARY KEY, record TEXT);
            CREATE TABLE members (member_key TEXT PRIMARY KEY, plan_id TEXT, coverage_start TEXT);
            CREATE TABLE claims (member_key TEXT, claim_id TEXT, service_date TEXT, received_date TEXT,
                cpt_code TEXT, status TEXT, denial_reason TEXT, billed_amount REAL, member_responsibility REAL);
            CREATE TABLE own_ids (member_key TEXT, digest TEXT, PRIMARY KEY (member_key, digest)) WITHOUT ROWID;
            CREATE TABLE names (first_name TEXT, last_name TEXT);
            """
        )
        cursor = con.execute("SELECT * FROM warehouse.plan_benefits ORDER BY plan_id")
        columns = [c[0] for c in cursor.description]
        plans = [{k: _plain(v) for k, v in zip(columns, row)} for row in cursor.fetchall()]
        for plan in plans:
            record = json.dumps(plan, sort_keys=True, default=str)
            db.execute("INSERT INTO plans VALUES (?, ?)", (plan["plan_id"], record))
            content.update(record.encode())

        claims_by_member: dict[str, list[str]] = {}
        cursor = con.execute(CLAIMS_SQL)
        n_claims = 0
        while rows := cursor.fetchmany(10_000):
            out = [tuple(_plain(v) for v in row) for row in rows]
            db.executemany("INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", out)
            for row in out:
                claims_by_member.setdefault(row[0], []).append(row[1])
                content.update(repr(row).encode())
            n_claims += len(out)

        cursor = con.execute(MEMBERS_SQL)
        columns = [c[0] for c in cursor.description]
        n_members, names = 0, set()
        while rows := cursor.fetchmany(10_000):
            for row in rows:
                m = dict(zip(columns, row))
                db.execute("INSERT INTO members VALUES (?, ?, ?)", (m["member_key"], m["plan_id"], m["coverage_start"]))
                content.update(f"{m['member_key']}|{m['plan_id']}|{m['coverage_start']}".encode())
                own = {
                    digest(salt, t, v)
                    for t, v in _own_values(m, claims_by_member.get(m["member_key"], ()))
                    if v.strip()
                }
                db.executemany("INSERT OR IGNORE INTO own_ids VALUES (?, ?)", [(m["member_key"], d) for d in own])
                if m["first_name"] or m["last_name"]:
                    names.add((m["first_name"] or "", m["last_name"] or ""))
                n_members += 1
        db.executemany("INSERT INTO names VALUES (?, ?)", sorted(names))
        content.update(repr(sorted(names)).encode())
        db.execute("CREATE INDEX claims_by_member ON claims (member_key)")
        version = content.hexdigest()[:16]
        meta = {
            "schema": SCHEMA_VERSION,
            "version": version,
            "salt": salt.hex(),
            "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        db.executemany("INSERT INTO meta VALUES (?, ?)", list(meta.items()))
        db.commit()
    finally:
        db.close()
    return BuiltStore(path, version, n_members, n_claims, len(plans))


# --- reading -----------------------------------------------------------------------------------------


class UnknownMember(LookupError):
    """The pseudonym is not in the serving store (a key for a member the warehouse does not know yet)."""


class MemberStore:
    """Read-only access by pseudonym; safe to share between threads (one connection per thread)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if not self.path.is_file():
            raise FileNotFoundError(f"no serving store at {self.path}: materialize serving/member_store")
        self._local = threading.local()
        meta = dict(self._db().execute("SELECT key, value FROM meta").fetchall())
        if meta.get("schema") != SCHEMA_VERSION:
            raise ValueError(
                f"{self.path} has serving-store schema {meta.get('schema')}, this code reads {SCHEMA_VERSION}"
            )
        self.version = meta["version"]
        self._salt = bytes.fromhex(meta["salt"])
        self._plans = {pid: json.loads(rec) for pid, rec in self._db().execute("SELECT plan_id, record FROM plans")}

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
        return db

    def plan_of(self, member_key: str) -> dict:
        row = self._db().execute("SELECT plan_id FROM members WHERE member_key = ?", (member_key,)).fetchone()
        if row is None:
            raise UnknownMember(member_key)
        plan = self._plans.get(row[0])
        if plan is None:
            raise UnknownMember(f"{member_key}: plan {row[0]} is not in the catalog")
        return plan

    def claims_of(self, member_key: str) -> list[dict]:
        cursor = self._db().execute(
            f"SELECT {', '.join(CLAIM_FIELDS)} FROM claims WHERE member_key = ? ORDER BY service_date DESC, claim_id DESC",
            (member_key,),
        )
        return [dict(zip(CLAIM_FIELDS, row)) for row in cursor.fetchall()]

    def is_own(self, member_key: str, pii_type: str, value: str) -> bool:
        found = (
            self._db()
            .execute(
                "SELECT 1 FROM own_ids WHERE member_key = ? AND digest = ?",
                (member_key, digest(self._salt, pii_type, value)),
            )
            .fetchone()
        )
        return found is not None

    def roster(self) -> Roster:
        rows = self._db().execute("SELECT first_name, last_name FROM names").fetchall()
        return Roster.from_rows({"first_name": f, "last_name": last} for f, last in rows)

    def close(self) -> None:
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None


# --- publishing through the object store ----------------------------------------------------------

STORE_PREFIX = "serving/member_store"
CURRENT_KEY = f"{STORE_PREFIX}/current.json"


def store_key(version: str) -> str:
    return f"{STORE_PREFIX}/{version}/members.sqlite"


def fetch_current(store, cache_dir: str | Path) -> Path | None:
    """The current store file on local disk (downloaded once per version); None if none was published."""
    if not store.exists(CURRENT_KEY):
        return None
    version = store.get_json(CURRENT_KEY)["version"]
    local = Path(cache_dir) / version / "members.sqlite"
    if not local.is_file():
        local.parent.mkdir(parents=True, exist_ok=True)
        store.download_file(store_key(version), local)
        os.chmod(local, 0o400)
    return local


__all__ = [
    "CURRENT_KEY",
    "BuiltStore",
    "MemberStore",
    "UnknownMember",
    "build_member_store",
    "digest",
    "fetch_current",
    "normalize_identifier",
    "store_key",
]
