"""Training arguments: dataclass groups, a JSON/YAML file, dotted overrides, the adapter version.

Shaped like peft's examples/sft/train.py: one dataclass per concern and ``main(args)``, so the
same arguments drive a local subprocess, a GPU pod and torchrun.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..common.settings import ConfigError, apply_config, cli_arguments, read_config_file, setting

ALL_LINEAR = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


@dataclass
class ModelArgs:
    """The base model the adapter is trained on."""

    base_model: str = setting(
        "tiny-llama",
        "The base model: 'tiny-llama' (built offline), a hub id, a local path or an "
        "s3:// prefix; always loaded with from_pretrained.",
    )
    cache_dir: str = setting("", "Where base models are built or downloaded; empty = $LIFECYCLE_HOME/models.")


@dataclass
class DataArgs:
    """The dataset version to train on and how its examples become rows."""

    store_uri: str = setting("", "The object store holding the dataset: file:///abs/root or s3://bucket/prefix.")
    dataset_version: str = setting("", "The finetune/dataset version (content hash) to train on.")
    max_seq_len: int = setting(1024, "Longest example in tokens; longer ones are dropped (counted), never truncated.")
    packing: bool = setting(
        True, "Pack several examples into one row (the reference path only; the fast path always packs)."
    )


@dataclass
class LoraArgs:
    """The LoRA adapter: rank, scaling, dropout and which projections get one."""

    r: int = setting(16, "LoRA rank.")
    alpha: int = setting(32, "LoRA alpha; the update is scaled by alpha / r.")
    dropout: float = setting(0.05, "Dropout on the LoRA input.")
    target_modules: list[str] = setting(ALL_LINEAR, "The projections that get an adapter (default: all linear layers).")


@dataclass
class TrainArgs:
    """The optimization: schedule, budget, evaluation, checkpoints and the fast path's switches."""

    output_key: str = setting("", "Where the adapter is written in the store; empty = adapters/<version>.")
    learning_rate: float = setting(2e-4, "Peak learning rate of AdamW, after warmup, before cosine decay.")
    warmup_ratio: float = setting(0.05, "Share of the optimizer steps spent warming up linearly.")
    weight_decay: float = setting(0.0, "AdamW weight decay on the LoRA weights.")
    max_grad_norm: float = setting(1.0, "Gradient clipping norm; 0 = no clipping.")
    max_steps: int = setting(0, "Optimizer steps; > 0 wins over epochs.")
    epochs: int = setting(1, "Passes over the train split when max_steps is 0.")
    tokens_per_batch: int = setting(
        8192, "Tokens per micro-batch: one packed row on the fast path, rows x longest row on the reference path."
    )
    grad_accum: int = setting(1, "Micro-batches per optimizer step.")
    eval_every: int = setting(50, "Optimizer steps between validation evaluations; 0 = only at the end.")
    early_stopping_patience: int = setting(0, "Stop after this many evaluations without improvement; 0 = off.")
    checkpoint_every: int = setting(
        0, "Optimizer steps between checkpoints in the store (a killed run resumes); 0 = off."
    )
    keep_checkpoints: int = setting(2, "Complete checkpoints kept; older ones are deleted.")
    log_every: int = setting(10, "Optimizer steps per progress report (loss and throughput).")
    seed: int = setting(0, "Seed of the LoRA initialization, dropout and batch order.")
    bf16: str = setting("auto", "bf16 autocast: 'auto' = on when CUDA supports it, 'true' or 'false'.")
    gradient_checkpointing: bool = setting(False, "Recompute activations in the backward pass: less memory, more time.")
    attention: str = setting(
        "varlen",
        "'varlen': padding-free rows, per-example attention through a varlen kernel, "
        "chunked cross-entropy (fast). 'hf': padded rows through the model's own attention "
        "and loss (the reference the fast path is tested against).",
    )
    compile: str = setting(
        "auto", "torch.compile the decoder layers and the loss chunks: 'auto' = on CUDA, 'true', 'false'."
    )
    loss_chunk: int = setting(4096, "Rows of logits alive at once in the chunked cross-entropy.")


