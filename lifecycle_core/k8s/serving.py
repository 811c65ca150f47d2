"""The serving stage on Kubernetes: the vLLM engine with the served LoRA adapters, the gateway in front of it.

The engine's pods copy exactly the served adapter versions from S3 (``adapters/<version>/``) into an
emptyDir before vLLM starts, and serve each as ``adapter-<version>`` (the name ``serving.endpoint``
gives it); the served versions are in the pod template, so a new version rolls the Deployment. The
gateway reads its settings from ``LIFECYCLE_GATEWAY_*`` (``serving.gateway.config``). Manifests are
validated offline against the Kubernetes schema and applied with server-side apply.

    python -m lifecycle_core.k8s.serving render --set production_adapter=3f2a... > serving.yaml
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import typing
from dataclasses import dataclass

from ..common.settings import ConfigError, _coerce, setting
from ..serving.gateway.config import ENV_PREFIX
from .gpu_pod import GPU_RESOURCE

PART_OF = {"app.kubernetes.io/part-of": "genai-lifecycle"}
ENGINE, GATEWAY = "lifecycle-engine", "lifecycle-gateway"
ADAPTERS_DIR, MODELS_DIR = "/adapters", "/models"
SERVED_ANNOTATION = "genai-lifecycle/served-adapters"  # in the pod template: a new version rolls the engine
PLURALS = {"Deployment": "deployments", "Service": "services"}  # the kinds this module renders and applies


@dataclass(frozen=True)
class ServingSpec:
    namespace: str = setting("lifecycle", "Namespace of the engine and the gateway.")
    engine_image: str = setting("vllm/vllm-openai:v0.8.5", "The vLLM OpenAI-compatible server image.")
    gateway_image: str = setting("genai-lifecycle:latest", "This project's image, installed with its serving extra.")
    sync_image: str = setting("amazon/aws-cli:2.22.0", "The init container that copies adapters from S3.")
    base_model: str = setting("Qwen/Qwen2.5-0.5B-Instruct", "Base model: a hub id, a path in the image, or s3://.")
    served_model_name: str = setting("base", "The engine's name for the base model (what serves with no adapter).")
    model_name: str = setting("member-chatbot", "The one model name clients see and ask the gateway for.")
    gpus: int = setting(1, "GPUs per engine replica (vLLM tensor parallel size).")
    engine_replicas: int = setting(1, "Engine replicas; a rollout starts a new one before stopping an old one.")
    gateway_replicas: int = setting(2, "Gateway replicas.")
    max_loras: int = setting(2, "Adapters in one batch (vLLM --max-loras): production and canary.")
    max_lora_rank: int = setting(16, "Largest adapter rank served (vLLM --max-lora-rank).")
    max_model_len: int = setting(4096, "Longest prompt plus answer in tokens (vLLM --max-model-len).")
    node_selector: dict[str, str] = setting({}, "Node labels the engine pods must land on, e.g. a GPU product.")
    tolerations: list[dict] = setting([], "Taints the engine pods tolerate; the nvidia.com/gpu taint is added.")
    s3_secret_name: str | None = setting(
        None, "A Secret with AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and AWS_ENDPOINT_URL_S3), as env."
    )
    adapters_uri: str = setting("", "The S3 prefix the adapters live under, e.g. s3://bucket/lifecycle/adapters.")
    production_adapter: str | None = setting(None, "Adapter version every member gets; none = the base model.")
    canary_adapter: str | None = setting(None, "Adapter version served to the canary share of members.")
    canary_share: float = setting(0.0, "Share of members (sticky) routed to the canary, 0..1.")
    production_version: str = setting("", "The registry version of the production adapter (headers, request log).")
    canary_version: str = setting("", "The registry version of the canary adapter.")
    request_log_uri: str = setting("", "Object store the gateway ships request-log parts to; empty = pod-local.")
    engine_port: int = setting(8000, "The engine's port.")
    gateway_port: int = setting(8080, "The gateway's port.")
    engine_cpu: str = setting("8", "Engine CPU request and limit.")
    engine_memory: str = setting("64Gi", "Engine memory request and limit.")
    gateway_cpu: str = setting("1", "Gateway CPU request and limit.")
    gateway_memory: str = setting("1Gi", "Gateway memory request and limit.")
    shm_size: str = setting("8Gi", "Size of the engine's /dev/shm (tensor parallel workers share memory there).")
    priority_class: str | None = setting(None, "PriorityClass of the serving pods (serving outranks training).")
    service_account: str | None = setting(None, "ServiceAccount of the pods (e.g. IRSA instead of a key Secret).")

    def __post_init__(self) -> None:
        if self.gpus < 1:
            raise ConfigError(f"the engine needs at least one GPU per replica, got gpus={self.gpus}")
        if not 0.0 <= self.canary_share <= 1.0:
            raise ConfigError(f"canary_share must be in [0, 1], got {self.canary_share}")
        if self.canary_share > 0 and not self.canary_adapter:
            raise ConfigError("canary_share > 0 needs a canary_adapter")
        if self.canary_adapter and (not self.production_adapter or self.canary_adapter == self.production_adapter):
            raise ConfigError("a canary_adapter needs a different production_adapter")
        if self.served() and not self.adapters_uri.startswith("s3://"):
            raise ConfigError(f"serving adapters needs adapters_uri=s3://..., got {self.adapters_uri!r}")
        if len(self.served()) > self.max_loras:
            raise ConfigError(f"max_loras={self.max_loras} is less than the {len(self.served())} adapters served")

    def served(self) -> list[str]:
        """The adapter versions the engine serves: production, then the canary."""
        return [v for v in (self.production_adapter, self.canary_adapter) if v]


def engine_name(version: str) -> str:
    """The engine's model name for an adapter version (as ``serving.endpoint.ServedVersion.engine_name``)."""
    return f"adapter-{version}"


