"""Source mixing: cap plan QA at about ``plan_qa_share`` of the train split.

Let C be the conversation examples in train. The plan QA target is round(C * plan_qa_share /
conversation_share); if train holds more plan QA than that, the keep ratio r = target / available
is applied to every split alike (so validation and test keep the train mix), keeping in each split
the round(r * n) plan QA examples with the smallest unit_hash(seed, "mix:" + id) - deterministic,
independent of input order. Nothing is upsampled and no conversation is dropped to reach the
share: when plan QA is scarcer than the target, the report shows the real share and the trainer
may repeat plan QA epochs.
"""

from __future__ import annotations

from .split import unit_hash


def plan_qa_keep_ratio(n_conversation_train: int, n_plan_train: int, plan_qa_share: float) -> float:
    if n_plan_train == 0:
        return 1.0
    if plan_qa_share <= 0:
        return 0.0
    target = round(n_conversation_train * plan_qa_share / (1.0 - plan_qa_share))
    return min(1.0, target / n_plan_train)


def cap_plan_qa(splits: dict[str, list[dict]], plan_qa_share: float, seed: int) -> dict[str, int]:
    """Drop plan QA examples in place to reach the share; return how many were dropped per split."""
    train = splits["train"]
    n_plan = sum(e["source"] == "plan_qa" for e in train)
    ratio = plan_qa_keep_ratio(len(train) - n_plan, n_plan, plan_qa_share)
    dropped = {}
    for name, examples in splits.items():
        plan = [e for e in examples if e["source"] == "plan_qa"]
        keep_n = round(ratio * len(plan))
        keep = {e["id"] for e in sorted(plan, key=lambda e: unit_hash(seed, "mix:" + e["id"]))[:keep_n]}
        splits[name] = [e for e in examples if e["source"] != "plan_qa" or e["id"] in keep]
        dropped[name] = len(plan) - keep_n
    return dropped
