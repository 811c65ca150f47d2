"""The local engine as a supervised background process that outlives the step that started it.

``python -m lifecycle_core.serving.supervisor run --spec SPEC.json --state-dir DIR`` runs vLLM (an
``EngineSpec`` as JSON; ``DIR/spec.json`` when left out) in its own process group, restarts it when it
exits (backoff from 1 s doubling to 30 s, reset after 5 minutes up), sweeps what a dead engine left in
its group, loads the adapters listed in ``DIR/adapters.json`` into every engine it starts (so a
restarted engine serves what the crashed one served), appends the engine's output to
``DIR/logs/engine.log`` (copied to ``engine.log.1`` and truncated past 20 MB) and keeps
``DIR/state.json`` (status starting/ready/restarting/stopped, engine pid, restarts, failures since
the last ready, last exit code, url). SIGTERM stops the engine (SIGTERM to its group, SIGKILL after
30 s) and removes ``DIR/supervisor.pid`` and ``DIR/engine.pid``.

A pid file is trusted only while its process lives and started before the file was written (so a
reused pid is not mistaken for ours). ``start`` / ``wait_ready`` / ``stop`` / ``status`` are what
callers use.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil

from .engine import EngineSpec, engine_command, engine_env, load_adapter, ready

BACKOFF_S, MAX_BACKOFF_S, STABLE_S = 1.0, 30.0, 300.0
STOP_TIMEOUT_S = 30.0  # for a serving engine; one still starting ignores SIGTERM until it is up, so it gets
STARTING_STOP_S = 3.0  # this long before SIGKILL (it has no request in flight)
LOG_MAX_BYTES = 20_000_000
CLOCK_SLACK_S = 2.0  # a process's start time is known to about a second (boot time is whole seconds)
MODULE = "lifecycle_core.serving.supervisor"


class SupervisorError(RuntimeError):
    """The engine did not become ready: timed out, kept dying, or its supervisor is gone (with the logs' tail)."""


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, os.WNOHANG)  # our own exited child: no zombie left
    except ChildProcessError:
        pass


def _process(pid_file: Path) -> psutil.Process | None:
    """The live process a pid file names: not gone, not a zombie, not a reused pid (started after the file)."""
    try:
        pid = int(pid_file.read_text().strip())
        process = psutil.Process(pid)
        if process.status() == psutil.STATUS_ZOMBIE:
            _reap(pid)
            return None
        return process if process.create_time() <= pid_file.stat().st_mtime + CLOCK_SLACK_S else None
    except (OSError, ValueError, psutil.Error):
        return None


def _supervisor(state_dir: Path) -> psutil.Process | None:
    process = _process(state_dir / "supervisor.pid")
    try:
        return process if process and MODULE in " ".join(process.cmdline()) else None
    except psutil.Error:
        return None


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def _write_json(path: Path, data: dict) -> None:
    _write(path, json.dumps(data, indent=2))


def _group_alive(pgid: int) -> bool:
    """Whether a process group has a member that is not a zombie."""
    for process in psutil.process_iter(["status"]):
        try:
            if process.info["status"] != psutil.STATUS_ZOMBIE and os.getpgid(process.pid) == pgid:
                return True
        except (OSError, psutil.Error):
            continue
    return False


def _stop_group(pgid: int, timeout_s: float) -> None:
    """SIGTERM to the group, SIGKILL to what is left after `timeout_s`; returns when none is left."""
    for sig, wait_s in ((signal.SIGTERM, timeout_s), (signal.SIGKILL, 10.0)):
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            _reap(pgid)
            if not _group_alive(pgid):
                return
            time.sleep(0.1)


def _stop_engine(state_dir: Path) -> None:
    """Stop what the engine pid file names, and its group (an engine's workers outlive a killed engine)."""
    pid_file = state_dir / "engine.pid"
    try:
        pid = int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return
    try:
        was_ready = json.loads((state_dir / "state.json").read_text()).get("status") == "ready"
    except (OSError, ValueError):
        was_ready = True
    if _process(pid_file) is None and psutil.pid_exists(pid):
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                return  # the pid is another process's now: its group is not ours
        except psutil.Error:
            pass
    _stop_group(pid, STOP_TIMEOUT_S if was_ready else STARTING_STOP_S)  # Linux reuses no pid while its group lives
    pid_file.unlink(missing_ok=True)


def set_adapters(state_dir: Path, adapters: dict[str, str]) -> None:
    """The adapters (name -> folder) every engine the supervisor starts loads; a running one is not changed."""
    Path(state_dir).mkdir(parents=True, exist_ok=True)
    _write_json(Path(state_dir) / "adapters.json", adapters)