def engine_url(spec: ServingSpec) -> str:
    """The engine Service's cluster DNS name (the gateway's engine URL, without /v1)."""
    return f"http://{ENGINE}.{spec.namespace}.svc.cluster.local:{spec.engine_port}"


def _labels(component: str, name: str) -> dict[str, str]:
    return {"app.kubernetes.io/name": name, **PART_OF, "app.kubernetes.io/component": component}


def _http_probe(path: str, port: int, period: int, failures: int, delay: int = 0) -> dict:
    probe = {"httpGet": {"path": path, "port": port}, "periodSeconds": period, "failureThreshold": failures}
    return {**probe, "timeoutSeconds": 5, **({"initialDelaySeconds": delay} if delay else {})}


def _resources(cpu: str, memory: str, gpus: int = 0) -> dict:
    limits = {"cpu": cpu, "memory": memory, **({GPU_RESOURCE: str(gpus)} if gpus else {})}
    return {"requests": dict(limits), "limits": limits}


def _pod_placement(spec: ServingSpec) -> dict:
    body: dict = {}
    if spec.priority_class:
        body["priorityClassName"] = spec.priority_class
    if spec.service_account:
        body["serviceAccountName"] = spec.service_account
    return body


def _secret_env(spec: ServingSpec) -> dict:
    return {"envFrom": [{"secretRef": {"name": spec.s3_secret_name}}]} if spec.s3_secret_name else {}


# Copies each version given as an argument; metrics.json is written last, so its absence means a missing
# or unfinished adapter, which fails the pod here rather than inside vLLM. The AWS CLI reads
# AWS_ENDPOINT_URL_S3 (or AWS_ENDPOINT_URL) from the environment, i.e. from the Secret.
SYNC_SCRIPT = """set -eu
for version in "$@"; do
  aws s3 sync --only-show-errors --exclude 'checkpoints/*' "$ADAPTERS_URI/$version/" "/adapters/$version"
  test -f "/adapters/$version/metrics.json" || { echo "no complete adapter at $ADAPTERS_URI/$version" >&2; exit 1; }
done
"""


def _sync_containers(spec: ServingSpec) -> list[dict]:
    containers = []
    if spec.base_model.startswith("s3://"):
        containers.append({"name": "fetch-base-model", "image": spec.sync_image, **_secret_env(spec),
                           "command": ["aws", "s3", "sync", "--only-show-errors", spec.base_model, f"{MODELS_DIR}/base"],
                           "volumeMounts": [{"name": "models", "mountPath": MODELS_DIR}]})  # fmt: skip
    if spec.served():
        containers.append({"name": "sync-adapters", "image": spec.sync_image, **_secret_env(spec),
                           "command": ["/bin/sh", "-c", SYNC_SCRIPT, "sync-adapters", *spec.served()],
                           "env": [{"name": "ADAPTERS_URI", "value": spec.adapters_uri.rstrip("/")}],
                           "volumeMounts": [{"name": "adapters", "mountPath": ADAPTERS_DIR}]})  # fmt: skip
    return containers


