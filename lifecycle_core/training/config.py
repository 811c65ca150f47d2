"""Training arguments: dataclass groups, a JSON/YAML file, dotted overrides, the adapter version.

Shaped like peft's examples/sft/train.py: one dataclass per concern and ``main(args)``, so the
same arguments drive a local subprocess, a GPU pod and torchrun.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ALL_LINEAR = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]


@dataclass
class ModelArgs:
    base_model: str = "tiny-llama"  # a name known to lifecycle_core.models, a hub id, a path or s3:// URI
    cache_dir: str = ""  # where base models are built or downloaded; "" = $LIFECYCLE_HOME/models


@dataclass
class DataArgs:
    store_uri: str = ""  # file:///abs/root or s3://bucket/prefix
    dataset_version: str = ""
    max_seq_len: int = 1024  # longer examples are dropped (counted), never truncated
    packing: bool = True


@dataclass
class LoraArgs:
    r: int = 16
    alpha: int = 32
    dropout: float = 0.05
    target_modules: list[str] = field(default_factory=lambda: list(ALL_LINEAR))


@dataclass
class TrainArgs:
    output_key: str = ""  # "" = adapters/<version>
    learning_rate: float = 2e-4
    warmup_ratio: float = 0.05
    weight_decay: float = 0.0
    max_grad_norm: float = 1.0  # 0 = no clipping
    max_steps: int = 0  # > 0 wins over epochs
    epochs: int = 1
    tokens_per_batch: int = 8192  # padded tokens per micro-batch (rows x longest row)
    grad_accum: int = 1
    eval_every: int = 50  # optimizer steps; 0 = only at the end
    early_stopping_patience: int = 0  # evaluations without improvement; 0 = off
    checkpoint_every: int = 0  # optimizer steps; 0 = off
    keep_checkpoints: int = 2
    log_every: int = 10
    seed: int = 0
    bf16: str = "auto"  # "auto" = on when CUDA supports it; "true" / "false"
    gradient_checkpointing: bool = False
    # "varlen": each micro-batch is one padding-free row, attention per document by a varlen kernel,
    # loss through the chunked linear cross-entropy. "hf": padded rows through the model's own
    # attention and loss (the reference the fast path is tested against).
    attention: str = "varlen"
    compile: str = "auto"  # torch.compile the decoder layers and the loss chunks: "auto" = on CUDA
    loss_chunk: int = 4096  # rows of logits alive at once in the chunked cross-entropy


@dataclass
class TrainingArgs:
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


class ConfigError(ValueError):
    """A bad config file or override; the message names the offending key."""


# Fields that change where or how often things are written, not what is learned: left out of the
# version so that moving a store or checkpointing more often resumes the same adapter.
NON_RESULT_FIELDS = {"data.store_uri", "model.cache_dir", "train.output_key", "train.checkpoint_every",
                     "train.keep_checkpoints", "train.log_every", "train.compile", "train.loss_chunk"}


def canonical_config(args: TrainingArgs) -> dict[str, Any]:
    return {group: {k: v for k, v in values.items() if f"{group}.{k}" not in NON_RESULT_FIELDS}
            for group, values in dataclasses.asdict(args).items()}


def adapter_version(args: TrainingArgs) -> str:
    """sha256 over (dataset version, base model, canonical config), 16 hex: same inputs, same adapter."""
    payload = json.dumps([args.data.dataset_version, args.model.base_model, canonical_config(args)],
                         sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


ADAPTERS = "adapters"  # the store prefix this stage owns: one folder per adapter version


def adapter_prefix(version: str) -> str:
    return f"{ADAPTERS}/{version}"


def output_prefix(args: TrainingArgs) -> str:
    return (args.train.output_key or adapter_prefix(adapter_version(args))).rstrip("/")


def _coerce(value: Any, tp: Any, key: str) -> Any:
    """Config values to the field's type; strings (from --set) are parsed, wrong types refused."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return _coerce(value, next(t for t in typing.get_args(tp) if t is not type(None)), key)
    if origin is list:
        if isinstance(value, str):
            value = json.loads(value) if value.startswith("[") else [v for v in value.split(",") if v]
        if not isinstance(value, list):
            raise ConfigError(f"{key}: expected a list, got {value!r}")
        return [_coerce(v, typing.get_args(tp)[0], key) for v in value]
    if tp is bool:
        if isinstance(value, str) and value.lower() in ("true", "1", "yes", "false", "0", "no"):
            return value.lower() in ("true", "1", "yes")
        if isinstance(value, bool):
            return value
    elif tp is int and not isinstance(value, bool):
        if isinstance(value, float) and value.is_integer():
            return int(value)
        try:
            return value if isinstance(value, int) else int(value) if isinstance(value, str) else _bad(key, value, tp)
        except ValueError:
            pass
    elif tp is float and not isinstance(value, bool):
        try:
            return float(value)
        except (TypeError, ValueError):
            pass
    elif tp is str:
        # bf16 accepts JSON booleans too; every other str field takes strings only.
        return str(value).lower() if isinstance(value, bool) else value if isinstance(value, str) else _bad(key, value, tp)
    return _bad(key, value, tp)


def _bad(key: str, value: Any, tp: Any) -> typing.NoReturn:
    raise ConfigError(f"{key}: cannot read {value!r} as {getattr(tp, '__name__', tp)}")


def _set(args: TrainingArgs, dotted: str, value: Any) -> None:
    group_name, _, name = dotted.partition(".")
    groups = {f.name: f for f in dataclasses.fields(TrainingArgs)}
    if group_name not in groups or not name:
        raise ConfigError(f"unknown config key {dotted!r}; groups are {sorted(groups)}")
    group = getattr(args, group_name)
    hints = typing.get_type_hints(type(group))
    if name not in hints:
        raise ConfigError(f"unknown config key {dotted!r}; {group_name} has {sorted(hints)}")
    setattr(group, name, _coerce(value, hints[name], dotted))


def _read_file(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise ConfigError(f"config file {path} not found")
    text = path.read_text()
    if path.suffix in (".yaml", ".yml"):
        try:
            import yaml
        except ImportError as err:
            raise ConfigError(f"{path}: YAML configs need pyyaml; use JSON") from err
        data = yaml.safe_load(text) or {}
    else:
        data = json.loads(text)
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: top level must be a mapping of groups")
    return data


def build_args(config: dict[str, Any] | None = None, overrides: list[str] = ()) -> TrainingArgs:
    """Defaults, then the config mapping ({group: {field: value}}), then ``group.field=value`` strings."""
    args = TrainingArgs()
    for group_name, values in (config or {}).items():
        if not isinstance(values, dict):
            raise ConfigError(f"config group {group_name!r} must be a mapping")
        for name, value in values.items():
            _set(args, f"{group_name}.{name}", value)
    for item in overrides:
        key, sep, value = item.partition("=")
        if not sep:
            raise ConfigError(f"override {item!r} must look like group.field=value")
        _set(args, key.strip(), value)
    args.validate()
    return args


def load_args(config_path: str | Path | None, overrides: list[str] = ()) -> TrainingArgs:
    return build_args(_read_file(Path(config_path)) if config_path else {}, overrides)


__all__ = ["ConfigError", "DataArgs", "LoraArgs", "ModelArgs", "TrainArgs", "TrainingArgs", "adapter_prefix", "adapter_version",
           "build_args", "canonical_config", "load_args", "output_prefix"]
