"""Retrieval over plan documents (``serving/rag_index``): the passages the gateway adds to a member's context.

The flow: each plan's Summary of Benefits (``warehouse.plan_benefits.document_text``) is cut into one
chunk per section, long sections split between sentences with a small overlap (``chunks``); every
chunk is embedded with all-MiniLM-L6-v2, shipped in a package and loaded from disk (``embedder``),
and written as one LanceDB table (``index``). LanceDB was chosen because it needs no server: it
runs embedded, on a local directory on a laptop and directly on the object store (``s3://...``) in
production, so the index is a versioned folder beside the other artifacts (``publish``:
``serving/rag_index/<version>/``, with ``current.json`` naming the one to serve). At inference the
gateway asks ``PlanRetriever.search(question, plan_id, k)``, always within the member's own plan.
``hit_rate`` measures how often the section that answers a plan question is among the first k.
"""

from .chunks import MAX_CHARS, OVERLAP_CHARS, Chunk, chunk_plan
from .embedder import DEFAULT_MODEL, Embedder, EmbedderUnavailable, default_embedder
from .hit_rate import Question, hit_rate, markdown_table, plan_questions
from .index import TABLE, IndexInfo, IndexNotFound, Passage, PlanRetriever, build_index, passages_block
from .publish import (
    CURRENT_KEY,
    RAG_INDEX,
    Published,
    RagIndexSettings,
    index_prefix,
    index_version,
    open_current,
    plan_rows,
    publish_index,
    store_location,
)

__all__ = [
    "CURRENT_KEY",
    "DEFAULT_MODEL",
    "MAX_CHARS",
    "OVERLAP_CHARS",
    "RAG_INDEX",
    "TABLE",
    "Chunk",
    "Embedder",
    "EmbedderUnavailable",
    "IndexInfo",
    "IndexNotFound",
    "Passage",
    "PlanRetriever",
    "Published",
    "Question",
    "RagIndexSettings",
    "build_index",
    "chunk_plan",
    "default_embedder",
    "hit_rate",
    "index_prefix",
    "index_version",
    "markdown_table",
    "open_current",
    "passages_block",
    "plan_questions",
    "plan_rows",
    "publish_index",
    "store_location",
]
