"""Every asset that reads another's output fails, when it is missing, naming it and the command that makes it."""

from __future__ import annotations

import dagster as dg

from lifecycle_assets.finetune import DATASET_KEY
from lifecycle_assets.training import ADAPTER_KEY
from lifecycle_core.store import LocalObjectStore
from lifecycle_core.warehouse import connect, ensure_tables
from tests.dagster.conftest import materialize, run_ingest

WAREHOUSE_CLAIMS = dg.AssetKey(["warehouse", "claims"])
PLAN_BENEFITS = dg.AssetKey(["warehouse", "plan_benefits"])


def failure(result) -> tuple[str, dict]:
    assert not result.success
    (event,) = [e for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
    data = event.event_specific_data
    return data.error.message, {k: v.value for k, v in (data.user_failure_data.metadata or {}).items()}


def test_warehouse_day_without_raw_names_the_raw_partition(local_defs):
    result = materialize(
        local_defs, [WAREHOUSE_CLAIMS], dg.DagsterInstance.ephemeral(), partition_key="2026-03-01", raise_on_error=False
    )
    message, metadata = failure(result)
    assert "warehouse/claims needs raw/claims for 2026-03-01, which has not been materialized" in message
    assert (
        metadata["command"] == "dagster asset materialize -m definitions --select '*raw/claims' --partition 2026-03-01"
    )
    assert "ingest_job" in message


def test_plan_benefits_without_the_catalog_names_plan_catalog_job(local_defs):
    result = materialize(local_defs, [PLAN_BENEFITS], dg.DagsterInstance.ephemeral(), raise_on_error=False)
    message, metadata = failure(result)
    assert "warehouse/plan_benefits needs raw/plan_documents" in message
    assert metadata["command"] == "dagster job execute -m definitions -j plan_catalog_job"


def test_dataset_on_an_empty_home_names_the_conversations(local_defs):
    result = materialize(local_defs, [DATASET_KEY], dg.DagsterInstance.ephemeral(), raise_on_error=False)
    message, metadata = failure(result)
    assert "finetune/dataset needs warehouse/conversations" in message
    assert metadata["missing_asset"] == "warehouse/conversations"
    assert metadata["command"].startswith(
        "dagster asset materialize -m definitions --select '*warehouse/conversations' --partition-range "
    )


def test_dataset_without_the_plan_catalog_names_plan_catalog_job(local_defs):
    """The case a new user hit: ingest ran, the plan catalog never did (a raw CatalogException before)."""
    instance = dg.DagsterInstance.ephemeral()
    assert run_ingest(local_defs, "2026-03-01", "2026-03-01", instance).success
    message, metadata = failure(materialize(local_defs, [DATASET_KEY], instance, raise_on_error=False))
    assert "finetune/dataset needs warehouse/plan_benefits, which has not been materialized" in message
    assert metadata["command"] == "dagster job execute -m definitions -j plan_catalog_job"
    assert "CatalogException" not in message


def test_dataset_on_a_warehouse_without_conversations(local_defs, home):
    with connect(str(home / "lifecycle.duckdb")) as con:
        ensure_tables(con)  # every table exists, none holds a row
    message, _ = failure(materialize(local_defs, [DATASET_KEY], dg.DagsterInstance.ephemeral(), raise_on_error=False))
    assert "finetune/dataset needs warehouse/conversations" in message and "holds no conversation yet" in message


def test_adapter_without_a_dataset_names_it(local_defs):
    message, metadata = failure(
        materialize(local_defs, [ADAPTER_KEY], dg.DagsterInstance.ephemeral(), raise_on_error=False)
    )
    assert "model/lora_adapter needs finetune/dataset, which has not been materialized" in message
    assert metadata["command"] == "dagster asset materialize -m definitions --select '*finetune/dataset'"


def test_adapter_when_the_dataset_files_are_gone(local_defs, home, warehouse_ready):
    assert materialize(local_defs, [DATASET_KEY], warehouse_ready).success
    LocalObjectStore(home / "store").delete_prefix("datasets")
    message, _ = failure(materialize(local_defs, [ADAPTER_KEY], warehouse_ready, raise_on_error=False))
    assert "model/lora_adapter needs finetune/dataset" in message and "is not in the store" in message


def test_pii_check_alone_without_a_dataset_names_it(local_defs):
    check = dg.AssetCheckKey(DATASET_KEY, "no_pii_in_dataset")
    job = local_defs.resolve_implicit_job_def_def_for_assets([DATASET_KEY])
    only_the_check = job.get_subset(asset_selection=set(), asset_check_selection={check})
    result = only_the_check.execute_in_process(instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)
    message, _ = failure(result)
    assert "finetune/dataset:no_pii_in_dataset needs finetune/dataset" in message
