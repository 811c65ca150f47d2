"""The guardrail classifier: linear heads over MiniLM sentence embeddings and hashed character n-grams.

Two heads, ``input`` (abuse, others_data, prompt_injection, unsafe_medical, harmful_offtopic vs
benign) and ``output`` (impolite, medical_advice vs ok), each with a screen: the same labels from
the n-grams alone, which costs microseconds and decides which texts are worth embedding (an
embedding costs 7-17 ms on two cores; the request's budget is 25). A label fires only at or above
its threshold, chosen on cross-validation; a screen's thresholds are set low, to pass nearly all.

Saved as JSON (labels, thresholds, embedder, feature settings, the weights' sha256) and an npz of
plain arrays read with ``allow_pickle=False``: loading a model file cannot run code, and a file
that was changed or cut short fails with GuardrailModelError naming what is wrong.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from .features import CharFeatures
from .idioms import said_plainly
from .normalize import TextView

FORMAT = 1
META_FILE, WEIGHTS_FILE = "guardrail_model.json", "guardrail_model.npz"
INPUT_LABELS = ("abuse", "others_data", "prompt_injection", "unsafe_medical", "harmful_offtopic", "benign")
OUTPUT_LABELS = ("impolite", "medical_advice", "ok")
HEAD_LABELS = {"input": INPUT_LABELS, "input_screen": INPUT_LABELS, "output": OUTPUT_LABELS,
               "output_screen": OUTPUT_LABELS}  # fmt: skip
NEGATIVE = {"input": "benign", "input_screen": "benign", "output": "ok", "output_screen": "ok"}
USES_EMBEDDING = {"input": True, "input_screen": False, "output": True, "output_screen": False}
SCREEN = {"input": "input_screen", "output": "output_screen"}


class GuardrailModelError(ValueError):
    """A model directory that is missing, incomplete, altered or inconsistent."""


class TextEmbedder(Protocol):
    model_name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class LinearHead:
    labels: tuple[str, ...]
    negative: str  # the label that means "nothing to do"
    embedding: bool  # the first columns of coef weigh the sentence embedding
    coef: np.ndarray  # (len(labels), embedding dimension if used + hashed features), float32
    intercept: np.ndarray  # (len(labels),)
    thresholds: Mapping[str, float]  # each label but the negative one
    n_chars: int  # hashed n-gram columns, the last ones of coef

    def proba(self, embeddings: np.ndarray | None, chars: Sequence[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
        """Probabilities per text; ``chars``: CharFeatures.counts() of each (a few texts at a time, so
        indexing the used columns beats a sparse product)."""
        split = self.coef.shape[1] - self.n_chars
        logits = np.stack([self.coef[:, split + index] @ values for index, values in chars]) + self.intercept
        if self.embedding:
            logits += embeddings @ self.coef[:, :split].T
        logits -= logits.max(axis=1, keepdims=True)
        odds = np.exp(logits)
        return odds / odds.sum(axis=1, keepdims=True)

    def fired(self, row: np.ndarray) -> tuple[str, float] | None:
        """The likeliest label at or above its threshold, with its probability; None if none is."""
        best = None
        for label, p in zip(self.labels, row):
            if label != self.negative and p >= self.thresholds[label] and (best is None or p > best[1]):
                best = (label, float(p))
        return best


def _resolve_embedder(name: str) -> TextEmbedder:
    from ..rag.embedder import DEFAULT_MODEL, Embedder, default_embedder

    return default_embedder() if name == DEFAULT_MODEL else Embedder(name)


class GuardrailModel:
    def __init__(self, heads: Mapping[str, LinearHead], chars: CharFeatures, embedder_name: str,
                 embedder: TextEmbedder | None = None):  # fmt: skip
        missing = set(HEAD_LABELS) - set(heads)
        if missing:
            raise GuardrailModelError(f"model lacks heads {sorted(missing)}")
        self.heads, self.chars, self.embedder_name = dict(heads), chars, embedder_name
        self._embedder = embedder

    @property
    def embedder(self) -> TextEmbedder:
        if self._embedder is None:  # on first use: a rules-only check never loads MiniLM
            self._embedder = _resolve_embedder(self.embedder_name)
        return self._embedder

    def proba(self, head: str, texts: Sequence[str], views: Sequence[TextView] | None = None) -> np.ndarray:
        """(len(texts), labels) probabilities; ``views``: the texts' TextViews when the caller has them."""
        linear, plainly = self.heads[head], [said_plainly(t) for t in texts]
        views = views or [None] * len(texts)
        plains = [v.plain if v is not None and p is t else TextView.of(p).plain
                  for t, p, v in zip(texts, plainly, views)]  # fmt: skip
        embeddings = self.embedder.embed(plainly) if linear.embedding else None
        return linear.proba(embeddings, [self.chars.counts(p) for p in plains])

    def classify(self, head: str, text: str, view: TextView | None = None) -> tuple[str, float] | None:
        """(label, probability) when a label fires on one text, else None."""
        return self.heads[head].fired(self.proba(head, [text], [view] if view else None)[0])

    def screened(self, head: str, texts: Sequence[str], views: Sequence[TextView] | None = None) -> list[bool]:
        """Whether each text is worth the full head (its screen fires): the n-grams alone, no embedding."""
        screen = self.heads[SCREEN[head]]
        return [screen.fired(row) is not None for row in self.proba(SCREEN[head], texts, views)]

    def threshold(self, head: str, label: str) -> float:
        return self.heads[head].thresholds[label]

    # --- files ------------------------------------------------------------------------------------

    def to_files(self) -> tuple[bytes, bytes]:
        """(JSON, npz) bytes: what save() writes and the object store keeps."""
        arrays = {}
        for name, head in self.heads.items():
            arrays[f"{name}.coef"] = head.coef.astype(np.float32)
            arrays[f"{name}.intercept"] = head.intercept.astype(np.float32)
        buffer = io.BytesIO()
        np.savez_compressed(buffer, **arrays)
        weights = buffer.getvalue()
        meta = {
            "format": FORMAT,
            "embedder": self.embedder_name,
            "chars": self.chars.to_json(),
            "heads": {
                name: {
                    "labels": list(h.labels),
                    "negative": h.negative,
                    "embedding": h.embedding,
                    "thresholds": {k: round(float(v), 6) for k, v in h.thresholds.items()},
                    "features": int(h.coef.shape[1]),
                }
                for name, h in self.heads.items()
            },
            "weights_sha256": hashlib.sha256(weights).hexdigest(),
        }
        return json.dumps(meta, indent=2, sort_keys=True).encode(), weights

    def save(self, directory: str | Path) -> Path:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        meta, weights = self.to_files()
        (directory / WEIGHTS_FILE).write_bytes(weights)
        (directory / META_FILE).write_bytes(meta)  # last: a directory with the JSON is complete
        return directory

    @classmethod
    def load(cls, directory: str | Path, embedder: TextEmbedder | None = None) -> GuardrailModel:
        directory = Path(directory)
        try:
            meta, weights = (directory / META_FILE).read_bytes(), (directory / WEIGHTS_FILE).read_bytes()
        except FileNotFoundError as err:
            raise GuardrailModelError(
                f"no guardrail model in {directory}: {Path(err.filename).name} is missing"
            ) from None
        return cls.from_files(meta, weights, embedder, where=str(directory))

    @classmethod
    def from_files(cls, meta_bytes: bytes, weights: bytes, embedder: TextEmbedder | None = None,
                   where: str = "model") -> GuardrailModel:  # fmt: skip
        try:
            meta = json.loads(meta_bytes)
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise GuardrailModelError(f"{where}: {META_FILE} is not valid JSON ({err})") from None
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            raise GuardrailModelError(f"{where}: {META_FILE} is not a format-{FORMAT} guardrail model")
        if hashlib.sha256(weights).hexdigest() != meta.get("weights_sha256"):
            raise GuardrailModelError(f"{where}: {WEIGHTS_FILE} does not match the sha256 in {META_FILE} "
                                      "(changed or cut short); retrain or restore both files")  # fmt: skip
        if embedder is not None and embedder.model_name != meta.get("embedder"):
            raise GuardrailModelError(f"{where}: trained with embedder {meta.get('embedder')!r}, "
                                      f"given {embedder.model_name!r}")  # fmt: skip
        try:
            with np.load(io.BytesIO(weights), allow_pickle=False) as arrays:
                chars = CharFeatures(**meta["chars"])
                heads = {name: _head(name, spec, arrays, chars.n_features) for name, spec in meta["heads"].items()}
        except (KeyError, TypeError, ValueError) as err:
            raise GuardrailModelError(f"{where}: inconsistent model files ({err})") from None
        for name, head in heads.items():
            if head.coef.shape[1] != meta["heads"][name]["features"] or head.coef.shape[1] < chars.n_features:
                raise GuardrailModelError(f"{where}: head {name} has {head.coef.shape[1]} features, "
                                          f"expected {meta['heads'][name]['features']}")  # fmt: skip
        return cls(heads, chars, meta["embedder"], embedder)


