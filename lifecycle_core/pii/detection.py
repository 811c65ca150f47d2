"""The detection record every detector returns, and how overlapping candidates are resolved."""

from __future__ import annotations

from dataclasses import dataclass

PII_TYPES: tuple[str, ...] = (
    "MEMBER_NAME",
    "MEMBER_ID",
    "SSN",
    "PHONE",
    "EMAIL",
    "DATE_OF_BIRTH",
    "ADDRESS",
    "ZIP",
    "CLAIM_NUMBER",
    "NPI",
    "CARD_NUMBER",
    "PRIOR_AUTH_NUMBER",
    "MRN",
    "IP_ADDRESS",
    "URL",
)
# When two candidates overlap with the same length, the earlier type here wins: a URL holding a
# member id stays one URL, an email holding a name stays one email.
_RANK = {
    t: i
    for i, t in enumerate(
        (
            "URL",
            "EMAIL",
            "CARD_NUMBER",
            "SSN",
            "CLAIM_NUMBER",
            "PRIOR_AUTH_NUMBER",
            "MEMBER_ID",
            "MRN",
            "NPI",
            "PHONE",
            "IP_ADDRESS",
            "DATE_OF_BIRTH",
            "ADDRESS",
            "ZIP",
            "MEMBER_NAME",
        )
    )
}


@dataclass(frozen=True)
class Detection:
    start: int
    end: int
    pii_type: str
    value: str


def resolve(candidates: list[Detection]) -> list[Detection]:
    """Non-overlapping detections sorted by start: longer spans first, then by type rank."""
    if len(candidates) < 2:
        return candidates
    chosen: list[Detection] = []
    for d in sorted(candidates, key=lambda d: (d.start - d.end, _RANK[d.pii_type], d.start)):
        if all(d.end <= c.start or d.start >= c.end for c in chosen):
            chosen.append(d)
    chosen.sort(key=lambda d: d.start)
    return chosen
