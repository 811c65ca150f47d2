"""Serving: the endpoint that members' apps call, deployed from the registry's aliases, and its health check."""

import hashlib
import json

import dagster as dg
import pydantic

from lifecycle_assets.guardrails import GUARDRAIL_MODEL_KEY
from lifecycle_assets.personalization import MEMBER_STORE_KEY
from lifecycle_assets.rag import RAG_INDEX_KEY
from lifecycle_assets.registry import REGISTERED_MODEL_KEY
from lifecycle_core.registry import RegistryError
from lifecycle_core.serving.endpoint import spec_from_registry
from resources.object_store import ObjectStoreResource
from resources.registry import RegistryResource
from resources.serving import ServingBackendResource

ENDPOINT_KEY = dg.AssetKey(["serving", "endpoint"])
# What the gateway serves with besides the model, each published to the object store by its asset.
SERVING_PARTS = (MEMBER_STORE_KEY, RAG_INDEX_KEY, GUARDRAIL_MODEL_KEY)


class EndpointConfig(dg.Config):
    canary_share: float = pydantic.Field(
        default=0.1, description="Share of members (sticky) served by the `canary` alias's version, when it is set."
    )
    canary: str = pydantic.Field(
        default="",
        description="Put this version or alias (retrain_job: `candidate`) on the `canary` alias first; "
        "empty = serve the aliases as they are. A candidate that is production already is not made a canary.",
    )


def deploy_endpoint(
    registry: RegistryResource, backend: ServingBackendResource, store, canary_share: float, canary: str = ""
) -> dict:
    """Deploy what the aliases say; the metadata of the endpoint (shared by the asset and the release jobs)."""
    models = registry.registry()
    try:
        if canary:
            version = models.resolve(canary)
            if version != models.at("production"):
                models.set_canary(version)
        spec = spec_from_registry(models, canary_share)
    except RegistryError as err:
        raise dg.Failure(str(err), allow_retries=False) from err
    deployed = backend.deploy(spec, store)
    served = {"production": spec.production.version, "canary": spec.canary.version if spec.canary else None}
    described = spec.describe()
    return {
        "url": deployed["url"],
        "production_version": spec.production.version,
        "production_adapter": spec.production.adapter_version,
        "canary_version": spec.canary.version if spec.canary else "none",
        "canary_share": spec.canary_share,
        "base_model": spec.base_model,
        "served": dg.MetadataValue.json(served),
        "spec": dg.MetadataValue.json(described),
        "version": hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()[:16],
    }


@dg.asset(
    key=ENDPOINT_KEY,
    deps=[REGISTERED_MODEL_KEY, *SERVING_PARTS],
    group_name="serving",
    kinds={"vllm", "fastapi"},
    output_required=False,  # a first candidate, with nothing in production, waits for a person to promote it
)
def endpoint(
    context: dg.AssetExecutionContext,
    config: EndpointConfig,
    object_store: ObjectStoreResource,
    registry: RegistryResource,
    serving_backend: ServingBackendResource,
):
    """The OpenAI-compatible endpoint: the base model with the production adapter (and a canary adapter for a
    share of members) on vLLM, behind the gateway, which personalizes answers from the serving store and plan
    passages and runs the guardrails (it picks up new versions of those on its own); URL and versions in metadata."""
    if config.canary and registry.registry().at("production") is None:
        context.log.info(
            "nothing is in production yet, so there is nothing to canary against: the first version goes to "
            "production by hand (`dagster job execute -m definitions -j promote_job`, then deploy_job). Not deployed."
        )
        return
    metadata = deploy_endpoint(registry, serving_backend, object_store.store(), config.canary_share, config.canary)
    context.log.info(
        f"serving {metadata['production_version']} (canary {metadata['canary_version']}) at {metadata['url']}"
    )
    version = metadata.pop("version")
    yield dg.MaterializeResult(metadata=metadata, data_version=dg.DataVersion(version))


@dg.asset_check(asset=ENDPOINT_KEY, description="The deployed endpoint answers a chat completion through the gateway.")
def endpoint_answers(serving_backend: ServingBackendResource) -> dg.AssetCheckResult:
    result = serving_backend.probe()
    return dg.AssetCheckResult(
        passed=bool(result.get("ok")),
        metadata={key: value for key, value in result.items() if value is not None and key != "answer"}
        | {"answer": str(result.get("answer", ""))[:200]},
    )


def defs() -> dg.Definitions:
    return dg.Definitions(assets=[endpoint], asset_checks=[endpoint_answers])