def status(state_dir: Path) -> dict:
    """{status, engine_pid, supervisor_pid, restarts, failures, last_exit, url}; {status: stopped} when none runs."""
    state_dir = Path(state_dir)
    supervisor = _supervisor(state_dir)
    if supervisor is None:
        return {"status": "stopped"}
    try:
        state = json.loads((state_dir / "state.json").read_text())
    except (OSError, ValueError):
        state = {"status": "starting"}
    return {**state, "supervisor_pid": supervisor.pid}


def start(spec: EngineSpec, state_dir: Path) -> int:
    """The supervisor's pid: the running one if it runs this spec, else a new one (an old one is stopped)."""
    state_dir = Path(state_dir)
    (state_dir / "logs").mkdir(parents=True, exist_ok=True)
    wanted = dataclasses.asdict(spec)
    running = _supervisor(state_dir)
    if running is not None:
        try:
            if json.loads((state_dir / "spec.json").read_text()) == wanted:
                return running.pid
        except (OSError, ValueError):
            pass
    stop(state_dir)  # another spec, or a killed supervisor's engine still holding the port
    _write_json(state_dir / "spec.json", wanted)
    (state_dir / "state.json").unlink(missing_ok=True)
    with open(state_dir / "logs" / "supervisor.log", "ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", MODULE, "run", "--spec", str(state_dir / "spec.json"), "--state-dir", str(state_dir)],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    _write(state_dir / "supervisor.pid", str(process.pid))
    return process.pid


def log_tail(state_dir: Path, lines: int = 40, name: str = "engine.log") -> str:
    path = Path(state_dir) / "logs" / name
    if not path.exists():
        return ""
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def _failure(state_dir: Path, what: str) -> SupervisorError:
    logs = [(name, log_tail(state_dir, name=name)) for name in ("supervisor.log", "engine.log")]
    return SupervisorError(
        f"{what}\n" + "\n".join(f"--- {state_dir}/logs/{name}:\n{tail}" for name, tail in logs if tail)
    )


def wait_ready(target: Path | str, timeout_s: float = 600, max_failures: int = 3) -> dict:
    """The state once the engine answers; `target` is a state dir or an engine URL.

    Raises SupervisorError (with the logs' tail) on timeout, when the supervisor is gone, or when
    the engine died `max_failures` times in a row without becoming ready.
    """
    deadline = time.monotonic() + timeout_s
    if isinstance(target, str) and target.startswith(("http://", "https://")):
        while not ready(target):
            if time.monotonic() > deadline:
                raise SupervisorError(f"the engine at {target} did not answer within {timeout_s:.0f} s")
            time.sleep(0.5)
        return {"status": "ready", "url": target}
    state_dir = Path(target)
    while True:
        state = status(state_dir)
        if state["status"] == "ready":
            return state
        if state["status"] == "stopped":
            raise _failure(state_dir, f"the engine supervisor in {state_dir} is not running")
        if state.get("failures", 0) >= max_failures:
            raise _failure(state_dir, f"the engine keeps dying ({state['failures']} exits in a row, last {state})")
        if time.monotonic() > deadline:
            raise _failure(state_dir, f"the engine was not ready after {timeout_s:.0f} s ({state})")
        time.sleep(0.5)


def stop(state_dir: Path, timeout_s: float = STOP_TIMEOUT_S + 10) -> bool:
    """Stop the supervisor and its engine's whole group; True if a supervisor was running. Idempotent."""
    state_dir = Path(state_dir)
    supervisor = _supervisor(state_dir)
    if supervisor is not None:
        try:
            supervisor.terminate()
            supervisor.wait(timeout_s)
        except psutil.TimeoutExpired:
            supervisor.kill()
            supervisor.wait(10)
        except psutil.NoSuchProcess:
            pass
        _reap(supervisor.pid)
    _stop_engine(state_dir)  # what a supervisor killed before its cleanup left behind
    (state_dir / "supervisor.pid").unlink(missing_ok=True)
    try:
        state = json.loads((state_dir / "state.json").read_text())
        if state.get("status") != "stopped":
            _write_json(state_dir / "state.json", {**state, "status": "stopped", "engine_pid": None})
    except (OSError, ValueError):
        pass
    return supervisor is not None


