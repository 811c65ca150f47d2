"""Tabular drift of whole frames: every column's reference fitted once, then a day's frame compared
column by column with the same rows the daily report shows (PSI + KS or chi-square per feature).

The report feeds it warehouse columns; the benchmark feeds it a 1M-row frame. Numeric columns are
read as float64 numpy arrays without a copy, categorical ones are counted by polars.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from .config import DriftConfig
from .features import CategoricalReference, NumericReference, category_counts
from .rows import decide, feature_row

FeatureReference = NumericReference | CategoricalReference


def compared_row(
    name: str, group: str, reference: FeatureReference, values, config: DriftConfig, distributions: dict | None = None
) -> dict:
    """The feature's row: PSI with the KS (numeric) or chi-square (categorical) p-value; `values` is an
    array (numeric) or counts per category. The bins and both sides' shares go to `distributions`."""
    n_current = len(values) if isinstance(values, np.ndarray) else sum(values.values())
    row = feature_row(name, group, "psi", config.psi_threshold, reference.n, n_current)
    if reference.n >= config.min_reference and n_current >= config.min_current:
        found = reference.compare(values, config.psi_pseudo_count)
        row.update(value=found.psi, test=found.test, p_value=found.p_value, n_current=found.n_current)
        row["detail"] = {"ks" if found.test == "ks" else "chi_square": found.statistic}
        if distributions is not None:
            distributions[name] = {"labels": found.labels, "reference": found.reference_shares,
                                   "current": found.current_shares}  # fmt: skip
    return row


def _numeric(frame, name: str) -> np.ndarray:
    column = frame[name]
    return column.to_numpy() if hasattr(column, "to_numpy") else np.asarray(column)


def fit_table(
    frame, numeric: Sequence[str], categorical: Sequence[str], config: DriftConfig | None = None
) -> dict[str, FeatureReference]:
    """The reference of each column of a polars DataFrame (or a mapping of columns)."""
    config = config or DriftConfig()
    fitted: dict[str, FeatureReference] = {
        name: NumericReference.fit(_numeric(frame, name), config.ks_grid, config.psi_bins) for name in numeric
    }
    fitted.update({name: CategoricalReference.fit(category_counts(frame[name])) for name in categorical})
    return fitted


def compare_table(references: Mapping[str, FeatureReference], frame, config: DriftConfig | None = None) -> list[dict]:
    """One decided row per referenced column of `frame` (drifted: effect and significance, Bonferroni)."""
    config = config or DriftConfig()
    rows = []
    for name, reference in references.items():
        values = _numeric(frame, name) if reference.kind == "numeric" else category_counts(frame[name])
        rows.append(compared_row(name, "tabular", reference, values, config))
    decide(rows, config)
    return rows


__all__ = ["FeatureReference", "compare_table", "compared_row", "fit_table"]