def engine_args(spec: ServingSpec) -> list[str]:
    """The vLLM OpenAI server's arguments (the image's entrypoint is the server)."""
    model = f"{MODELS_DIR}/base" if spec.base_model.startswith("s3://") else spec.base_model
    args = ["--model", model, "--served-model-name", spec.served_model_name, "--host", "0.0.0.0",
            "--port", str(spec.engine_port), "--tensor-parallel-size", str(spec.gpus),
            "--max-model-len", str(spec.max_model_len), "--enable-lora", "--max-loras", str(spec.max_loras),
            "--max-lora-rank", str(spec.max_lora_rank)]  # fmt: skip
    if spec.served():  # one flag with every module: vLLM keeps only the last --lora-modules given
        args += ["--lora-modules", *(f"{engine_name(v)}={ADAPTERS_DIR}/{v}" for v in spec.served())]
    return args


def engine_manifests(spec: ServingSpec) -> list[dict]:
    """The engine Deployment (vLLM, the served adapters synced from S3 first) and its ClusterIP Service."""
    labels = _labels("engine", ENGINE)
    served = ",".join(f"{arm}={v}" for arm, v in (("production", spec.production_adapter),
                                                   ("canary", spec.canary_adapter)) if v) or "none"  # fmt: skip
    port = spec.engine_port
    container = {
        "name": "engine", "image": spec.engine_image, "args": engine_args(spec),
        "env": [{"name": "VLLM_ALLOW_RUNTIME_LORA_UPDATING", "value": "True"},
                {"name": "HF_HOME", "value": f"{MODELS_DIR}/hf"}],
        "ports": [{"name": "http", "containerPort": port}],
        "resources": _resources(spec.engine_cpu, spec.engine_memory, spec.gpus),
        "volumeMounts": [{"name": "dshm", "mountPath": "/dev/shm"}, {"name": "models", "mountPath": MODELS_DIR},
                         {"name": "adapters", "mountPath": ADAPTERS_DIR, "readOnly": True}],
        "startupProbe": _http_probe("/health", port, period=10, failures=180),  # up to 30 min to load the model
        "readinessProbe": _http_probe("/v1/models", port, period=10, failures=3, delay=30),
        "livenessProbe": _http_probe("/health", port, period=15, failures=4),
    }  # fmt: skip
    tolerations = list(spec.tolerations)
    if spec.gpus > 0 and not any(t.get("key") == GPU_RESOURCE for t in tolerations):
        tolerations.append({"key": GPU_RESOURCE, "operator": "Exists", "effect": "NoSchedule"})
    init = _sync_containers(spec)
    pod = {
        "containers": [container],
        "volumes": [{"name": "dshm", "emptyDir": {"medium": "Memory", "sizeLimit": spec.shm_size}},
                    {"name": "models", "emptyDir": {}}, {"name": "adapters", "emptyDir": {}}],
        "terminationGracePeriodSeconds": 60,
        **({"initContainers": init} if init else {}),
        **({"nodeSelector": dict(spec.node_selector)} if spec.node_selector else {}),
        **({"tolerations": tolerations} if tolerations else {}),
        **_pod_placement(spec),
    }  # fmt: skip
    deployment = _deployment(spec, ENGINE, labels, spec.engine_replicas, pod, {SERVED_ANNOTATION: served})
    deployment["spec"]["progressDeadlineSeconds"] = 3600  # a new pod downloads and loads the model first
    deployment["spec"]["strategy"] = {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0}}
    return [deployment, _service(spec, ENGINE, labels, port)]


def gateway_env(spec: ServingSpec) -> list[dict]:
    """``LIFECYCLE_GATEWAY_*``: what ``GatewayConfig.from_env`` reads in the gateway's pod."""
    values = {
        "engine_url": engine_url(spec),
        "model_name": spec.model_name,
        "production_model": engine_name(spec.production_adapter) if spec.production_adapter else spec.served_model_name,
        "canary_model": engine_name(spec.canary_adapter) if spec.canary_adapter else "",
        "canary_share": str(spec.canary_share),
        "production_version": spec.production_version,
        "canary_version": spec.canary_version,
        "keys_db": "/var/lib/lifecycle/gateway/keys.db",
        "log_dir": "/var/lib/lifecycle/gateway/request-log",
        "store_uri": spec.request_log_uri,
    }
    return [{"name": ENV_PREFIX + name.upper(), "value": value} for name, value in values.items()]


