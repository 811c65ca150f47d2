"""Where each artifact lives in the object store: the one place that knows the key layout."""

from __future__ import annotations

import re
from datetime import date

DAILY_SOURCES = ("members", "claims", "conversations", "providers")
PLAN_DOCUMENTS = "plan_documents"
SUCCESS_MARKER = "_SUCCESS"
MANIFEST = "_manifest.json"
CURRENT_PLAN_DOCUMENTS = "raw/plan_documents/_current.json"

_DATE_DIR = re.compile(r"(?:date|as_of)=(\d{4}-\d{2}-\d{2})/$")


def landing_source_prefix(source: str) -> str:
    """Every drop of one source lands under here, one folder per day."""
    return f"landing/{source}/"


def landing_prefix(source: str, day: date | str) -> str:
    """Partners drop `part-*.jsonl.gz` here and write `_SUCCESS` last, when the drop is complete."""
    dimension = "as_of" if source == PLAN_DOCUMENTS else "date"
    return f"{landing_source_prefix(source)}{dimension}={_iso(day)}/"


def raw_prefix(source: str, day: date | str) -> str:
    return f"raw/{source}/date={_iso(day)}/"


def raw_part(source: str, day: date | str, index: int) -> str:
    return f"{raw_prefix(source, day)}part-{index:05d}.jsonl.gz"


def quarantine_prefix(source: str, day: date | str) -> str:
    return f"quarantine/{source}/date={_iso(day)}/"


def quarantine_part(source: str, day: date | str, index: int) -> str:
    return f"{quarantine_prefix(source, day)}part-{index:05d}.jsonl.gz"


def raw_plan_documents(version: str) -> str:
    return f"raw/{PLAN_DOCUMENTS}/version={version}/plans.jsonl.gz"


def date_of_dir(prefix: str) -> str | None:
    """`landing/claims/date=2026-01-05/` -> `2026-01-05`."""
    match = _DATE_DIR.search(prefix)
    return match.group(1) if match else None


def _iso(day: date | str) -> str:
    return day.isoformat() if isinstance(day, date) else day