@dataclass
class TrainingArgs:
    """All four groups: what ``main`` takes and what the adapter's version is hashed from."""

    model: ModelArgs = field(default_factory=ModelArgs)
    data: DataArgs = field(default_factory=DataArgs)
    lora: LoraArgs = field(default_factory=LoraArgs)
    train: TrainArgs = field(default_factory=TrainArgs)

    def validate(self) -> None:
        if not self.data.store_uri or not self.data.dataset_version:
            raise ConfigError("data.store_uri and data.dataset_version are required")
        if self.train.tokens_per_batch < self.data.max_seq_len:
            raise ConfigError("train.tokens_per_batch must be >= data.max_seq_len (one longest example)")
        if self.train.max_steps <= 0 and self.train.epochs <= 0:
            raise ConfigError("set train.max_steps > 0 or train.epochs > 0")
        if self.train.grad_accum < 1 or self.lora.r < 1:
            raise ConfigError("train.grad_accum and lora.r must be >= 1")
        for key in ("bf16", "compile"):
            if getattr(self.train, key) not in ("auto", "true", "false"):
                raise ConfigError(f"train.{key} must be auto, true or false, got {getattr(self.train, key)!r}")
        if self.train.attention not in ("varlen", "hf"):
            raise ConfigError(f"train.attention must be varlen or hf, got {self.train.attention!r}")
        if self.train.loss_chunk < 1:
            raise ConfigError("train.loss_chunk must be >= 1")


# Fields that change where or how often things are written, not what is learned: left out of the
# version so that moving a store or checkpointing more often resumes the same adapter.
NON_RESULT_FIELDS = {
    "data.store_uri",
    "model.cache_dir",
    "train.output_key",
    "train.checkpoint_every",
    "train.keep_checkpoints",
    "train.log_every",
    "train.compile",
    "train.loss_chunk",
}


def canonical_config(args: TrainingArgs) -> dict[str, Any]:
    return {
        group: {k: v for k, v in values.items() if f"{group}.{k}" not in NON_RESULT_FIELDS}
        for group, values in dataclasses.asdict(args).items()
    }


def adapter_version(args: TrainingArgs) -> str:
    """sha256 over (dataset version, base model, canonical config), 16 hex: same inputs, same adapter."""
    payload = json.dumps(
        [args.data.dataset_version, args.model.base_model, canonical_config(args)],
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def recipe_hash(canonical: Mapping[str, Any]) -> str:
    """sha256 of a canonical training config without its dataset version, 16 hex: the same recipe on new
    data has the same hash (a lineage tag: "retrained on new data, nothing else changed")."""
    recipe = {group: dict(values) for group, values in canonical.items()}
    recipe.get("data", {}).pop("dataset_version", None)
    payload = json.dumps(recipe, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


ADAPTERS = "adapters"  # the store prefix this stage owns: one folder per adapter version


def adapter_prefix(version: str) -> str:
    return f"{ADAPTERS}/{version}"


def output_prefix(args: TrainingArgs) -> str:
    return (args.train.output_key or adapter_prefix(adapter_version(args))).rstrip("/")


def build_args(config: dict[str, Any] | None = None, overrides: list[str] = ()) -> TrainingArgs:
    """Defaults, then the config mapping ({group: {field: value}}), then ``group.field=value`` strings."""
    args = apply_config(TrainingArgs(), config, overrides)
    args.validate()
    return args


def load_args(config_path: str | Path | None, overrides: list[str] = ()) -> TrainingArgs:
    return build_args(read_config_file(Path(config_path)) if config_path else {}, overrides)


__all__ = [
    "ConfigError",
    "DataArgs",
    "LoraArgs",
    "ModelArgs",
    "TrainArgs",
    "TrainingArgs",
    "adapter_prefix",
    "adapter_version",
    "build_args",
    "canonical_config",
    "cli_arguments",
    "load_args",
    "output_prefix",
]
