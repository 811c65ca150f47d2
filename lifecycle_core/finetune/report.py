"""What a build did: counts, drops by reason, PII replacements, token lengths and lineage."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from .config import DatasetConfig
from .split import SPLITS


@dataclass
class DatasetReport:
    total: int
    by_split: dict[str, int]
    by_source: dict[str, int]
    by_topic: dict[str, int]
    by_split_source: dict[str, dict[str, int]]
    by_split_topic: dict[str, dict[str, int]]
    dropped: dict[str, int]  # reason -> conversations or examples dropped
    pii_replacements: dict[str, int]  # PII type -> replacements in the kept examples
    mix: dict[str, float]  # plan QA share of train: target and actual
    token_lengths: list[int]  # per example, in split order like the examples
    lineage: dict[str, list[str]]  # conversation partitions seen, plan ids @ version
    inputs: dict[str, int]
    config: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, with_lengths: bool = True) -> dict[str, Any]:
        d = asdict(self)
        if not with_lengths:
            del d["token_lengths"]
        return d


def _sorted_counts(items) -> dict[str, int]:
    return dict(sorted(Counter(items).items()))


def make_report(splits, dropped, pii, tokens, config: DatasetConfig, n_conv, plans, partitions) -> DatasetReport:
    final = [ex for name in SPLITS for ex in splits[name]]
    replacements: Counter[str] = Counter()
    for ex in final:  # only what is in the dataset, not what was scrubbed and then dropped
        replacements.update(pii.get(ex["id"], ()))
    train = splits["train"]
    plan_train = sum(e["source"] == "plan_qa" for e in train)
    return DatasetReport(
        total=len(final),
        by_split={name: len(splits[name]) for name in SPLITS},
        by_source=_sorted_counts(e["source"] for e in final),
        by_topic=_sorted_counts(e["topic"] for e in final),
        by_split_source={n: _sorted_counts(e["source"] for e in splits[n]) for n in SPLITS},
        by_split_topic={n: _sorted_counts(e["topic"] for e in splits[n]) for n in SPLITS},
        dropped=dict(sorted((k, v) for k, v in dropped.items() if v)),
        pii_replacements=dict(sorted(replacements.items())),
        mix={
            "plan_qa_share_target": config.plan_qa_share,
            "plan_qa_share_train": round(plan_train / len(train), 4) if train else 0.0,
        },
        token_lengths=[tokens[ex["id"]] for ex in final],
        lineage={
            "conversation_partitions": sorted(partitions),
            "plans": sorted(f"{p['plan_id']}@{p.get('version') or p.get('effective_date') or '?'}" for p in plans),
        },
        inputs={"conversations": n_conv, "plans": len(plans)},
        config=asdict(config),
    )
