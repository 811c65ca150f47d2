"""Training: a LoRA adapter on the base model, trained through Pipes (subprocess locally, GPU pod on K8s)."""

from collections.abc import Mapping
from typing import Any

import dagster as dg
import pydantic

from lifecycle_assets.finetune import DATASET_KEY, latest_dataset
from lifecycle_assets.metadata import location, png_image
from lifecycle_core.common.lineage import code_version
from lifecycle_core.registry import days_tag
from lifecycle_core.training import (
    DataArgs,
    LoraArgs,
    ModelArgs,
    TrainArgs,
    adapter_prefix,
    cli_arguments,
    read_metrics,
    read_training_config,
)
from lifecycle_core.training.plots import loss_curve_png
from resources.object_store import ObjectStoreResource
from resources.registry import RegistryResource
from resources.settings import config_class
from resources.step_runner import StepRunnerResource

ADAPTER_KEY = dg.AssetKey(["model", "lora_adapter"])
TRAINING_MODULE = "lifecycle_core.training"

# The entrypoint's argument groups: the run config has the same groups, names, defaults and help.
GROUPS = {"model": ModelArgs, "data": DataArgs, "lora": LoraArgs, "train": TrainArgs}
# Set by the asset and its resources, not in the launchpad: where the data, the cache and the output live.
SET_BY_THE_ASSET = {"model": {"cache_dir"}, "data": {"store_uri", "dataset_version"}, "train": {"output_key"}}


def lora_adapter_config(defaults: Mapping[str, Any]) -> type[dg.Config]:
    """The run config of `model/lora_adapter`: the entrypoint's defaults, with a profile's `defaults`
    ("group.field": value, e.g. a GPU-sized budget on Kubernetes) in their place."""
    by_group: dict[str, dict[str, Any]] = {group: {} for group in GROUPS}
    for dotted, value in defaults.items():
        group, _, name = dotted.partition(".")
        if group not in by_group:
            raise ValueError(f"unknown training setting {dotted!r}; groups are {sorted(GROUPS)}")
        by_group[group][name] = value
    groups = {
        group: config_class(
            dataclass,
            dg.Config,
            f"{dataclass.__name__}Config",
            exclude=SET_BY_THE_ASSET.get(group, ()),
            defaults=by_group[group],
        )
        for group, dataclass in GROUPS.items()
    }
    return pydantic.create_model(
        "LoraAdapterConfig",
        __base__=dg.Config,
        __module__=__name__,
        **{
            group: (settings, pydantic.Field(default=settings(), description=GROUPS[group].__doc__))
            for group, settings in groups.items()
        },
    )


def adapter_metadata(metrics: dict[str, Any]) -> dict[str, Any]:
    """What a person reads on the adapter's page: the numbers worth plotting across runs stay numbers
    (rounded), the rest of the run is one table."""
    examples, dropped = metrics.get("examples", {}), metrics.get("dropped", {})
    peak = metrics.get("peak_gpu_mem_gib")
    rows = {
        "steps": f"{metrics['steps']} of {metrics['planned_steps']}"
        + (" (stopped early)" if metrics.get("stopped_early") else ""),
        "best step": metrics.get("best_step", "-"),
        "tokens": f"{metrics['tokens']:,}",
        "examples": f"{examples.get('train', '?')} train, {examples.get('validation', '?')} validation",
        "dropped": ", ".join(f"{split} {sum(reasons.values())}" for split, reasons in dropped.items()) or "none",
        "device": f"{metrics.get('device')} x {metrics.get('world_size', 1)}",
        "attention": metrics.get("attention", "-"),
        "peak GPU memory": f"{peak:.1f} GiB" if peak else "-",
    }
    table = "| training run | |\n|---|---|\n" + "\n".join(f"| {name} | {value} |" for name, value in rows.items())
    return {
        "base_val_loss": round(metrics["base_val_loss"], 4),
        "adapter_val_loss": round(metrics["adapter_val_loss"], 4),
        "tokens_per_s": round(metrics["tokens_per_s"] or 0),
        "runtime_s": round(metrics["runtime_s"], 1),
        "training_run": dg.MetadataValue.md(table),
        "metrics": location(metrics["metrics_uri"]),
    }


def build_lora_adapter(defaults: Mapping[str, Any]) -> dg.AssetsDefinition:
    LoraAdapterConfig = lora_adapter_config(defaults)

    @dg.asset(key=ADAPTER_KEY, deps=[DATASET_KEY], group_name="model", kinds={"pytorch", "peft"})
    def lora_adapter(
        context: dg.AssetExecutionContext,
        config: LoraAdapterConfig,
        object_store: ObjectStoreResource,
        step_runner: StepRunnerResource,
        registry: RegistryResource,
    ) -> dg.MaterializeResult:
        """LoRA adapter weights fine-tuned on the current dataset version, with loss curves and lineage;
        the run is logged to MLflow."""
        store = object_store.store()
        dataset_version, dataset = latest_dataset(context.instance, ADAPTER_KEY, store)
        _, tracker = registry.open(store)  # before training: an unreachable tracking server fails fast
        run_config = {group: getattr(config, group).model_dump() for group in GROUPS}
        run_config["model"]["cache_dir"] = step_runner.model_cache_dir
        run_config["data"] |= {"store_uri": store.root_uri(), "dataset_version": dataset_version}
        reported = step_runner.run(context, TRAINING_MODULE, cli_arguments(run_config), env={}).get_materialize_result()
        version = reported.data_version.value  # its metadata is replaced by the curated one below
        metrics = read_metrics(store, version)
        days = dataset.get("raw_partitions", {}).get("days", [])
        run_id = tracker.log_training(
            metrics,
            read_training_config(store, version)["args"],
            {"dagster.run_id": context.run.run_id, "lifecycle.base_model": config.model.base_model,
             "lifecycle.raw_partitions": days_tag(days), "lifecycle.code_version": code_version()},
        )  # fmt: skip
        return dg.MaterializeResult(
            metadata={
                **adapter_metadata(metrics),
                "loss_curve": png_image("loss curve", loss_curve_png(metrics["curve"], metrics.get("base_val_loss"))),
                "uri": location(store.uri(adapter_prefix(version))),
                "lineage": dg.MetadataValue.json(
                    {
                        "dataset_version": dataset_version,
                        "raw_partitions": days,
                        "base_model": config.model.base_model,
                        "training_config": run_config,
                        "code_version": code_version(),
                    }
                ),
                "mlflow_run_id": run_id,
            },
            data_version=dg.DataVersion(version),
        )

    return lora_adapter


def defs(defaults: Mapping[str, Any]) -> dg.Definitions:
    return dg.Definitions(assets=[build_lora_adapter(defaults)])
