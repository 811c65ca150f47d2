"""serving/rag_index from the real warehouse into the local store: measured, versioned by content, reused."""

from __future__ import annotations

import dagster as dg
import pytest

from lifecycle_assets.rag import RAG_INDEX_KEY
from lifecycle_core.serving.rag import CURRENT_KEY, PlanRetriever, default_embedder, index_prefix
from lifecycle_core.store import LocalObjectStore
from tests.dagster.conftest import materialize
from tests.dagster.test_missing_inputs import failure

SECTIONS_PER_PLAN = 8  # the synthetic Summary of Benefits (lifecycle_core/feed/plans.py)


@pytest.fixture(scope="module", autouse=True)
def embedder():
    """MiniLM loaded once for the module; the asset's embedder shares the process's model."""
    return default_embedder().dimension


@pytest.fixture
def defs(local_defs) -> dg.Definitions:
    return local_defs


def metadata(result) -> tuple[dict, dict]:
    (event,) = [m for m in result.get_asset_materialization_events() if m.asset_key == RAG_INDEX_KEY]
    return {key: value.value for key, value in event.materialization.metadata.items()}, event.materialization.tags


def test_index_from_the_plan_catalog_is_measured_and_reused(defs, home):
    instance = dg.DagsterInstance.ephemeral()
    assert defs.resolve_job_def("plan_catalog_job").execute_in_process(instance=instance).success
    meta, tags = metadata(materialize(defs, [RAG_INDEX_KEY], instance))
    version = meta["version"]
    assert tags["dagster/data_version"] == version and not meta["reused"]
    assert meta["chunk_count"] == SECTIONS_PER_PLAN * meta["plans"] and meta["plans"] >= 5
    assert meta["embedder_model"] == "sentence-transformers/all-MiniLM-L6-v2" and meta["dimension"] == 384
    assert meta["hit_rate@1"] >= 0.6 and meta["hit_rate@3"] >= 0.85 and meta["hit_rate@5"] >= 0.9
    assert meta["questions"] > 200 and "| COPAYS |" in meta["hit_rate_by_section"]
    store = LocalObjectStore(home / "store")
    assert store.get_json(CURRENT_KEY)["version"] == version
    assert meta["index_uri"] == str(store.root / index_prefix(version))
    passages = PlanRetriever(meta["index_uri"], default_embedder()).search(
        "Is acupuncture covered?", "PLN-GLD-PPO-26", 1
    )
    assert passages[0].chunk_id == "PLN-GLD-PPO-26:covered-services:0"

    again, tags = metadata(materialize(defs, [RAG_INDEX_KEY], instance))
    assert again["reused"] and again["version"] == version == tags["dagster/data_version"]
    assert again["hit_rate@3"] == meta["hit_rate@3"]  # read back with the version, not measured again


def test_without_plan_benefits_it_names_the_job_that_makes_them(defs):
    message, failure_metadata = failure(
        materialize(defs, [RAG_INDEX_KEY], dg.DagsterInstance.ephemeral(), raise_on_error=False)
    )
    assert "serving/rag_index needs warehouse/plan_benefits, which has not been materialized" in message
    assert failure_metadata["command"] == "dagster job execute -m definitions -j plan_catalog_job"