def gateway_manifests(spec: ServingSpec) -> list[dict]:
    """The gateway Deployment (scraped by Prometheus, drains in-flight streams on shutdown) and its Service."""
    labels, port = _labels("gateway", GATEWAY), spec.gateway_port
    container = {
        "name": "gateway", "image": spec.gateway_image,
        "command": ["uvicorn", "lifecycle_core.serving.gateway.app:create_app", "--factory",
                    "--host", "0.0.0.0", "--port", str(port)],
        "env": gateway_env(spec), **_secret_env(spec),
        "ports": [{"name": "http", "containerPort": port}],
        "resources": _resources(spec.gateway_cpu, spec.gateway_memory),
        "volumeMounts": [{"name": "state", "mountPath": "/var/lib/lifecycle"}],
        "readinessProbe": _http_probe("/healthz", port, period=5, failures=2),
        "livenessProbe": _http_probe("/healthz", port, period=10, failures=3, delay=10),
        # the endpoints controller removes the pod from the Service while it sleeps; then uvicorn drains
        "lifecycle": {"preStop": {"exec": {"command": ["sleep", "10"]}}},
    }  # fmt: skip
    pod = {"containers": [container], "volumes": [{"name": "state", "emptyDir": {}}],
           "terminationGracePeriodSeconds": 60, **_pod_placement(spec)}  # fmt: skip
    scrape = {"prometheus.io/scrape": "true", "prometheus.io/port": str(port), "prometheus.io/path": "/metrics"}
    return [
        _deployment(spec, GATEWAY, labels, spec.gateway_replicas, pod, scrape),
        _service(spec, GATEWAY, labels, port),
    ]


def _deployment(spec: ServingSpec, name: str, labels: dict, replicas: int, pod: dict, annotations: dict) -> dict:
    metadata = {"name": name, "namespace": spec.namespace, "labels": labels}
    template = {"metadata": {"labels": dict(labels), "annotations": annotations}, "spec": pod}
    body = {"replicas": replicas, "selector": {"matchLabels": dict(labels)}, "template": template}
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": metadata, "spec": body}


def _service(spec: ServingSpec, name: str, labels: dict, port: int) -> dict:
    ports = [{"name": "http", "port": port, "targetPort": "http", "protocol": "TCP"}]
    body = {"type": "ClusterIP", "selector": dict(labels), "ports": ports}
    return {"apiVersion": "v1", "kind": "Service", "metadata": {"name": name, "namespace": spec.namespace,
            "labels": labels}, "spec": body}  # fmt: skip


def serving_manifests(spec: ServingSpec) -> list[dict]:
    return [*engine_manifests(spec), *gateway_manifests(spec)]


def validate(manifests: list[dict], version: str = "1.30.0") -> None:
    """Each manifest against the Kubernetes schema of `version`, strictly (unknown fields fail)."""
    import kubernetes_validate

    for manifest in manifests:
        kubernetes_validate.validate(manifest, version, strict=True)


def to_yaml(manifests: list[dict]) -> str:
    """One multi-document YAML, for ``kubectl apply --server-side -f``."""
    import yaml

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data):  # a labels dict used twice is written twice, not as &id001
            return True

    return yaml.dump_all(manifests, Dumper=Dumper, sort_keys=False)


class NoCluster(RuntimeError):
    """No kubeconfig and not in a cluster: there is nothing to apply to (render the manifests instead)."""


class ApplyError(RuntimeError):
    """The API server refused a manifest; the message names it and says why."""


