"""The MLflow registry on the embedded sqlite store: runs logged once, versions registered once, aliases."""

from __future__ import annotations

import pytest

from lifecycle_core.registry import (
    ModelRegistry,
    RegistryError,
    RegistryUnavailable,
    RunTracker,
    connect,
    days_tag,
    local_tracking_uri,
)
from lifecycle_core.registry.tracking import TRAINING_EXPERIMENT, flatten


@pytest.fixture
def client(tmp_path):
    return connect(local_tracking_uri(tmp_path / "home"))


@pytest.fixture
def adapters(tmp_path):
    """Three adapter folders as the store holds them (their content is not read by the registry)."""
    folders = {}
    for version in ("a1", "a2", "a3"):
        folder = tmp_path / "store" / "adapters" / version
        folder.mkdir(parents=True)
        (folder / "adapter_config.json").write_text("{}")
        folders[version] = folder.as_uri()
    return folders


def training_metrics(version: str) -> dict:
    curve = [{"step": s, "train_loss": 2.0 / s, "val_loss": 1.5 / s if s % 2 == 0 else None, "lr": 1e-3,
              "tokens_per_s": 100.0} for s in range(1, 5)]  # fmt: skip
    return {"version": version, "dataset_version": "d1", "adapter_uri": f"file:///x/{version}", "curve": curve,
            "steps": 4, "base_val_loss": 2.0, "adapter_val_loss": 0.4}  # fmt: skip


def test_training_run_is_logged_once_with_its_curve_and_params(client, tmp_path):
    tracker = RunTracker(client, (tmp_path / "store" / "mlflow").as_uri())
    config = {"train": {"learning_rate": 0.002, "max_steps": 4}, "lora": {"target_modules": ["q_proj"]}}
    run_id = tracker.log_training(training_metrics("a1"), config, {"dagster.run_id": "r1"})
    assert tracker.log_training(training_metrics("a1"), config, {"dagster.run_id": "r2"}) == run_id
    experiment = client.get_experiment_by_name(TRAINING_EXPERIMENT)
    assert len(client.search_runs([experiment.experiment_id])) == 1
    run = client.get_run(run_id)
    assert run.data.params["train.learning_rate"] == "0.002" and run.data.params["lora.target_modules"] == '["q_proj"]'
    assert run.data.tags["lifecycle.adapter_version"] == "a1" and run.info.status == "FINISHED"
    history = client.get_metric_history(run_id, "train_loss")
    assert [(m.step, m.value) for m in history] == [(s, 2.0 / s) for s in range(1, 5)]
    assert [m.step for m in client.get_metric_history(run_id, "val_loss")] == [2, 4]
    assert experiment.artifact_location.startswith((tmp_path / "store" / "mlflow").as_uri())


def test_a_run_left_unfinished_by_a_crash_is_logged_again(client, tmp_path):
    tracker = RunTracker(client, (tmp_path / "mlflow").as_uri())
    experiment_id = tracker._experiment(TRAINING_EXPERIMENT)
    crashed = client.create_run(experiment_id, tags={"lifecycle.adapter_version": "a1"}).info.run_id
    run_id = tracker.log_training(training_metrics("a1"), {}, {})
    assert run_id != crashed and client.get_run(crashed).info.lifecycle_stage == "deleted"
    assert [r.info.run_id for r in client.search_runs([experiment_id])] == [run_id]


def test_register_once_per_adapter_version_with_lineage_tags(client, adapters):
    registry = ModelRegistry(client, "member-chatbot")
    assert registry.at("production") is None and registry.adapter_at("candidate") is None  # no model yet
    first = registry.register("a1", adapters["a1"], {"lifecycle.dataset_version": "d1"}, run_id=None)
    again = registry.register("a1", adapters["a1"], {"lifecycle.dataset_version": "d1"}, run_id=None)
    assert (first.version, first.created, again.version, again.created) == ("1", True, "1", False)
    assert len(client.search_model_versions("name='member-chatbot'")) == 1
    second = registry.register("a2", adapters["a2"], {}, run_id=None)
    assert second.version == "2" and registry.at("candidate") == "2" and registry.adapter_at("candidate") == "a2"
    version = client.get_model_version("member-chatbot", "1")
    assert version.source == adapters["a1"] and version.tags["lifecycle.dataset_version"] == "d1"


def test_the_registered_adapter_downloads_by_alias(client, adapters, tmp_path):
    import mlflow

    registry = ModelRegistry(client, "member-chatbot")
    registry.promote(registry.register("a1", adapters["a1"], {}, run_id=None).version)
    mlflow.set_registry_uri(client._registry_uri)
    try:
        folder = mlflow.artifacts.download_artifacts("models:/member-chatbot@production", dst_path=str(tmp_path / "dl"))
    finally:
        mlflow.set_registry_uri(None)
    assert (tmp_path / "dl" / "adapter_config.json").exists() and folder.startswith(str(tmp_path / "dl"))


def test_promote_and_rollback_walk_the_production_history(client, adapters):
    registry = ModelRegistry(client, "member-chatbot")
    for version in ("a1", "a2", "a3"):
        registry.register(version, adapters[version], {}, run_id=None)
    with pytest.raises(RegistryError, match="no production version"):
        registry.rollback()
    assert registry.promote("1") == (None, "1")
    with pytest.raises(RegistryError, match="first that was in production"):
        registry.rollback()
    assert registry.promote("2") == ("1", "2") and registry.promote("2") == ("2", "2")  # no-op
    assert registry.promote("3") == ("2", "3")
    assert registry.rollback() == ("3", "2") and registry.adapter_at("production") == "a2"
    assert registry.rollback() == ("2", "1")  # one further back, not back to 3
    assert "lifecycle.rolled_back_at" in client.get_model_version("member-chatbot", "3").tags
    client.set_registered_model_alias("member-chatbot", "production", "3")  # moved by hand in the MLflow UI
    assert registry.rollback() == ("3", "1")


def test_unreachable_tracking_server_is_a_clear_error_at_once():
    with pytest.raises(RegistryUnavailable, match=r"tracking server at http://127\.0\.0\.1:9 is unreachable"):
        connect("http://127.0.0.1:9")


def test_days_tag_and_flatten():
    days = ["2026-11-26", "2026-11-24", "2026-11-25", "2026-12-01", "2026-11-25"]
    assert days_tag(days) == "2026-11-24..2026-11-26, 2026-12-01"
    assert flatten({"a": {"b": 1, "c": {"d": "x"}}, "e": [1, 2]}) == {"a.b": "1", "a.c.d": "x", "e": "[1, 2]"}
