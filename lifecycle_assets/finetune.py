"""Fine-tuning data: de-identified chat examples, versioned by content, gated by a PII check."""

import dagster as dg

from lifecycle_core.finetune import (
    DatasetConfig,
    build_dataset,
    card_markdown,
    dataset_inputs,
    find_pii_in_dataset,
    load_roster,
    token_histogram_png,
    write_dataset,
)

from lifecycle_assets.metadata import png_image
from lifecycle_core.pii import PiiScrubber
from resources.object_store import ObjectStoreResource
from resources.warehouse import WarehouseResource

DATASET_KEY = dg.AssetKey(["finetune", "dataset"])


class FinetuneDatasetConfig(dg.Config):
    """The run-configurable subset of `DatasetConfig` (same names), editable in the launchpad."""

    window_days: int = 90
    max_tokens: int = 1024
    conversation_share: float = 0.7
    plan_qa_share: float = 0.3
    validation_fraction: float = 0.1
    test_fraction: float = 0.1


@dg.asset(
    key=DATASET_KEY,
    deps=[
        dg.AssetKey(["warehouse", "conversations"]),
        dg.AssetKey(["warehouse", "plan_benefits"]),
        dg.AssetKey(["warehouse", "member_pii"]),  # read only to know what to remove
    ],
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
    dataset_config = DatasetConfig(**config.model_dump())
    with warehouse.connect(read_only=True) as con:
        inputs = dataset_inputs(con, config.window_days)
        scrubber = PiiScrubber(load_roster(con, inputs.days))
        context.log.info(f"{len(inputs.days)} days, roster of {len(scrubber.roster)} members")
        built = build_dataset(inputs.conversations(), inputs.plans, scrubber, dataset_config)
    written = write_dataset(object_store.store(), built)
    lineage = {"days": inputs.days, "plan_catalog_version": inputs.plan_version}
    return dg.MaterializeResult(
        metadata={
            "version": built.version,
            "dagster/row_count": built.size,
            "card": dg.MetadataValue.md(card_markdown(built.report, built.version, lineage)),
            "token_lengths": png_image("token lengths", token_histogram_png(built.report.token_lengths)),
            "counts_by_split": dg.MetadataValue.json(built.report.by_split),
            "counts_by_source": dg.MetadataValue.json(built.report.by_source),
            "counts_by_topic": dg.MetadataValue.json(built.report.by_topic),
            "dropped": dg.MetadataValue.json(built.report.dropped),
            "pii_replacements": dg.MetadataValue.json(built.report.pii_replacements),
            "raw_partitions": dg.MetadataValue.json(lineage),
            "uri": dg.MetadataValue.path(written["prefix_uri"]),
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
    event = context.instance.get_latest_materialization_event(DATASET_KEY)
    version = event.asset_materialization.metadata["version"].value
    with warehouse.connect(read_only=True) as con:
        lineage = event.asset_materialization.metadata["raw_partitions"].value
        roster = load_roster(con, lineage["days"])
    findings = find_pii_in_dataset(object_store.store(), version, roster)
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
