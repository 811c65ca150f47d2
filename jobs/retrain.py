"""Retraining: dataset -> adapter -> evaluation and gate -> registered model -> endpoint with the candidate as canary.

Each step gates the next: a dataset with PII, an adapter the gate rejects or a failed registration
stops the run before anything reaches members. The drift sensor launches it with the canary settings
below; launched by hand it does the same.
"""

import dagster as dg

RETRAIN = dg.AssetSelection.assets(
    ["finetune", "dataset"],
    ["model", "lora_adapter"],
    ["model", "eval_report"],
    ["model", "registered_model"],
    ["serving", "endpoint"],
)


def canary_run_config(canary_share: float) -> dict:
    """The endpoint step of retrain_job: the new candidate becomes the canary at `canary_share`."""
    return {"ops": {"serving__endpoint": {"config": {"canary": "candidate", "canary_share": canary_share}}}}


retrain_job = dg.define_asset_job(
    "retrain_job",
    selection=RETRAIN,
    config=canary_run_config(0.1),
    description="Build the de-identified dataset (its PII check blocks the rest), train the adapter, evaluate it "
    "against production and the base model, register it if the promotion gate passes, and serve it as the canary "
    "beside production (the canary sensor then promotes or rolls it back).",
)


def defs() -> dg.Definitions:
    return dg.Definitions(jobs=[retrain_job])
