"""The production profile, exactly as definitions.py builds it, against a real S3 server.

Partner drops are written into the S3 landing prefix (as a partner would); the landing sensor finds
them; ingest_job turns them into raw and warehouse partitions, idempotently.
"""

from __future__ import annotations

from datetime import date

import dagster as dg
import duckdb
import pytest

from definitions import build_defs
from lifecycle_core.feed.partner import write_synthetic_drop
from lifecycle_core.raw import layout
from lifecycle_core.store.s3 import S3ObjectStore
from resources.profiles import k8s_profile
from sensors.landing import landing_sensor
from tests.dagster.conftest import SMALL_FEED, run_ingest
from tests.mlflow_server import free_port

DAYS = ("2026-05-04", "2026-05-05")


@pytest.fixture
def k8s_env(s3_server, tmp_path, monkeypatch):
    bucket = s3_server.new_bucket()
    monkeypatch.setenv("LIFECYCLE_S3_BUCKET", bucket)
    monkeypatch.setenv("AWS_ENDPOINT_URL_S3", s3_server.endpoint_url)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", s3_server.access_key)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", s3_server.secret_key)
    monkeypatch.setenv("AWS_DEFAULT_REGION", s3_server.region)
    monkeypatch.setenv("LIFECYCLE_WAREHOUSE", str(tmp_path / "lifecycle.duckdb"))
    monkeypatch.setenv("LIFECYCLE_PSEUDONYM_KEY", "ab" * 32)
    for name, value in {
        "LIFECYCLE_TRAINER_IMAGE": "ghcr.io/genai-lifecycle/trainer:test",
        "LIFECYCLE_NAMESPACE": "lifecycle",
        "LIFECYCLE_KUEUE_QUEUE": "ml-training",
        "LIFECYCLE_TRAINING_PRIORITY_CLASS": "training-low",
        "LIFECYCLE_S3_SECRET": "lifecycle-s3",
        "LIFECYCLE_MLFLOW_URI": "http://mlflow.lifecycle.svc:5000",
        "LIFECYCLE_GATEWAY_IMAGE": "ghcr.io/genai-lifecycle/gateway:test",
    }.items():  # the whole production environment, as the Helm values set it
        monkeypatch.setenv(name, value)
    partner = S3ObjectStore(s3_server.client(), bucket, prefix="lifecycle")
    return partner, tmp_path / "lifecycle.duckdb"


def drop_day(store, day: str) -> None:
    for source in layout.DAILY_SOURCES:
        write_synthetic_drop(store, SMALL_FEED.feed_config(), source, date.fromisoformat(day))


def test_sensor_then_ingest_on_s3(k8s_env):
    partner, warehouse = k8s_env
    profile = k8s_profile()
    defs, resources = build_defs(profile), dict(profile.resources)
    drop_day(partner, DAYS[0])
    drop_day(partner, DAYS[1])
    partner.delete(layout.landing_prefix("claims", DAYS[1]) + layout.SUCCESS_MARKER)  # still uploading

    with dg.build_sensor_context(
        resources=resources, definitions=defs, instance=dg.DagsterInstance.ephemeral()
    ) as context:
        result = landing_sensor(context)
    assert [r.partition_key for r in result.run_requests] == [DAYS[0]]
    partner.put_bytes(layout.landing_prefix("claims", DAYS[1]) + layout.SUCCESS_MARKER, b"")
    with dg.build_sensor_context(
        resources=resources, definitions=defs, cursor=result.cursor, instance=dg.DagsterInstance.ephemeral()
    ) as context:
        again = landing_sensor(context)
    assert [r.partition_key for r in again.run_requests] == [DAYS[1]]  # no double run for DAYS[0]

    assert run_ingest(defs, *DAYS).success
    with duckdb.connect(str(warehouse), read_only=True) as con:
        first = con.execute(
            "SELECT partition_date, count(*) FROM warehouse.conversations GROUP BY 1 ORDER BY 1"
        ).fetchall()
    assert len(first) == 2 and all(n > 0 for _, n in first)
    assert partner.list(layout.raw_prefix("conversations", DAYS[0]))  # raw lives in S3
    assert run_ingest(defs, *DAYS).success
    with duckdb.connect(str(warehouse), read_only=True) as con:
        assert (
            con.execute("SELECT partition_date, count(*) FROM warehouse.conversations GROUP BY 1 ORDER BY 1").fetchall()
            == first
        )


