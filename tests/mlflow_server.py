"""A real MLflow tracking server on loopback for tests: ``mlflow server`` on a free port, a sqlite backend.

Artifacts are not served through it: experiments created by the project name an S3 location and
clients write there themselves, as they do against a production tracking server.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Self

from tests import server_process

STARTUP_TIMEOUT_S = 90.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class MlflowServer:
    def __init__(self) -> None:
        self.url = ""
        self._proc: subprocess.Popen[bytes] | None = None
        self._tmp: tempfile.TemporaryDirectory[str] | None = None

    def start(self) -> Self:
        self._tmp = tempfile.TemporaryDirectory(prefix="mlflow-server-")
        folder = Path(self._tmp.name)
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        command = [
            str(Path(sys.executable).parent / "mlflow"), "server", "--host", "127.0.0.1", "--port", str(port),
            "--backend-store-uri", f"sqlite:///{folder / 'mlflow.db'}", "--no-serve-artifacts",
            "--default-artifact-root", (folder / "artifacts").as_uri(), "--workers", "1",
        ]  # fmt: skip
        self._proc = server_process.start(command, folder, "server.log", {**os.environ, "MLFLOW_TRACKING_URI": ""})
        try:
            server_process.wait_ready(self._proc, f"{self.url}/health", "mlflow server", STARTUP_TIMEOUT_S,
                                      folder / "server.log", interval_s=0.25)  # fmt: skip
        except RuntimeError:
            self.stop()
            raise
        return self

    def log_tail(self, lines: int = 30) -> str:
        return server_process.log_tail(Path(self._tmp.name) / "server.log", lines) if self._tmp else ""

    def stop(self) -> None:
        server_process.stop(self._proc, group=True)  # the server and its uvicorn workers
        self._proc = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
