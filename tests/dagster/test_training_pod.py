"""The training pod as PipesK8sClient builds it, validated against the Kubernetes 1.30 schema offline."""

import kubernetes
import kubernetes_validate
import pytest
from dagster_k8s.pipes import build_pod_body

from lifecycle_core.k8s.training_pod import GPU_RESOURCE, KUEUE_QUEUE_LABEL, pod_metadata, pod_spec, training_command
from resources.training import K8sTrainingRunner


def built_pod(runner: K8sTrainingRunner) -> dict:
    spec = runner.pod()
    pod = build_pod_body(
        pod_name="dagster-train-abc123",
        image=runner.image,
        command=training_command(runner.gpus, ["--config", "/etc/lifecycle/run.json"]),
        env_vars={"DAGSTER_PIPES_CONTEXT": "e30=", "DAGSTER_PIPES_MESSAGES": "e30="},
        base_pod_meta=pod_metadata(spec),
        base_pod_spec=pod_spec(spec),
    )
    return kubernetes.client.ApiClient().sanitize_for_serialization(pod)


@pytest.mark.parametrize("gpus", [1, 4])
def test_training_pod_is_a_valid_kubernetes_pod(gpus):
    runner = K8sTrainingRunner(
        image="ghcr.io/genai-lifecycle/trainer:0.1.0",
        gpus=gpus,
        node_selector={"nvidia.com/gpu.product": "NVIDIA-H100-80GB-HBM3"},
        tolerations=[{"key": "dedicated", "operator": "Equal", "value": "gpu", "effect": "NoSchedule"}],
        queue_name="ml-training",
        priority_class="training-low",
        s3_secret_name="lifecycle-s3",
        model_cache_dir="/models",
    )
    manifest = {"apiVersion": "v1", "kind": "Pod", **built_pod(runner)}
    kubernetes_validate.validate(manifest, "1.30.0", strict=True)

    container = manifest["spec"]["containers"][0]
    assert container["resources"]["limits"][GPU_RESOURCE] == str(gpus)
    assert manifest["metadata"]["labels"][KUEUE_QUEUE_LABEL] == "ml-training"
    assert manifest["spec"]["priorityClassName"] == "training-low"
    assert manifest["spec"]["nodeSelector"] == {"nvidia.com/gpu.product": "NVIDIA-H100-80GB-HBM3"}
    assert {t["key"] for t in manifest["spec"]["tolerations"]} == {"dedicated", GPU_RESOURCE}
    assert container["envFrom"] == [{"secretRef": {"name": "lifecycle-s3"}}]
    assert {"name": "DAGSTER_PIPES_CONTEXT", "value": "e30="} in container["env"]
    expected = ["python", "-m"] if gpus == 1 else ["torchrun", "--standalone", f"--nproc_per_node={gpus}", "-m"]
    assert container["command"][: len(expected)] == expected
    assert "lifecycle_core.training" in container["command"]
    assert {"name": "model-cache", "mountPath": "/models"} in container["volumeMounts"]


def test_cpu_only_pod_asks_for_no_gpu():
    spec = pod_spec(K8sTrainingRunner(image="trainer:dev", gpus=0, model_cache_dir="/models").pod())
    assert GPU_RESOURCE not in spec["containers"][0]["resources"]["limits"]
    assert "tolerations" not in spec
