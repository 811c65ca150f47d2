"""OLAP: the validated raw partitions as DuckDB tables, members keyed by pseudonym."""

import dagster as dg

from lifecycle_assets.partitions import daily, single_run
from lifecycle_assets.raw import PLAN_DOCUMENTS_KEY
from lifecycle_assets.upstream import missing_input
from lifecycle_core.raw import layout
from lifecycle_core.raw.parts import has_manifest, local_part_files, read_manifest
from lifecycle_core.raw.plan_catalog import has_catalog, read_plan_documents
from lifecycle_core.warehouse import (
    SOURCE_TABLES,
    TABLES,
    duplicate_keys,
    load_partition,
    partition_rows,
    replace_plan_benefits,
)
from resources.object_store import ObjectStoreResource
from resources.pseudonym import PseudonymKeyResource
from resources.warehouse import WarehouseResource

DESCRIPTIONS = {
    "members": "Members by pseudonym with generalized attributes (birth year, ZIP3): safe for analytics.",
    "member_pii": "Direct identifiers of members by pseudonym; read only at inference, never by training.",
    "claims": "Claims by member pseudonym, amounts as decimals.",
    "conversations": "Support conversations by member pseudonym, messages as a list of structs.",
    "providers": "Provider directory updates with network plans.",
}


def _spec(table: str, source: str) -> dg.AssetSpec:
    return dg.AssetSpec(
        key=["warehouse", table],
        deps=[dg.AssetKey(["raw", source])],
        partitions_def=daily,
        group_name="warehouse",
        kinds={"duckdb"},
        description=DESCRIPTIONS[table],
        automation_condition=dg.AutomationCondition.eager(),
        metadata={"table": TABLES[table].qualified},
    )


def unique_keys_spec(table: str) -> dg.AssetCheckSpec:
    key = dg.AssetKey(["warehouse", table])
    return dg.AssetCheckSpec("unique_keys", asset=key, description=f"{', '.join(TABLES[table].unique_key)} is unique.")


def unique_keys_result(con, table: str) -> dg.AssetCheckResult:
    duplicates, examples = duplicate_keys(con, table)
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


def build_warehouse_asset(source: str) -> dg.AssetsDefinition:
    tables = SOURCE_TABLES[source]

    @dg.multi_asset(
        name=f"warehouse_{source}",
        specs=[_spec(table, source) for table in tables],
        check_specs=[check for table in tables for check in _checks(table)],
        backfill_policy=single_run,
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
        with warehouse.connect() as con:
            for day in context.partition_keys:
                manifest = read_manifest(store, source, day)
                with local_part_files(store, manifest) as parts:
                    rows = load_partition(con, source, day, parts, pseudonymizer)
                expected[day] = manifest.landing_records - manifest.quarantined
                context.log.info(f"{source} {day}: {rows} rows, {manifest.quarantined} quarantined in raw")
            for table in tables:
                yield from _table_results(con, table, expected)

    return load_source


def _table_results(con, table: str, expected: dict[str, int]):
    key = dg.AssetKey(["warehouse", table])
    loaded = partition_rows(con, table, expected)
    mismatched = {day: {"warehouse": loaded[day], "raw_valid": n} for day, n in expected.items() if loaded[day] != n}
    yield dg.MaterializeResult(
        asset_key=key,
        metadata={
            "dagster/row_count": sum(loaded.values()),
            "rows_by_day": dg.MetadataValue.json(loaded),
            "table": TABLES[table].qualified,
        },
    )
    yield dg.AssetCheckResult(
        asset_key=key,
        check_name="rows_match_raw",
        passed=not mismatched,
        metadata={"mismatched_days": dg.MetadataValue.json(mismatched)},
    )
    yield unique_keys_result(con, table)


PLAN_BENEFITS_KEY = dg.AssetKey(["warehouse", "plan_benefits"])


@dg.asset(
    key=PLAN_BENEFITS_KEY,
    deps=[dg.AssetKey(["raw", "plan_documents"])],
    group_name="warehouse",
    kinds={"duckdb"},
    automation_condition=dg.AutomationCondition.eager(),
    check_specs=[unique_keys_spec("plan_benefits")],
)
def plan_benefits(object_store: ObjectStoreResource, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Benefits of every plan (deductibles, copays, prior-auth rules) with its document text."""
    store = object_store.store()
    if not has_catalog(store):
        raise missing_input(PLAN_BENEFITS_KEY, PLAN_DOCUMENTS_KEY, job="plan_catalog_job")
    version, plans = read_plan_documents(store)
    with warehouse.connect() as con:
        count = replace_plan_benefits(con, plans, version)
        check = unique_keys_result(con, "plan_benefits")
    return dg.MaterializeResult(
        metadata={"dagster/row_count": count, "version": version, "table": TABLES["plan_benefits"].qualified},
        data_version=dg.DataVersion(version),
        check_results=[check],
    )


warehouse_assets = [build_warehouse_asset(source) for source in layout.DAILY_SOURCES] + [plan_benefits]


def defs() -> dg.Definitions:
    return dg.Definitions(assets=warehouse_assets)
