"""The canary's end: promote it to production or roll it back, as the canary sensor decided, and redeploy.

The sensor measures and decides (lifecycle_core.monitoring.canary); this job only acts, so each
decision is a run with the decision and its numbers in its tags (set by the sensor) and in the
endpoint's materialization, and a person can launch the same job from the UI to end a canary by hand.
"""

import json

import dagster as dg
import pydantic

from jobs.release import redeploy
from lifecycle_assets.registry import REGISTERED_MODEL_KEY
from lifecycle_core.monitoring.canary import PROMOTE, ROLLBACK
from lifecycle_core.registry import RegistryError
from resources.object_store import ObjectStoreResource
from resources.registry import RegistryResource
from resources.serving import ServingBackendResource


class CanaryDecisionConfig(dg.Config):
    action: str = pydantic.Field(description="`promote` (the canary becomes production) or `rollback` (it stops).")
    version: str = pydantic.Field(description="The canary's registered version the decision is about.")
    reason: str = pydantic.Field(default="decided by hand", description="Why, in a sentence.")
    numbers: str = pydantic.Field(default="{}", description="The measures that decided, as JSON.")


@dg.op(description="Promote the canary to production or take it off, then redeploy the endpoint.")
def apply_canary_decision(
    context: dg.OpExecutionContext,
    config: CanaryDecisionConfig,
    object_store: ObjectStoreResource,
    registry: RegistryResource,
    serving_backend: ServingBackendResource,
) -> None:
    if config.action not in (PROMOTE, ROLLBACK):
        raise dg.Failure(f"action must be {PROMOTE!r} or {ROLLBACK!r}, not {config.action!r}", allow_retries=False)
    models = registry.registry()
    canary = models.at("canary")
    if canary != config.version:  # a newer canary replaced it, or a person ended it first: nothing to do
        context.log.warning(f"the canary is {canary or 'none'}, not {config.version}: decision not applied")
        context.instance.add_run_tags(context.run.run_id, {"lifecycle/canary_applied": "no: canary moved"})
        return
    try:
        if config.action == PROMOTE:
            left, now = models.promote(config.version)
        else:
            models.end_canary(config.reason)
            left = now = models.at("production")
    except RegistryError as err:
        raise dg.Failure(str(err), allow_retries=False) from err
    context.instance.add_run_tags(
        context.run.run_id,
        {
            "lifecycle/canary_applied": "yes",
            "lifecycle/production_from": left or "none",
            "lifecycle/production_to": now,
        },
    )
    why = {
        "canary_decision": config.action,
        "canary_decided_version": config.version,
        "canary_reason": config.reason,
        "canary_numbers": dg.MetadataValue.json(json.loads(config.numbers or "{}")),
    }
    context.log_event(
        dg.AssetObservation(
            asset_key=REGISTERED_MODEL_KEY,
            metadata={
                "action": f"canary {config.action}",
                "version": config.version,
                "production_from": left or "none",
                "production_to": now,
                "reason": config.reason,
            },
        )
    )
    context.log.info(f"canary {config.version}: {config.action} ({config.reason}); production {left} -> {now}")
    redeploy(context, object_store, registry, serving_backend, why)


@dg.job(
    description="End the canary: promote it (production moves to it, canary share 0) or roll it back (the endpoint "
    "serves production alone); the canary sensor launches it with its decision and numbers as tags."
)
def canary_decision_job():
    apply_canary_decision()


def defs() -> dg.Definitions:
    return dg.Definitions(jobs=[canary_decision_job])
