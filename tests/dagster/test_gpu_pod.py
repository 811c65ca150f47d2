"""The GPU step pod as PipesK8sClient builds it, validated against the Kubernetes 1.30 schema offline."""

import kubernetes
import kubernetes_validate
import pytest
from dagster_k8s.pipes import build_pod_body

from lifecycle_core.k8s.gpu_pod import GPU_RESOURCE, KUEUE_QUEUE_LABEL, entrypoint_command, pod_metadata, pod_spec
from resources.step_runner import K8sStepRunner


def built_pod(runner: K8sStepRunner, module: str = "lifecycle_core.training", gpus: int | None = None) -> dict:
    spec = runner.pod(gpus)
    pod = build_pod_body(
        pod_name="dagster-train-abc123",
        image=runner.image,
        command=entrypoint_command(module, spec.gpus, ["--config", "/etc/lifecycle/run.json"]),
        env_vars={"DAGSTER_PIPES_CONTEXT": "e30=", "DAGSTER_PIPES_MESSAGES": "e30="},
        base_pod_meta=pod_metadata(spec, module),
        base_pod_spec=pod_spec(spec),
    )
    return kubernetes.client.ApiClient().sanitize_for_serialization(pod)


@pytest.mark.parametrize("gpus", [1, 4])
def test_training_pod_is_a_valid_kubernetes_pod(gpus):
    runner = K8sStepRunner(
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
    assert manifest["metadata"]["labels"]["app.kubernetes.io/component"] == "training"


def test_evaluation_runs_in_a_one_gpu_pod_of_the_same_runner():
    runner = K8sStepRunner(image="trainer:1", gpus=4, queue_name="ml", model_cache_dir="/models")
    manifest = {"apiVersion": "v1", "kind": "Pod", **built_pod(runner, "lifecycle_core.evaluation", gpus=1)}
    kubernetes_validate.validate(manifest, "1.30.0", strict=True)
    container = manifest["spec"]["containers"][0]
    assert container["command"][:3] == ["python", "-m", "lifecycle_core.evaluation"]
    assert container["resources"]["limits"][GPU_RESOURCE] == "1"
    assert manifest["metadata"]["labels"]["app.kubernetes.io/component"] == "evaluation"


def test_cpu_only_pod_asks_for_no_gpu():
    spec = pod_spec(K8sStepRunner(image="trainer:dev", gpus=0, model_cache_dir="/models").pod())
    assert GPU_RESOURCE not in spec["containers"][0]["resources"]["limits"]
    assert "tolerations" not in spec
