"""Data collection: immutable, validated partner drops, one asset per source."""

from datetime import UTC, datetime

import dagster as dg

from lifecycle_assets.metadata import location
from lifecycle_assets.partitions import single_run
from lifecycle_core.raw import layout
from lifecycle_core.raw.checks import RawChecks, Verdict, files_read, quarantine_rate, schema_drift, volumes
from lifecycle_core.raw.ingest import ingest_days
from lifecycle_core.raw.parts import RawManifest, recheck_schema
from lifecycle_core.raw.plan_catalog import ingest_plan_documents
from lifecycle_core.raw.summary import summarize
from resources.object_store import ObjectStoreResource
from resources.partner_feed import PartnerFeedResource
from resources.settings import config_class, to_dataclass

RawChecksConfig = config_class(RawChecks, dg.Config, "RawChecksConfig")

DESCRIPTIONS = {
    "members": "Eligibility records the partner sent for the day (direct identifiers included).",
    "claims": "Medical claims adjudicated or received that day.",
    "conversations": "Member-agent support conversations of the day.",
    "providers": "Provider directory updates of the day.",
}

CHECKS = {  # name -> (description, blocking)
    "landing_files_read": ("Every landing file was read to its end and is JSON lines.", True),
    "quarantine_rate": ("At most max_quarantine_rate of a day's records quarantined.", True),
    "volume": ("A day's records match the partner's manifest, or else the trailing days' median within a band.", True),
    "schema_conformance": ("Every kept record matches the declared schema (an independent re-check).", True),
    "schema_drift": ("The partner sent no field the schema does not declare (such fields are dropped).", False),
}


def _check_specs(key: dg.AssetKey) -> list[dg.AssetCheckSpec]:
    return [
        dg.AssetCheckSpec(name, asset=key, description=description, blocking=blocking)
        for name, (description, blocking) in CHECKS.items()
    ]


def partition_table(manifests: list[RawManifest]) -> dg.MetadataValue:
    rows = ["| day | landing | valid | quarantined | rate | files kept whole |", "|---|---:|---:|---:|---:|---:|"]
    rows += [
        f"| {m.day} | {m.landing_records} | {m.valid} | {m.quarantined} | {m.quarantine_rate:.2%} |"
        f" {len(m.quarantined_files)} |"
        for m in manifests
    ]
    return dg.MetadataValue.md("\n".join(rows))


def day_metadata(store, manifest: RawManifest) -> dict:
    return {
        "dagster/row_count": manifest.valid,
        "landing_records": manifest.landing_records,
        "quarantined": manifest.quarantined,
        "quarantined_pct": round(100 * manifest.quarantine_rate, 2),
        "files_kept_whole": len(manifest.quarantined_files),
        "quarantine_reasons": dg.MetadataValue.json(manifest.reasons),
        "uri": location(store.prefix_uri(layout.raw_prefix(manifest.source, manifest.day))),
    }


def _result(name: str, verdict: Verdict, **metadata) -> dg.AssetCheckResult:
    blocking = CHECKS[name][1]
    return dg.AssetCheckResult(
        check_name=name,
        passed=verdict.passed,
        severity=dg.AssetCheckSeverity.ERROR if blocking else dg.AssetCheckSeverity.WARN,
        metadata={"days": dg.MetadataValue.json(verdict.days), **metadata},
    )


def build_raw_asset(source: str, daily: dg.PartitionsDefinition) -> dg.AssetsDefinition:
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
        context: dg.AssetExecutionContext,
        config: RawChecksConfig,
        object_store: ObjectStoreResource,
        partner_feed: PartnerFeedResource,
    ) -> dg.MaterializeResult:
        store, thresholds = object_store.store(), to_dataclass(config, RawChecks)

        def land(day: str) -> None:
            produced = partner_feed.ensure_drop(store, source, day)
            if produced is not None:
                context.log.info(f"{source} {day}: the synthetic partner dropped {produced} lines")

        manifests = ingest_days(store, source, context.partition_keys, before_each=land)
        for manifest in manifests:  # each partition shows its own day, not the run's totals
            context.add_asset_metadata(day_metadata(store, manifest), partition_key=manifest.day)
        failures = sum(recheck_schema(store, m) for m in manifests)
        summary = summarize(manifests)
        return dg.MaterializeResult(
            metadata={"days_of_this_run": partition_table(manifests)},
            data_version=dg.DataVersion(summary.version),
            check_results=[
                _result("landing_files_read", files_read(manifests)),
                _result(
                    "quarantine_rate",
                    quarantine_rate(manifests, thresholds),
                    threshold=dg.MetadataValue.text(f"{thresholds.max_quarantine_rate:.1%}"),
                    worst_day=summary.worst_day,
                    worst_day_rate=dg.MetadataValue.text(f"{summary.worst_day_rate:.2%}"),
                ),
                _result("volume", volumes(store, manifests, thresholds)),
                _result("schema_conformance", Verdict(failures == 0), nonconforming_records=failures),
                _result("schema_drift", schema_drift(manifests)),
            ],
        )

    return raw_source


PLAN_DOCUMENTS_KEY = dg.AssetKey(["raw", "plan_documents"])


@dg.asset(
    key=PLAN_DOCUMENTS_KEY,
    group_name="raw",
    kinds={"jsonl"},
    check_specs=[
        dg.AssetCheckSpec(
            "schema_conformance",
            asset=PLAN_DOCUMENTS_KEY,
            description="Every plan of the newest catalog drop matches the declared schema, and there is one.",
        )
    ],
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
            "uri": location(store.uri(catalog.key)),
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


def defs(daily: dg.PartitionsDefinition) -> dg.Definitions:
    return dg.Definitions(assets=[build_raw_asset(source, daily) for source in layout.DAILY_SOURCES] + [plan_documents])
