"""LoRA fine-tuning of the base model on the fine-tuning dataset (``model/lora_adapter``).

``python -m lifecycle_core.training --config run.json`` or ``main(TrainingArgs(...))``: plain
PyTorch + peft, packed sequences with per-document attention, checkpoints and resume in the object
store, progress through Dagster Pipes when launched by it, torchrun for several GPUs.
"""

from .artifacts import read_metrics, read_training_config
from .config import (
    ConfigError,
    DataArgs,
    LoraArgs,
    ModelArgs,
    TrainArgs,
    TrainingArgs,
    adapter_prefix,
    adapter_version,
    build_args,
    cli_arguments,
    load_args,
    output_prefix,
    recipe_hash,
)

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
    "cli_arguments",
    "load_args",
    "main",
    "output_prefix",
    "read_metrics",
    "read_training_config",
    "recipe_hash",
]


def __getattr__(name: str):
    # main pulls in torch and transformers; importing the package for its config should not.
    if name == "main":
        from .train import main

        return main
    raise AttributeError(name)
