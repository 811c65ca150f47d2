"""The local gateway as a background process: uvicorn with the settings in its environment, a pid file,
readiness on /healthz, a clean stop that lets in-flight streams finish."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from ..common.processes import pid_alive
from .gateway.config import GatewayConfig

APP = "lifecycle_core.serving.gateway.app:create_app"
GRACEFUL_S = 30  # uvicorn waits this long for in-flight requests on SIGTERM


def read_state(folder: Path) -> dict | None:
    """{pid, url, config} of the running gateway, or None (never started, or gone)."""
    path = folder / "gateway.json"
    if not path.exists():
        return None
    state = json.loads(path.read_text())
    return state if pid_alive(state["pid"]) else None


def start_gateway(config: GatewayConfig, folder: Path, host: str = "127.0.0.1", port: int = 8080,
                  timeout_s: float = 180) -> dict:  # fmt: skip
    """Start (or restart with new settings) the gateway; returns its state once it answers /healthz."""
    folder.mkdir(parents=True, exist_ok=True)
    running = read_state(folder)
    if running and running["config"] == config.to_env() and running["port"] == port:
        return running
    if running:
        stop_gateway(folder)
    log = open(folder / "gateway.log", "ab")  # noqa: SIM115 (the child keeps it)
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--factory", APP, "--host", host, "--port", str(port),
         "--timeout-graceful-shutdown", str(GRACEFUL_S), "--log-level", "warning"],
        env={**os.environ, **config.to_env()}, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,  # outlives the step that started it
    )  # fmt: skip
    url = f"http://{host}:{port}"
    state = {"pid": process.pid, "url": url, "port": port, "config": config.to_env(), "started": time.time()}
    deadline = time.monotonic() + timeout_s
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"the gateway exited with {process.returncode}; see {folder / 'gateway.log'}")
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"the gateway did not answer on {url} within {timeout_s:.0f} s")
        time.sleep(0.1)
    (folder / "gateway.json").write_text(json.dumps(state, indent=2))
    return state


def stop_gateway(folder: Path, timeout_s: float = GRACEFUL_S + 5) -> bool:
    """SIGTERM (in-flight streams finish, the request log is shipped), SIGKILL after the grace period."""
    state = read_state(folder)
    (folder / "gateway.json").unlink(missing_ok=True)
    if state is None:
        return False
    os.kill(state["pid"], signal.SIGTERM)
    deadline = time.monotonic() + timeout_s
    while pid_alive(state["pid"]) and time.monotonic() < deadline:
        time.sleep(0.1)
    if pid_alive(state["pid"]):
        os.kill(state["pid"], signal.SIGKILL)
    return True


__all__ = ["read_state", "start_gateway", "stop_gateway"]
