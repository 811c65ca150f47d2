"""The promotion gate: does the candidate beat the reference by the margins, allowing for the noise?

The reference is the production adapter, or the base model before the first release. Both arms
answer the same items, so the comparison is paired: per item, the candidate's score less the
reference's, and the standard error of that mean. On a quality task the candidate passes when its
improvement, less `z` standard errors, is at least the task's margin; on every task it must not be
worse than the tolerance, again allowing `z` standard errors. The verdict names the task that
decided and by how much.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..common.settings import setting
from .tasks import METRICS


@dataclass(frozen=True)
class GateConfig:
    """What a candidate must show before it may be registered for deployment."""

    quality_tasks: str = setting("plan_fact_mc,answer_bpb", "Tasks the candidate must win (comma-separated).")
    margin_answer_bpb: float = setting(0.02, "Bits per byte the candidate must save on answer_bpb.")
    margin_plan_fact_mc: float = setting(0.05, "Accuracy the candidate must gain on plan_fact_mc.")
    margin_plan_figure: float = setting(0.0, "Exact-match gain required on plan_figure, when it is a quality task.")
    margin_plan_figure_in_context: float = setting(0.0, "Exact-match gain on plan_figure_in_context, likewise.")
    z: float = setting(1.64, "Standard errors held against the candidate (1.64: one-sided 95%).")
    tolerance: float = setting(0.02, "How much worse than the reference any task may be, in its metric.")

    def margin(self, task: str) -> float:
        return getattr(self, f"margin_{task}")

    def quality(self) -> list[str]:
        tasks = [t.strip() for t in self.quality_tasks.split(",") if t.strip()]
        unknown = set(tasks) - set(METRICS)
        if unknown or not tasks:
            raise ValueError(f"quality_tasks must name some of {sorted(METRICS)}, got {self.quality_tasks!r}")
        return tasks


def paired_difference(candidate: Sequence[float], reference: Sequence[float], higher: bool) -> tuple[float, float]:
    """(mean improvement of the candidate per item, its standard error); positive is better."""
    if len(candidate) != len(reference) or not candidate:
        raise ValueError(f"the arms scored different items ({len(candidate)} and {len(reference)})")
    sign = 1.0 if higher else -1.0
    diffs = [sign * (c - r) for c, r in zip(candidate, reference, strict=True)]
    stderr = statistics.stdev(diffs) / math.sqrt(len(diffs)) if len(diffs) > 1 else math.inf
    return statistics.fmean(diffs), stderr


def decide(report: Mapping, config: GateConfig) -> dict:
    """{passed, reference, decided_by, why, tasks: {task: {improvement, stderr, ...}}} from a report
    with per-arm `scores` (evaluation/report.py)."""
    scores = report["scores"]
    reference = "production" if "production" in scores else "base"
    quality, tasks = config.quality(), {}
    for task, (_, higher) in METRICS.items():
        improvement, stderr = paired_difference(scores["candidate"][task], scores[reference][task], higher)
        noise = config.z * stderr
        entry = {"improvement": round(improvement, 4), "stderr": round(stderr, 4),
                 "regressed": improvement + noise < -config.tolerance}  # fmt: skip
        if task in quality:
            entry["needed"] = config.margin(task)
            entry["won"] = improvement - noise >= config.margin(task)
        tasks[task] = entry

    def slack(task: str) -> float:  # how far past the bar the task is (negative: short of it)
        e = tasks[task]
        return e["improvement"] - config.z * e["stderr"] - e["needed"]

    regressed = [t for t, e in tasks.items() if e["regressed"]]
    lost = [t for t in quality if not tasks[t]["won"]]
    if regressed:
        task = min(regressed, key=lambda t: tasks[t]["improvement"])  # the worst regression decides
        why = (f"{task} is worse than {reference} by {-tasks[task]['improvement']:.4f} "
               f"(± {tasks[task]['stderr']:.4f}), beyond the tolerance {config.tolerance}")  # fmt: skip
    else:
        task = min(quality, key=slack)
        e = tasks[task]
        verdict = "short of" if lost else "past"
        why = (f"{task} improved by {e['improvement']:.4f} ± {e['stderr']:.4f} over {reference}: "
               f"{abs(slack(task)):.4f} {verdict} the margin {e['needed']} after {config.z} standard errors")  # fmt: skip
    return {
        "passed": not (regressed or lost),
        "reference": reference,
        "decided_by": task,
        "why": why,
        "tasks": tasks,
    }


__all__ = ["GateConfig", "decide", "paired_difference"]
