"""Monitoring: the gateway's request log as warehouse tables, and each day's drift against what production
was trained on."""

import dagster as dg

from lifecycle_assets.metadata import location, png_image
from lifecycle_assets.partitions import single_run
from lifecycle_assets.registry import REGISTERED_MODEL_KEY
from lifecycle_assets.warehouse import WAREHOUSE_POOL, WRITES_WAREHOUSE
from lifecycle_core.finetune import read_jsonl_split
from lifecycle_core.monitoring import serving_log
from lifecycle_core.monitoring.drift import DriftConfig, build_reference, drift_report, load_reference, save_reference
from lifecycle_core.registry import RegistryError, days_of_tag
from resources.object_store import ObjectStoreResource
from resources.registry import RegistryResource
from resources.settings import config_class, to_dataclass
from resources.warehouse import WarehouseResource

SERVING_LOG_KEY = dg.AssetKey(["monitoring", "serving_log"])
DRIFT_REPORT_KEY = dg.AssetKey(["monitoring", "drift_report"])
DRIFT_INPUTS = [dg.AssetKey(["warehouse", table]) for table in ("conversations", "members", "claims")]
REPORTS_PREFIX = "monitoring/drift_report"

# A day's log is complete once the day is over and its last parts have shipped (they close within a
# minute): load yesterday shortly after midnight UTC. Any day can be (re)loaded by hand; it is replaced.
AFTER_THE_DAY = dg.AutomationCondition.on_cron("15 0 * * *", cron_timezone="UTC")
# Each newly loaded warehouse day gets its report, whichever day it is (eager() would only look at the
# latest partition, and a late or re-sent drop is a day like any other). The serving log is read when
# it is there but never waited for, and a new registered version does not re-report every past day.
NOT_WAITED_FOR = dg.AssetSelection.assets(SERVING_LOG_KEY, REGISTERED_MODEL_KEY)
ON_NEW_WAREHOUSE_DAY = (
    dg.AutomationCondition.any_deps_updated().ignore(NOT_WAITED_FOR).since_last_handled()
    & ~dg.AutomationCondition.any_deps_missing().ignore(NOT_WAITED_FOR)
    & ~dg.AutomationCondition.any_deps_in_progress()
    & ~dg.AutomationCondition.in_progress()
).with_label("on each new warehouse day")


def build_serving_log(daily: dg.PartitionsDefinition) -> dg.AssetsDefinition:
    @dg.asset(
        key=SERVING_LOG_KEY,
        partitions_def=daily,
        group_name="monitoring",
        kinds={"duckdb"},
        backfill_policy=single_run,
        pool=WAREHOUSE_POOL,
        op_tags=WRITES_WAREHOUSE,
        automation_condition=AFTER_THE_DAY,
    )
    def serving_log_asset(
        context: dg.AssetExecutionContext, object_store: ObjectStoreResource, warehouse: WarehouseResource
    ) -> dg.MaterializeResult:
        """The gateway's de-identified request log of the day as tables `monitoring.requests`,
        `monitoring.guardrail_triggers` and `monitoring.feedback`; a re-run replaces the day."""
        store, rows, summary = object_store.store(), {}, {}
        with warehouse.connect() as con:
            for day in context.partition_keys:
                loaded = serving_log.load_day(con, store, day)
                rows[day] = loaded.rows()
                summary = serving_log.day_summary(con, day)
                context.log.info(f"{day}: {loaded.rows()} (skipped {loaded.skipped or 'none'})")
        last = context.partition_keys[-1]
        return dg.MaterializeResult(
            metadata={
                "dagster/row_count": sum(r["requests"] for r in rows.values()),
                "rows": dg.MetadataValue.json(rows),
                "by_arm": dg.MetadataValue.json(summary["by_arm"]),
                "guardrail_triggers": dg.MetadataValue.json(summary["guardrail_triggers"]),
                "feedback": dg.MetadataValue.json(summary["feedback"]),
                "summary_of": last,
            }
        )

    return serving_log_asset


DriftReportConfig = config_class(DriftConfig, dg.Config, "DriftReportConfig")


