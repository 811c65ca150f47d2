"""Retraining: the fine-tuning dataset from the warehouse, then the adapter trained on it."""

import dagster as dg

RETRAIN = dg.AssetSelection.assets(["finetune", "dataset"], ["model", "lora_adapter"])

retrain_job = dg.define_asset_job(
    "retrain_job",
    selection=RETRAIN,
    description="Build the de-identified dataset (its blocking PII check gates the rest), then train the adapter.",
)


def defs() -> dg.Definitions:
    return dg.Definitions(jobs=[retrain_job])
