"""Fine-tuning data: de-identified chat examples, versioned by content, gated by a PII check."""

import dagster as dg

from lifecycle_assets.metadata import column_schema, location, png_data_uri, png_image
from lifecycle_assets.partitions import recent_days
from lifecycle_assets.upstream import missing_input
from lifecycle_core.finetune import (
    DatasetConfig,
    NoConversations,
    build_dataset,
    card_markdown,
    dataset_inputs,
    find_pii_in_dataset,
    has_dataset,
    load_roster,
    parquet_schema,
    token_histogram_png,
    write_dataset,
)
from lifecycle_core.finetune.member_context import MemberContexts
from lifecycle_core.pii import PiiScrubber
from resources.object_store import ObjectStoreResource
from resources.settings import config_class, to_dataclass
from resources.warehouse import WarehouseResource

DATASET_KEY = dg.AssetKey(["finetune", "dataset"])
# The warehouse tables the dataset reads, and the job that makes each; member_pii is read only to
# know which names and numbers to remove.
INPUT_TABLES = {
    "conversations": "ingest_job",
    "plan_benefits": "plan_catalog_job",
    "member_pii": "ingest_job",
    "members": "ingest_job",
    "claims": "ingest_job",
}


def missing_warehouse_input(table: str, reason: str = "has not been materialized") -> dg.Failure:
    job = INPUT_TABLES[table]
    days = recent_days() if job == "ingest_job" else []  # a first week, as the quick start loads
    return missing_input(DATASET_KEY, dg.AssetKey(["warehouse", table]), job=job, reason=reason, suggested_days=days)


def latest_dataset(instance: dg.DagsterInstance, needed_by: dg.AssetKey | str, store) -> tuple[str, dict]:
    """(version, metadata) of the newest finetune/dataset, or a clear failure when there is none to read."""
    event = instance.get_latest_materialization_event(DATASET_KEY)
    if event is None:
        raise missing_input(needed_by, DATASET_KEY)
    metadata = {key: value.value for key, value in event.asset_materialization.metadata.items()}
    if not has_dataset(store, metadata["version"]):
        reason = f"was materialized as {metadata['version']} but is not in the store"
        raise missing_input(needed_by, DATASET_KEY, reason=reason)
    return metadata["version"], metadata


FinetuneDatasetConfig = config_class(DatasetConfig, dg.Config, "FinetuneDatasetConfig")


@dg.asset(
    key=DATASET_KEY,
    deps=[dg.AssetKey(["warehouse", table]) for table in INPUT_TABLES],
    group_name="finetune",
    kinds={"parquet"},
)
def finetune_dataset(
    context: dg.AssetExecutionContext,
    config: FinetuneDatasetConfig,
    object_store: ObjectStoreResource,
    warehouse: WarehouseResource,
) -> dg.MaterializeResult:
    """PII-free chat examples from good support conversations and plan benefits, split by conversation."""
    dataset_config = to_dataclass(config, DatasetConfig)
    for table in warehouse.missing_tables(INPUT_TABLES):
        raise missing_warehouse_input(table)
    with warehouse.connect(read_only=True) as con:
        try:
            inputs = dataset_inputs(con, config.window_days)
        except NoConversations:
            raise missing_warehouse_input("conversations", reason="holds no conversation yet") from None
        scrubber = PiiScrubber(load_roster(con, inputs.days))
        context.log.info(f"{len(inputs.days)} days, roster of {len(scrubber.roster)} members")
        contexts = MemberContexts.load(con, inputs.days, inputs.plans) if dataset_config.member_context else None
        built = build_dataset(inputs.conversations(), inputs.plans, scrubber, dataset_config, context_of=contexts)
    written = write_dataset(object_store.store(), built)
    lineage = {"days": inputs.days, "plan_catalog_version": inputs.plan_version}
    histogram = token_histogram_png(built.report.token_lengths, dataset_config.max_tokens)
    return dg.MaterializeResult(
        metadata={
            "version": built.version,
            "dagster/row_count": built.size,
            "dagster/table_name": written["prefix"],
            "dagster/column_schema": column_schema([(name, str(kind)) for name, kind in parquet_schema().items()]),
            "card": dg.MetadataValue.md(card_markdown(built.report, built.version, lineage, png_data_uri(histogram))),
            "token_lengths": png_image("token lengths", histogram),
            "counts_by_split": dg.MetadataValue.json(built.report.by_split),
            "counts_by_source": dg.MetadataValue.json(built.report.by_source),
            "counts_by_topic": dg.MetadataValue.json(built.report.by_topic),
            "dropped": dg.MetadataValue.json(built.report.dropped),
            "pii_replacements": dg.MetadataValue.json(built.report.pii_replacements),
            "raw_partitions": dg.MetadataValue.json(lineage),
            "uri": location(written["prefix_uri"]),
        },
        data_version=dg.DataVersion(built.version),
    )


@dg.asset_check(
    asset=DATASET_KEY,
    blocking=True,
    description="No example contains a detectable identifier or any value from the member roster.",
)
def no_pii_in_dataset(
    context: dg.AssetCheckExecutionContext, object_store: ObjectStoreResource, warehouse: WarehouseResource
) -> dg.AssetCheckResult:
    store = object_store.store()
    version, metadata = latest_dataset(context.instance, f"{DATASET_KEY.to_user_string()}:no_pii_in_dataset", store)
    with warehouse.connect(read_only=True) as con:
        roster = load_roster(con, metadata["raw_partitions"]["days"])
    findings = find_pii_in_dataset(store, version, roster)
    return dg.AssetCheckResult(
        passed=findings.total == 0,
        metadata={
            "version": version,
            "examples_scanned": findings.scanned,
            "hits_by_type": dg.MetadataValue.json(findings.by_type),
            "redacted_examples": dg.MetadataValue.json(findings.redacted_examples),
        },
    )


def defs() -> dg.Definitions:
    return dg.Definitions(assets=[finetune_dataset], asset_checks=[no_pii_in_dataset])
