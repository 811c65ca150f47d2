"""The serving stage's manifests: valid for Kubernetes 1.30 (strict), what each pod runs, and server-side apply."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from lifecycle_core.common.settings import ConfigError
from lifecycle_core.k8s.gpu_pod import GPU_RESOURCE
from lifecycle_core.k8s.serving import (
    NoCluster,
    ServingSpec,
    apply,
    engine_manifests,
    gateway_manifests,
    serving_manifests,
    to_yaml,
    validate,
    with_overrides,
)
from lifecycle_core.serving.gateway.config import GatewayConfig

ADAPTERS = "s3://models/lifecycle/adapters"


def spec(**changes) -> ServingSpec:
    values = {
        "adapters_uri": ADAPTERS,
        "production_adapter": "a1b2c3",
        "canary_adapter": "d4e5f6",
        "canary_share": 0.1,
        "production_version": "7",
        "canary_version": "8",
        "s3_secret_name": "lifecycle-s3",
    }
    return ServingSpec(**{**values, **changes})


def by_kind(manifests: list[dict]) -> dict[str, dict]:
    return {f"{m['kind']}/{m['metadata']['name']}": m for m in manifests}


def pod(manifests: list[dict]) -> dict:
    return next(m for m in manifests if m["kind"] == "Deployment")["spec"]["template"]


@pytest.mark.parametrize(
    "served",
    [spec(), spec(canary_adapter=None, canary_share=0.0), ServingSpec(), spec(base_model="s3://models/base/qwen")],
    ids=["canary", "production", "base-only", "s3-base"],
)
def test_every_manifest_validates_against_kubernetes_1_30(served):
    manifests = serving_manifests(served)
    validate(manifests, "1.30.0")
    assert sorted(by_kind(manifests)) == [
        "Deployment/lifecycle-engine", "Deployment/lifecycle-gateway", "Service/lifecycle-engine",
        "Service/lifecycle-gateway"]  # fmt: skip
    assert list(yaml.safe_load_all(to_yaml(manifests))) == manifests
    for m in manifests:
        assert m["metadata"]["labels"]["app.kubernetes.io/part-of"] == "genai-lifecycle"


def test_engine_serves_the_gpu_the_adapters_and_probes():
    deployment, service = engine_manifests(spec(gpus=2))
    template = deployment["spec"]["template"]
    assert template["metadata"]["labels"]["app.kubernetes.io/component"] == "engine"
    assert deployment["spec"]["selector"]["matchLabels"] == service["spec"]["selector"]
    assert service["spec"]["type"] == "ClusterIP" and service["spec"]["ports"][0]["port"] == 8000
    (engine,) = template["spec"]["containers"]
    assert engine["image"].startswith("vllm/vllm-openai:")
    assert engine["resources"]["limits"][GPU_RESOURCE] == "2"
    assert {"key": GPU_RESOURCE, "operator": "Exists", "effect": "NoSchedule"} in template["spec"]["tolerations"]
    args = engine["args"]
    for flag, value in [("--model", "Qwen/Qwen2.5-0.5B-Instruct"), ("--served-model-name", "base"),
                        ("--max-loras", "2"), ("--max-lora-rank", "16"), ("--max-model-len", "4096"),
                        ("--tensor-parallel-size", "2"), ("--port", "8000")]:  # fmt: skip
        assert args[args.index(flag) + 1] == value
    assert "--enable-lora" in args
    assert args.count("--lora-modules") == 1  # vLLM keeps only the last one given
    modules = args[args.index("--lora-modules") + 1 :]
    assert modules == ["adapter-a1b2c3=/adapters/a1b2c3", "adapter-d4e5f6=/adapters/d4e5f6"]
    assert {"name": "VLLM_ALLOW_RUNTIME_LORA_UPDATING", "value": "True"} in engine["env"]
    shm = next(v for v in template["spec"]["volumes"] if v["name"] == "dshm")
    assert shm["emptyDir"]["medium"] == "Memory"
    assert engine["readinessProbe"]["httpGet"] == {"path": "/v1/models", "port": 8000}
    assert engine["livenessProbe"]["httpGet"] == {"path": "/health", "port": 8000}
    startup = engine["startupProbe"]
    assert startup["periodSeconds"] * startup["failureThreshold"] >= 20 * 60  # model load is slow


def test_init_container_syncs_exactly_the_served_versions():
    (sync,) = pod(engine_manifests(spec()))["spec"]["initContainers"]
    assert sync["image"].startswith("amazon/aws-cli")
    assert sync["command"][-2:] == ["a1b2c3", "d4e5f6"]
    assert "aws s3 sync" in sync["command"][2]
    assert {"name": "ADAPTERS_URI", "value": ADAPTERS} in sync["env"]
    assert sync["envFrom"] == [{"secretRef": {"name": "lifecycle-s3"}}]  # AWS_ENDPOINT_URL_S3 comes from here
    assert sync["volumeMounts"] == [{"name": "adapters", "mountPath": "/adapters"}]

    production_only = pod(engine_manifests(spec(canary_adapter=None, canary_share=0.0)))["spec"]
    assert production_only["initContainers"][0]["command"][-2:] == ["sync-adapters", "a1b2c3"]
    args = production_only["containers"][0]["args"]
    assert args[args.index("--lora-modules") + 1 :] == ["adapter-a1b2c3=/adapters/a1b2c3"]

    base_only = pod(engine_manifests(ServingSpec()))["spec"]
    assert "initContainers" not in base_only and "--lora-modules" not in base_only["containers"][0]["args"]


def test_a_base_model_on_s3_is_fetched_first_and_served_from_the_pod():
    template = pod(engine_manifests(spec(base_model="s3://models/base/qwen")))
    fetch, _ = template["spec"]["initContainers"]
    assert fetch["command"][-2:] == ["s3://models/base/qwen", "/models/base"]
    args = template["spec"]["containers"][0]["args"]
    assert args[args.index("--model") + 1] == "/models/base"


def test_a_new_production_version_rolls_the_engine():
    before, after = pod(engine_manifests(spec())), pod(engine_manifests(spec(production_adapter="999999")))
    assert before != after
    assert before["metadata"]["annotations"] != after["metadata"]["annotations"]
    assert "999999" in after["metadata"]["annotations"]["genai-lifecycle/served-adapters"]
    assert (
        engine_manifests(spec())[0]["spec"]["selector"]
        == engine_manifests(spec(production_adapter="9"))[0]["spec"]["selector"]
    )  # the selector is immutable: versions stay out of it


def test_gateway_env_is_what_the_gateway_reads():
    deployment, service = gateway_manifests(spec())
    template = deployment["spec"]["template"]
    (gateway,) = template["spec"]["containers"]
    assert gateway["command"] == ["uvicorn", "lifecycle_core.serving.gateway.app:create_app", "--factory",
                                  "--host", "0.0.0.0", "--port", "8080"]  # fmt: skip
    config = GatewayConfig.from_env({e["name"]: e["value"] for e in gateway["env"]})
    assert config.engine_url == "http://lifecycle-engine.lifecycle.svc.cluster.local:8000"
    assert (config.production_model, config.canary_model, config.canary_share) == (
        "adapter-a1b2c3",
        "adapter-d4e5f6",
        0.1,
    )
    assert (config.production_version, config.canary_version) == ("7", "8")
    assert gateway["envFrom"] == [{"secretRef": {"name": "lifecycle-s3"}}]
    no_canary = GatewayConfig.from_env({e["name"]: e["value"] for e in
                                        gateway_manifests(ServingSpec())[0]["spec"]["template"]["spec"]["containers"][0]["env"]})  # fmt: skip
    assert (no_canary.production_model, no_canary.canary_model, no_canary.canary_share) == ("base", "", 0.0)

    assert gateway["readinessProbe"]["httpGet"] == {"path": "/healthz", "port": 8080}
    assert gateway["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": 8080}
    assert template["metadata"]["annotations"] == {
        "prometheus.io/scrape": "true", "prometheus.io/port": "8080", "prometheus.io/path": "/metrics"}  # fmt: skip
    assert template["spec"]["terminationGracePeriodSeconds"] >= 60
    assert gateway["lifecycle"]["preStop"]["exec"]["command"][0] == "sleep"
    assert service["spec"]["ports"][0]["port"] == 8080


def test_bad_specs_are_refused_early():
    with pytest.raises(ConfigError, match="needs a canary_adapter"):
        ServingSpec(canary_share=0.2)
    with pytest.raises(ConfigError, match="adapters_uri"):
        ServingSpec(production_adapter="a1")
    with pytest.raises(ConfigError, match="different production_adapter"):
        spec(canary_adapter="a1b2c3")
    overridden = with_overrides(ServingSpec(), ["engine_replicas=3", "canary_share=0", 'node_selector={"gpu": "h100"}'])
    assert (overridden.engine_replicas, overridden.node_selector) == (3, {"gpu": "h100"})
    with pytest.raises(ConfigError, match="field=value"):
        with_overrides(ServingSpec(), ["no_such_field=1"])


def test_render_prints_valid_yaml():
    done = subprocess.run([sys.executable, "-m", "lifecycle_core.k8s.serving", "render", "--set", "production_adapter=abc",
                           "--set", f"adapters_uri={ADAPTERS}"], capture_output=True, text=True, check=True)  # fmt: skip
    documents = list(yaml.safe_load_all(done.stdout))
    assert [d["kind"] for d in documents] == ["Deployment", "Service", "Deployment", "Service"]


def test_apply_without_a_cluster_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("KUBECONFIG", str(tmp_path / "missing"))
    monkeypatch.delenv("KUBERNETES_SERVICE_HOST", raising=False)
    monkeypatch.delenv("KUBERNETES_SERVICE_PORT", raising=False)
    with pytest.raises(NoCluster, match="no Kubernetes cluster configured"):
        apply(serving_manifests(spec()))


class FakeApi(BaseHTTPRequestHandler):
    """Records each request and answers 200 with the body it was sent, as an API server does for an apply."""

    requests: list[dict]

    def do_PATCH(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        url = urlsplit(self.path)
        self.requests.append({"path": url.path, "query": parse_qs(url.query), "headers": {k.lower(): v for k, v in self.headers.items()},
                              "body": json.loads(body)})  # fmt: skip
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def fake_api():
    handler = type("Recorder", (FakeApi,), {"requests": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", handler.requests
    server.shutdown()
    server.server_close()


def test_apply_sends_each_manifest_as_a_server_side_apply(fake_api, tmp_path):
    url, requests = fake_api
    kubeconfig = tmp_path / "kubeconfig"
    kubeconfig.write_text(yaml.safe_dump({
        "apiVersion": "v1", "kind": "Config", "current-context": "fake",
        "clusters": [{"name": "fake", "cluster": {"server": url, "insecure-skip-tls-verify": True}}],
        "users": [{"name": "fake", "user": {"token": "test-token"}}],
        "contexts": [{"name": "fake", "context": {"cluster": "fake", "user": "fake"}}],
    }))  # fmt: skip
    manifests = serving_manifests(spec(namespace="serving"))

    applied = apply(manifests, kubeconfig=str(kubeconfig))

    assert applied == ["Deployment/lifecycle-engine", "Service/lifecycle-engine", "Deployment/lifecycle-gateway",
                       "Service/lifecycle-gateway"]  # fmt: skip
    assert [r["path"] for r in requests] == [
        "/apis/apps/v1/namespaces/serving/deployments/lifecycle-engine",
        "/api/v1/namespaces/serving/services/lifecycle-engine",
        "/apis/apps/v1/namespaces/serving/deployments/lifecycle-gateway",
        "/api/v1/namespaces/serving/services/lifecycle-gateway",
    ]
    for request, manifest in zip(requests, manifests, strict=True):
        assert request["headers"]["content-type"] == "application/apply-patch+yaml"
        assert request["headers"]["authorization"] == "Bearer test-token"
        assert request["query"] == {"fieldManager": ["genai-lifecycle"], "force": ["true"]}
        assert request["body"] == manifest