def test_missing_partner_drop_fails_clearly(k8s_env):
    defs = build_defs(k8s_profile())
    result = run_ingest(defs, "2026-05-09", "2026-05-09")
    assert not result.success
    failure = next(e for e in result.all_events if e.event_type_value == "STEP_FAILURE")
    assert "has not landed" in str(failure.event_specific_data.error)


def job_failure(result) -> str:
    (failure,) = [e for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
    return failure.event_specific_data.error.message


def test_registry_on_a_tracking_server_with_artifacts_in_s3(k8s_env, mlflow_server, monkeypatch, tmp_path):
    partner, _ = k8s_env
    monkeypatch.setenv("LIFECYCLE_MLFLOW_URI", mlflow_server.url)
    profile = k8s_profile()
    resources = {name: profile.resources[name] for name in ("registry", "object_store")}
    report = {"version": "e1", "dataset_version": "d1", "uri": "s3://x/evaluations/e1",
              "arms": {"candidate": "a2", "production": "a1"},
              "metrics": {"candidate": {"plan_fact_mc": {"value": 0.6, "stderr": 0.05, "n": 100}}}}  # fmt: skip
    (tmp_path / "report.json").write_text("{}")
    with dg.build_resources(resources) as built:
        store = built.object_store.store()
        models, tracker = built.registry.open(store)
        run_id = tracker.log_evaluation(report, {"eval": {"max_items": 200}}, {}, [tmp_path / "report.json"])
        for adapter in ("a1", "a2"):
            store.put_json(f"adapters/{adapter}/adapter_config.json", {})
            version = models.register(adapter, store.prefix_uri(f"adapters/{adapter}"), {}, run_id=None).version
            models.promote(version)
    # The artifact went to the project's bucket, next to everything else, not to the server's disk.
    assert [key for key in partner.list("mlflow/") if key.endswith(f"{run_id}/artifacts/report.json")]
    assert models.client.get_model_version(models.name, "2").source.startswith("s3://")

    defs = build_defs(k8s_profile())
    result = defs.resolve_job_def("rollback_job").execute_in_process(instance=dg.DagsterInstance.ephemeral())
    assert result.success and models.at("production") == "1"

    monkeypatch.setenv("LIFECYCLE_MLFLOW_URI", f"http://127.0.0.1:{free_port()}")
    unreachable = build_defs(k8s_profile()).resolve_job_def("rollback_job")
    failed = unreachable.execute_in_process(instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)
    assert (
        not failed.success and "is unreachable" in job_failure(failed) and "LIFECYCLE_MLFLOW_URI" in job_failure(failed)
    )
    assert models.at("production") == "1"  # nothing moved


def test_k8s_serving_backend_renders_the_endpoint_spec_and_needs_a_cluster(tmp_path, monkeypatch, s3_store):
    from lifecycle_core.k8s.serving import engine_args, serving_manifests, validate
    from lifecycle_core.serving.endpoint import EndpointSpec, ServedVersion
    from resources.serving import K8sServingBackend

    spec = EndpointSpec("Qwen/Qwen2.5-1.5B-Instruct", ServedVersion("3", "a3", "s3://b/adapters/a3"),
                        ServedVersion("4", "a4", "s3://b/adapters/a4"), 0.1)  # fmt: skip
    backend = K8sServingBackend(namespace="lifecycle", gateway_image="gateway:test")
    rendered = backend.serving_spec(spec, s3_store)
    manifests = serving_manifests(rendered)
    validate(manifests)
    args = " ".join(engine_args(rendered))
    assert "adapter-a3=/adapters/a3" in args and "adapter-a4=/adapters/a4" in args
    assert rendered.adapters_uri == s3_store.prefix_uri("adapters") and rendered.canary_share == 0.1
    monkeypatch.setenv("KUBECONFIG", str(tmp_path / "no-such-kubeconfig"))
    monkeypatch.delenv("KUBERNETES_SERVICE_HOST", raising=False)
    with pytest.raises(dg.Failure, match="no Kubernetes cluster configured"):
        backend.deploy(spec, s3_store)
