"""Training: a LoRA adapter on the base model, trained through Pipes (subprocess locally, GPU pod on K8s)."""

import dagster as dg

from lifecycle_assets.finetune import DATASET_KEY
from lifecycle_assets.metadata import png_image
from lifecycle_core.reporting.lineage import code_version
from lifecycle_core.training import adapter_prefix, read_metrics
from lifecycle_core.training.plots import loss_curve_png
from resources.object_store import ObjectStoreResource
from resources.training import TrainingRunnerResource

ADAPTER_KEY = dg.AssetKey(["model", "lora_adapter"])


class LoraAdapterConfig(dg.Config):
    """The training run's settings; anything else keeps the entrypoint's defaults."""

    base_model: str = "tiny-llama"
    max_steps: int = 300
    learning_rate: float = 2e-3
    lora_r: int = 16
    lora_alpha: int = 32
    lora_dropout: float = 0.05
    max_seq_len: int = 1024
    tokens_per_batch: int = 8192
    eval_every: int = 50
    early_stopping_patience: int = 3
    checkpoint_every: int = 50
    seed: int = 0
    # "varlen": padding-free rows and per-example attention kernels (fast); "hf": transformers' own
    # attention and loss on padded rows, for architectures the fast path does not cover
    attention: str = "varlen"


def training_overrides(config: LoraAdapterConfig, store_uri: str, dataset_version: str, cache_dir: str) -> dict:
    return {
        "model.base_model": config.base_model,
        "model.cache_dir": cache_dir,
        "data.store_uri": store_uri,
        "data.dataset_version": dataset_version,
        "data.max_seq_len": config.max_seq_len,
        "lora.r": config.lora_r,
        "lora.alpha": config.lora_alpha,
        "lora.dropout": config.lora_dropout,
        "train.max_steps": config.max_steps,
        "train.learning_rate": config.learning_rate,
        "train.tokens_per_batch": config.tokens_per_batch,
        "train.eval_every": config.eval_every,
        "train.early_stopping_patience": config.early_stopping_patience,
        "train.checkpoint_every": config.checkpoint_every,
        "train.seed": config.seed,
        "train.attention": config.attention,
    }


@dg.asset(key=ADAPTER_KEY, deps=[DATASET_KEY], group_name="model", kinds={"pytorch", "peft"})
def lora_adapter(
    context: dg.AssetExecutionContext,
    config: LoraAdapterConfig,
    object_store: ObjectStoreResource,
    training_runner: TrainingRunnerResource,
) -> dg.MaterializeResult:
    """LoRA adapter weights fine-tuned on the current dataset version, with loss curves and lineage."""
    dataset = context.instance.get_latest_materialization_event(DATASET_KEY)
    if dataset is None:
        raise dg.Failure("finetune/dataset has not been materialized")
    dataset_version = dataset.asset_materialization.metadata["version"].value
    store = object_store.store()
    overrides = training_overrides(config, store.root_uri(), dataset_version, training_runner.model_cache_dir)
    arguments = [part for key, value in overrides.items() for part in ("--set", f"{key}={value}")]
    reported = training_runner.run(context, arguments, env={}).get_materialize_result()
    version = reported.data_version.value
    metrics = read_metrics(store, version)
    return dg.MaterializeResult(
        metadata={
            **reported.metadata,
            "loss_curve": png_image("loss curve", loss_curve_png(metrics["curve"], metrics.get("base_val_loss"))),
            "uri": dg.MetadataValue.path(store.uri(adapter_prefix(version))),
            "lineage": dg.MetadataValue.json(
                {
                    "dataset_version": dataset_version,
                    "base_model": config.base_model,
                    "training_config": overrides | {"data.store_uri": store.root_uri()},
                    "code_version": code_version(),
                }
            ),
        },
        data_version=dg.DataVersion(version),
    )


def defs() -> dg.Definitions:
    return dg.Definitions(assets=[lora_adapter])
