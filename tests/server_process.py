"""One way to run a real server for tests: started in its own session with its log in a folder, ready
once an HTTP URL answers 200, stopped by pid (or its process group) with SIGTERM, then SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import httpx


def start(command: Sequence[str], folder: Path, log_name: str, env: Mapping[str, str] | None = None):
    """The server's process, its output in `folder/log_name`."""
    with open(folder / log_name, "wb") as log:
        return subprocess.Popen(list(command), cwd=folder, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True, env=env)  # fmt: skip


def log_tail(path: Path, lines: int = 30) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""


def wait_ready(process, url: str, name: str, timeout_s: float, log: Path, interval_s: float = 0.1) -> None:
    """Until `url` answers 200; a clear error with the log's tail if the server exits or times out."""
    deadline = time.monotonic() + timeout_s
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}:\n{log_tail(log)}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{name} not ready after {timeout_s}s:\n{log_tail(log)}")
        time.sleep(interval_s)


def stop(process, group: bool = False) -> None:
    """SIGTERM, then SIGKILL after 15 s; `group`: the whole process group (a server with workers)."""
    if process is None or process.poll() is not None:
        return
    kill = os.killpg if group else os.kill
    kill(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        kill(process.pid, signal.SIGKILL)
        process.wait()
