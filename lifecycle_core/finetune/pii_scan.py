"""The PII scan of a written dataset version: every message checked again, hits reported redacted."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..pii import PiiScrubber, Roster
from ..store import ObjectStore
from .split import SPLITS
from .writer import read_jsonl_split


@dataclass
class PiiFindings:
    scanned: int = 0
    by_type: Counter = field(default_factory=Counter)
    redacted_examples: list[dict] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.by_type.values())


def _redact(text: str, start: int, end: int, pii_type: str, width: int = 40) -> str:
    """Context around a hit with the hit itself masked: the check's metadata must not leak it."""
    return f"…{text[max(0, start - width) : start]}<{pii_type}:{end - start} chars>{text[end : end + width]}…"


def find_pii_in_dataset(store: ObjectStore, version: str, roster: Roster, keep_examples: int = 10) -> PiiFindings:
    """Scan every message of every split of a written dataset version with the detectors and the roster."""
    detector = PiiScrubber(roster)
    findings = PiiFindings()
    for split in SPLITS:
        for example in read_jsonl_split(store, version, split):
            findings.scanned += 1
            for message in example["messages"]:
                if message["role"] == "system":
                    continue
                for hit in detector.detect(message["content"]):
                    findings.by_type[hit.pii_type] += 1
                    if len(findings.redacted_examples) < keep_examples:
                        findings.redacted_examples.append(
                            {
                                "example": example["id"],
                                "type": hit.pii_type,
                                "context": _redact(message["content"], hit.start, hit.end, hit.pii_type),
                            }
                        )
    return findings
