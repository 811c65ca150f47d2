"""The plan-chunk index: one LanceDB table of chunks and their vectors, and the retriever over it.

`uri` is a local directory or an `s3://bucket/prefix` URI (with `storage_options` for the endpoint and
credentials): LanceDB writes and reads the same table in either place. A retriever opens the table
once and searches it with cosine distance, filtered to one plan before ranking (a member only ever
gets passages of their own plan). The search is exhaustive: a plan catalog is tens to thousands of
chunks, searched exactly in a few milliseconds with no index to train or keep fresh; an
approximate index pays off from about 100k rows, so one is built only past ANN_MIN_ROWS.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pyarrow as pa

from .chunks import Chunk

TABLE = "plan_chunks"
DISTANCE = "cosine"
ANN_MIN_ROWS = 100_000
PASSAGES_HEADER = "PLAN DOCUMENT PASSAGES"
_COLUMNS = ("chunk_id", "plan_id", "plan_name", "section", "text")


class TextEmbedder(Protocol):
    """What the index needs of an embedder (embedder.Embedder, or a stand-in in tests)."""

    model_name: str

    @property
    def dimension(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


class IndexNotFound(FileNotFoundError):
    """No plan-chunk table at the URI: the index was never built there."""


@dataclass(frozen=True)
class IndexInfo:
    uri: str
    table: str
    rows: int
    dimension: int
    model_name: str
    ann_index: bool  # whether an approximate index was built (only past ANN_MIN_ROWS)
    embed_seconds: float


@dataclass(frozen=True)
class Passage:
    chunk_id: str
    section: str
    text: str
    score: float  # cosine similarity to the question, 1 = same direction


def table_schema(dimension: int) -> pa.Schema:
    return pa.schema(
        [*(pa.field(name, pa.string(), nullable=False) for name in _COLUMNS),
         pa.field("vector", pa.list_(pa.float32(), dimension), nullable=False)]
    )  # fmt: skip


def _connect(uri: str, storage_options: dict[str, str] | None):
    import lancedb  # seconds to import (pandas, its namespace clients): only where an index is opened

    return lancedb.connect(uri, storage_options=storage_options)


def build_index(
    uri: str,
    chunks: Iterable[Chunk],
    embedder: TextEmbedder,
    *,
    storage_options: dict[str, str] | None = None,
    ann_min_rows: int = ANN_MIN_ROWS,
) -> IndexInfo:
    """Embed `chunks` and write them as the table at `uri`, replacing any table already there."""
    chunks = list(chunks)
    dimension = embedder.dimension  # loads the model, so the time below is embedding alone
    started = time.perf_counter()
    vectors = embedder.embed([chunk.text for chunk in chunks])
    embed_seconds = round(time.perf_counter() - started, 3)
    columns = {name: pa.array([getattr(chunk, name) for chunk in chunks], pa.string()) for name in _COLUMNS}
    flat = pa.array(vectors.reshape(-1), pa.float32())
    data = pa.table({**columns, "vector": pa.FixedSizeListArray.from_arrays(flat, dimension)},
                    schema=table_schema(dimension))  # fmt: skip
    table = _connect(uri, storage_options).create_table(TABLE, data=data, mode="overwrite")
    ann = len(chunks) >= ann_min_rows
    if ann:
        from lancedb.index import Bitmap, IvfFlat

        # IVF without quantization: recall is approximate, but every score is still the exact cosine.
        table.create_index("vector", config=IvfFlat(distance_type=DISTANCE))
        table.create_index("plan_id", config=Bitmap())  # the plan filter runs before the vector search
    return IndexInfo(uri, TABLE, len(chunks), dimension, embedder.model_name, ann, embed_seconds)


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


class PlanRetriever:
    """Plan-document passages for a question. Safe to share between threads: LanceDB's synchronous API
    runs every call on its own event loop, and the embedder needs no lock."""

    def __init__(self, uri: str, embedder: TextEmbedder, storage_options: dict[str, str] | None = None):
        try:
            self.table = _connect(uri, storage_options).open_table(TABLE)
        except (ValueError, FileNotFoundError) as error:  # LanceDB says "Table ... was not found"
            raise IndexNotFound(f"no {TABLE} table at {uri}: build the index first") from error
        self.uri, self.embedder = uri, embedder
        dimension = self.table.schema.field("vector").type.list_size
        if dimension != embedder.dimension:
            raise ValueError(
                f"the index at {uri} holds {dimension}-dimensional vectors; {embedder.model_name} "
                f"gives {embedder.dimension}: open it with the model it was built with"
            )

    def search(self, question: str, plan_id: str | None, k: int = 3) -> list[Passage]:
        """The `k` passages nearest the question, best first; only `plan_id`'s unless it is None."""
        return self.search_vector(self.embedder.embed([question])[0], plan_id, k)

    def search_many(self, questions: Sequence[str], plan_ids: Sequence[str | None], k: int = 3) -> list[list[Passage]]:
        """`search` for many questions, embedded in one batch (a hundred questions in the time of a few)."""
        vectors = self.embedder.embed(list(questions))
        return [self.search_vector(v, plan_id, k) for v, plan_id in zip(vectors, plan_ids, strict=True)]

    def search_vector(self, vector: np.ndarray, plan_id: str | None, k: int = 3) -> list[Passage]:
        if k < 1:
            return []
        query = self.table.search(vector, vector_column_name="vector").distance_type(DISTANCE)
        if plan_id is not None:
            query = query.where(f"plan_id = {_sql_text(plan_id)}", prefilter=True)
        rows = query.select(["chunk_id", "section", "text", "_distance"]).limit(k).to_list()
        return [Passage(r["chunk_id"], r["section"], r["text"], round(1.0 - float(r["_distance"]), 6)) for r in rows]


def passages_block(passages: Sequence[Passage]) -> str | None:
    """The passages as the gateway adds them to a member's context block; None when there are none."""
    if not passages:
        return None
    return "\n\n".join([PASSAGES_HEADER, *(passage.text for passage in passages)])


__all__ = [
    "ANN_MIN_ROWS",
    "TABLE",
    "IndexInfo",
    "IndexNotFound",
    "Passage",
    "PlanRetriever",
    "build_index",
    "passages_block",
    "table_schema",
]
