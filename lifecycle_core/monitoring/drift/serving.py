"""Serving measures of the day against the week before: guardrail triggers, feedback, errors, latency."""

from __future__ import annotations

import numpy as np

from .config import DriftConfig
from .features import NumericReference
from .rows import feature_row
from .sources import ServingSide
from .stats import two_proportion


def serving_rows(day: ServingSide, baseline: ServingSide, config: DriftConfig) -> list[dict]:
    rates = [
        ("guardrail_trigger_rate", day.guardrail_triggered, day.requests, baseline.guardrail_triggered,
         baseline.requests, config.rate_threshold),
        ("feedback_rate", day.feedback, day.requests, baseline.feedback, baseline.requests, config.rate_threshold),
        ("negative_feedback_share", day.negative_feedback, day.feedback, baseline.negative_feedback,
         baseline.feedback, config.rate_threshold),
        ("error_rate", day.errors, day.requests, baseline.errors, baseline.requests, config.error_rate_threshold),
    ]  # fmt: skip
    rows = []
    for name, hits, n, reference_hits, reference_n, threshold in rates:
        row = feature_row(name, "serving", "rate_change", threshold, reference_n, n)
        # Feedback is rarer than requests: its share needs fewer rows than the request rates do.
        minimum = config.min_current if name == "negative_feedback_share" else config.min_requests
        if n >= minimum and reference_n >= minimum:
            test = two_proportion(hits, n, reference_hits, reference_n)
            row.update(value=test.statistic, test="two_proportion_z", p_value=test.p_value,
                       detail={"rate": hits / n, "reference_rate": reference_hits / reference_n})  # fmt: skip
        rows.append(row)
    rows.append(_latency_row(day.latency, baseline.latency, config))
    return rows


def _latency_row(day: np.ndarray, baseline: np.ndarray, config: DriftConfig) -> dict:
    """Relative change of the p95 latency; its test is KS on the whole latency distribution."""
    row = feature_row("latency_p95", "serving", "relative_change", config.latency_threshold, len(baseline), len(day))
    if len(day) >= config.min_requests and len(baseline) >= config.min_requests:
        p95, reference_p95 = float(np.quantile(day, 0.95)), float(np.quantile(baseline, 0.95))
        compared = NumericReference.fit(baseline, config.ks_grid, config.psi_bins).compare(day)
        change = (p95 - reference_p95) / reference_p95 if reference_p95 > 0 else 0.0
        row.update(value=change, test="ks", p_value=compared.p_value,
                   detail={"p95_s": p95, "reference_p95_s": reference_p95, "ks": compared.statistic})  # fmt: skip
    return row


__all__ = ["serving_rows"]
