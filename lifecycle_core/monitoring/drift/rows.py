"""The report's table: one row per feature, the drift decision per row and the day's verdict."""

from __future__ import annotations

from .config import DriftConfig

DRIFT, NO_DRIFT, INSUFFICIENT = "drift", "no_drift", "insufficient_data"
TWO_SIDED = {"rate_change"}  # a serving rate that falls is as much a change as one that rises


def feature_row(feature: str, group: str, statistic: str, threshold: float, n_reference: int, n_current: int) -> dict:
    """A row without a value yet: what it stays when either side has too few rows."""
    return {
        "feature": feature,
        "group": group,
        "statistic": statistic,
        "value": None,
        "test": None,
        "p_value": None,
        "threshold": threshold,
        "drifted": False,
        "n_reference": int(n_reference),
        "n_current": int(n_current),
        "detail": {},
    }


def decide(rows: list[dict], config: DriftConfig) -> float:
    """Mark each evaluated row drifted when its effect reaches the threshold and its p-value is at most
    alpha / (rows evaluated) (Bonferroni over the day's tests); returns that per-test level."""
    evaluated = [r for r in rows if r["value"] is not None]
    level = config.alpha / max(1, len(evaluated))
    for row in evaluated:
        effect = abs(row["value"]) if row["statistic"] in TWO_SIDED else row["value"]
        row["drifted"] = bool(effect >= row["threshold"] and row["p_value"] is not None and row["p_value"] <= level)
    return level


def verdict(rows: list[dict], config: DriftConfig) -> tuple[str, list[str]]:
    """("drift", causes) when at least `min_drifted` verdict features drifted; "insufficient_data" when
    fewer than half of the verdict features present had enough rows to be evaluated; else "no_drift"."""
    voting = [r for r in rows if r["feature"] in config.verdict_features]
    causes = [r["feature"] for r in voting if r["drifted"]]
    if len(causes) >= config.min_drifted:
        return DRIFT, causes
    evaluated = sum(r["value"] is not None for r in voting)
    if not voting or evaluated * 2 < len(voting):
        return INSUFFICIENT, causes
    return NO_DRIFT, causes


__all__ = ["DRIFT", "INSUFFICIENT", "NO_DRIFT", "decide", "feature_row", "verdict"]
