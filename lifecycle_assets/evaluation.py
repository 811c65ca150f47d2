"""Evaluation: the candidate adapter, the production adapter and the base model side by side, and the gate.

`model/eval_report` runs `python -m lifecycle_core.evaluation` through the step runner (a subprocess
locally, a one-GPU pod on Kubernetes) and logs the report to MLflow; `promotion_gate`, a blocking
check on it, decides whether the candidate may be registered: when it fails, nothing downstream runs.
"""

import json
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dagster as dg
import pydantic

from lifecycle_assets.metadata import location, png_image
from lifecycle_assets.training import ADAPTER_KEY
from lifecycle_assets.upstream import latest_materialization, missing_input
from lifecycle_core.common.lineage import code_version
from lifecycle_core.evaluation import GateConfig, chart_png, decide, markdown_table
from lifecycle_core.evaluation.config import EvalArgs, evaluation_prefix
from lifecycle_core.evaluation.run import REPORT
from lifecycle_core.store import ObjectStore
from lifecycle_core.training import adapter_prefix, cli_arguments
from resources.object_store import ObjectStoreResource
from resources.registry import RegistryResource
from resources.settings import config_class, to_dataclass
from resources.step_runner import StepRunnerResource

EVAL_REPORT_KEY = dg.AssetKey(["model", "eval_report"])
GATE_CHECK = "promotion_gate"
GATE_CHECK_KEY = dg.AssetCheckKey(EVAL_REPORT_KEY, GATE_CHECK)
EVALUATION_MODULE = "lifecycle_core.evaluation"
CHART = "chart.png"


def eval_report_config(defaults: Mapping[str, Any]) -> type[dg.Config]:
    """How much to evaluate (the arms, data and base model follow from the adapter and the registry), with a
    profile's `defaults` in place of the entrypoint's."""
    settings = config_class(EvalArgs, dg.Config, "EvalSettings", exclude={"output_key"}, defaults=defaults)
    return pydantic.create_model(
        "EvalReportConfig",
        __base__=dg.Config,
        __module__=__name__,
        eval=(settings, pydantic.Field(default=settings(), description=EvalArgs.__doc__)),
    )


def candidate_adapter(instance: dg.DagsterInstance, store: ObjectStore) -> tuple[str, dict]:
    """(adapter version, lineage) of the newest model/lora_adapter, or a failure naming how to make it."""
    version, metadata = latest_materialization(instance, ADAPTER_KEY, EVAL_REPORT_KEY)
    if not store.exists(f"{adapter_prefix(version)}/metrics.json"):
        raise missing_input(
            EVAL_REPORT_KEY, ADAPTER_KEY, reason=f"was materialized as {version} but is not in the store"
        )
    return version, metadata["lineage"]


def report_metadata(report: dict[str, Any], chart: bytes) -> dict[str, Any]:
    """The table a person reads, the chart, and every arm's metric as a number (plotted across runs)."""
    numbers = {
        f"{arm}/{task}": round(entry["value"], 4)
        for arm, tasks in report["metrics"].items()
        for task, entry in tasks.items()
    }
    return {
        "report": dg.MetadataValue.md(markdown_table(report["metrics"])),
        "chart": png_image("arms per metric", chart),
        **numbers,
    }


