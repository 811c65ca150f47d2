"""The finished adapter in the store: a standard PEFT folder at ``adapters/<version>/``.

Adapter files sit at the prefix root, so a local copy loads with ``PeftModel.from_pretrained`` and
serves with ``vllm serve --lora-modules name=<copy>``. metrics.json goes last: its presence means
the adapter is complete (the entrypoint then skips training).
"""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path
from typing import Any

from ..store import ObjectStore
from .config import TrainingArgs, adapter_prefix, adapter_version, canonical_config

METRICS = "metrics.json"
TRAINING_CONFIG = "training_config.json"


def upload_adapter(store: ObjectStore, prefix: str, peft_model: Any, tokenizer: Any) -> list[str]:
    """save_pretrained into a temp folder, then every file under ``prefix/``; returns the keys."""
    keys = []
    with tempfile.TemporaryDirectory(prefix="adapter-") as tmp:
        peft_model.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
        for path in sorted(Path(tmp).rglob("*")):
            if path.is_file():
                key = f"{prefix}/{path.relative_to(tmp).as_posix()}"
                store.put_file(key, path)
                keys.append(key)
    return keys


def training_config(args: TrainingArgs) -> dict[str, Any]:
    """Everything needed to reproduce the adapter, and the part its version is hashed from."""
    return {"version": adapter_version(args), "args": dataclasses.asdict(args), "canonical": canonical_config(args)}


def read_metrics(store: ObjectStore, version: str) -> dict[str, Any]:
    """The finished adapter's metrics.json (loss curve, throughput, base vs adapter validation loss)."""
    return store.get_json(f"{adapter_prefix(version)}/{METRICS}")


def read_training_config(store: ObjectStore, version: str) -> dict[str, Any]:
    """The finished adapter's training_config.json: {version, args, canonical}."""
    return store.get_json(f"{adapter_prefix(version)}/{TRAINING_CONFIG}")


def download_adapter(store: ObjectStore, version: str, folder: Path) -> Path:
    """The adapter folder (without its checkpoints) copied from the store into `folder`; a copy that
    is already complete (metrics.json is written last) is kept."""
    prefix = adapter_prefix(version)
    if (folder / METRICS).exists():
        return folder
    for key in store.list(prefix):
        if "/checkpoints/" in key:
            continue
        target = folder / key[len(prefix) + 1 :]
        target.parent.mkdir(parents=True, exist_ok=True)
        store.download_file(key, target)
    return folder


def summary(metrics: dict[str, Any]) -> dict[str, Any]:
    """Scalars (and the dropped counts) for asset metadata; the curve stays in metrics.json."""
    keys = (
        "version",
        "dataset_version",
        "base_model",
        "base_val_loss",
        "adapter_val_loss",
        "best_step",
        "steps",
        "planned_steps",
        "stopped_early",
        "tokens",
        "tokens_per_s",
        "runtime_s",
        "world_size",
        "device",
        "attention",
        "peak_gpu_mem_gib",
        "adapter_uri",
        "metrics_uri",
        "dropped",
        "examples",
    )
    return {k: metrics[k] for k in keys if metrics.get(k) is not None}


__all__ = [
    "METRICS",
    "TRAINING_CONFIG",
    "read_metrics",
    "read_training_config",
    "summary",
    "training_config",
    "upload_adapter",
]
