"""The training entrypoint on a CUDA GPU in bf16 (run on the device machine: `pytest -m gpu --noconftest tests/gpu`).

Self-contained (no conftest): the GPU machine has torch and transformers but not the S3 test stack.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

import orjson
import pytest
import torch

from lifecycle_core.datasets import DatasetConfig, build_dataset, dataset_prefix
from lifecycle_core.feed import FeedConfig, iter_source_lines, plan_documents
from lifecycle_core.pii import PiiScrubber, Roster
from lifecycle_core.storage import LocalObjectStore
from lifecycle_core.training import build_args
from lifecycle_core.training.train import main

pytestmark = [
    pytest.mark.gpu,
    pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU"),
]


def write_jsonl_dataset(root, days: int = 6) -> str:
    """A real dataset from the synthetic feed, written as the JSONL splits the trainer reads."""
    feed = FeedConfig(conversations_per_day=300, member_population=600)
    first = date(2026, 4, 1)
    conversations, members = [], []
    for offset in range(days):
        day = first + timedelta(days=offset)
        for source, sink in (("conversations", conversations), ("members", members)):
            for line in iter_source_lines(feed, day, source):
                try:
                    sink.append(orjson.loads(line))
                except orjson.JSONDecodeError:
                    continue
    scrubber = PiiScrubber(Roster.from_rows(m for m in members if isinstance(m, dict)))
    built = build_dataset(conversations, plan_documents(feed, first), scrubber, DatasetConfig())
    store = LocalObjectStore(root)
    for split, examples in built.examples.items():
        body = b"".join(orjson.dumps(example) + b"\n" for example in examples)
        store.put_bytes(f"{dataset_prefix(built.version)}/{split}.jsonl", body)
    return built.version


def test_bf16_lora_training_on_gpu(tmp_path):
    version = write_jsonl_dataset(tmp_path / "store")
    args = build_args(
        {
            "model": {"base_model": "tiny-llama", "cache_dir": str(tmp_path / "models")},
            "data": {"store_uri": (tmp_path / "store").as_uri(), "dataset_version": version, "max_seq_len": 1024},
            "lora": {"alpha": 64},
            "train": {"max_steps": 200, "learning_rate": 3e-3, "tokens_per_batch": 16384, "eval_every": 50,
                      "bf16": "auto"},
        }
    )
    metrics = main(args)
    print(json.dumps({k: v for k, v in metrics.items() if k != "curve"}, default=str))
    assert metrics["bf16"] is True
    assert metrics["adapter_val_loss"] < 0.8 * metrics["base_val_loss"]
    assert metrics["tokens_per_s"] > 0