def build_evaluation(eval_defaults: Mapping[str, Any], gate_defaults: Mapping[str, Any]) -> dg.Definitions:
    """The report and its gate, with a profile's defaults for the evaluation and the gate's margins."""
    EvalReportConfig = eval_report_config(eval_defaults)
    PromotionGateConfig = config_class(GateConfig, dg.Config, "PromotionGateConfig", defaults=gate_defaults)

    @dg.asset(key=EVAL_REPORT_KEY, deps=[ADAPTER_KEY], group_name="model", kinds={"lm-eval", "mlflow"})
    def eval_report(
        context: dg.AssetExecutionContext,
        config: EvalReportConfig,
        object_store: ObjectStoreResource,
        step_runner: StepRunnerResource,
        registry: RegistryResource,
    ) -> dg.MaterializeResult:
        """The candidate adapter, the adapter in production and the base model on the held-out answers and the
        plan-fact tasks (lm-eval), with standard errors; lm-eval's results and samples are in the store."""
        store = object_store.store()
        candidate, lineage = candidate_adapter(context.instance, store)
        models, tracker = registry.open(store)  # before evaluating: an unreachable tracking server fails fast
        production = models.adapter_at("production")
        if production == candidate:
            context.log.info(f"adapter {candidate} is already in production: compared with the base model only")
            production = None
        run_config = {
            "model": {"base_model": lineage["base_model"], "cache_dir": step_runner.model_cache_dir},
            "data": {"store_uri": store.root_uri(), "dataset_version": lineage["dataset_version"]},
            "arms": {"candidate": candidate, "production": production or ""},
            "eval": config.eval.model_dump(),
        }
        reported = step_runner.run(context, EVALUATION_MODULE, cli_arguments(run_config), env={}, gpus=1)
        version = reported.get_materialize_result().data_version.value
        report_bytes = store.get_bytes(f"{evaluation_prefix(version)}/{REPORT}")  # read once: metadata and artifact
        report = json.loads(report_bytes)
        chart = chart_png(report["metrics"])
        store.put_bytes(f"{report['prefix']}/{CHART}", chart)
        with tempfile.TemporaryDirectory(prefix="eval-report-") as tmp:
            artifacts = [Path(tmp) / REPORT, Path(tmp) / CHART]
            artifacts[0].write_bytes(report_bytes)
            artifacts[1].write_bytes(chart)
            run_id = tracker.log_evaluation(
                report,
                {group: values for group, values in run_config.items() if group in ("arms", "eval")},
                {"dagster.run_id": context.run.run_id, "lifecycle.base_model": lineage["base_model"],
                 "lifecycle.code_version": code_version()},
                artifacts,
            )  # fmt: skip
        return dg.MaterializeResult(
            metadata={
                **report_metadata(report, chart),
                "evaluation_version": version,
                "candidate": candidate,
                "production": production or "none (first release)",
                "uri": location(report["uri"]),
                "mlflow_run_id": run_id,
                "lineage": dg.MetadataValue.json(
                    {
                        "evaluation_version": version,
                        "dataset_version": lineage["dataset_version"],
                        "raw_partitions": lineage.get("raw_partitions", []),
                        "candidate_adapter": candidate,
                        "production_adapter": production,
                        "base_model": lineage["base_model"],
                        "training_code_version": lineage["code_version"],
                        "code_version": code_version(),
                    }
                ),
            },
            data_version=dg.DataVersion(version),
        )

    @dg.asset_check(
        asset=EVAL_REPORT_KEY,
        name=GATE_CHECK,
        blocking=True,
        description="The candidate beats production (the base model before the first release) by the margins on the "
        "quality tasks, allowing for the standard errors, and regresses no task beyond the tolerance.",
    )
    def promotion_gate(
        context: dg.AssetCheckExecutionContext,
        config: PromotionGateConfig,
        object_store: ObjectStoreResource,
        registry: RegistryResource,
    ) -> dg.AssetCheckResult:
        store = object_store.store()
        version, metadata = latest_materialization(
            context.instance, EVAL_REPORT_KEY, f"{EVAL_REPORT_KEY.to_user_string()}:{GATE_CHECK}"
        )
        report = store.get_json(f"{evaluation_prefix(version)}/{REPORT}")
        verdict = decide(report, to_dataclass(config, GateConfig))
        _, tracker = registry.open(store)
        run_id = tracker.evaluation_run(version)
        if run_id:
            tracker.set_tags(run_id, {"lifecycle.gate": "passed" if verdict["passed"] else "blocked",
                                      "lifecycle.gate_decided_by": verdict["decided_by"],
                                      "lifecycle.gate_why": verdict["why"]})  # fmt: skip
        rows = "\n".join(
            f"| {task} | {e['improvement']:+.4f} | {e['stderr']:.4f} | {e.get('needed', '-')} | "
            f"{'won' if e.get('won') else 'lost' if 'won' in e else '-'} | {'yes' if e['regressed'] else 'no'} |"
            for task, e in verdict["tasks"].items()
        )
        table = "| task | improvement | stderr | margin | quality | regressed |\n|---|---:|---:|---:|---|---|\n" + rows
        return dg.AssetCheckResult(
            passed=verdict["passed"],
            description=verdict["why"],
            metadata={
                "decided_by": verdict["decided_by"],
                "why": verdict["why"],
                "reference": verdict["reference"],
                "improvement": verdict["tasks"][verdict["decided_by"]]["improvement"],
                "tasks": dg.MetadataValue.md(table),
                "evaluation_version": version,
                "candidate": metadata["candidate"],
            },
        )

    return dg.Definitions(assets=[eval_report], asset_checks=[promotion_gate])


def defs(defaults: Mapping[str, Any] | None = None) -> dg.Definitions:
    """`defaults`: a profile's {"eval.field" | "gate.field": value}."""
    groups: dict[str, dict[str, Any]] = {"eval": {}, "gate": {}}
    for dotted, value in (defaults or {}).items():
        group, _, name = dotted.partition(".")
        groups[group][name] = value
    return build_evaluation(groups["eval"], groups["gate"])
