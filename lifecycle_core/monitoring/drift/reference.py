"""The reference of one dataset version: everything the daily report compares against, computed once
from the training snapshot (the warehouse days the dataset was built from, and its training user turns)
and stored under ``monitoring/drift_reference/<dataset_version>/``.

What is stored is PII-free by construction: per-feature bins and counts, the vocabulary of the
scrubbed reference text (words, no sentences), two rates, and embeddings of sampled scrubbed texts.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ...store import ObjectStore
from .config import DriftConfig
from .features import CategoricalReference, NumericReference, feature_from_dict
from .sources import read_rows
from .text import OovCounter, Rate, unknown_baseline, word_counts, words

PREFIX = "monitoring/drift_reference"
REFERENCE_FILE, EMBEDDINGS_FILE = "reference.json", "embeddings.npz"
# Embedding features and the seed stream of their samples (reference side; the day's side adds 100).
EMBEDDINGS = {"conversation_embedding": 1, "prompt_embedding": 2}


@dataclass
class Reference:
    days: list[str]
    features: dict[str, NumericReference | CategoricalReference]
    vocabulary: frozenset[str]
    unknown_baseline: Rate
    embeddings: dict[str, np.ndarray]
    embedding_model: str
    oov: Rate | None = None
    tokenizer: str | None = None
    settings: dict = field(default_factory=dict)  # the settings that shaped it (bins, grid, sample, seed)


def reference_prefix(dataset_version: str) -> str:
    return f"{PREFIX}/{dataset_version}/"


def sample(texts: Sequence[str], cap: int, seed: int, stream: int) -> list[str]:
    """At most `cap` of `texts`, the same ones for the same inputs, in their original order."""
    if len(texts) <= cap:
        return list(texts)
    chosen = np.random.default_rng((seed, stream)).choice(len(texts), size=cap, replace=False)
    return [texts[i] for i in np.sort(chosen)]


def embed(texts: Sequence[str], config: DriftConfig, words_kept: int | None = None) -> np.ndarray:
    """Normalized float32 embeddings of the first `embedding_words` words of each text, with the project's
    one embedder (MiniLM unless configured): the cost per text is bounded, and a long conversation is
    represented by its opening, where the member says what the conversation is about."""
    from lifecycle_core.serving.rag.embedder import Embedder, default_embedder

    embedder = Embedder(config.embedding_model) if config.embedding_model else default_embedder()
    kept = words_kept or config.embedding_words
    return embedder.embed([" ".join(t.split()[:kept]) for t in texts])


def embedding_model_name(config: DriftConfig) -> str:
    from lifecycle_core.serving.rag.embedder import DEFAULT_MODEL

    return config.embedding_model or DEFAULT_MODEL


def build_reference(
    con,
    days: Sequence[str],
    dataset_texts: Sequence[str] = (),
    config: DriftConfig | None = None,
    tokenizer=None,
) -> Reference:
    """The reference of the training snapshot: `days` of the warehouse and the dataset's user turns
    (`dataset_texts`, already PII-free); `tokenizer` (a transformers tokenizer) adds the OOV rate."""
    config = config or DriftConfig()
    days = sorted(str(d) for d in days)
    rows = read_rows(con, days, config.text_conversations, config.seed)
    features: dict[str, NumericReference | CategoricalReference] = {
        name: CategoricalReference.fit(counts) for name, counts in rows.categorical.items()
    }
    numeric = dict(rows.numeric)
    if dataset_texts:
        numeric["prompt_length"] = np.asarray([len(words(t)) for t in dataset_texts], np.float64)
    for name, values in numeric.items():
        features[name] = NumericReference.fit(values, config.ks_grid, config.psi_bins)
    turns = [t for texts in rows.member_texts.values() for t in texts]
    dataset_counts = word_counts(dataset_texts)
    vocabulary = frozenset(word_counts(turns)) | frozenset(dataset_counts)
    baseline = unknown_baseline(rows.member_texts, dataset_counts) if rows.member_texts else Rate(0, 0)
    oov = OovCounter(tokenizer, config.oov_min_pieces) if tokenizer is not None else None
    prompt_side = list(dataset_texts) or turns
    embeddings = {
        "conversation_embedding": embed(sample(rows.conversations, config.embedding_sample, config.seed, 1), config),
        "prompt_embedding": embed(sample(prompt_side, config.embedding_sample, config.seed, 2), config),
    }
    return Reference(
        days=days,
        features=features,
        vocabulary=vocabulary,
        unknown_baseline=baseline,
        embeddings=embeddings,
        embedding_model=embedding_model_name(config),
        oov=oov.rate([*turns, *dataset_texts]) if oov else None,
        tokenizer=oov.name if oov else None,
        settings={
            "seed": config.seed,
            "psi_bins": config.psi_bins,
            "ks_grid": config.ks_grid,
            "embedding_sample": config.embedding_sample,
            "embedding_words": config.embedding_words,
            "text_conversations": config.text_conversations,
            "oov_min_pieces": config.oov_min_pieces,
            "dataset_texts": len(dataset_texts),
        },
    )


def save_reference(store: ObjectStore, dataset_version: str, reference: Reference) -> str:
    """Write the reference (embeddings first, the JSON that makes it visible last); returns its prefix."""
    prefix = reference_prefix(dataset_version)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **{name: array.astype(np.float32) for name, array in reference.embeddings.items()})
    store.put_bytes(prefix + EMBEDDINGS_FILE, buffer.getvalue())
    store.put_json(
        prefix + REFERENCE_FILE,
        {
            "dataset_version": dataset_version,
            "days": reference.days,
            "features": {name: f.to_dict() for name, f in reference.features.items()},
            "vocabulary": sorted(reference.vocabulary),
            "unknown_baseline": reference.unknown_baseline.to_dict(),
            "oov": reference.oov.to_dict() if reference.oov else None,
            "tokenizer": reference.tokenizer,
            "embedding_model": reference.embedding_model,
            "embeddings": {name: list(array.shape) for name, array in reference.embeddings.items()},
            "settings": reference.settings,
        },
    )
    return prefix


def load_reference(store: ObjectStore, dataset_version: str) -> Reference | None:
    """The stored reference of `dataset_version`, or None when it was never built."""
    prefix = reference_prefix(dataset_version)
    if not store.exists(prefix + REFERENCE_FILE):
        return None
    data = store.get_json(prefix + REFERENCE_FILE)
    with np.load(io.BytesIO(store.get_bytes(prefix + EMBEDDINGS_FILE))) as arrays:
        embeddings = {name: arrays[name] for name in arrays.files}
    return Reference(
        days=list(data["days"]),
        features={name: feature_from_dict(f) for name, f in data["features"].items()},
        vocabulary=frozenset(data["vocabulary"]),
        unknown_baseline=Rate(**data["unknown_baseline"]),
        embeddings=embeddings,
        embedding_model=data["embedding_model"],
        oov=Rate(**data["oov"]) if data["oov"] else None,
        tokenizer=data["tokenizer"],
        settings=data["settings"],
    )


__all__ = ["Reference", "build_reference", "load_reference", "reference_prefix", "sample", "save_reference"]
