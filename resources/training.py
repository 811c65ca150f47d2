"""Where adapter training runs: a subprocess locally, a GPU pod on Kubernetes, both through Pipes."""

import sys
from abc import ABC, abstractmethod

import dagster as dg
from dagster_k8s import PipesK8sClient

from lifecycle_core.k8s.training_pod import TrainingPodSpec, pod_metadata, pod_spec, training_command
from resources.settings import config_class, to_dataclass


class TrainingRunnerResource(dg.ConfigurableResource, ABC):
    """Launches `python -m lifecycle_core.training` with the given arguments and streams its progress."""

    model_cache_dir: str  # where base models are built or downloaded, as the training process sees it

    @abstractmethod
    def run(
        self, context: dg.AssetExecutionContext, arguments: list[str], env: dict[str, str]
    ) -> dg.PipesClientCompletedInvocation: ...


class SubprocessTrainingRunner(TrainingRunnerResource):
    """The embedded default: the entrypoint as a child process of the step, on this machine's CPU/GPU."""

    python: str = sys.executable
    cwd: str | None = None

    def run(self, context, arguments, env):
        command = [self.python, "-m", "lifecycle_core.training", *arguments]
        return dg.PipesSubprocessClient(cwd=self.cwd).run(context=context, command=command, env=env)


class K8sTrainingRunner(config_class(TrainingPodSpec, TrainingRunnerResource, "TrainingPodFields")):
    """A GPU pod per training run: Kueue admits it, torchrun drives several GPUs (fields: TrainingPodSpec)."""

    def pod(self) -> TrainingPodSpec:
        return to_dataclass(self, TrainingPodSpec)

    def run(self, context, arguments, env):
        spec = self.pod()
        return PipesK8sClient().run(
            context=context,
            image=spec.image,
            command=training_command(spec.gpus, arguments),
            namespace=spec.namespace,
            env=env,
            base_pod_meta=pod_metadata(spec),
            base_pod_spec=pod_spec(spec),
        )


__all__ = ["K8sTrainingRunner", "SubprocessTrainingRunner", "TrainingRunnerResource"]
