"""Releases by hand: deploy the endpoint, promote a registered version, or roll back to the one before.

The closed loop (canary, automatic promotion and rollback) calls the same registry operations;
these jobs are what a person runs from the UI or the CLI, and each says what moved where. A
rollback redeploys the endpoint when one is deployed, so members get the restored version at once.
"""

import dagster as dg
import pydantic

from lifecycle_assets.guardrails import GUARDRAIL_LABELS_KEY
from lifecycle_assets.registry import REGISTERED_MODEL_KEY
from lifecycle_assets.serving import ENDPOINT_KEY, SERVING_PARTS, deploy_endpoint
from lifecycle_core.registry import RegistryError
from resources.object_store import ObjectStoreResource
from resources.registry import RegistryResource
from resources.serving import ServingBackendResource


class PromoteConfig(dg.Config):
    version: str = pydantic.Field(
        default="candidate", description="The model version to put in production: a number or an alias."
    )


def _moved(context: dg.OpExecutionContext, action: str, name: str, left: str | None, now: str) -> None:
    """The move in the run's tags and log, and as an observation on the registered model's page."""
    context.instance.add_run_tags(
        context.run.run_id, {"lifecycle/production_from": left or "none", "lifecycle/production_to": now}
    )
    context.log_event(
        dg.AssetObservation(
            asset_key=REGISTERED_MODEL_KEY,
            metadata={"action": action, "production_from": left or "none", "production_to": now, "model": name},
        )
    )
    context.log.info(f"{name}: {action}: production {left or 'none'} -> {now}")


@dg.op(description="Move the production alias to a registered version (default: the candidate).")
def promote_model_version(context: dg.OpExecutionContext, config: PromoteConfig, registry: RegistryResource) -> str:
    models = registry.registry()
    try:
        left, now = models.promote(models.resolve(config.version))
    except RegistryError as err:
        raise dg.Failure(str(err), allow_retries=False) from err
    _moved(context, "promote", models.name, left, now)
    return now


@dg.op(description="Move the production alias back to the version that was in production before it.")
def rollback_production(context: dg.OpExecutionContext, registry: RegistryResource) -> str:
    models = registry.registry()
    try:
        rolled_back, restored = models.rollback()
    except RegistryError as err:
        raise dg.Failure(str(err), allow_retries=False) from err
    _moved(context, "rollback", models.name, rolled_back, restored)
    return restored


def redeploy(
    context: dg.OpExecutionContext,
    object_store: ObjectStoreResource,
    registry: RegistryResource,
    serving_backend: ServingBackendResource,
    why: dict | None = None,
) -> dict | None:
    """Redeploy serving/endpoint from the aliases if one is deployed (same canary share), recorded as a
    materialization with `why` (the decision and its numbers) in its metadata; the metadata, or None."""
    last = context.instance.get_latest_materialization_event(ENDPOINT_KEY)
    if last is None:
        context.log.info("no endpoint is deployed: nothing to redeploy")
        return None
    share = last.asset_materialization.metadata.get("canary_share")
    metadata = deploy_endpoint(registry, serving_backend, object_store.store(), share.value if share else 0.0)
    version = metadata.pop("version")
    metadata |= why or {}
    context.log_event(
        dg.AssetMaterialization(asset_key=ENDPOINT_KEY, metadata=metadata, tags={"dagster/data_version": version})
    )
    context.log.info(f"endpoint redeployed: production {metadata['production_version']} at {metadata['url']}")
    return metadata


@dg.op(description="Redeploy serving/endpoint from the aliases, if an endpoint is deployed.")
def redeploy_endpoint(
    context: dg.OpExecutionContext,
    restored: str,
    object_store: ObjectStoreResource,
    registry: RegistryResource,
    serving_backend: ServingBackendResource,
) -> None:
    redeploy(context, object_store, registry, serving_backend)


deploy_job = dg.define_asset_job(
    "deploy_job",
    selection=dg.AssetSelection.assets(*SERVING_PARTS, GUARDRAIL_LABELS_KEY, ENDPOINT_KEY),
    description="Serve the registry's production (and canary) versions: the serving store, plan passages and "
    "guardrail model (each reused when unchanged), engine, adapters and gateway; then check that the endpoint answers.",
)


@dg.job(description="Put a registered model version in production (config: version, default the candidate).")
def promote_job():
    promote_model_version()


@dg.job(description="Move production back to the previous version, say which, and redeploy the endpoint.")
def rollback_job():
    redeploy_endpoint(rollback_production())


def defs() -> dg.Definitions:
    return dg.Definitions(jobs=[deploy_job, promote_job, rollback_job])
