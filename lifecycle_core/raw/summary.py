"""What a run over a range of days ingested: totals, the worst day, and the range's content version."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

from .parts import RawManifest


@dataclass(frozen=True)
class RangeSummary:
    days: tuple[str, ...]
    valid: int
    landing_records: int
    quarantined: int
    reasons: dict[str, int]  # quarantine reason class -> records, sorted by reason
    worst_day: str  # the day with the highest quarantine rate: one bad day must not hide in a range
    worst_day_rate: float
    version: str  # of the days' contents, in order

    @property
    def quarantine_rate(self) -> float:
        return self.quarantined / self.landing_records if self.landing_records else 0.0


def summarize(manifests: list[RawManifest]) -> RangeSummary:
    if not manifests:
        raise ValueError("a range summary needs at least one day")
    worst = max(manifests, key=lambda m: m.quarantine_rate)
    reasons = sum((Counter(m.reasons) for m in manifests), Counter())
    return RangeSummary(
        days=tuple(m.day for m in manifests),
        valid=sum(m.valid for m in manifests),
        landing_records=sum(m.landing_records for m in manifests),
        quarantined=sum(m.quarantined for m in manifests),
        reasons=dict(sorted(reasons.items())),
        worst_day=worst.day,
        worst_day_rate=worst.quarantine_rate,
        version=hashlib.sha256("".join(m.sha256 for m in manifests).encode()).hexdigest()[:16],
    )


__all__ = ["RangeSummary", "summarize"]
