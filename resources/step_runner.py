"""Where the heavy steps run (training, evaluation): a subprocess locally, a GPU pod on Kubernetes, both through Pipes.

Every such step is a dataclass-argument entrypoint (`python -m lifecycle_core.<stage> --set ...`),
so the same command runs on a laptop and in the pod; the runner only decides where.
"""

import dataclasses
import sys
from abc import ABC, abstractmethod

import dagster as dg
from dagster_k8s import PipesK8sClient

from lifecycle_core.k8s.gpu_pod import GpuPodSpec, entrypoint_command, pod_metadata, pod_spec
from resources.settings import config_class, to_dataclass


class StepRunnerResource(dg.ConfigurableResource, ABC):
    """Launches `python -m <module>` with the given arguments and streams its progress and result."""

    model_cache_dir: str  # where base models are built or downloaded, as the step's process sees it

    @abstractmethod
    def run(
        self,
        context: dg.AssetExecutionContext,
        module: str,
        arguments: list[str],
        env: dict[str, str],
        gpus: int | None = None,
    ) -> dg.PipesClientCompletedInvocation:
        """`gpus`: this step's GPU count where it differs from the runner's (evaluation takes one)."""


class SubprocessStepRunner(StepRunnerResource):
    """The embedded default: the entrypoint as a child process of the step, on this machine's CPU/GPU."""

    python: str = sys.executable
    cwd: str | None = None

    def run(self, context, module, arguments, env, gpus=None):
        command = [self.python, "-m", module, *arguments]
        return dg.PipesSubprocessClient(cwd=self.cwd).run(context=context, command=command, env=env)


class K8sStepRunner(config_class(GpuPodSpec, StepRunnerResource, "GpuPodFields")):
    """A GPU pod per step run: Kueue admits it, torchrun drives several GPUs (fields: GpuPodSpec)."""

    def pod(self, gpus: int | None = None) -> GpuPodSpec:
        spec = to_dataclass(self, GpuPodSpec)
        return spec if gpus is None else dataclasses.replace(spec, gpus=gpus)

    def run(self, context, module, arguments, env, gpus=None):
        spec = self.pod(gpus)
        return PipesK8sClient().run(
            context=context,
            image=spec.image,
            command=entrypoint_command(module, spec.gpus, arguments),
            namespace=spec.namespace,
            env=env,
            base_pod_meta=pod_metadata(spec, module),
            base_pod_spec=pod_spec(spec),
        )


__all__ = ["K8sStepRunner", "StepRunnerResource", "SubprocessStepRunner"]