class Supervisor:
    """The loop `run` executes: one engine at a time, restarted with backoff."""

    def __init__(self, state_dir: Path, spec_path: Path | None = None):
        self.dir = Path(state_dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        spec_path = Path(spec_path or self.dir / "spec.json")
        self.spec = EngineSpec(**json.loads(spec_path.read_text()))
        if spec_path.resolve() != (self.dir / "spec.json").resolve():
            _write_json(self.dir / "spec.json", dataclasses.asdict(self.spec))  # what `start` compares with
        self.engine: subprocess.Popen | None = None
        self.stopping, self.is_ready, self.restarts, self.failures, self.last_exit = False, False, 0, 0, None

    def state(self, status: str) -> None:
        _write_json(self.dir / "state.json", {
            "status": status, "engine_pid": self.engine.pid if self.engine else None, "restarts": self.restarts,
            "failures": self.failures, "last_exit": self.last_exit, "url": self.spec.url, "updated": time.time(),
        })  # fmt: skip

    def bound_log(self) -> None:
        path = self.dir / "logs" / "engine.log"
        if path.exists() and path.stat().st_size > LOG_MAX_BYTES:
            shutil.copyfile(path, path.with_name("engine.log.1"))
            os.truncate(path, 0)  # the engine writes in append mode: it goes on at the start

    def launch(self) -> None:
        self.bound_log()
        with open(self.dir / "logs" / "engine.log", "ab") as log:
            self.engine = subprocess.Popen(engine_command(self.spec), env=engine_env(self.spec),
                                           stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                           start_new_session=True)  # fmt: skip
        _write(self.dir / "engine.pid", str(self.engine.pid))
        self.state("starting")

    def load_adapters(self) -> None:
        try:
            adapters = json.loads((self.dir / "adapters.json").read_text())
        except (OSError, ValueError):
            adapters = {}
        for name, folder in adapters.items():
            try:
                load_adapter(self.spec.url, name, folder)
            except Exception as err:  # noqa: BLE001 (logged; the deploy that asked will see it missing)
                print(f"could not load adapter {name}: {err}", flush=True)

    def sleep(self, seconds: float) -> None:
        wake = time.monotonic() + seconds
        while time.monotonic() < wake and not self.stopping:
            time.sleep(0.1)

    def run(self) -> None:
        other = _supervisor(self.dir)
        if other is not None and other.pid != os.getpid():
            sys.exit(f"a supervisor (pid {other.pid}) already runs for {self.dir}")
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: setattr(self, "stopping", True))
        (self.dir / "logs").mkdir(parents=True, exist_ok=True)
        _write(self.dir / "supervisor.pid", str(os.getpid()))
        _stop_engine(self.dir)  # one left by a supervisor that was killed
        try:
            self.supervise()
        finally:
            if self.engine is not None:
                _stop_group(self.engine.pid, STOP_TIMEOUT_S if self.is_ready else STARTING_STOP_S)
                self.engine.wait()
            self.engine = None
            self.state("stopped")
            for name in ("engine.pid", "supervisor.pid"):
                (self.dir / name).unlink(missing_ok=True)

    def supervise(self) -> None:
        backoff = BACKOFF_S
        self.launch()
        started = checked = time.monotonic()
        while not self.stopping:
            code = self.engine.poll()
            if code is not None:
                _stop_group(self.engine.pid, 5.0)  # its EngineCore and workers outlive it
                self.last_exit = code
                if not self.is_ready:
                    self.failures += 1  # died before it ever answered: wait_ready gives up after a few
                if time.monotonic() - started > STABLE_S:
                    backoff = BACKOFF_S
                self.is_ready = False
                self.state("restarting")
                print(f"engine exited with {code}; restarting in {backoff:.0f} s", flush=True)
                self.sleep(backoff)
                if self.stopping:
                    break
                backoff = min(MAX_BACKOFF_S, backoff * 2)
                self.restarts += 1
                self.launch()
                started = time.monotonic()
                continue
            if not self.is_ready and ready(self.spec.url):
                self.load_adapters()
                self.is_ready, self.failures = True, 0
                self.state("ready")
            if time.monotonic() - checked > 10:
                self.bound_log()
                checked = time.monotonic()
            time.sleep(0.2)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog=f"python -m {MODULE}", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)  # fmt: skip
    parser.add_argument("command", choices=["run", "stop", "status"])
    parser.add_argument("--state-dir", required=True, type=Path)
    parser.add_argument("--spec", type=Path, help="An EngineSpec as JSON (run only; default STATE_DIR/spec.json).")
    args = parser.parse_args(argv)
    if args.command == "run":
        Supervisor(args.state_dir, args.spec).run()
    elif args.command == "stop":
        print("stopped" if stop(args.state_dir) else "not running")
    else:
        print(json.dumps(status(args.state_dir), indent=2))


if __name__ == "__main__":
    main()


__all__ = ["SupervisorError", "log_tail", "set_adapters", "start", "status", "stop", "wait_ready"]
