"""Data collection: the landing area, validation against declared schemas, raw parts, the plan catalog.

``layout`` names every key this stage owns (landing, raw, quarantine); ``landing`` is the partners'
side; ``ingest_partition`` validates a day's drop into immutable raw parts plus quarantine, with a
manifest written last (``parts``); ``schemas`` declares every source; ``duplicates`` finds repeated
keys in bounded memory; ``plan_catalog`` keeps the newest plan documents once per content version.
"""

from . import layout
from .ingest import ingest_partition
from .landing import NoLandingData, complete_days, is_complete, write_drop
from .parts import RawManifest, has_manifest, local_part_files, read_manifest, recheck_schema
from .plan_catalog import has_catalog, ingest_plan_documents, read_plan_documents
from .schemas import SCHEMAS, validate

__all__ = [
    "SCHEMAS",
    "NoLandingData",
    "RawManifest",
    "complete_days",
    "has_catalog",
    "has_manifest",
    "ingest_partition",
    "ingest_plan_documents",
    "is_complete",
    "layout",
    "local_part_files",
    "read_manifest",
    "read_plan_documents",
    "recheck_schema",
    "validate",
    "write_drop",
]
