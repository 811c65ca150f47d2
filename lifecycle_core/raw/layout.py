"""Where each artifact lives in the object store: the one place that knows the key layout."""

from __future__ import annotations

import re
from datetime import date

DAILY_SOURCES = ("members", "claims", "conversations", "providers")
PLAN_DOCUMENTS = "plan_documents"
SUCCESS_MARKER = "_SUCCESS"
# Our manifest beside a raw partition (written last), and the partner's optional one beside a drop:
# {"records": <lines in the drop>, "files": {"<file name>": <lines>}}, compared with what was read.
MANIFEST = "_manifest.json"
PARTNER_MANIFEST = "_manifest.json"
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


def raw_run_prefix(source: str, day: date | str, run_id: str) -> str:
    """One ingest run's parts: a re-run writes beside the published run and switches the manifest last."""
    return f"{raw_prefix(source, day)}run={run_id}/"


def raw_part(source: str, day: date | str, run_id: str, index: int) -> str:
    return f"{raw_run_prefix(source, day, run_id)}part-{index:05d}.jsonl.gz"


def quarantine_prefix(source: str, day: date | str) -> str:
    return f"quarantine/{source}/date={_iso(day)}/"


def quarantine_run_prefix(source: str, day: date | str, run_id: str) -> str:
    return f"{quarantine_prefix(source, day)}run={run_id}/"


def quarantine_part(source: str, day: date | str, run_id: str, index: int) -> str:
    return f"{quarantine_run_prefix(source, day, run_id)}part-{index:05d}.jsonl.gz"


def quarantine_file(source: str, day: date | str, run_id: str, landing_key: str) -> str:
    """Where a landing file that could not be read (or is not JSON lines) is kept whole."""
    return f"{quarantine_run_prefix(source, day, run_id)}files/{landing_key.rsplit('/', 1)[-1]}"


def raw_plan_documents(version: str) -> str:
    return f"raw/{PLAN_DOCUMENTS}/version={version}/plans.jsonl.gz"


def date_of_dir(prefix: str) -> str | None:
    """`landing/claims/date=2026-01-05/` -> `2026-01-05`."""
    match = _DATE_DIR.search(prefix)
    return match.group(1) if match else None


def _iso(day: date | str) -> str:
    return day.isoformat() if isinstance(day, date) else day
