"""The index in the object store: `serving/rag_index/<version>/`, and `current.json` naming the one to serve.

A version is a hash of the chunks and the embedding model, so the same plan documents embedded by the
same model are never embedded twice: a finished version (one with its `index.json`, written last) is
reused as it is. Each version is its own directory, written once: a retriever's open table never
changes under it, and going back to an older index is rewriting `current.json`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from lifecycle_core.common.settings import setting
from lifecycle_core.store import LocalObjectStore, ObjectStore, validate_key

from .chunks import MAX_CHARS, OVERLAP_CHARS, Chunk, chunk_plan
from .embedder import DEFAULT_MODEL, Embedder
from .hit_rate import hit_rate
from .index import PlanRetriever, TextEmbedder, build_index

if TYPE_CHECKING:
    import duckdb

RAG_INDEX = "serving/rag_index"  # the store prefix this stage owns
CURRENT_KEY = f"{RAG_INDEX}/current.json"
MANIFEST = "index.json"
LAYOUT_VERSION = "1"  # bump when the table's columns or the way a chunk is written change


@dataclass(frozen=True)
class RagIndexSettings:
    """How plan documents become the retrieval index."""

    model_path: str = setting("", "A local SentenceTransformer directory; empty = the packaged all-MiniLM-L6-v2.")
    max_chars: int = setting(MAX_CHARS, "Longest chunk body in characters; longer sections are cut between sentences.")
    overlap_chars: int = setting(OVERLAP_CHARS, "Characters of a cut section's previous piece repeated in the next.")


@dataclass(frozen=True)
class Published:
    version: str
    prefix: str  # serving/rag_index/<version>
    uri: str  # where LanceDB opens it: a directory, or s3://bucket/key
    reused: bool  # the version was already in the store: nothing was embedded
    manifest: dict  # index.json: model, dimension, chunk and plan counts, the hit rates when it was built


def plan_rows(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """warehouse.plan_benefits, one dict per plan, in plan order."""
    cursor = con.execute("SELECT * FROM warehouse.plan_benefits ORDER BY plan_id")
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def index_version(chunks: Sequence[Chunk], model_name: str) -> str:
    """sha256 of what decides the table's content (ids, texts, the model), 16 hex."""
    payload = json.dumps([LAYOUT_VERSION, model_name, [[c.chunk_id, c.text] for c in chunks]], separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def index_prefix(version: str) -> str:
    return f"{RAG_INDEX}/{version}"


def store_location(store: ObjectStore, prefix: str) -> tuple[str, dict[str, str] | None]:
    """(URI, storage_options) at which LanceDB reads and writes `prefix` of the store: the directory
    itself for the local store; s3://bucket/key with the store client's endpoint and credentials on S3."""
    validate_key(prefix)
    if isinstance(store, LocalObjectStore):
        return str(store.root / prefix), None
    from lifecycle_core.store.s3 import S3ObjectStore  # boto3 only where the store is S3

    if isinstance(store, S3ObjectStore):
        return store.uri(prefix), store.storage_options()
    raise TypeError(f"LanceDB cannot open {store!r}: use a local or an S3 store")


def publish_index(
    store: ObjectStore, plans: Sequence[Mapping], settings: RagIndexSettings, embedder: TextEmbedder | None = None
) -> Published:
    """Chunk, embed and measure the plans' documents as a new version, or reuse the version already
    there; either way `current.json` names it afterwards."""
    embedder = embedder or Embedder(settings.model_path or None)
    chunks = [c for plan in plans for c in chunk_plan(plan, settings.max_chars, settings.overlap_chars)]
    version = index_version(chunks, embedder.model_name)
    prefix = index_prefix(version)
    uri, options = store_location(store, prefix)
    reused = store.exists(f"{prefix}/{MANIFEST}")
    if reused:
        manifest = store.get_json(f"{prefix}/{MANIFEST}")
    else:
        info = build_index(uri, chunks, embedder, storage_options=options)
        quality = hit_rate(PlanRetriever(uri, embedder, storage_options=options), plans)
        manifest = {
            "version": version,
            "model": embedder.model_name,
            "dimension": info.dimension,
            "table": info.table,
            "chunk_count": info.rows,
            "plan_ids": sorted({c.plan_id for c in chunks}),
            "ann_index": info.ann_index,
            "embed_seconds": info.embed_seconds,
            "settings": asdict(settings),
            "hit_rate": quality,
        }
        store.put_json(f"{prefix}/{MANIFEST}", manifest)  # last: a version without it is unfinished
    store.put_json(CURRENT_KEY, {"version": version, "prefix": prefix, "model": manifest["model"],
                                 "table": manifest["table"], "dimension": manifest["dimension"]})  # fmt: skip
    return Published(version, prefix, uri, reused, manifest)


def open_current(store: ObjectStore, embedder: TextEmbedder | None = None) -> PlanRetriever:
    """The retriever over the version `current.json` names, with the model it was built with."""
    current = store.get_json(CURRENT_KEY)
    if embedder is None:
        embedder = Embedder(None if current["model"] == DEFAULT_MODEL else current["model"])
    uri, options = store_location(store, current["prefix"])
    return PlanRetriever(uri, embedder, storage_options=options)


__all__ = [
    "CURRENT_KEY",
    "RAG_INDEX",
    "Published",
    "RagIndexSettings",
    "index_prefix",
    "index_version",
    "open_current",
    "plan_rows",
    "publish_index",
    "store_location",
]