def api_client(kubeconfig: str | None):
    import kubernetes
    from kubernetes.config.config_exception import ConfigException

    # $KUBECONFIG read now: the client's own default is read once, when it is imported
    config_file = kubeconfig or os.environ.get("KUBECONFIG") or "~/.kube/config"
    configuration = kubernetes.client.Configuration()
    try:
        kubernetes.config.load_kube_config(config_file=config_file, client_configuration=configuration)
    except (ConfigException, OSError) as from_file:
        if kubeconfig:
            raise NoCluster(f"no usable kubeconfig at {kubeconfig}: {from_file}") from from_file
        try:
            kubernetes.config.load_incluster_config(client_configuration=configuration)
        except ConfigException as in_cluster:
            raise NoCluster(
                f"no Kubernetes cluster configured: no kubeconfig at {config_file} ({from_file}) and not running in a cluster "
                f"({in_cluster}); render the manifests instead: python -m lifecycle_core.k8s.serving render"
            ) from in_cluster
    return kubernetes.client.ApiClient(configuration)


def resource_path(manifest: dict) -> str:
    """The API path of a namespaced object, e.g. /apis/apps/v1/namespaces/lifecycle/deployments/lifecycle-engine."""
    api_version, kind, metadata = manifest["apiVersion"], manifest["kind"], manifest["metadata"]
    if kind not in PLURALS:
        raise ValueError(f"cannot apply a {kind}; known kinds are {sorted(PLURALS)}")
    root = "/api/v1" if api_version == "v1" else f"/apis/{api_version}"
    return f"{root}/namespaces/{metadata['namespace']}/{PLURALS[kind]}/{metadata['name']}"


def apply(manifests: list[dict], field_manager: str = "genai-lifecycle", kubeconfig: str | None = None) -> list[str]:
    """Server-side apply of each manifest (conflicts forced to this field manager); "Kind/name" of each applied."""
    from kubernetes.client.exceptions import ApiException

    applied = []
    with api_client(kubeconfig) as client:
        for manifest in manifests:
            what = f"{manifest['kind']}/{manifest['metadata']['name']}"
            try:
                client.call_api(
                    resource_path(manifest), "PATCH", body=manifest, auth_settings=["BearerToken"],
                    query_params=[("fieldManager", field_manager), ("force", "true")],
                    header_params={"Content-Type": "application/apply-patch+yaml", "Accept": "application/json"},
                    response_types_map={200: "object", 201: "object"}, _return_http_data_only=True,
                )  # fmt: skip
            except ApiException as err:
                raise ApplyError(
                    f"{what}: {err.status} {err.reason}: {err.body} (applied before it: {applied})"
                ) from err
            applied.append(what)
    return applied


def with_overrides(spec: ServingSpec, overrides: list[str]) -> ServingSpec:
    """`spec` with ``field=value`` items set; dicts and lists of dicts are JSON."""
    hints, values = typing.get_type_hints(ServingSpec), {}
    for item in overrides:
        name, sep, raw = item.partition("=")
        name = name.strip()
        if not sep or name not in hints:
            raise ConfigError(f"override {item!r} must look like field=value, a field of {sorted(hints)}")
        tp = hints[name]
        if dict in (typing.get_origin(tp), *(typing.get_origin(a) or a for a in typing.get_args(tp))):
            values[name] = json.loads(raw)
        else:
            values[name] = None if raw == "" and type(None) in typing.get_args(tp) else _coerce(raw, tp, name)
    return dataclasses.replace(spec, **values)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m lifecycle_core.k8s.serving", description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=["render", "apply"], help="print the YAML, or server-side apply it")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="FIELD=VALUE",
                        help="a ServingSpec field, e.g. production_adapter=3f2a (repeatable)")  # fmt: skip
    parser.add_argument("--kubernetes-version", default="1.30.0", help="the schema the manifests are validated with")
    parser.add_argument("--kubeconfig", help="apply: the kubeconfig (default $KUBECONFIG, ~/.kube/config, in-cluster)")
    ns = parser.parse_args(argv)
    try:
        manifests = serving_manifests(with_overrides(ServingSpec(), ns.overrides))
    except (ConfigError, json.JSONDecodeError) as err:
        parser.error(str(err))
    validate(manifests, ns.kubernetes_version)
    if ns.action == "render":
        sys.stdout.write(to_yaml(manifests))
        return
    try:
        print("\n".join(apply(manifests, kubeconfig=ns.kubeconfig)))
    except (NoCluster, ApplyError) as err:
        sys.exit(f"error: {err}")


__all__ = ["ApplyError", "NoCluster", "ServingSpec", "apply", "engine_manifests", "gateway_manifests",
           "serving_manifests", "to_yaml", "validate", "with_overrides"]  # fmt: skip


if __name__ == "__main__":
    main()
