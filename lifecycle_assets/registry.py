"""The registered model: a model version in MLflow for each adapter that passed the promotion gate."""

import dagster as dg

from lifecycle_assets.evaluation import EVAL_REPORT_KEY, GATE_CHECK_KEY
from lifecycle_assets.metadata import location
from lifecycle_assets.upstream import latest_materialization
from lifecycle_core.registry import ALIASES, days_tag
from lifecycle_core.training import adapter_prefix, read_training_config, recipe_hash
from resources.object_store import ObjectStoreResource
from resources.registry import RegistryResource

REGISTERED_MODEL_KEY = dg.AssetKey(["model", "registered_model"])
GATE_COMMAND = f"dagster asset check -m definitions --select {EVAL_REPORT_KEY.to_user_string()}"


def gate_verdict(instance: dg.DagsterInstance, evaluation_version: str) -> dict:
    """The promotion gate's latest verdict, if it was on this report; a failure otherwise (never register
    on a verdict about another report, or on none)."""
    record = instance.get_latest_asset_check_evaluation_record(GATE_CHECK_KEY)
    evaluation = record.event.asset_check_evaluation if record and record.event else None
    metadata = {name: value.value for name, value in evaluation.metadata.items()} if evaluation else {}
    if metadata.get("evaluation_version") != evaluation_version:
        raise dg.Failure(
            f"the promotion gate has not judged evaluation {evaluation_version} yet; nothing was registered. "
            f"Run it: `{GATE_COMMAND}` (or materialize {EVAL_REPORT_KEY.to_user_string()}, which runs it)",
            allow_retries=False,
        )
    if not evaluation.passed:
        raise dg.Failure(
            f"the promotion gate blocked adapter {metadata['candidate']}: {metadata['why']}. Nothing was registered.",
            metadata={"decided_by": metadata["decided_by"], "evaluation_version": evaluation_version},
            allow_retries=False,
        )
    return metadata


@dg.asset(key=REGISTERED_MODEL_KEY, deps=[EVAL_REPORT_KEY], group_name="model", kinds={"mlflow"})
def registered_model(
    context: dg.AssetExecutionContext, object_store: ObjectStoreResource, registry: RegistryResource
) -> dg.MaterializeResult:
    """A model version of the member chatbot for the adapter that passed the gate (alias `candidate`), with
    the adapter folder as its artifact and its lineage as tags; the same adapter is registered once."""
    store = object_store.store()
    evaluation_version, report = latest_materialization(context.instance, EVAL_REPORT_KEY, REGISTERED_MODEL_KEY)
    verdict = gate_verdict(context.instance, evaluation_version)
    adapter = report["candidate"]
    adapter_lineage = report["lineage"]
    training = read_training_config(store, adapter)
    models, tracker = registry.open(store)
    tags = {
        "lifecycle.dataset_version": adapter_lineage["dataset_version"],
        "lifecycle.raw_partitions": days_tag(adapter_lineage.get("raw_partitions", [])),
        "lifecycle.base_model": adapter_lineage["base_model"],
        "lifecycle.training_config_hash": recipe_hash(training["canonical"]),
        "lifecycle.code_version": adapter_lineage["training_code_version"],
        "lifecycle.evaluation_version": evaluation_version,
        "lifecycle.gate": f"passed: {verdict['why']}",
        **{f"lifecycle.eval.{name}": str(value) for name, value in report.items() if name.startswith("candidate/")},
    }
    registered = models.register(
        adapter,
        source=store.prefix_uri(adapter_prefix(adapter)),
        tags=tags,
        run_id=tracker.training_run(adapter),
        description=f"LoRA adapter {adapter} on {adapter_lineage['base_model']}, dataset "
        f"{adapter_lineage['dataset_version']}; gate: {verdict['why']}",
    )
    context.log.info(
        f"{registered.name} version {registered.version} "
        + ("registered" if registered.created else "was registered before")
        + f" for adapter {adapter}; alias candidate -> {registered.version}"
    )
    aliases = {alias: models.at(alias) for alias in ALIASES}
    return dg.MaterializeResult(
        metadata={
            "model": registered.name,
            "version": registered.version,
            "created": registered.created,
            "adapter_version": adapter,
            "source": location(registered.source),
            "aliases": dg.MetadataValue.json(aliases),
            "tags": dg.MetadataValue.json(tags),
        },
        data_version=dg.DataVersion(f"{registered.name}/{registered.version}"),
    )


def defs() -> dg.Definitions:
    return dg.Definitions(assets=[registered_model])
