"""Retrieval: the plan documents as a LanceDB index in the object store, read by the gateway at inference.

`serving/rag_index` chunks and embeds warehouse.plan_benefits' documents (lifecycle_core.serving.rag),
writes them under `serving/rag_index/<version>/` and points `current.json` at that version; the same
documents and model give the same version, which is reused without embedding anything.
"""

import dagster as dg

from lifecycle_assets.metadata import location
from lifecycle_assets.upstream import missing_input
from lifecycle_assets.warehouse import PLAN_BENEFITS_KEY
from lifecycle_core.serving.rag import RagIndexSettings, markdown_table, plan_rows, publish_index
from resources.object_store import ObjectStoreResource
from resources.settings import config_class, to_dataclass
from resources.warehouse import WarehouseResource

RAG_INDEX_KEY = dg.AssetKey(["serving", "rag_index"])
PLAN_CATALOG_JOB = "plan_catalog_job"  # what makes warehouse.plan_benefits

RagIndexConfig = config_class(RagIndexSettings, dg.Config, "RagIndexConfig")


@dg.asset(
    key=RAG_INDEX_KEY,
    deps=[PLAN_BENEFITS_KEY],
    group_name="serving",
    kinds={"lancedb"},
    automation_condition=dg.AutomationCondition.eager(),  # a new plan catalog, new passages
)
def rag_index(
    context: dg.AssetExecutionContext,
    config: RagIndexConfig,
    object_store: ObjectStoreResource,
    warehouse: WarehouseResource,
) -> dg.MaterializeResult:
    """Plan-document passages the gateway adds to a member's context, searched within the member's plan."""
    if warehouse.missing_tables(["plan_benefits"]):
        raise missing_input(RAG_INDEX_KEY, PLAN_BENEFITS_KEY, job=PLAN_CATALOG_JOB)
    with warehouse.connect(read_only=True) as con:
        plans = plan_rows(con)
    if not plans:
        raise missing_input(RAG_INDEX_KEY, PLAN_BENEFITS_KEY, job=PLAN_CATALOG_JOB, reason="holds no plan")
    store = object_store.store()
    published = publish_index(store, plans, to_dataclass(config, RagIndexSettings))
    manifest, quality = published.manifest, published.manifest["hit_rate"]
    verb = "reused" if published.reused else f"built ({manifest['embed_seconds']} s of embedding)"
    context.log.info(f"rag index {published.version} {verb}: {manifest['chunk_count']} chunks")
    return dg.MaterializeResult(
        metadata={
            "version": published.version,
            "reused": published.reused,
            "chunk_count": manifest["chunk_count"],
            "dagster/row_count": manifest["chunk_count"],
            "plans": len(manifest["plan_ids"]),
            "embedder_model": manifest["model"],
            "dimension": manifest["dimension"],
            "index_uri": location(store.prefix_uri(published.prefix)),
            "embed_seconds": manifest["embed_seconds"],
            "questions": quality["questions"],
            **{name: float(value) for name, value in quality.items() if name.startswith("hit_rate@")},
            "hit_rate_by_section": dg.MetadataValue.md(markdown_table(quality)),
            "misses": dg.MetadataValue.json(quality["misses"]),
        },
        data_version=dg.DataVersion(published.version),
    )


def defs() -> dg.Definitions:
    return dg.Definitions(assets=[rag_index])
