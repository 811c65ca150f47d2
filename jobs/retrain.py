"""Retraining: dataset -> adapter -> evaluation and gate -> registered model, each step gating the next."""

import dagster as dg

RETRAIN = dg.AssetSelection.assets(
    ["finetune", "dataset"], ["model", "lora_adapter"], ["model", "eval_report"], ["model", "registered_model"]
)

retrain_job = dg.define_asset_job(
    "retrain_job",
    selection=RETRAIN,
    description="Build the de-identified dataset (its PII check blocks the rest), train the adapter, evaluate it "
    "against production and the base model, and register it if the promotion gate passes.",
)


def defs() -> dg.Definitions:
    return dg.Definitions(jobs=[retrain_job])
