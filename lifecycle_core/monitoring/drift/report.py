"""The daily drift report: the day's warehouse rows, live prompts and serving measures against the
stored reference of the dataset version in production, one row per feature and one verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from .config import TABULAR, DriftConfig
from .features import NumericReference
from .reference import Reference, embed, sample
from .rows import decide, feature_row, verdict
from .serving import serving_rows
from .sources import Rows, read_prompts, read_rows, read_serving
from .stats import mmd_test, rate_increase
from .table import compared_row
from .text import OovCounter, Rate, unknown_rate, word_counts, words


@dataclass
class DriftReport:
    day: str
    rows: list[dict]
    verdict: str  # "drift" | "no_drift" | "insufficient_data"
    causes: list[str]  # the verdict features that drifted: why the verdict is "drift"
    test_level: float  # the per-test significance level after the Bonferroni split
    reference_days: list[str]
    distributions: dict[str, dict] = field(default_factory=dict)  # per tabular feature: bins and both shares

    @property
    def drifted(self) -> list[str]:
        """Every feature that drifted, the serving measures (which do not vote) included."""
        return [r["feature"] for r in self.rows if r["drifted"]]

    @cached_property
    def plots(self) -> dict[str, bytes]:
        """PNG per plot, drawn on first use: the overview and the reference-vs-day share of each tabular feature."""
        from .plots import report_plots

        return report_plots(self)

    def to_json(self) -> dict:
        return {
            "day": self.day,
            "verdict": self.verdict,
            "causes": self.causes,
            "drifted": self.drifted,
            "test_level": self.test_level,
            "reference_days": self.reference_days,
            "rows": self.rows,
            "distributions": self.distributions,
        }

    def to_markdown(self) -> str:
        causes = f" ({', '.join(self.causes)})" if self.causes else ""
        lines = [
            f"**{self.day}: {self.verdict}**{causes}; reference {self.reference_days[0]}..{self.reference_days[-1]}"
            if self.reference_days
            else f"**{self.day}: {self.verdict}**{causes}",
            "",
            f"Each test at p <= {self.test_level:.2g} (alpha split over the features evaluated).",
            "",
            "| feature | group | statistic | value | threshold | test | p-value | n reference | n day | drifted |",
            "|---|---|---|---:|---:|---|---:|---:|---:|---|",
        ]
        for r in self.rows:
            value = "n/a" if r["value"] is None else f"{r['value']:.4g}"
            p_value = "" if r["p_value"] is None else f"{r['p_value']:.3g}"
            lines.append(
                f"| {r['feature']} | {r['group']} | {r['statistic']} | {value} | {r['threshold']:g} | {r['test'] or ''}"
                f" | {p_value} | {r['n_reference']} | {r['n_current']} | {'**yes**' if r['drifted'] else 'no'} |"
            )
        return "\n".join(lines) + "\n"


def drift_report(reference: Reference, con, day: str, config: DriftConfig | None = None, tokenizer=None) -> DriftReport:
    """The report of `day` (ISO date) against `reference`; `tokenizer`, the base model's, adds the OOV rate."""
    config = config or DriftConfig()
    day = str(day)
    current = read_rows(con, [day], config.text_conversations, config.seed)
    distributions: dict[str, dict] = {}
    rows = _tabular_rows(reference, current, config, distributions)
    rows += _text_rows(reference, current, day, config, tokenizer)
    prompts = read_prompts(con, day)
    if prompts is not None:
        rows += _prompt_rows(reference, prompts, config, distributions)
    serving = read_serving(con, day, config.serving_baseline_days)
    if serving is not None:
        rows += serving_rows(*serving, config)
    level = decide(rows, config)
    outcome, causes = verdict(rows, config)
    return DriftReport(day, rows, outcome, causes, level, reference.days, distributions)


def _tabular_rows(reference: Reference, current: Rows, config: DriftConfig, distributions: dict) -> list[dict]:
    rows = []
    for name in TABULAR:
        if name not in reference.features:
            continue  # the snapshot had no such table: nothing to compare with
        kind = reference.features[name].kind
        values = current.numeric.get(name, np.zeros(0)) if kind == "numeric" else current.categorical.get(name, {})
        rows.append(compared_row(name, "tabular", reference.features[name], values, config, distributions))
    return rows


def _rate_row(name: str, rate: Rate, baseline: Rate, threshold: float, config: DriftConfig) -> dict:
    row = feature_row(name, "text", "rate_increase", threshold, baseline.total, rate.total)
    if baseline.total >= config.min_reference and rate.total >= config.min_current:
        test = rate_increase(rate.hits, rate.total, baseline.hits, baseline.total)
        row.update(value=test.statistic, test="proportion_z", p_value=test.p_value,
                   detail={"rate": rate.value, "reference_rate": baseline.value})  # fmt: skip
    return row


def _embedding_row(name: str, texts: list[str], reference: Reference, config: DriftConfig, stream: int) -> dict:
    stored = reference.embeddings.get(name, np.zeros((0, 0)))
    texts = sample(texts, config.embedding_sample, config.seed, stream)
    row = feature_row(name, "text", "mmd2", config.mmd_threshold, len(stored), len(texts))
    if len(stored) >= config.min_current and len(texts) >= config.min_current:
        kept = reference.settings.get("embedding_words")  # the day's texts are cut as the reference's were
        test = mmd_test(stored, embed(texts, config, kept), config.permutations, config.seed)
        row.update(value=test.statistic, test="permutation", p_value=test.p_value,
                   detail={"model": reference.embedding_model})  # fmt: skip
    return row


def _text_rows(reference: Reference, current: Rows, day: str, config: DriftConfig, tokenizer) -> list[dict]:
    turns = current.member_texts.get(day, [])
    rate = unknown_rate(word_counts(turns), reference.vocabulary)
    rows = [_rate_row("unknown_word_rate", rate, reference.unknown_baseline, config.unknown_word_threshold, config)]
    if tokenizer is not None and reference.oov is not None:
        oov = OovCounter(tokenizer, int(reference.settings.get("oov_min_pieces", config.oov_min_pieces)))
        rows.append(_rate_row("tokenizer_oov_rate", oov.rate(turns), reference.oov, config.oov_threshold, config))
    rows.append(_embedding_row("conversation_embedding", current.conversations, reference, config, 101))
    return rows


def _prompt_rows(reference: Reference, prompts: list[str], config: DriftConfig, distributions: dict) -> list[dict]:
    """The day's live prompts against the dataset's training user turns."""
    rows = []
    if isinstance(reference.features.get("prompt_length"), NumericReference):
        lengths = np.asarray([len(words(p)) for p in prompts], np.float64)
        rows.append(compared_row("prompt_length", "text", reference.features["prompt_length"], lengths, config,
                              distributions))  # fmt: skip
    rate = unknown_rate(word_counts(prompts), reference.vocabulary)
    rows.append(_rate_row("prompt_unknown_word_rate", rate, reference.unknown_baseline,
                          config.unknown_word_threshold, config))  # fmt: skip
    rows.append(_embedding_row("prompt_embedding", prompts, reference, config, 102))
    return rows


__all__ = ["DriftReport", "drift_report"]