def _head(name: str, spec: Mapping[str, Any], arrays: Mapping[str, np.ndarray], n_chars: int) -> LinearHead:
    labels = tuple(spec["labels"])
    coef, intercept = arrays[f"{name}.coef"], arrays[f"{name}.intercept"]
    if coef.ndim != 2 or coef.shape[0] != len(labels) or intercept.shape != (len(labels),):
        raise ValueError(f"head {name}: weights do not fit its {len(labels)} labels")
    thresholds = {k: float(v) for k, v in spec["thresholds"].items()}
    if set(thresholds) != set(labels) - {spec["negative"]} or not all(0 < t <= 1 for t in thresholds.values()):
        raise ValueError(f"head {name}: thresholds must be in (0, 1] for each label but {spec['negative']}")
    if not np.isfinite(coef).all() or not np.isfinite(intercept).all():
        raise ValueError(f"head {name}: weights are not finite")
    return LinearHead(labels, spec["negative"], bool(spec["embedding"]), coef, intercept, thresholds, n_chars)


__all__ = [
    "HEAD_LABELS",
    "INPUT_LABELS",
    "META_FILE",
    "OUTPUT_LABELS",
    "SCREEN",
    "WEIGHTS_FILE",
    "GuardrailModel",
    "GuardrailModelError",
    "LinearHead",
    "TextEmbedder",
]
