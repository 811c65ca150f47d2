"""Training the guardrail classifier: one logistic regression per head, thresholds chosen on cross-validation.

Each label's threshold is the lowest probability (not under ``min_threshold``) at which it fires on
at most ``max_benign_fp`` of the benign rows, measured out of fold. The screen's thresholds are the
highest at which it still passes ``screen_recall`` of each label's rows on to the full output head;
the figures reported are those of screen and head together, as the guardrails run them.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from .config import DEFAULT_TRAINING, TrainConfig
from .features import CharFeatures, plain_texts
from .idioms import said_plainly

if TYPE_CHECKING:
    from sklearn.linear_model import LogisticRegression

from .model import HEAD_LABELS, NEGATIVE, SCREEN, USES_EMBEDDING, GuardrailModel, LinearHead, TextEmbedder


@dataclass
class TrainedGuardrails:
    model: GuardrailModel
    metrics: dict[str, dict[str, dict[str, float]]]  # head -> label -> precision, recall, f1, support (CV)
    confusion: dict[str, dict]  # head -> {"labels", "matrix"}: rows the true label, columns the decision
    thresholds: dict[str, dict[str, float]]  # head -> label -> probability at which it fires
    benign_fp: dict[str, float]  # head -> share of benign (ok) rows that any label fired on (CV)
    screened: dict[str, float]  # head -> share of benign (ok) rows its screen passed on to the embedding (CV)
    counts: dict[str, dict[str, int]]  # head -> rows per label
    seconds: float

    def markdown(self) -> str:
        """Per-label CV precision and recall with the thresholds, one table for both heads."""
        lines = ["| head | label | rows | precision | recall | threshold |", "|---|---|---:|---:|---:|---:|"]
        for head in ("input", "output"):
            for label, m in self.metrics[head].items():
                lines.append(f"| {head} | {label} | {m['support']} | {m['precision']:.3f} | {m['recall']:.3f} | "
                             f"{self.thresholds[head][label]:.3f} |")  # fmt: skip
            lines.append(f"| {head} | _benign fired on_ | {self.counts[head][NEGATIVE[head]]} | | "
                         f"{self.benign_fp[head]:.3f} | |")  # fmt: skip
        return "\n".join(lines)


def _rows(rows: Iterable[Mapping[str, str]], head: str) -> tuple[list[str], np.ndarray]:
    texts, labels = [], []
    for row in rows:
        if row["label"] not in HEAD_LABELS[head]:
            raise ValueError(f"{head} row with unknown label {row['label']!r}; labels are {HEAD_LABELS[head]}")
        texts.append(row["text"])
        labels.append(row["label"])
    if set(labels) != set(HEAD_LABELS[head]):
        raise ValueError(f"{head} rows lack labels {sorted(set(HEAD_LABELS[head]) - set(labels))}")
    return texts, np.array(labels)


def _fit(x: sp.csr_matrix, y: np.ndarray, labels: tuple[str, ...], c: float, seed: int) -> LogisticRegression:
    from sklearn.linear_model import LogisticRegression  # only when training: 3 s of import for every step

    model = LogisticRegression(C=c, max_iter=5000, random_state=seed).fit(x, y)
    order = [list(model.classes_).index(label) for label in labels]
    model.coef_, model.intercept_, model.classes_ = model.coef_[order], model.intercept_[order], np.array(labels)
    return model


def _out_of_fold(x: sp.csr_matrix, y: np.ndarray, labels: tuple[str, ...], config: TrainConfig, seed: int):
    proba = np.zeros((len(y), len(labels)))
    from sklearn.model_selection import StratifiedKFold

    folds = StratifiedKFold(config.folds, shuffle=True, random_state=seed)
    for train, held in folds.split(np.zeros(len(y)), y):
        proba[held] = _fit(x[train], y[train], labels, config.c, seed).predict_proba(x[held])
    return proba


def _thresholds(proba: np.ndarray, y: np.ndarray, head: str, config: TrainConfig) -> dict[str, float]:
    negative, chosen = NEGATIVE[head], {}
    benign = y == negative
    for i, label in enumerate(HEAD_LABELS[head]):
        if label == negative:
            continue
        scores = np.sort(proba[benign, i])[::-1]
        allowed = int(config.max_benign_fp * len(scores))  # benign rows that may score at or above it
        above = scores[allowed] + 1e-6 if allowed < len(scores) else 0.0
        chosen[label] = float(min(1.0, max(config.min_threshold, above)))
    return chosen


def _screen_thresholds(proba: np.ndarray, y: np.ndarray, head: str, config: TrainConfig) -> dict[str, float]:
    chosen = {}
    for i, label in enumerate(HEAD_LABELS[head]):
        if label != NEGATIVE[head]:
            scores = np.sort(proba[y == label, i])
            chosen[label] = float(max(1e-3, scores[int((1 - config.screen_recall) * len(scores))]))
    return chosen


def _decide(head: LinearHead, proba: np.ndarray, gate: np.ndarray | None = None) -> np.ndarray:
    decided = []
    for i, row in enumerate(proba):
        fired = head.fired(row) if gate is None or gate[i] else None
        decided.append(fired[0] if fired else head.negative)
    return np.array(decided)


def _report(y: np.ndarray, decided: np.ndarray, labels: tuple[str, ...], negative: str):
    metrics = {}
    for label in labels:
        if label == negative:
            continue
        true, said = y == label, decided == label
        hit = int((true & said).sum())
        precision = hit / said.sum() if said.any() else 0.0
        recall = hit / true.sum()
        f1 = 2 * precision * recall / (precision + recall) if hit else 0.0
        metrics[label] = {"precision": round(float(precision), 4), "recall": round(float(recall), 4),
                          "f1": round(float(f1), 4), "support": int(true.sum())}  # fmt: skip
    matrix = [[int(((y == t) & (decided == d)).sum()) for d in labels] for t in labels]
    benign_fp = float((decided[y == negative] != negative).mean())
    return metrics, {"labels": list(labels), "matrix": matrix}, round(benign_fp, 4)


def _features(texts: list[str], chars: CharFeatures, embedder: TextEmbedder) -> tuple[sp.csr_matrix, sp.csr_matrix]:
    """(embedding + n-grams, n-grams alone) rows of the texts."""
    plainly = [said_plainly(t) for t in texts]  # as GuardrailModel.proba reads them
    hashed = chars.transform(plain_texts(plainly))
    return sp.hstack([sp.csr_matrix(embedder.embed(plainly)), hashed]).tocsr(), hashed


def train_guardrail_model(
    input_rows: Iterable[Mapping[str, str]],
    output_rows: Iterable[Mapping[str, str]],
    embedder: TextEmbedder,
    seed: int = 0,
    config: TrainConfig = DEFAULT_TRAINING,
) -> TrainedGuardrails:
    started = time.perf_counter()
    chars = CharFeatures(n_features=config.char_features)
    data, features = {}, {}
    for head, rows in (("input", input_rows), ("output", output_rows)):
        texts, y = _rows(rows, head)
        data[head] = data[SCREEN[head]] = y
        features[head], features[SCREEN[head]] = _features(texts, chars, embedder)
    proba, heads = {}, {}
    for head in HEAD_LABELS:
        y, labels = data[head], HEAD_LABELS[head]
        proba[head] = _out_of_fold(features[head], y, labels, config, seed)
        if head in SCREEN.values():
            chosen = _screen_thresholds(proba[head], y, head, config)
        else:
            chosen = _thresholds(proba[head], y, head, config)
        final = _fit(features[head], y, labels, config.c, seed)
        heads[head] = LinearHead(labels, NEGATIVE[head], USES_EMBEDDING[head], final.coef_.astype(np.float32),
                                 final.intercept_.astype(np.float32), chosen, chars.n_features)  # fmt: skip
    metrics, confusion, benign_fp, screened = {}, {}, {}, {}
    for head in ("input", "output"):
        y = data[head]
        # As the guardrails run it: the full head only where the screen passes the text on.
        gate = np.array([heads[SCREEN[head]].fired(row) is not None for row in proba[SCREEN[head]]])
        screened[head] = round(float(gate[y == NEGATIVE[head]].mean()), 4)
        decided = _decide(heads[head], proba[head], gate)
        metrics[head], confusion[head], benign_fp[head] = _report(y, decided, HEAD_LABELS[head], NEGATIVE[head])
    counts = {head: {label: int((data[head] == label).sum()) for label in HEAD_LABELS[head]} for head in SCREEN}
    model = GuardrailModel(heads, chars, embedder.model_name, embedder)
    thresholds = {head: dict(h.thresholds) for head, h in heads.items()}
    seconds = time.perf_counter() - started
    return TrainedGuardrails(model, metrics, confusion, thresholds, benign_fp, screened, counts, seconds)


__all__ = ["TrainedGuardrails", "train_guardrail_model"]
