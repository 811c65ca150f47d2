"""One feature's reference, fitted once, and its comparison with a day's values.

A numeric reference keeps a grid of points (every distinct value when there are at most `ks_grid`,
else `ks_grid` quantiles) with the reference's ECDF at and just below each point, plus the PSI bin
edges (reference quantiles snapped to the grid). A day's values are placed on the grid once; that one
pass gives both the KS statistic (exact when the grid holds every reference value) and PSI's bin
counts. Placing is a bucketed search: a uniform lookup table over the grid's range decides almost
every value with one multiply, a gather and a comparison, and only values whose bucket holds
several grid points are binary-searched; the counts are exact either way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .stats import chi_square, ks_p_value, psi, shares

BUCKETS = 1 << 16


@dataclass(frozen=True)
class Comparison:
    """PSI of the feature, and the companion test: KS (numeric) or chi-square (categorical)."""

    psi: float
    test: str
    statistic: float
    p_value: float
    n_reference: int
    n_current: int
    labels: list[str]  # bins or categories, for plots
    reference_shares: list[float]
    current_shares: list[float]


class _Locator:
    """For each value, how many grid points are below it and whether it equals one: searchsorted on
    both sides, over a lookup table. A value's bucket holds no grid point (the count is the table's),
    one (one comparison settles it) or several (binary search, for those values only)."""

    def __init__(self, grid: np.ndarray):
        self.grid = grid
        trim = len(grid) // 1000  # the buckets span the grid less its extreme points: outliers don't widen them
        self.lo, span = float(grid[trim]), float(grid[-1 - trim] - grid[trim])
        self.scale = (BUCKETS - 1) / span if span > 0 else 0.0
        bucket = self._bucket(grid)
        self.below = np.searchsorted(bucket, np.arange(BUCKETS), side="left").astype(np.int32)
        held = np.bincount(bucket, minlength=BUCKETS)
        self.point = np.full(BUCKETS, np.nan)  # the one grid point of a bucket (NaN compares false)
        self.point[held == 1] = grid[self.below[held == 1]]
        self.crowded = held > 1

    def _bucket(self, values: np.ndarray) -> np.ndarray:
        # Monotone in the value (subtract, scale, clip, truncate), so grid points in a lower bucket
        # are below the value and those in a higher one above it: only its own bucket is in doubt.
        scaled = (values - self.lo) * self.scale
        return np.clip(scaled, 0, BUCKETS - 1, out=scaled).astype(np.intp)

    def counts(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(#values <= grid[j], #values < grid[j]) for every j."""
        size = len(self.grid)
        bucket = self._bucket(values)
        point = self.point[bucket]
        left = self.below[bucket] + (values > point)  # grid points below the value
        tie = values == point
        crowded = np.flatnonzero(self.crowded[bucket])
        if len(crowded):
            doubt = values[crowded]
            left[crowded] = np.searchsorted(self.grid, doubt, side="left")
            tie[crowded] = np.searchsorted(self.grid, doubt, side="right") > left[crowded]
        le = np.bincount(left, minlength=size + 1)[:size].cumsum()  # v <= g[j]  <=>  #grid < v <= j
        ties = np.bincount(left[tie], minlength=size + 1)[:size]  # v == g[j]
        return le, le - ties


@dataclass
class NumericReference:
    grid: np.ndarray  # increasing points
    le: np.ndarray  # reference share <= grid[j]
    lt: np.ndarray  # reference share < grid[j]
    edges: np.ndarray  # indices into grid: PSI bins are (-inf, g[e0]], (g[e0], g[e1]], ..., (g[e_last], inf)
    n: int
    exact: bool

    kind = "numeric"

    @classmethod
    def fit(cls, values: np.ndarray, grid_size: int = 2048, bins: int = 10) -> NumericReference:
        values = np.sort(_finite(values))
        if len(values) == 0:
            return cls(np.zeros(1), np.ones(1), np.zeros(1), np.zeros(0, np.int64), 0, True)
        distinct = _distinct(values)
        exact = len(distinct) <= grid_size
        grid = distinct if exact else _distinct(_quantiles(values, np.linspace(0, 1, grid_size)))
        n = len(values)
        le = np.searchsorted(values, grid, side="right") / n
        lt = np.searchsorted(values, grid, side="left") / n
        cuts = _quantiles(values, np.arange(1, bins) / bins)
        edges = np.unique(np.searchsorted(grid, cuts, side="left"))
        return cls(grid, le, lt, edges[edges < len(grid) - 1], n, exact)

    def compare(self, values: np.ndarray, pseudo_count: float = 0.5) -> Comparison:
        values = _finite(values)
        m = len(values)
        le, lt = _locator(self).counts(values) if m else (np.zeros(len(self.grid)), np.zeros(len(self.grid)))
        d = float(max(np.abs(self.le - le / max(m, 1)).max(), np.abs(self.lt - lt / max(m, 1)).max())) if m else 0.0
        ref_bins, cur_bins = self._bins(self.le * self.n), self._bins(le)
        cur_bins[-1] += m - le[-1]  # values above the grid's last point
        labels = [f"<= {self.grid[e]:g}" for e in self.edges] + [
            f"> {self.grid[self.edges[-1]]:g}" if len(self.edges) else "all"
        ]
        return Comparison(
            psi(ref_bins, cur_bins, pseudo_count),
            "ks",
            d,
            ks_p_value(d, self.n, m),
            self.n,
            m,
            labels,
            shares(ref_bins).tolist(),
            shares(cur_bins).tolist(),
        )

    def _bins(self, cumulative: np.ndarray) -> np.ndarray:
        at = np.concatenate([cumulative[self.edges], cumulative[-1:]]).astype(np.float64)
        return np.diff(at, prepend=0.0)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "grid": self.grid.tolist(), "le": self.le.tolist(), "lt": self.lt.tolist(),
                "edges": self.edges.tolist(), "n": self.n, "exact": self.exact}  # fmt: skip

    @classmethod
    def from_dict(cls, data: Mapping) -> NumericReference:
        arrays = (np.asarray(data[k], np.float64) for k in ("grid", "le", "lt"))
        return cls(*arrays, np.asarray(data["edges"], np.int64), int(data["n"]), bool(data["exact"]))


