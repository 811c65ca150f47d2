"""The plan catalog: the newest complete drop, kept once per content version."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import date

import orjson

from lifecycle_core.raw import layout
from lifecycle_core.raw.duplicates import record_key
from lifecycle_core.raw.landing import NoLandingData, complete_days, read_drop
from lifecycle_core.raw.records import check_line
from lifecycle_core.raw.schemas import SCHEMAS
from lifecycle_core.store import ObjectStore, gzip_lines, read_lines


@dataclass
class PlanDocumentsVersion:
    as_of: str
    version: str  # content hash of the valid plan records
    key: str
    plans: int
    quarantined: int


def ingest_plan_documents(store: ObjectStore) -> PlanDocumentsVersion:
    """The newest complete plan-catalog drop -> `raw/plan_documents/version=<hash>/`, written once per content."""
    days = complete_days(store, layout.PLAN_DOCUMENTS)
    if not days:
        raise NoLandingData(
            f"no plan documents have landed under {store.prefix_uri(layout.landing_source_prefix(layout.PLAN_DOCUMENTS))}"
        )
    schema = SCHEMAS[layout.PLAN_DOCUMENTS]
    drop = read_drop(store, layout.PLAN_DOCUMENTS, days[-1])
    if drop.unknown_files:  # a catalog is small and whole: an unexpected file is an error, not a skip
        raise ValueError(f"the plan catalog drop holds files that are not JSON lines: {drop.unknown_files}")
    valid, quarantined, seen = [], 0, set()
    for landing_file in drop.data_files:
        for line in read_lines(store, landing_file):  # an unreadable catalog file fails the run
            kept, record, reason, _ = check_line(schema, line, date.fromisoformat(days[-1]))
            if reason is None and record_key(schema, record) not in seen:
                seen.add(record_key(schema, record))
                valid.append(kept)
            else:
                quarantined += 1
    valid.sort()  # the version depends on the catalog, not on the order the partner wrote it in
    version = hashlib.sha256(b"\n".join(valid)).hexdigest()[:16]
    key = layout.raw_plan_documents(version)
    if not store.exists(key):
        store.put_bytes(key, gzip_lines(valid))
    catalog = PlanDocumentsVersion(as_of=days[-1], version=version, key=key, plans=len(valid), quarantined=quarantined)
    store.put_json(layout.CURRENT_PLAN_DOCUMENTS, asdict(catalog))  # the pointer readers follow, written last
    return catalog


def has_catalog(store: ObjectStore) -> bool:
    """Whether raw/plan_documents was ever materialized (its pointer is written last)."""
    return store.exists(layout.CURRENT_PLAN_DOCUMENTS)


def catalog_day(store: ObjectStore) -> str | None:
    """The day of the drop the current catalog was ingested from; None before the first ingestion."""
    return store.get_json(layout.CURRENT_PLAN_DOCUMENTS)["as_of"] if has_catalog(store) else None


def read_plan_documents(store: ObjectStore) -> tuple[str, list[dict]]:
    """The current plan catalog: its version and its records."""
    try:
        current = store.get_json(layout.CURRENT_PLAN_DOCUMENTS)
    except KeyError as missing:
        raise NoLandingData("raw/plan_documents has not been materialized yet") from missing
    return current["version"], [orjson.loads(line) for line in read_lines(store, current["key"])]
