"""The GPU pod a heavy step runs in (training, evaluation): resources, placement, queueing and credentials."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..common.settings import setting

KUEUE_QUEUE_LABEL = "kueue.x-k8s.io/queue-name"
GPU_RESOURCE = "nvidia.com/gpu"


@dataclass(frozen=True)
class GpuPodSpec:
    image: str = field(metadata={"help": "The step image: this project installed with its ml extra."})
    namespace: str = setting("lifecycle", "Namespace of the step pods.")
    gpus: int = setting(
        1, "GPUs per training pod; more than one runs torchrun with one process per GPU (DDP). Evaluation takes one."
    )
    cpu: str = setting("8", "CPU request and limit.")
    memory: str = setting("64Gi", "Memory request and limit.")
    node_selector: dict[str, str] = setting({}, "Node labels the pod must land on, e.g. a GPU product.")
    tolerations: list[dict] = setting([], "Taints the pod tolerates; the nvidia.com/gpu taint is added for GPU pods.")
    queue_name: str | None = setting(None, "Kueue LocalQueue: the pod waits until the queue has GPU quota.")
    priority_class: str | None = setting(None, "PriorityClass of the pod (training can yield to serving).")
    s3_secret_name: str | None = setting(
        None,
        "A Secret with AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and the endpoint), loaded as environment variables.",
    )
    service_account: str | None = setting(None, "ServiceAccount of the pod (e.g. for IRSA instead of a key Secret).")
    shm_size: str = setting("16Gi", "Size of /dev/shm: NCCL and DataLoader workers need more than the 64Mi default.")
    model_cache_dir: str = setting("/models", "Where base models downloaded from S3 or the hub land in the pod.")
    model_cache_claim: str | None = setting(
        None, "A PersistentVolumeClaim that keeps base models across runs; none = an emptyDir per pod."
    )


def entrypoint_command(module: str, gpus: int, arguments: list[str]) -> list[str]:
    """`python -m module` for one GPU; torchrun with one process per GPU beyond that (same entrypoint)."""
    if gpus <= 1:
        return ["python", "-m", module, *arguments]
    return ["torchrun", "--standalone", f"--nproc_per_node={gpus}", "-m", module, *arguments]


def component(module: str) -> str:
    """The pod's component label: "training" for lifecycle_core.training."""
    return module.rsplit(".", 1)[-1]


def pod_metadata(spec: GpuPodSpec, module: str) -> dict:
    labels = {"app.kubernetes.io/part-of": "genai-lifecycle", "app.kubernetes.io/component": component(module)}
    if spec.queue_name:
        labels[KUEUE_QUEUE_LABEL] = spec.queue_name  # Kueue admits the pod when its queue has GPU quota
    return {"labels": labels}


def pod_spec(spec: GpuPodSpec) -> dict:
    """The pod spec without image/command, which the Pipes client sets on the first container."""
    limits = {"cpu": spec.cpu, "memory": spec.memory}
    if spec.gpus > 0:
        limits[GPU_RESOURCE] = str(spec.gpus)
    container: dict = {
        "name": "step",
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


def _cache_volume(spec: GpuPodSpec) -> dict:
    if spec.model_cache_claim:
        return {"persistentVolumeClaim": {"claimName": spec.model_cache_claim}}
    return {"emptyDir": {}}
