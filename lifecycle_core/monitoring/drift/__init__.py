"""Drift of new data and live prompts against the training snapshot of the dataset version in production.

    ref = build_reference(con, days, dataset_texts, DriftConfig(), tokenizer=None)   # once per dataset version
    save_reference(store, dataset_version, ref); load_reference(store, dataset_version)
    report = drift_report(ref, con, day, DriftConfig(), tokenizer=None)             # each day
    report.rows, report.verdict, report.causes, report.drifted, report.plots, report.to_markdown()

Features (``config``): tabular (topic, plan, claim status and denial mixes by PSI + chi-square;
message and conversation lengths and turns by PSI + KS, reference bins stored), text (unknown-word
and tokenizer OOV rates, MMD of MiniLM embeddings with a permutation p-value; for live prompts
against the dataset's user turns) and serving (guardrail, feedback, error rates and p95 latency
against the week before, reported but not voting). A feature drifts when its effect size reaches
its threshold and its test passes at alpha split over the day's tests (``rows``). ``fit_table`` and
``compare_table`` run the tabular part on any frame (``benchmarks/drift.py``: 1M rows x 20 columns).
"""

from .config import DriftConfig
from .features import CategoricalReference, Comparison, NumericReference, category_counts
from .reference import Reference, build_reference, load_reference, reference_prefix, save_reference
from .report import DriftReport, drift_report
from .rows import DRIFT, INSUFFICIENT, NO_DRIFT
from .table import compare_table, fit_table

__all__ = [
    "DRIFT",
    "INSUFFICIENT",
    "NO_DRIFT",
    "CategoricalReference",
    "Comparison",
    "DriftConfig",
    "DriftReport",
    "NumericReference",
    "Reference",
    "build_reference",
    "category_counts",
    "compare_table",
    "drift_report",
    "fit_table",
    "load_reference",
    "reference_prefix",
    "save_reference",
]
