"""Run the real Dagster CLI, webserver and daemon from tests, on loopback, and stop them cleanly."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

from lifecycle_core.pii.pseudonym import create_dev_key

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def project_env(home: Path, **extra: str) -> dict[str, str]:
    """LIFECYCLE_HOME with its pseudonym key and a persistent DAGSTER_HOME, set up as the quick start does."""
    dagster_home = home / "dagster"
    dagster_home.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "scripts" / "dagster.yaml", dagster_home / "dagster.yaml")
    key = home / "secrets" / "pseudonym.key"
    if not key.exists():
        create_dev_key(key)
    return {
        **os.environ,
        "LIFECYCLE_PROFILE": "local",
        "LIFECYCLE_HOME": str(home),
        "DAGSTER_HOME": str(dagster_home),
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


def dagster(args: list[str], env: dict[str, str], timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "dagster"), *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def background(command: list[str], env: dict[str, str], log: Path):
    """A server in its own session, so stopping it stops its children too (see NOTES.md)."""
    with open(log, "wb") as out:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        yield process
    finally:
        for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                break
            try:
                process.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue


def wait_until(predicate, timeout: float, what: str, interval: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")


def wait_for_webserver(url: str, timeout: float = 120) -> None:
    """Until dagster-webserver at `url` (http://host:port) answers its health endpoint."""

    def answers() -> bool:
        try:
            return httpx.get(f"{url}/server_info", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    wait_until(answers, timeout=timeout, what="dagster-webserver to answer")
