"""Guardrails: the labelled messages and answers the guardrail classifier learns from, and the classifier itself.

`serving/guardrail_labels` copies the two labelled files shipped with lifecycle_core into the store
under their content hash; `serving/guardrail_model` trains on them (cross-validated thresholds) and
makes the result current, which the gateway loads with `load_guardrail_model(store)`.
"""

import dagster as dg
import pydantic

from lifecycle_assets.metadata import location
from lifecycle_assets.upstream import latest_materialization
from lifecycle_core.serving.guardrails import TrainConfig, train_guardrail_model
from lifecycle_core.serving.guardrails.store import (
    CURRENT_KEY,
    INPUT_FILE,
    LABELS_PREFIX,
    MODEL_PREFIX,
    OUTPUT_FILE,
    PACKAGED_DATA,
    label_counts,
    model_files_exist,
    parse_rows,
    put_labels,
    put_model,
    read_labels,
)
from resources.object_store import ObjectStoreResource
from resources.settings import config_class, to_dataclass

GUARDRAIL_LABELS_KEY = dg.AssetKey(["serving", "guardrail_labels"])
GUARDRAIL_MODEL_KEY = dg.AssetKey(["serving", "guardrail_model"])

GuardrailTrainSettings = config_class(TrainConfig, dg.Config, "GuardrailTrainSettings")


class GuardrailModelConfig(dg.Config):
    seed: int = pydantic.Field(default=0, description="Seed of the cross-validation folds and the solver.")
    train: GuardrailTrainSettings = pydantic.Field(default=GuardrailTrainSettings(), description=TrainConfig.__doc__)


@dg.asset(key=GUARDRAIL_LABELS_KEY, group_name="serving", kinds={"json"})
def guardrail_labels(context: dg.AssetExecutionContext, object_store: ObjectStoreResource) -> dg.MaterializeResult:
    """Hand-labelled member messages and assistant answers for the guardrail classifier, versioned by content."""
    input_bytes, output_bytes = (PACKAGED_DATA / INPUT_FILE).read_bytes(), (PACKAGED_DATA / OUTPUT_FILE).read_bytes()
    counts = {"input": label_counts(parse_rows(input_bytes, INPUT_FILE)),
              "output": label_counts(parse_rows(output_bytes, OUTPUT_FILE))}  # fmt: skip
    store = object_store.store()
    version = put_labels(store, input_bytes, output_bytes)
    context.log.info(f"guardrail labels {version}: {sum(counts['input'].values())} input rows, "
                     f"{sum(counts['output'].values())} output rows")  # fmt: skip
    return dg.MaterializeResult(
        metadata={
            "version": version,
            "uri": location(store.prefix_uri(f"{LABELS_PREFIX}/{version}")),
            "counts": dg.MetadataValue.json(counts),
            **{f"{head}/{label}": n for head, per_label in counts.items() for label, n in per_label.items()},
        },
        data_version=dg.DataVersion(version),
    )


@dg.asset(key=GUARDRAIL_MODEL_KEY, deps=[GUARDRAIL_LABELS_KEY], group_name="serving", kinds={"scikit-learn"})
def guardrail_model(
    context: dg.AssetExecutionContext, config: GuardrailModelConfig, object_store: ObjectStoreResource
) -> dg.MaterializeResult:
    """The guardrail classifier (MiniLM embeddings and n-grams, one linear head for inputs, one for answers),
    with its cross-validated precision, recall and thresholds; the gateway loads the current one."""
    from lifecycle_core.serving.rag.embedder import default_embedder  # here: loading torch is the asset's cost

    store = object_store.store()
    labels_version, _ = latest_materialization(context.instance, GUARDRAIL_LABELS_KEY, GUARDRAIL_MODEL_KEY)
    recipe = {"labels_version": labels_version, "seed": config.seed, "train": config.train.model_dump()}
    current = store.get_json(CURRENT_KEY) if store.exists(CURRENT_KEY) else None
    if current is not None and current.get("recipe") == recipe and model_files_exist(store, current["version"]):
        # Same labels and settings: the published model is this asset's result (a deploy does not retrain).
        context.log.info(f"guardrail model {current['version']} reused: trained on labels {labels_version} already")
        return dg.MaterializeResult(
            metadata={"version": current["version"], "labels_version": labels_version, "reused": True,
                      "uri": location(store.prefix_uri(f"{MODEL_PREFIX}/{current['version']}"))},
            data_version=dg.DataVersion(current["version"]),
        )  # fmt: skip
    input_rows, output_rows = read_labels(store, labels_version)
    trained = train_guardrail_model(input_rows, output_rows, default_embedder(), seed=config.seed,
                                    config=to_dataclass(config.train, TrainConfig))  # fmt: skip
    record = {"labels_version": labels_version, "recipe": recipe, "metrics": trained.metrics,
              "thresholds": trained.thresholds, "benign_fp": trained.benign_fp,
              "training_seconds": round(trained.seconds, 1)}  # fmt: skip
    version = put_model(store, trained.model, record)
    context.log.info(f"guardrail model {version} trained on labels {labels_version} in {trained.seconds:.0f} s")
    numbers = {
        f"{head}/{label}/{measure}": per_label[measure]
        for head, labels in trained.metrics.items()
        for label, per_label in labels.items()
        for measure in ("precision", "recall")
    }
    return dg.MaterializeResult(
        metadata={
            "cv": dg.MetadataValue.md(trained.markdown()),
            **numbers,
            **{f"{head}/benign_fired": share for head, share in trained.benign_fp.items()},
            "thresholds": dg.MetadataValue.json(trained.thresholds),
            "confusion": dg.MetadataValue.json(trained.confusion),
            "embedder": trained.model.embedder_name,
            "training_seconds": round(trained.seconds, 1),
            "version": version,
            "labels_version": labels_version,
            "uri": location(store.prefix_uri(f"{MODEL_PREFIX}/{version}")),
            "reused": False,
        },
        data_version=dg.DataVersion(version),
    )


def defs() -> dg.Definitions:
    return dg.Definitions(assets=[guardrail_labels, guardrail_model])
