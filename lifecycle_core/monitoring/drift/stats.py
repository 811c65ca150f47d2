"""The drift statistics, on counts and arrays: PSI, Pearson's chi-square, the two-sample KS p-value,
proportion tests, and the kernel MMD with a permutation p-value. Vectorised numpy; scipy only for
the chi-square and Kolmogorov distributions."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np


def shares(counts: np.ndarray, pseudo_count: float = 0.0) -> np.ndarray:
    """Counts as shares after adding `pseudo_count` to every bin (additive smoothing)."""
    counts = np.asarray(counts, dtype=np.float64) + pseudo_count
    total = counts.sum()
    return counts / total if total > 0 else np.full(len(counts), 1.0 / max(1, len(counts)))


def psi(reference_counts: np.ndarray, current_counts: np.ndarray, pseudo_count: float = 0.5) -> float:
    """Population stability index, sum over bins of (current - reference) * ln(current / reference) shares.

    Both sides are smoothed by `pseudo_count` per bin, so a bin one side lacks costs a finite amount
    that shrinks as that side's sample grows (a new category of 25% of the day is large, one stray row
    is not). Bins empty on both sides add nothing; shares are floored at 1e-12 when no smoothing is asked.
    """
    ref, cur = np.asarray(reference_counts, np.float64), np.asarray(current_counts, np.float64)
    keep = (ref + cur) > 0
    p = np.maximum(shares(ref[keep], pseudo_count), 1e-12)
    q = np.maximum(shares(cur[keep], pseudo_count), 1e-12)
    return float(np.sum((q - p) * np.log(q / p)))


@dataclass(frozen=True)
class TestResult:
    statistic: float
    p_value: float
    dof: int = 0


def chi_square(reference_counts: np.ndarray, current_counts: np.ndarray) -> TestResult:
    """Pearson's chi-square test of homogeneity on the 2 x k table (no continuity correction);
    categories absent from both sides are dropped, as scipy.stats.chi2_contingency requires."""
    from scipy.special import chdtrc

    table = np.vstack([reference_counts, current_counts]).astype(np.float64)
    table = table[:, table.sum(axis=0) > 0]
    if table.shape[1] < 2 or (table.sum(axis=1) == 0).any():
        return TestResult(0.0, 1.0, 0)
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / table.sum()
    statistic = float(((table - expected) ** 2 / expected).sum())
    dof = table.shape[1] - 1
    return TestResult(statistic, float(chdtrc(dof, statistic)), dof)


def ks_p_value(d: float, n: int, m: int) -> float:
    """Two-sided p-value of the two-sample KS statistic `d` by Smirnov's asymptotic distribution, as
    scipy.stats.ks_2samp(method="asymp") computes it (conservative when values repeat)."""
    from scipy.stats import kstwo

    if n == 0 or m == 0:
        return 1.0
    return float(np.clip(kstwo.sf(d, round(n * m / (n + m))), 0.0, 1.0))


def two_proportion(successes: int, n: int, reference_successes: int, reference_n: int) -> TestResult:
    """Two-sided z-test that two rates are equal (pooled variance); statistic = the difference of rates."""
    if n == 0 or reference_n == 0:
        return TestResult(0.0, 1.0)
    p1, p0 = successes / n, reference_successes / reference_n
    pooled = (successes + reference_successes) / (n + reference_n)
    variance = pooled * (1 - pooled) * (1 / n + 1 / reference_n)
    if variance <= 0:
        return TestResult(p1 - p0, 1.0 if p1 == p0 else 0.0)
    z = (p1 - p0) / math.sqrt(variance)
    return TestResult(p1 - p0, math.erfc(abs(z) / math.sqrt(2)))


def rate_increase(successes: int, n: int, reference_successes: int, reference_n: int) -> TestResult:
    """One-sided z-test that the day's rate exceeds the reference rate; statistic = day minus reference."""
    result = two_proportion(successes, n, reference_successes, reference_n)
    if result.statistic <= 0:
        return TestResult(result.statistic, 1.0 - result.p_value / 2)
    return TestResult(result.statistic, result.p_value / 2)


def _sq_distances(z: np.ndarray) -> np.ndarray:
    norms = np.einsum("ij,ij->i", z, z)
    return np.maximum(norms[:, None] + norms[None, :] - 2.0 * (z @ z.T), 0.0)


def mmd_test(x: np.ndarray, y: np.ndarray, permutations: int = 1000, seed: int = 0) -> TestResult:
    """Unbiased MMD^2 between samples `x` (n, d) and `y` (m, d) with a Gaussian kernel exp(-|a-b|^2 / h),
    h the median squared distance of the pooled sample (median heuristic), and its permutation p-value
    (1 + #permuted >= observed) / (1 + permutations). `dof` holds nothing; the statistic is MMD^2 itself,
    about 0 for samples of one distribution and up to 2 for disjoint ones.
    """
    x, y = np.asarray(x, np.float64), np.asarray(y, np.float64)
    n, m = len(x), len(y)
    if n < 2 or m < 2:
        return TestResult(0.0, 1.0)
    sq = _sq_distances(np.vstack([x, y]))
    upper = sq[np.triu_indices(n + m, 1)]
    bandwidth = float(np.median(upper)) or float(upper.mean()) or 1.0
    kernel = np.exp(-sq / bandwidth)
    total, diagonal = kernel.sum(), np.diagonal(kernel)
    rng = np.random.default_rng(seed)
    labels = np.zeros((permutations + 1, n + m))
    labels[:, :n] = 1.0
    labels[1:] = rng.permuted(labels[1:], axis=1)  # row 0: the observed split
    kx = kernel @ labels.T  # (n + m, permutations + 1): K times each indicator of "x"
    sxx = np.einsum("ib,bi->b", kx, labels)
    sxy = kx.sum(axis=0) - sxx
    syy = total - sxx - 2 * sxy
    tx = labels @ diagonal
    ty = diagonal.sum() - tx
    mmd2 = (sxx - tx) / (n * (n - 1)) + (syy - ty) / (m * (m - 1)) - 2 * sxy / (n * m)
    p_value = (1 + int(np.sum(mmd2[1:] >= mmd2[0] - 1e-12))) / (1 + permutations)
    return TestResult(float(mmd2[0]), p_value)


__all__ = ["TestResult", "chi_square", "ks_p_value", "mmd_test", "psi", "rate_increase", "shares", "two_proportion"]