def production_snapshot(registry: RegistryResource) -> dict | None:
    """What production was trained on: {version, dataset_version, days, base_model}, or None before a release."""
    models = registry.registry()
    try:
        version = models.at("production")
    except RegistryError:
        return None
    if version is None:
        return None
    tags = models.client.get_model_version(models.name, version).tags
    return {
        "version": version,
        "dataset_version": tags["lifecycle.dataset_version"],
        "days": days_of_tag(tags.get("lifecycle.raw_partitions", "")),
        "base_model": tags.get("lifecycle.base_model", ""),
    }


def _training_prompts(store, dataset_version: str) -> list[str]:
    """The user turns of the production dataset's training split: the reference for live prompts."""
    texts = []
    for example in read_jsonl_split(store, dataset_version, "train"):
        texts += [m["content"] for m in example.get("messages", []) if m.get("role") == "user"]
    return texts


def build_drift_report(daily: dg.PartitionsDefinition) -> dg.AssetsDefinition:
    @dg.asset(
        key=DRIFT_REPORT_KEY,
        partitions_def=daily,
        deps=[*DRIFT_INPUTS, SERVING_LOG_KEY, REGISTERED_MODEL_KEY],
        group_name="monitoring",
        kinds={"duckdb"},
        backfill_policy=single_run,
        pool="drift_report",  # one at a time: the first builds the reference, the others read it
        automation_condition=ON_NEW_WAREHOUSE_DAY,
    )
    def drift_report_asset(
        context: dg.AssetExecutionContext,
        config: DriftReportConfig,
        object_store: ObjectStoreResource,
        registry: RegistryResource,
        warehouse: WarehouseResource,
    ) -> dg.MaterializeResult:
        """Each day's partner data and live prompts against the training snapshot of the production version:
        a table of features (statistic, threshold, verdict), plots, and one verdict naming what drifted. The
        drift sensor retrains on it."""
        store = object_store.store()
        snapshot = production_snapshot(registry)
        if snapshot is None:
            context.log.info("nothing is in production yet: there is no training snapshot to compare with")
            for day in context.partition_keys:
                context.add_asset_metadata({"verdict": "no_reference"}, partition_key=day)
            return dg.MaterializeResult()
        drift_config = to_dataclass(config, DriftConfig)
        with warehouse.connect(read_only=True) as con:
            reference = load_reference(store, snapshot["dataset_version"])
            if reference is None:  # once per dataset version, then read back every day
                prompts = _training_prompts(store, snapshot["dataset_version"])
                reference = build_reference(con, snapshot["days"], prompts, drift_config)
                save_reference(store, snapshot["dataset_version"], reference)
                context.log.info(f"reference of dataset {snapshot['dataset_version']} built and stored")
            for day in context.partition_keys:
                report = drift_report(reference, con, day, drift_config)
                context.add_asset_metadata(_published(store, day, report, snapshot), partition_key=day)
                drifted = f" ({', '.join(report.drifted)})" if report.drifted else ""
                context.log.info(f"{day}: {report.verdict}{drifted}")
        return dg.MaterializeResult()

    return drift_report_asset


def _published(store, day: str, report, snapshot: dict) -> dict:
    """Write the day's report (JSON, plots) to the store; its metadata for the day's partition."""
    prefix = f"{REPORTS_PREFIX}/date={day}"
    store.put_json(f"{prefix}/report.json", report.to_json())
    for name, png in report.plots.items():
        store.put_bytes(f"{prefix}/{name}.png", png)
    return {
        "verdict": report.verdict,
        "drifted": dg.MetadataValue.json(report.drifted),
        "features": dg.MetadataValue.md(report.to_markdown()),
        "production_version": snapshot["version"],
        "dataset_version": snapshot["dataset_version"],
        "reference_days": dg.MetadataValue.json(snapshot["days"]),
        "report": location(store.uri(f"{prefix}/report.json")),
        **{f"plot_{name}": png_image(name, png) for name, png in report.plots.items()},
    }


def defs(daily: dg.PartitionsDefinition) -> dg.Definitions:
    return dg.Definitions(assets=[build_serving_log(daily), build_drift_report(daily)])
