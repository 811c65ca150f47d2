"""Training and evaluation runs in MLflow: logged once per adapter or evaluation version.

A run is found by its version tag, so a re-materialization (or a step re-run after a crash) never
logs a second run for the same adapter or report. A run is finished only when everything was
logged; one left unfinished by a crash is deleted and logged again.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mlflow import MlflowClient

TRAINING_EXPERIMENT = "genai-lifecycle-training"
EVALUATION_EXPERIMENT = "genai-lifecycle-evaluation"
ADAPTER_TAG = "lifecycle.adapter_version"
EVALUATION_TAG = "lifecycle.evaluation_version"
DAGSTER_RUN_TAG = "dagster.run_id"
BATCH = 1000  # MLflow's limit of metrics per log_batch call (params: 100, tags: 100)


def flatten(config: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """{"train": {"learning_rate": 2e-3}} -> {"train.learning_rate": "0.002"}: MLflow params are flat strings."""
    flat: dict[str, str] = {}
    for key, value in config.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat |= flatten(value, f"{name}.")
        else:
            flat[name] = value if isinstance(value, str) else json.dumps(value)
    return flat


class RunTracker:
    """The two experiments, with artifacts under `artifact_root` (a folder of the object store)."""

    def __init__(self, client: MlflowClient, artifact_root: str):
        self.client, self.artifact_root = client, artifact_root.rstrip("/")

    def _experiment(self, name: str) -> str:
        found = self.client.get_experiment_by_name(name)
        if found is not None:
            return found.experiment_id
        return self.client.create_experiment(name, artifact_location=f"{self.artifact_root}/{name}")

    def _finished_run(self, experiment_id: str, tag: str, value: str) -> str | None:
        from mlflow.entities import RunStatus

        runs = self.client.search_runs([experiment_id], f"tags.`{tag}` = '{value}'")
        finished = [r.info.run_id for r in runs if r.info.status == RunStatus.to_string(RunStatus.FINISHED)]
        for run in runs:
            if run.info.run_id not in finished:
                self.client.delete_run(run.info.run_id)  # left by a crash: incomplete, logged again below
        return finished[0] if finished else None

    def _log(
        self,
        experiment: str,
        key: tuple[str, str],
        run_name: str,
        params: Mapping[str, str],
        metrics: Iterable[tuple[str, float, int]],
        tags: Mapping[str, str],
        artifacts: Sequence[Path] = (),
    ) -> str:
        from mlflow.entities import Metric, Param

        experiment_id = self._experiment(experiment)
        existing = self._finished_run(experiment_id, *key)
        if existing:
            for name, value in tags.items():  # tags may say something new (a verdict under other margins)
                self.client.set_tag(existing, name, value)
            return existing
        run_id = self.client.create_run(experiment_id, run_name=run_name, tags={key[0]: key[1], **tags}).info.run_id
        now = int(time.time() * 1000)
        rows = [Metric(name, float(value), now, step) for name, value, step in metrics]
        for start in range(0, len(rows), BATCH):
            self.client.log_batch(run_id, metrics=rows[start : start + BATCH])
        pairs = [Param(k, v[:6000]) for k, v in params.items()]
        for start in range(0, len(pairs), 100):
            self.client.log_batch(run_id, params=pairs[start : start + 100])
        for path in artifacts:
            self.client.log_artifact(run_id, str(path))
        self.client.set_terminated(run_id)  # last: a finished run is a complete one
        return run_id

    def find(self, experiment: str, tag: str, value: str) -> str | None:
        """The finished run of `experiment` whose `tag` is `value`, if there is one."""
        from mlflow.entities import RunStatus

        found = self.client.get_experiment_by_name(experiment)
        if found is None:
            return None
        runs = self.client.search_runs([found.experiment_id], f"tags.`{tag}` = '{value}'")
        return next((r.info.run_id for r in runs if r.info.status == RunStatus.to_string(RunStatus.FINISHED)), None)

    def training_run(self, adapter_version: str) -> str | None:
        return self.find(TRAINING_EXPERIMENT, ADAPTER_TAG, adapter_version)

    def evaluation_run(self, evaluation_version: str) -> str | None:
        return self.find(EVALUATION_EXPERIMENT, EVALUATION_TAG, evaluation_version)

    def set_tags(self, run_id: str, tags: Mapping[str, str]) -> None:
        for name, value in tags.items():
            self.client.set_tag(run_id, name, value)

    def log_training(
        self, metrics: Mapping[str, Any], training_config: Mapping[str, Any], tags: Mapping[str, str]
    ) -> str:
        """One run per adapter version: the canonical training config as params, the per-step curve as metrics."""
        curve = []
        for point in metrics.get("curve", []):
            for name in ("train_loss", "val_loss", "lr", "tokens_per_s"):
                if point.get(name) is not None:
                    curve.append((name, point[name], point["step"]))
        curve += [(name, metrics[name], metrics["steps"]) for name in ("base_val_loss", "adapter_val_loss")
                  if metrics.get(name) is not None]  # fmt: skip
        return self._log(
            TRAINING_EXPERIMENT,
            (ADAPTER_TAG, metrics["version"]),
            f"adapter {metrics['version']}",
            flatten(training_config),
            curve,
            {"lifecycle.dataset_version": metrics["dataset_version"], "lifecycle.adapter_uri": metrics["adapter_uri"],
             **tags},
        )  # fmt: skip

    def log_evaluation(
        self, report: Mapping[str, Any], params: Mapping[str, Any], tags: Mapping[str, str], artifacts: Sequence[Path]
    ) -> str:
        """One run per evaluation version: every arm's metric and standard error per task."""
        metrics = []
        for arm, tasks in report["metrics"].items():
            for task, entry in tasks.items():
                metrics.append((f"{arm}/{task}", entry["value"], 0))
                if entry.get("stderr") is not None:
                    metrics.append((f"{arm}/{task}_stderr", entry["stderr"], 0))
        arms = {f"lifecycle.{arm}_adapter": version for arm, version in report["arms"].items() if version}
        return self._log(
            EVALUATION_EXPERIMENT,
            (EVALUATION_TAG, report["version"]),
            f"evaluation {report['version']}",
            flatten(params),
            metrics,
            {"lifecycle.dataset_version": report["dataset_version"], "lifecycle.report_uri": report["uri"], **arms,
             **tags},
            artifacts,
        )  # fmt: skip


__all__ = ["EVALUATION_EXPERIMENT", "TRAINING_EXPERIMENT", "RunTracker", "flatten"]
