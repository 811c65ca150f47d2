"""OLAP: the validated raw partitions as DuckDB tables, members keyed by pseudonym."""

import dagster as dg
import duckdb

from lifecycle_assets.metadata import column_schema
from lifecycle_assets.partitions import single_run
from lifecycle_assets.raw import PLAN_DOCUMENTS_KEY
from lifecycle_assets.runs import commit_fence
from lifecycle_assets.upstream import missing_input
from lifecycle_core.raw import layout
from lifecycle_core.raw.parts import has_manifest, local_part_files, read_manifest
from lifecycle_core.raw.plan_catalog import has_catalog, read_plan_documents
from lifecycle_core.warehouse import (
    SOURCE_TABLES,
    TABLES,
    duplicate_keys,
    explain_load_error,
    partition_rows,
    replace_day,
    replace_plan_benefits,
    table_columns,
    table_row_count,
    transaction,
)
from resources.object_store import ObjectStoreResource
from resources.pseudonym import PseudonymKeyResource
from resources.warehouse import WarehouseResource

# DuckDB takes one writer at a time: steps that write queue in this pool (across runs, where the
# instance sets a limit: scripts/dagster.yaml) and under this tag (within a run: the profiles' executors).
WAREHOUSE_POOL = "warehouse"
WRITES_WAREHOUSE = {"lifecycle/writes": "warehouse"}
EAGER_AFTER_BLOCKING_CHECKS = (
    dg.AutomationCondition.eager() & dg.AutomationCondition.all_deps_blocking_checks_passed()
).with_label("eager, once every blocking check of its inputs passed")

DESCRIPTIONS = {
    "members": "Members by pseudonym with generalized attributes (birth year, ZIP3): safe for analytics.",
    "member_pii": "Direct identifiers of members by pseudonym. Read by finetune/dataset only to know which names "
    "and numbers to remove; no training example carries them.",
    "claims": "Claims by member pseudonym, amounts as decimals.",
    "conversations": "Support conversations by member pseudonym, messages as a list of structs.",
    "providers": "Provider directory updates with network plans.",
}


def _spec(table: str, source: str, daily: dg.PartitionsDefinition) -> dg.AssetSpec:
    return dg.AssetSpec(
        key=["warehouse", table],
        deps=[dg.AssetKey(["raw", source])],
        partitions_def=daily,
        group_name="warehouse",
        kinds={"duckdb"},
        description=DESCRIPTIONS[table],
        # Not while a blocking raw check failed: a person looks first (or materializes it by hand).
        automation_condition=EAGER_AFTER_BLOCKING_CHECKS,
        metadata={"table": TABLES[table].qualified},
    )


def table_metadata(con, table: str) -> dict:
    """What the table is, for the catalog: its name, its columns as DuckDB holds them, its total rows."""
    return {
        "dagster/table_name": TABLES[table].qualified,
        "dagster/column_schema": column_schema(table_columns(con, table)),
        "table_rows": table_row_count(con, table),
    }


def unique_keys_spec(table: str) -> dg.AssetCheckSpec:
    key = dg.AssetKey(["warehouse", table])
    return dg.AssetCheckSpec("unique_keys", asset=key, description=f"{', '.join(TABLES[table].unique_key)} is unique.")


def unique_keys_result(con, table: str, days: list[str] | None = None) -> dg.AssetCheckResult:
    duplicates, examples = duplicate_keys(con, table, days)
    return dg.AssetCheckResult(
        asset_key=dg.AssetKey(["warehouse", table]),
        check_name="unique_keys",
        passed=duplicates == 0,
        metadata={"duplicate_keys": duplicates, "examples": dg.MetadataValue.json(examples)},
    )


def _checks(table: str) -> list[dg.AssetCheckSpec]:
    key = dg.AssetKey(["warehouse", table])
    return [
        dg.AssetCheckSpec("rows_match_raw", asset=key, description="Rows per day = raw records minus quarantined."),
        unique_keys_spec(table),
    ]


