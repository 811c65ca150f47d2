"""The report's PNGs: an overview of every feature against its threshold, and reference-vs-day shares."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ...common.plots import axes, png

if TYPE_CHECKING:
    from .report import DriftReport

DRIFTED, STEADY, REFERENCE = "#c0392b", "#2e86c1", "#95a5a6"


def overview_png(report: DriftReport) -> bytes:
    """Each evaluated feature's effect as a multiple of its threshold (1 = at the threshold)."""
    rows = [r for r in report.rows if r["value"] is not None]
    figure, ax = axes(7, max(2.5, 0.32 * len(rows) + 1))
    ratios = [abs(r["value"]) / r["threshold"] if r["threshold"] else 0.0 for r in rows]
    colors = [DRIFTED if r["drifted"] else STEADY for r in rows]
    ax.barh([r["feature"] for r in rows], ratios, color=colors)
    ax.axvline(1.0, color="black", linewidth=1, linestyle="--")
    ax.invert_yaxis()
    ax.set_xlabel("effect / threshold (red: drifted, effect and significance)")
    ax.set_title(f"drift on {report.day}: {report.verdict}")
    return png(figure)


def shares_png(name: str, day: str, distribution: dict) -> bytes:
    labels = distribution["labels"]
    x = np.arange(len(labels))
    figure, ax = axes(7, 3.5)
    ax.bar(x - 0.2, distribution["reference"], width=0.4, color=REFERENCE, label="reference")
    ax.bar(x + 0.2, distribution["current"], width=0.4, color=STEADY, label=day)
    ax.set_xticks(x, labels, rotation=30, ha="right", fontsize=8)
    ax.set_ylabel("share")
    ax.set_title(name)
    ax.legend()
    return png(figure)


def report_plots(report: DriftReport) -> dict[str, bytes]:
    plots = {"overview": overview_png(report)}
    for name, distribution in report.distributions.items():
        plots[name] = shares_png(name, report.day, distribution)
    return plots


__all__ = ["overview_png", "report_plots", "shares_png"]
