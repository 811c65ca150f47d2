"""The GPU pod that trains an adapter: resources, placement, queueing and credentials."""

from __future__ import annotations

from dataclasses import dataclass, field

KUEUE_QUEUE_LABEL = "kueue.x-k8s.io/queue-name"
GPU_RESOURCE = "nvidia.com/gpu"
TRAINING_MODULE = "lifecycle_core.training"


@dataclass(frozen=True)
class TrainingPodSpec:
    image: str
    gpus: int = 1
    cpu: str = "8"
    memory: str = "64Gi"
    node_selector: dict[str, str] = field(default_factory=dict)
    tolerations: list[dict] = field(default_factory=list)
    queue_name: str | None = None
    priority_class: str | None = None
    s3_secret_name: str | None = None  # a Secret with AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (+ endpoint)
    service_account: str | None = None
    shm_size: str = "16Gi"  # NCCL and DataLoader workers need more /dev/shm than the 64Mi default
    model_cache_dir: str = "/models"  # base models downloaded from S3/the hub land here
    model_cache_claim: str | None = None  # a PersistentVolumeClaim keeps them across runs; else emptyDir


def training_command(gpus: int, arguments: list[str]) -> list[str]:
    """One process for one GPU; torchrun with one process per GPU beyond that (same entrypoint)."""
    if gpus <= 1:
        return ["python", "-m", TRAINING_MODULE, *arguments]
    return ["torchrun", "--standalone", f"--nproc_per_node={gpus}", "-m", TRAINING_MODULE, *arguments]


def pod_metadata(spec: TrainingPodSpec) -> dict:
    labels = {"app.kubernetes.io/part-of": "genai-lifecycle", "app.kubernetes.io/component": "training"}
    if spec.queue_name:
        labels[KUEUE_QUEUE_LABEL] = spec.queue_name  # Kueue admits the pod when its queue has GPU quota
    return {"labels": labels}


def pod_spec(spec: TrainingPodSpec) -> dict:
    """The pod spec without image/command, which the Pipes client sets on the first container."""
    limits = {"cpu": spec.cpu, "memory": spec.memory}
    if spec.gpus > 0:
        limits[GPU_RESOURCE] = str(spec.gpus)
    container: dict = {
        "name": "trainer",
        "image": spec.image,
        "resources": {"requests": dict(limits), "limits": limits},
        "volumeMounts": [
            {"name": "dshm", "mountPath": "/dev/shm"},
            {"name": "model-cache", "mountPath": spec.model_cache_dir},
        ],
    }
    if spec.s3_secret_name:
        container["envFrom"] = [{"secretRef": {"name": spec.s3_secret_name}}]
    body: dict = {
        "restartPolicy": "Never",
        "containers": [container],
        "volumes": [
            {"name": "dshm", "emptyDir": {"medium": "Memory", "sizeLimit": spec.shm_size}},
            {"name": "model-cache", **_cache_volume(spec)},
        ],
    }
    if spec.node_selector:
        body["nodeSelector"] = dict(spec.node_selector)
    tolerations = list(spec.tolerations)
    if spec.gpus > 0 and not any(t.get("key") == GPU_RESOURCE for t in tolerations):
        tolerations.append({"key": GPU_RESOURCE, "operator": "Exists", "effect": "NoSchedule"})
    if tolerations:
        body["tolerations"] = tolerations
    if spec.priority_class:
        body["priorityClassName"] = spec.priority_class
    if spec.service_account:
        body["serviceAccountName"] = spec.service_account
    return body


def _cache_volume(spec: TrainingPodSpec) -> dict:
    if spec.model_cache_claim:
        return {"persistentVolumeClaim": {"claimName": spec.model_cache_claim}}
    return {"emptyDir": {}}
