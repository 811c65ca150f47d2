"""Where the guardrails' labelled data and trained models live in the object store, and how they are read.

serving/guardrail_labels/<sha256[:16] of the two files>/input_labelled.jsonl, output_labelled.jsonl
serving/guardrail_model/<sha256[:16] of the model files>/guardrail_model.json, guardrail_model.npz
serving/guardrail_model/current.json      {"version": ..., "labels_version": ..., ...}
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

from ...store import ObjectNotFound, ObjectStore
from .model import META_FILE, WEIGHTS_FILE, GuardrailModel, GuardrailModelError, TextEmbedder

LABELS_PREFIX = "serving/guardrail_labels"
MODEL_PREFIX = "serving/guardrail_model"
CURRENT_KEY = f"{MODEL_PREFIX}/current.json"
INPUT_FILE, OUTPUT_FILE = "input_labelled.jsonl", "output_labelled.jsonl"
PACKAGED_DATA = Path(__file__).parent / "data"


def content_version(*parts: bytes) -> str:
    """sha256[:16] over the parts, each length-prefixed so that moving bytes between them changes it."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()[:16]


def parse_rows(data: bytes, source: str) -> list[dict[str, str]]:
    rows = []
    for number, line in enumerate(data.decode("utf-8").splitlines(), start=1):
        if line.strip():
            row = json.loads(line)
            if (
                not isinstance(row, dict)
                or not isinstance(row.get("text"), str)
                or not isinstance(row.get("label"), str)
            ):
                raise ValueError(f"{source} line {number}: expected {{'text': str, 'label': str}}")
            rows.append(row)
    return rows


def label_counts(rows: list[dict[str, str]]) -> dict[str, int]:
    return dict(sorted(Counter(row["label"] for row in rows).items()))


def put_labels(store: ObjectStore, input_bytes: bytes, output_bytes: bytes) -> str:
    """Copy the two labelled files under their content version; the version."""
    version = content_version(input_bytes, output_bytes)
    prefix = f"{LABELS_PREFIX}/{version}"
    for name, data in ((INPUT_FILE, input_bytes), (OUTPUT_FILE, output_bytes)):
        if not store.exists(f"{prefix}/{name}"):
            store.put_bytes(f"{prefix}/{name}", data)
    return version


def read_labels(store: ObjectStore, version: str) -> tuple[list[dict], list[dict]]:
    prefix = f"{LABELS_PREFIX}/{version}"
    return tuple(
        parse_rows(store.get_bytes(f"{prefix}/{name}"), f"{prefix}/{name}") for name in (INPUT_FILE, OUTPUT_FILE)
    )


def put_model(store: ObjectStore, model: GuardrailModel, record: dict[str, Any]) -> str:
    """Save the model under its content version and make it current; the version. ``record`` (labels
    version, figures) is written into current.json beside the version."""
    meta, weights = model.to_files()
    version = content_version(meta, weights)
    prefix = f"{MODEL_PREFIX}/{version}"
    store.put_bytes(f"{prefix}/{WEIGHTS_FILE}", weights)
    store.put_bytes(f"{prefix}/{META_FILE}", meta)
    store.put_json(CURRENT_KEY, {**record, "version": version, "embedder": model.embedder_name})
    return version


def model_files_exist(store: ObjectStore, version: str) -> bool:
    prefix = f"{MODEL_PREFIX}/{version}"
    return store.exists(f"{prefix}/{META_FILE}") and store.exists(f"{prefix}/{WEIGHTS_FILE}")


def load_guardrail_model(store: ObjectStore, embedder: TextEmbedder | None = None) -> GuardrailModel | None:
    """The current model, or None when none was trained yet; GuardrailModelError if its files are bad."""
    if not store.exists(CURRENT_KEY):
        return None
    current = store.get_json(CURRENT_KEY)
    prefix = f"{MODEL_PREFIX}/{current['version']}"
    try:
        meta, weights = store.get_bytes(f"{prefix}/{META_FILE}"), store.get_bytes(f"{prefix}/{WEIGHTS_FILE}")
    except ObjectNotFound as err:
        raise GuardrailModelError(f"current.json names model {current['version']}, but {err}") from None
    return GuardrailModel.from_files(meta, weights, embedder, where=store.prefix_uri(prefix))


__all__ = [
    "CURRENT_KEY",
    "INPUT_FILE",
    "LABELS_PREFIX",
    "MODEL_PREFIX",
    "OUTPUT_FILE",
    "PACKAGED_DATA",
    "content_version",
    "label_counts",
    "load_guardrail_model",
    "model_files_exist",
    "parse_rows",
    "put_labels",
    "put_model",
    "read_labels",
]
