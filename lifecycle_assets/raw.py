"""Data collection: immutable, validated partner drops, one asset per source."""

from datetime import UTC, datetime

import dagster as dg

from lifecycle_assets.partitions import daily, single_run
from lifecycle_core.raw import layout
from lifecycle_core.raw.ingest import ingest_partition
from lifecycle_core.raw.parts import RawManifest, recheck_schema
from lifecycle_core.raw.plan_catalog import ingest_plan_documents
from lifecycle_core.raw.summary import summarize
from resources.object_store import ObjectStoreResource
from resources.partner_feed import PartnerFeedResource

MAX_QUARANTINE_RATE = 0.05

DESCRIPTIONS = {
    "members": "Eligibility records the partner sent for the day (direct identifiers included).",
    "claims": "Medical claims adjudicated or received that day.",
    "conversations": "Member-agent support conversations of the day.",
    "providers": "Provider directory updates of the day.",
}


def _check_specs(key: dg.AssetKey) -> list[dg.AssetCheckSpec]:
    return [
        dg.AssetCheckSpec(
            "schema_conformance", asset=key, description="Every kept record matches the declared schema."
        ),
        dg.AssetCheckSpec(
            "quarantine_rate", asset=key, description=f"At most {MAX_QUARANTINE_RATE:.0%} of records quarantined."
        ),
    ]


def partition_table(manifests: list[RawManifest]) -> dg.MetadataValue:
    rows = ["| day | landing | valid | quarantined | rate |", "|---|---:|---:|---:|---:|"]
    rows += [
        f"| {m.day} | {m.landing_records} | {m.valid} | {m.quarantined} | {m.quarantine_rate:.2%} |" for m in manifests
    ]
    return dg.MetadataValue.md("\n".join(rows))


def build_raw_asset(source: str) -> dg.AssetsDefinition:
    key = dg.AssetKey(["raw", source])

    @dg.asset(
        key=key,
        partitions_def=daily,
        backfill_policy=single_run,
        group_name="raw",
        kinds={"jsonl"},
        check_specs=_check_specs(key),
        description=DESCRIPTIONS[source],
    )
    def raw_source(
        context: dg.AssetExecutionContext, object_store: ObjectStoreResource, partner_feed: PartnerFeedResource
    ) -> dg.MaterializeResult:
        store = object_store.store()
        manifests = []
        for day in context.partition_keys:
            produced = partner_feed.ensure_drop(store, source, day)
            if produced is not None:
                context.log.info(f"{source} {day}: the synthetic partner dropped {produced} lines")
            manifests.append(ingest_partition(store, source, day))
        failures = sum(recheck_schema(store, m) for m in manifests)
        summary = summarize(manifests)
        return dg.MaterializeResult(
            metadata={
                "dagster/row_count": summary.valid,
                "landing_records": summary.landing_records,
                "quarantined": summary.quarantined,
                "quarantine_rate": summary.quarantine_rate,
                "quarantine_reasons": dg.MetadataValue.json(summary.reasons),
                "partitions": partition_table(manifests),
                "uri": dg.MetadataValue.path(store.uri(layout.raw_prefix(source, manifests[-1].day).rstrip("/"))),
            },
            data_version=dg.DataVersion(summary.version),
            check_results=[
                dg.AssetCheckResult(
                    check_name="schema_conformance",
                    passed=failures == 0,
                    metadata={"nonconforming_records": failures},
                ),
                dg.AssetCheckResult(
                    check_name="quarantine_rate",
                    passed=summary.worst_day_rate <= MAX_QUARANTINE_RATE,
                    severity=dg.AssetCheckSeverity.WARN,
                    metadata={
                        "worst_day": summary.worst_day,
                        "worst_day_rate": summary.worst_day_rate,
                        "threshold": MAX_QUARANTINE_RATE,
                        "quarantined": summary.quarantined,
                    },
                ),
            ],
        )

    return raw_source


PLAN_DOCUMENTS_KEY = dg.AssetKey(["raw", "plan_documents"])


@dg.asset(
    key=PLAN_DOCUMENTS_KEY,
    group_name="raw",
    kinds={"jsonl"},
    check_specs=[dg.AssetCheckSpec("schema_conformance", asset=PLAN_DOCUMENTS_KEY)],
)
def plan_documents(
    context: dg.AssetExecutionContext, object_store: ObjectStoreResource, partner_feed: PartnerFeedResource
) -> dg.MaterializeResult:
    """The plan catalog and each plan's Summary of Benefits text, versioned by content."""
    store = object_store.store()
    partner_feed.ensure_drop(store, layout.PLAN_DOCUMENTS, datetime.now(UTC).date().isoformat())
    catalog = ingest_plan_documents(store)
    context.log.info(f"plan catalog as of {catalog.as_of}: version {catalog.version}")
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": catalog.plans,
            "quarantined": catalog.quarantined,
            "as_of": catalog.as_of,
            "version": catalog.version,
            "uri": dg.MetadataValue.path(store.uri(catalog.key)),
        },
        data_version=dg.DataVersion(catalog.version),
        check_results=[
            dg.AssetCheckResult(
                check_name="schema_conformance",
                passed=catalog.quarantined == 0 and catalog.plans > 0,
                metadata={"quarantined": catalog.quarantined, "plans": catalog.plans},
            )
        ],
    )


raw_assets = [build_raw_asset(source) for source in layout.DAILY_SOURCES] + [plan_documents]


def defs() -> dg.Definitions:
    return dg.Definitions(assets=raw_assets)
