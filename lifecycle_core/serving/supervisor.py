"""The local engine as a supervised background process that outlives the step that started it.

``python -m lifecycle_core.serving.supervisor run --state-dir DIR`` starts vLLM from ``DIR/spec.json``
in its own process group, restarts it when it dies (backoff from 1 s doubling to 30 s, reset after
5 minutes up), loads the adapters listed in ``DIR/adapters.json`` into every engine it starts (so a
restarted engine serves what the crashed one served), appends the engine's output to
``DIR/logs/engine.log`` and keeps ``DIR/state.json`` (status, engine pid, restarts, last exit code).
SIGTERM stops the engine (SIGTERM to its group, SIGKILL after 30 s) and removes the pid files.

``start`` / ``wait_ready`` / ``stop`` / ``status`` are what callers use.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .engine import EngineSpec, engine_command, engine_env, load_adapter, ready

BACKOFF_S, MAX_BACKOFF_S, STABLE_S = 1.0, 30.0, 300.0
STOP_TIMEOUT_S = 30.0
LOG_MAX_BYTES = 20_000_000  # the engine log is rotated once past this (one .1 kept)


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False  # our child, exited: reaped now
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie left by a parent that has not reaped it yet is not alive
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return True


def _read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None


def _write_json(path: Path, data: dict) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=2))
    os.replace(tmp, path)


def set_adapters(state_dir: Path, adapters: dict[str, str]) -> None:
    """The adapters (name -> folder) every engine the supervisor starts loads; a running one is not changed."""
    state_dir.mkdir(parents=True, exist_ok=True)
    _write_json(state_dir / "adapters.json", adapters)


def status(state_dir: Path) -> dict:
    """{status, engine_pid, supervisor_pid, restarts, last_exit, url} ({status: stopped} when none runs)."""
    state_dir = Path(state_dir)
    supervisor_pid = _read_pid(state_dir / "supervisor.pid")
    if not _alive(supervisor_pid):
        return {"status": "stopped"}
    try:
        state = json.loads((state_dir / "state.json").read_text())
    except (OSError, ValueError):
        state = {"status": "starting"}
    return {**state, "supervisor_pid": supervisor_pid}


def start(spec: EngineSpec, state_dir: Path) -> int:
    """The supervisor's pid: the running one if it runs this spec, else a new one (an old one is stopped)."""
    state_dir = Path(state_dir)
    state_dir.mkdir(parents=True, exist_ok=True)
    wanted = dataclasses.asdict(spec)
    running = status(state_dir)
    if running["status"] != "stopped":
        try:
            same = json.loads((state_dir / "spec.json").read_text()) == wanted
        except (OSError, ValueError):
            same = False
        if same:
            return running["supervisor_pid"]
        stop(state_dir)
    _write_json(state_dir / "spec.json", wanted)
    (state_dir / "state.json").unlink(missing_ok=True)
    (state_dir / "logs").mkdir(exist_ok=True)
    with open(state_dir / "logs" / "supervisor.log", "ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "lifecycle_core.serving.supervisor", "run", "--state-dir", str(state_dir)],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    (state_dir / "supervisor.pid").write_text(str(process.pid))
    return process.pid


def log_tail(state_dir: Path, lines: int = 40) -> str:
    path = Path(state_dir) / "logs" / "engine.log"
    if not path.exists():
        return ""
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def wait_ready(state_dir: Path, timeout_s: float = 600) -> dict:
    """The state once the engine answers; an error with the log's tail on timeout or a stopped supervisor."""
    deadline = time.monotonic() + timeout_s
    while True:
        state = status(state_dir)
        if state["status"] == "ready":
            return state
        if state["status"] == "stopped":
            raise RuntimeError(f"the engine supervisor in {state_dir} is not running:\n{log_tail(state_dir)}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the engine was not ready after {timeout_s:.0f} s ({state}):\n{log_tail(state_dir)}")
        time.sleep(0.5)


def stop(state_dir: Path, timeout_s: float = STOP_TIMEOUT_S + 10) -> bool:
    """Stop the supervisor and its engine; True if one was running. Idempotent."""
    state_dir = Path(state_dir)
    supervisor_pid = _read_pid(state_dir / "supervisor.pid")
    engine_pid = _read_pid(state_dir / "engine.pid")
    if _alive(supervisor_pid):
        os.kill(supervisor_pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while _alive(supervisor_pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if _alive(supervisor_pid):
            os.kill(supervisor_pid, signal.SIGKILL)
    if _alive(engine_pid):  # a supervisor killed without its cleanup leaves its engine behind
        _kill_group(engine_pid, STOP_TIMEOUT_S)
    for name in ("supervisor.pid", "engine.pid"):
        (state_dir / name).unlink(missing_ok=True)
    return _alive(supervisor_pid) is False and supervisor_pid is not None


def _kill_group(pid: int, timeout_s: float) -> None:
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout_s
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


class Supervisor:
    """The loop `run` executes: one engine at a time, restarted with backoff."""

    def __init__(self, state_dir: Path):
        self.dir = Path(state_dir)
        self.spec = EngineSpec(**json.loads((self.dir / "spec.json").read_text()))
        self.engine: subprocess.Popen | None = None
        self.stopping, self.restarts, self.last_exit = False, 0, None

    def state(self, status: str) -> None:
        _write_json(self.dir / "state.json", {
            "status": status, "engine_pid": self.engine.pid if self.engine else None, "restarts": self.restarts,
            "last_exit": self.last_exit, "url": self.spec.url, "updated": time.time(),
        })  # fmt: skip

    def launch(self) -> None:
        logs = self.dir / "logs"
        path = logs / "engine.log"
        if path.exists() and path.stat().st_size > LOG_MAX_BYTES:
            os.replace(path, logs / "engine.log.1")
        with open(path, "ab") as log:
            self.engine = subprocess.Popen(engine_command(self.spec), env=engine_env(self.spec),
                                           stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                           start_new_session=True)  # fmt: skip
        (self.dir / "engine.pid").write_text(str(self.engine.pid))
        self.state("starting")

    def adapters(self) -> dict[str, str]:
        try:
            return json.loads((self.dir / "adapters.json").read_text())
        except (OSError, ValueError):
            return {}

    def run(self) -> None:
        signal.signal(signal.SIGTERM, lambda *_: setattr(self, "stopping", True))
        signal.signal(signal.SIGINT, lambda *_: setattr(self, "stopping", True))
        backoff = BACKOFF_S
        self.launch()
        started, is_ready = time.monotonic(), False
        while not self.stopping:
            code = self.engine.poll()
            if code is not None:
                self.last_exit, is_ready = code, False
                if time.monotonic() - started > STABLE_S:
                    backoff = BACKOFF_S
                self.state("restarting")
                print(f"engine exited with {code}; restarting in {backoff:.0f} s", flush=True)
                wake = time.monotonic() + backoff
                while time.monotonic() < wake and not self.stopping:
                    time.sleep(0.1)
                if self.stopping:
                    break
                backoff = min(MAX_BACKOFF_S, backoff * 2)
                self.restarts += 1
                self.launch()
                started = time.monotonic()
                continue
            if not is_ready and ready(self.spec.url):
                for name, folder in self.adapters().items():
                    try:
                        load_adapter(self.spec.url, name, folder)
                    except Exception as err:  # noqa: BLE001 (logged; the deploy that asked will see it missing)
                        print(f"could not load adapter {name}: {err}", flush=True)
                is_ready = True
                self.state("ready")
            time.sleep(0.2)
        if self.engine and self.engine.poll() is None:
            _kill_group(self.engine.pid, STOP_TIMEOUT_S)
        self.engine = None
        self.state("stopped")
        for name in ("engine.pid", "supervisor.pid"):
            (self.dir / name).unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m lifecycle_core.serving.supervisor", description=__doc__)
    parser.add_argument("command", choices=["run", "stop", "status"])
    parser.add_argument("--state-dir", required=True, type=Path)
    args = parser.parse_args(argv)
    if args.command == "run":
        Supervisor(args.state_dir).run()
    elif args.command == "stop":
        print("stopped" if stop(args.state_dir) else "not running")
    else:
        print(json.dumps(status(args.state_dir), indent=2))


if __name__ == "__main__":
    main()


__all__ = ["log_tail", "set_adapters", "start", "status", "stop", "wait_ready"]