_LOCATORS: dict[int, tuple[NumericReference, _Locator]] = {}


def _locator(reference: NumericReference) -> _Locator:
    """The lookup table of a reference, built on first use and kept while the reference lives."""
    held = _LOCATORS.get(id(reference))
    if held is None or held[0] is not reference:
        if len(_LOCATORS) > 64:
            _LOCATORS.clear()
        held = _LOCATORS[id(reference)] = (reference, _Locator(reference.grid))
    return held[1]


def _distinct(ordered: np.ndarray) -> np.ndarray:
    """np.unique of an already sorted array, without sorting it again."""
    return ordered[np.concatenate([[True], ordered[1:] != ordered[:-1]])] if len(ordered) else ordered


def _quantiles(ordered: np.ndarray, probabilities: np.ndarray) -> np.ndarray:
    """np.quantile(method="inverted_cdf") of a sorted array: reference values, never interpolated."""
    at = np.ceil(probabilities * len(ordered) - 1e-9).astype(np.int64) - 1
    return ordered[np.clip(at, 0, len(ordered) - 1)]


def _finite(values) -> np.ndarray:
    values = np.asarray(values, dtype=np.float64)
    return values if np.isfinite(values).all() else values[np.isfinite(values)]


@dataclass
class CategoricalReference:
    categories: list[str]
    counts: np.ndarray

    kind = "categorical"

    @classmethod
    def fit(cls, counts: Mapping[str, int]) -> CategoricalReference:
        names = sorted(counts)
        return cls(names, np.asarray([counts[c] for c in names], dtype=np.int64))

    @property
    def n(self) -> int:
        return int(self.counts.sum())

    def compare(self, counts: Mapping[str, int], pseudo_count: float = 0.5) -> Comparison:
        """Categories the reference never saw are new bins with a reference count of 0."""
        new = sorted(set(counts) - set(self.categories))
        labels = self.categories + new
        ref = np.concatenate([self.counts, np.zeros(len(new), np.int64)])
        cur = np.asarray([counts.get(c, 0) for c in labels], dtype=np.int64)
        test = chi_square(ref, cur)
        return Comparison(psi(ref, cur, pseudo_count), "chi_square", test.statistic, test.p_value, self.n,
                          int(cur.sum()), labels, shares(ref).tolist(), shares(cur).tolist())  # fmt: skip

    def to_dict(self) -> dict:
        return {"kind": self.kind, "categories": self.categories, "counts": self.counts.tolist()}

    @classmethod
    def from_dict(cls, data: Mapping) -> CategoricalReference:
        return cls(list(data["categories"]), np.asarray(data["counts"], np.int64))


def category_counts(values) -> dict[str, int]:
    """Counts per category of a polars Series, a sequence or an array (nulls left out)."""
    import polars as pl

    series = values if isinstance(values, pl.Series) else pl.Series(values)
    counted = series.drop_nulls().value_counts()
    return {str(k): int(v) for k, v in zip(counted[:, 0].to_list(), counted[:, 1].to_list())}


def feature_from_dict(data: Mapping) -> NumericReference | CategoricalReference:
    return (NumericReference if data["kind"] == "numeric" else CategoricalReference).from_dict(data)


__all__ = ["CategoricalReference", "Comparison", "NumericReference", "category_counts", "feature_from_dict"]