def build_warehouse_asset(source: str, daily: dg.PartitionsDefinition) -> dg.AssetsDefinition:
    tables = SOURCE_TABLES[source]

    @dg.multi_asset(
        name=f"warehouse_{source}",
        specs=[_spec(table, source, daily) for table in tables],
        check_specs=[check for table in tables for check in _checks(table)],
        backfill_policy=single_run,
        pool=WAREHOUSE_POOL,
        op_tags=WRITES_WAREHOUSE,
    )
    def load_source(
        context: dg.AssetExecutionContext,
        object_store: ObjectStoreResource,
        warehouse: WarehouseResource,
        pseudonym_key: PseudonymKeyResource,
    ):
        store, pseudonymizer = object_store.store(), pseudonym_key.pseudonymizer()
        not_ingested = [day for day in context.partition_keys if not has_manifest(store, source, day)]
        if not_ingested:  # checked before loading anything: a range loads whole or not at all
            raise missing_input(
                dg.AssetKey(["warehouse", tables[0]]),
                dg.AssetKey(["raw", source]),
                partitions=not_ingested,
                job="ingest_job",
            )
        expected: dict[str, int] = {}
        still_running = commit_fence(context)
        with warehouse.connect() as con:
            # The range is one transaction, all days or none, like raw (see raw.ingest.ingest_days).
            with transaction(con):
                for day in context.partition_keys:
                    manifest = read_manifest(store, source, day)
                    with local_part_files(store, manifest) as parts:
                        try:
                            rows = replace_day(con, source, day, parts, pseudonymizer)
                        except duckdb.Error as error:
                            raise explain_load_error(error, parts, manifest, store, pseudonymizer) from error
                    expected[day] = manifest.valid
                    context.log.info(f"{source} {day}: {rows} rows, {manifest.quarantined} quarantined in raw")
                still_running()
            for table in tables:
                yield from _table_results(context, con, table, expected)

    return load_source


def _table_results(context: dg.AssetExecutionContext, con, table: str, expected: dict[str, int]):
    key = dg.AssetKey(["warehouse", table])
    loaded = partition_rows(con, table, expected)
    for day, rows in loaded.items():  # what the table holds for that day
        context.add_asset_metadata({"dagster/row_count": rows}, asset_key=key, partition_key=day)
    mismatched = {day: {"warehouse": loaded[day], "raw_valid": n} for day, n in expected.items() if loaded[day] != n}
    yield dg.MaterializeResult(asset_key=key, metadata=table_metadata(con, table))
    yield dg.AssetCheckResult(
        asset_key=key,
        check_name="rows_match_raw",
        passed=not mismatched,
        metadata={"mismatched_days": dg.MetadataValue.json(mismatched)},
    )
    yield unique_keys_result(con, table, list(expected))


PLAN_BENEFITS_KEY = dg.AssetKey(["warehouse", "plan_benefits"])


@dg.asset(
    key=PLAN_BENEFITS_KEY,
    deps=[dg.AssetKey(["raw", "plan_documents"])],
    group_name="warehouse",
    kinds={"duckdb"},
    automation_condition=dg.AutomationCondition.eager(),
    check_specs=[unique_keys_spec("plan_benefits")],
    pool=WAREHOUSE_POOL,
    op_tags=WRITES_WAREHOUSE,
)
def plan_benefits(object_store: ObjectStoreResource, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Benefits of every plan (deductibles, copays, prior-auth rules) with its document text."""
    store = object_store.store()
    if not has_catalog(store):
        raise missing_input(PLAN_BENEFITS_KEY, PLAN_DOCUMENTS_KEY, job="plan_catalog_job")
    version, plans = read_plan_documents(store)
    with warehouse.connect() as con:
        count = replace_plan_benefits(con, plans, version)  # one table, replaced whole in one transaction
        check = unique_keys_result(con, "plan_benefits")
        metadata = table_metadata(con, "plan_benefits")
    return dg.MaterializeResult(
        metadata={"dagster/row_count": count, "version": version, **metadata},
        data_version=dg.DataVersion(version),
        check_results=[check],
    )


def defs(daily: dg.PartitionsDefinition) -> dg.Definitions:
    return dg.Definitions(
        assets=[build_warehouse_asset(source, daily) for source in layout.DAILY_SOURCES] + [plan_benefits]
    )
