"""Write a built dataset to the object store under its content-addressed version prefix."""

from __future__ import annotations

from typing import Any

import orjson

from ..store import ObjectStore, join_lines, read_lines
from .builder import BuiltDataset
from .card import card_markdown, token_histogram, token_histogram_png, token_stats
from .split import SPLITS

PREFIX = "datasets/finetune"


def parquet_schema() -> dict:
    """Explicit so an empty split still writes a Parquet file with the right columns."""
    import polars as pl  # here, not at import: the trainer reads JSONL and needs no polars

    return {
        "id": pl.String,
        "source": pl.String,
        "topic": pl.String,
        "conversation_id": pl.String,
        "messages": pl.List(pl.Struct({"role": pl.String, "content": pl.String})),
    }


def dataset_prefix(version: str, prefix: str = PREFIX) -> str:
    return f"{prefix}/version={version}"


def _jsonl(examples: list[dict]) -> bytes:
    return join_lines(orjson.dumps(ex) for ex in examples)


def jsonl_split_key(version: str, split: str, prefix: str = PREFIX) -> str:
    """Where a split's JSONL lives: what the trainer reads."""
    return f"{dataset_prefix(version, prefix)}/{split}.jsonl"


def write_jsonl_splits(store: ObjectStore, version: str, splits: dict[str, list[dict]]) -> None:
    """Only the JSONL splits of a version (tests and benchmarks that feed the trainer directly)."""
    for name, examples in splits.items():
        store.put_bytes(jsonl_split_key(version, name), _jsonl(examples))


def plans_key(version: str, prefix: str = PREFIX) -> str:
    """The plan catalog a version was built with: what the evaluation's plan tasks ask about."""
    return f"{dataset_prefix(version, prefix)}/plans.jsonl"


def read_plans(store: ObjectStore, version: str) -> list[dict]:
    return [orjson.loads(line) for line in read_lines(store, plans_key(version))]


def has_dataset(store: ObjectStore, version: str, prefix: str = PREFIX) -> bool:
    """Whether a version was written completely (its card goes last)."""
    return store.exists(f"{dataset_prefix(version, prefix)}/card.json")


def read_jsonl_split(store: ObjectStore, version: str, split: str) -> list[dict]:
    return [orjson.loads(line) for line in read_lines(store, jsonl_split_key(version, split))]


def card_json(built: BuiltDataset, keys: dict[str, str]) -> dict[str, Any]:
    """The report as stored: lengths summarized (a histogram), not listed per example."""
    lengths = built.report.token_lengths
    return {
        **built.report.to_dict(with_lengths=False),
        "version": built.version,
        "content_hash": built.content_hash,
        "token_stats": token_stats(lengths),
        "token_histogram": token_histogram(lengths),
        "files": keys,
    }


def write_dataset(store: ObjectStore, built: BuiltDataset, prefix: str = PREFIX) -> dict[str, Any]:
    """Write splits (Parquet + JSONL), card.json, card.md and token_lengths.png; return keys and URIs.

    Keys depend only on the content hash, so writing the same dataset again rewrites the same
    objects with the same content (idempotent); the card goes last, so its presence means complete.
    """
    base = dataset_prefix(built.version, prefix)
    keys: dict[str, str] = {}
    for name in SPLITS:
        examples = built.examples[name]
        keys[f"{name}.parquet"] = f"{base}/{name}.parquet"
        store.write_parquet(keys[f"{name}.parquet"], _frame(examples))
        keys[f"{name}.jsonl"] = jsonl_split_key(built.version, name, prefix)
        store.put_bytes(keys[f"{name}.jsonl"], _jsonl(examples))
    keys["plans.jsonl"] = plans_key(built.version, prefix)
    store.put_bytes(keys["plans.jsonl"], _jsonl(built.plans))
    keys["token_lengths.png"] = f"{base}/token_lengths.png"
    max_tokens = built.report.config.get("max_tokens")
    store.put_bytes(keys["token_lengths.png"], token_histogram_png(built.report.token_lengths, max_tokens))
    keys["card.md"] = f"{base}/card.md"
    store.put_bytes(keys["card.md"], card_markdown(built.report, built.version).encode())
    keys["card.json"] = f"{base}/card.json"
    store.put_json(keys["card.json"], card_json(built, dict(keys)))
    return {
        "version": built.version,
        "content_hash": built.content_hash,
        "prefix": base,
        "prefix_uri": store.uri(base),
        "keys": keys,
        "uris": {k: store.uri(v) for k, v in keys.items()},
    }


def _frame(examples: list[dict]):
    import polars as pl

    return pl.DataFrame(examples, schema=parquet_schema())
