"""Evaluation arguments: dataclass groups like training's, a JSON file, dotted overrides, the report's version."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..common.settings import ConfigError, apply_config, read_config_file, setting

# Bump when the tasks change what they measure, so an old report is never taken for a new one.
TASKS_VERSION = "1"
EVALUATIONS = "evaluations"  # the store prefix this stage owns: one folder per report


@dataclass
class ModelArgs:
    """The base model every arm shares."""

    base_model: str = setting("tiny-llama", "The base model the adapters were trained on (the same names as training).")
    cache_dir: str = setting("", "Where base models are downloaded; empty = $LIFECYCLE_HOME/models.")


@dataclass
class DataArgs:
    """The dataset version whose test split and plan catalog the tasks are made from."""

    store_uri: str = setting("", "The object store: file:///abs/root or s3://bucket/prefix.")
    dataset_version: str = setting("", "The finetune/dataset version (content hash).")


@dataclass
class ArmsArgs:
    """The adapters compared with the base model, by adapter version (adapters/<version>/ in the store)."""

    candidate: str = setting("", "The adapter being evaluated for release.")
    production: str = setting("", "The adapter in production; empty before the first release.")


@dataclass
class EvalArgs:
    """How much to evaluate and how."""

    max_items: int = setting(200, "At most this many items per task (0 = all), sampled by seed.")
    batch_size: int = setting(16, "Requests per forward pass.")
    max_gen_tokens: int = setting(64, "Longest generated answer in the generation tasks.")
    seed: int = setting(0, "Seed of item sampling and of lm-eval.")
    device: str = setting("auto", "'auto' (CUDA when there is one), 'cpu' or 'cuda'.")
    output_key: str = setting("", "Where the report is written in the store; empty = evaluations/<version>.")


@dataclass
class EvaluationArgs:
    """All four groups: what ``main`` takes and what the report's version is hashed from."""

    model: ModelArgs = field(default_factory=ModelArgs)
    data: DataArgs = field(default_factory=DataArgs)
    arms: ArmsArgs = field(default_factory=ArmsArgs)
    eval: EvalArgs = field(default_factory=EvalArgs)

    def validate(self) -> None:
        if not self.data.store_uri or not self.data.dataset_version:
            raise ConfigError("data.store_uri and data.dataset_version are required")
        if not self.arms.candidate:
            raise ConfigError("arms.candidate (an adapter version) is required")
        if self.arms.production == self.arms.candidate:
            raise ConfigError(
                "arms.production is the candidate itself; leave it empty or name the adapter in production"
            )
        if self.eval.max_items < 0 or self.eval.batch_size < 1 or self.eval.max_gen_tokens < 1:
            raise ConfigError("eval.max_items must be >= 0, eval.batch_size and eval.max_gen_tokens >= 1")
        if self.eval.device not in ("auto", "cpu", "cuda"):
            raise ConfigError(f"eval.device must be auto, cpu or cuda, got {self.eval.device!r}")


NON_RESULT_FIELDS = {"data.store_uri", "model.cache_dir", "eval.output_key", "eval.batch_size", "eval.device"}


def evaluation_version(args: EvaluationArgs) -> str:
    """sha256 over what decides the numbers, 16 hex: the same inputs give the same report."""
    config = {
        group: {k: v for k, v in values.items() if f"{group}.{k}" not in NON_RESULT_FIELDS}
        for group, values in dataclasses.asdict(args).items()
    }
    payload = json.dumps([TASKS_VERSION, config], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def evaluation_prefix(version: str) -> str:
    return f"{EVALUATIONS}/{version}"


def output_prefix(args: EvaluationArgs) -> str:
    return (args.eval.output_key or evaluation_prefix(evaluation_version(args))).rstrip("/")


def build_args(config: dict[str, Any] | None = None, overrides: list[str] = ()) -> EvaluationArgs:
    args = apply_config(EvaluationArgs(), config, overrides)
    args.validate()
    return args


def load_args(config_path: str | Path | None, overrides: list[str] = ()) -> EvaluationArgs:
    return build_args(read_config_file(Path(config_path)) if config_path else {}, overrides)


__all__ = [
    "EVALUATIONS",
    "ArmsArgs",
    "DataArgs",
    "EvalArgs",
    "EvaluationArgs",
    "ModelArgs",
    "build_args",
    "evaluation_prefix",
    "evaluation_version",
    "load_args",
    "output_prefix",
]
