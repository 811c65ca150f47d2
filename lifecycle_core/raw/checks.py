"""The verdicts on ingested days that gate everything downstream: files read, quarantine, volume, drift.

Each verdict is plain data (passed, and the days that decided it); the raw assets turn them into
Dagster asset checks, the first three blocking.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from datetime import date, timedelta

from lifecycle_core.common.settings import setting
from lifecycle_core.raw.parts import RawManifest, has_manifest, read_manifest
from lifecycle_core.store import ObjectStore


@dataclass(frozen=True)
class RawChecks:
    """Thresholds every ingested day must meet before the warehouse (or anything after it) reads it."""

    max_quarantine_rate: float = setting(0.05, "Highest share of a day's records that may be quarantined.")
    volume_low: float = setting(
        0.5,
        "A day without a partner manifest must hold at least this share of the median of the trailing days' records.",
    )
    volume_high: float = setting(2.0, "... and at most this multiple of it.")
    trailing_days: int = setting(7, "Earlier ingested days the volume of a day is compared with.")


@dataclass(frozen=True)
class Verdict:
    passed: bool
    days: dict[str, dict] = field(default_factory=dict)  # the days that failed (or, for volume, every day)


def files_read(manifests: list[RawManifest]) -> Verdict:
    """Every landing file was read to its end and is JSON lines; the others were kept whole in quarantine."""
    failed = {m.day: {"files": m.quarantined_files} for m in manifests if m.quarantined_files}
    return Verdict(not failed, failed)


def quarantine_rate(manifests: list[RawManifest], checks: RawChecks) -> Verdict:
    failed = {
        m.day: {"rate": round(m.quarantine_rate, 4), "quarantined": m.quarantined, "reasons": m.reasons}
        for m in manifests
        if m.quarantine_rate > checks.max_quarantine_rate
    }
    return Verdict(not failed, failed)


def trailing_days(store: ObjectStore, source: str, day: str, count: int) -> list[RawManifest]:
    """The published manifests of the `count` days before `day` that were ingested."""
    first = date.fromisoformat(day)
    earlier = ((first - timedelta(days=n)).isoformat() for n in range(1, count + 1))
    return [read_manifest(store, source, d) for d in earlier if has_manifest(store, source, d)]


def volume(manifest: RawManifest, history: list[RawManifest], checks: RawChecks) -> dict:
    """Is the day's record count what the partner said it sent, or else in line with the days before?"""
    actual = manifest.landing_records
    if manifest.partner_records is not None:
        expected = manifest.partner_records
        return {"passed": actual == expected, "records": actual, "expected": expected, "basis": "partner manifest"}
    if actual == 0:
        return {"passed": False, "records": 0, "basis": "an empty drop and no partner manifest that says so"}
    if not history:
        return {"passed": True, "records": actual, "basis": "no earlier day to compare with"}
    median = statistics.median(m.landing_records for m in history)
    low, high = checks.volume_low * median, checks.volume_high * median
    return {
        "passed": low <= actual <= high,
        "records": actual,
        "expected": [round(low), round(high)],
        "basis": f"median of {len(history)} earlier days ({median:g})",
    }


def volumes(store: ObjectStore, manifests: list[RawManifest], checks: RawChecks) -> Verdict:
    days = {m.day: volume(m, trailing_days(store, m.source, m.day, checks.trailing_days), checks) for m in manifests}
    return Verdict(all(d["passed"] for d in days.values()), days)


def schema_drift(manifests: list[RawManifest]) -> Verdict:
    """Fields the partner sent that the schema does not declare (dropped from raw): a warning, not a stop."""
    drifted = {m.day: m.dropped_fields for m in manifests if m.dropped_fields}
    return Verdict(not drifted, drifted)


__all__ = [
    "RawChecks",
    "Verdict",
    "files_read",
    "quarantine_rate",
    "schema_drift",
    "trailing_days",
    "volume",
    "volumes",
]
