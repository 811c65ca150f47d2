"""The dataset card: a token-length histogram (PNG) and a Markdown summary for people."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..common.plots import axes, png
from .report import DatasetReport
from .split import SPLITS

HIST_BINS = 30


def token_stats(lengths: Sequence[int]) -> dict[str, float]:
    if not len(lengths):
        return {"count": 0}
    a = np.asarray(lengths)
    return {
        "count": int(a.size),
        "min": int(a.min()),
        "mean": round(float(a.mean()), 1),
        "p50": float(np.percentile(a, 50)),
        "p95": float(np.percentile(a, 95)),
        "max": int(a.max()),
    }


def token_histogram(lengths: Sequence[int], bins: int = HIST_BINS) -> dict[str, list]:
    """Bin edges and counts, small enough for card.json whatever the dataset size."""
    counts, edges = np.histogram(np.asarray(lengths, dtype=float), bins=bins) if len(lengths) else ([], [])
    return {"edges": [round(float(e), 2) for e in edges], "counts": [int(c) for c in counts]}


def token_histogram_png(lengths: Sequence[int], max_tokens: int | None = None) -> bytes:
    """A readable PNG of example lengths in tokens."""
    figure, ax = axes()
    if len(lengths):
        ax.hist(lengths, bins=HIST_BINS, color="#3b6ea5", edgecolor="white")
    if max_tokens:
        ax.axvline(max_tokens, color="#c0392b", linestyle="--", label=f"max_tokens = {max_tokens}")
        ax.legend()
    ax.set_xlabel("tokens per example")
    ax.set_ylabel("examples")
    ax.set_title(f"Token lengths ({len(lengths)} examples)")
    return png(figure)


def _table(title: str, rows: Mapping[str, Any]) -> list[str]:
    lines = [f"| {title} | count |", "|---|---:|"]
    lines += [f"| {k} | {v} |" for k, v in rows.items()] or ["| (none) | 0 |"]
    return lines + [""]


def _lineage_lines(lineage: Mapping[str, Any]) -> list[str]:
    """One bullet per lineage entry; long date lists shown as first .. last (count)."""
    lines = []
    for key, value in lineage.items():
        if isinstance(value, list | tuple):
            values = [str(v) for v in value]
            shown = f"{values[0]} .. {values[-1]} ({len(values)})" if len(values) > 6 else ", ".join(values)
            lines.append(f"- {key}: {shown or '(none)'}")
        else:
            lines.append(f"- {key}: {value}")
    return lines


def card_markdown(
    report: DatasetReport,
    version: str,
    lineage: Mapping[str, Any] | None = None,
    histogram_src: str = "token_lengths.png",
) -> str:
    """Markdown dataset card from ``build_dataset``'s report; ``lineage`` defaults to the report's.

    ``histogram_src``: the file beside card.md in the store, or a data URI where the card is shown
    without its folder (Dagster's metadata panel cannot follow a relative link).
    """
    stats = token_stats(report.token_lengths)
    sources = sorted(report.by_source)
    split_counts = ", ".join(f"{s} {report.by_split[s]}" for s in SPLITS)
    lines = [
        f"# Fine-tuning dataset `{version}`",
        "",
        (
            "Chat examples (system, user, assistant) from resolved, polite, well-rated member conversations with "
            "PII scrubbed, and question-answer pairs generated from plan benefits and plan documents."
        ),
        "",
        f"- data version: `{version}`",
        f"- examples: {report.total} ({split_counts})",
        f"- plan QA share of train: {report.mix['plan_qa_share_train']} (target {report.mix['plan_qa_share_target']})",
        f"- tokens per example: {', '.join(f'{k} {v}' for k, v in stats.items())}",
        "",
        "## Lineage",
        "",
        *_lineage_lines(lineage if lineage is not None else report.lineage),
        "",
        "## Counts by split and source",
        "",
        "| split | " + " | ".join(sources) + " |",
        "|---|" + "---:|" * len(sources),
    ]
    lines += [
        f"| {s} | " + " | ".join(str(report.by_split_source[s].get(src, 0)) for src in sources) + " |" for s in SPLITS
    ]
    lines += ["", "## Counts by topic", ""] + _table("topic", report.by_topic)
    lines += ["## Dropped, by reason", ""] + _table("reason", report.dropped)
    lines += ["## PII replacements, by type", ""] + _table("type", report.pii_replacements)
    lines += ["## Token lengths", "", f"![token lengths]({histogram_src})", ""]
    return "\n".join(lines)
