"""The report: every arm's metric and standard error per task, as a table and a chart.

Each arm also keeps its per-item scores in task order: every arm answers the same items, so the
gate can compare arms item by item (a paired difference has a much smaller error than two means).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..common.plots import axes, png
from .tasks import METRICS

ARMS = ("base", "production", "candidate")


def summarize(result: Mapping[str, Any]) -> dict[str, dict]:
    """One arm's lm-eval results -> {task: {value, stderr, n}}."""
    summary = {}
    for task, (metric, _) in METRICS.items():
        entry = result["results"][task]
        stderr = entry.get(f"{metric}_stderr,none")
        summary[task] = {
            "value": float(entry[f"{metric},none"]),
            "stderr": float(stderr) if isinstance(stderr, int | float) else None,
            "n": int(result["n-samples"][task]["effective"]),
        }
    return summary


def item_scores(samples: Mapping[str, Sequence[Mapping]]) -> dict[str, list[float]]:
    """One arm's logged samples -> {task: [score of item 0, item 1, ...]}."""
    scores = {}
    for task, (metric, _) in METRICS.items():
        rows = sorted(samples[task], key=lambda row: row["doc_id"])
        scores[task] = [float(row[metric]) for row in rows]
    return scores


def markdown_table(report: Mapping[str, Mapping[str, dict]]) -> str:
    arms = [arm for arm in ARMS if arm in report]
    lines = ["| task (metric) | " + " | ".join(arms) + " | n |", "|---|" + "---:|" * (len(arms) + 1)]
    for task, (metric, higher) in METRICS.items():
        cells = [_cell(report[arm][task]) for arm in arms]
        better = "higher" if higher else "lower"
        lines.append(
            f"| {task} ({metric}, {better} is better) | " + " | ".join(cells) + f" | {report[arms[0]][task]['n']} |"
        )
    return "\n".join(lines)


def _cell(entry: Mapping) -> str:
    stderr = f" ± {entry['stderr']:.3f}" if entry.get("stderr") is not None else ""
    return f"{entry['value']:.3f}{stderr}"


def chart_png(report: Mapping[str, Mapping[str, dict]]) -> bytes:
    """One panel per task, one bar per arm, the standard error as the whisker."""
    arms = [arm for arm in ARMS if arm in report]
    figure, _ = axes(width=3.2 * len(METRICS), height=3.4)
    figure.clf()
    colors = {"base": "#9aa5b1", "production": "#3b6ea5", "candidate": "#d9822b"}
    for index, (task, (metric, higher)) in enumerate(METRICS.items(), start=1):
        ax = figure.add_subplot(1, len(METRICS), index)
        values = [report[arm][task]["value"] for arm in arms]
        errors = [report[arm][task]["stderr"] or 0 for arm in arms]
        ax.bar(arms, values, yerr=errors, capsize=4, color=[colors[arm] for arm in arms])
        ax.set_title(task, fontsize=9)
        ax.set_ylabel(f"{metric} ({'higher' if higher else 'lower'} is better)", fontsize=8)
        ax.tick_params(labelsize=8)
    return png(figure)


__all__ = ["ARMS", "chart_png", "item_scores", "markdown_table", "summarize"]
