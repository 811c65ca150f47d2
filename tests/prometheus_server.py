"""A real Prometheus server on loopback for tests: Debian's ``prometheus`` binary (``.ci/run`` installs it).

``PrometheusServer({"gateway": ["http://127.0.0.1:8080"]}, rule_files=[...])`` writes a config that
scrapes every target's ``/metrics`` each second, keeps its TSDB in a temp directory, listens on a free
loopback port, waits for ``/-/ready`` and is stopped by its pid. ``query`` runs PromQL through the HTTP
API and raises ``PromQLError`` (with Prometheus's own message) on a parse or evaluation error.

The binaries are found on PATH, or named by ``PROMETHEUS_BIN`` / ``PROMTOOL_BIN`` (a release tarball, say).
``require`` skips the test when one is missing, except in CI (``CI`` set): there it fails, so a CI
machine without Prometheus cannot pass by skipping the monitoring tests.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Self
from urllib.parse import urlsplit

import httpx
import pytest
import yaml

from tests import server_process
from tests.openai_upstream import free_port

STARTUP_TIMEOUT_S = 30.0
BINARIES = {"prometheus": "PROMETHEUS_BIN", "promtool": "PROMTOOL_BIN"}


class PromQLError(RuntimeError):
    """Prometheus refused an expression: `kind` is its errorType (bad_data for a parse error, execution...)."""

    def __init__(self, expr: str, kind: str, message: str):
        self.expr, self.kind = expr, kind
        super().__init__(f"{kind}: {message}\n  in: {expr}")


def find(name: str) -> str | None:
    """The binary `name` (prometheus or promtool): its environment variable's path, else PATH's."""
    given = os.environ.get(BINARIES[name])
    if given:
        return given if os.access(given, os.X_OK) else None
    return shutil.which(name)


def require(*names: str) -> dict[str, str]:
    """The paths of the named binaries; a missing one skips the test, or fails it in CI."""
    found = {name: find(name) for name in names}
    missing = [name for name, path in found.items() if path is None]
    if missing:
        why = (f"{', '.join(missing)} not found (PATH or {', '.join(BINARIES[n] for n in missing)}): "
               "apt-get install -y --no-install-recommends prometheus (.ci/run does)")  # fmt: skip
        if os.environ.get("CI"):
            pytest.fail(f"CI is set and {why}", pytrace=False)
        pytest.skip(why)
    return found  # type: ignore[return-value]


def scrape_config(targets: Mapping[str, Sequence[str]], interval_s: float, rule_files: Iterable[str]) -> dict:
    """A Prometheus config: one job per name, each target's /metrics (`http://host:port` or `host:port`)."""
    every = f"{round(interval_s * 1000)}ms"  # Prometheus durations are integers with a unit
    jobs = []
    for job, urls in targets.items():
        parts = [urlsplit(url if "//" in url else f"//{url}") for url in urls]
        jobs.append({"job_name": job, "scrape_interval": every, "scrape_timeout": every,
                     "metrics_path": "/metrics", "static_configs": [{"targets": [p.netloc for p in parts]}]})  # fmt: skip
    return {"global": {"scrape_interval": every, "evaluation_interval": every},
            "rule_files": [str(Path(f).resolve()) for f in rule_files], "scrape_configs": jobs}  # fmt: skip


class PrometheusServer:
    def __init__(
        self,
        targets: Mapping[str, Sequence[str]],
        rule_files: Iterable[str | Path] = (),
        interval_s: float = 1.0,
    ):
        self.config = scrape_config(targets, interval_s, [str(f) for f in rule_files])
        self.url = ""
        self._proc: subprocess.Popen[bytes] | None = None
        self._tmp: tempfile.TemporaryDirectory[str] | None = None

    def start(self) -> Self:
        binary = require("prometheus")["prometheus"]
        self._tmp = tempfile.TemporaryDirectory(prefix="prometheus-")
        folder = Path(self._tmp.name)
        (folder / "prometheus.yml").write_text(yaml.safe_dump(self.config, sort_keys=False))
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        command = [binary, f"--config.file={folder / 'prometheus.yml'}", f"--storage.tsdb.path={folder / 'data'}",
                   f"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"]  # fmt: skip
        self._proc = server_process.start(command, folder, "prometheus.log")
        try:
            server_process.wait_ready(self._proc, f"{self.url}/-/ready", "prometheus", STARTUP_TIMEOUT_S,
                                      folder / "prometheus.log")  # fmt: skip
        except RuntimeError:
            self.stop()
            raise
        return self

    def log_tail(self, lines: int = 30) -> str:
        return server_process.log_tail(Path(self._tmp.name) / "prometheus.log", lines) if self._tmp else ""

    def stop(self) -> None:
        server_process.stop(self._proc)  # by its pid: no children to sweep
        self._proc = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- the HTTP API ---------------------------------------------------------------------------------

    def api(self, path: str, **params) -> dict:
        response = httpx.post(f"{self.url}/api/v1/{path}", data=params, timeout=30)
        body = response.json()
        if body.get("status") != "success":
            raise PromQLError(params.get("query", ""), body.get("errorType", str(response.status_code)),
                              body.get("error", response.text))  # fmt: skip
        return body["data"]

    def query(self, expr: str) -> list[dict]:
        """An instant query's result now: a list of {metric, value} (a scalar comes back as one item)."""
        data = self.api("query", query=expr, time=f"{time.time():.3f}")
        if data["resultType"] in ("scalar", "string"):
            return [{"metric": {}, "value": data["result"]}]
        return data["result"]

    def targets(self) -> list[dict]:
        return httpx.get(f"{self.url}/api/v1/targets", timeout=10).json()["data"]["activeTargets"]

    def rules(self) -> list[dict]:
        """Every loaded rule (alerting and recording) with its health, lastError and, for an alert, state."""
        groups = httpx.get(f"{self.url}/api/v1/rules", timeout=10).json()["data"]["groups"]
        return [rule for group in groups for rule in group["rules"]]

    def wait_scraped_after(self, moment: float, timeout_s: float = 30.0) -> None:
        """Until every target is up and was scraped after `moment` (a time.time()), so what it served by then is in."""
        deadline = time.monotonic() + timeout_s
        while True:
            targets = self.targets()
            late = [t["scrapeUrl"] for t in targets if t["health"] != "up" or epoch(t["lastScrape"]) <= moment]
            if targets and not late:
                return
            if time.monotonic() > deadline:
                errors = {t["scrapeUrl"]: t.get("lastError") for t in targets}
                raise AssertionError(f"not scraped after the traffic: {late}; errors {errors}\n{self.log_tail()}")
            time.sleep(0.2)

    def wait_rules_evaluated_after(self, moment: float, timeout_s: float = 30.0) -> None:
        """Until every loaded rule was evaluated after `moment`, so its health says how the data went."""
        deadline = time.monotonic() + timeout_s
        while any(epoch(rule["lastEvaluation"]) <= moment for rule in self.rules()):
            if time.monotonic() > deadline:
                raise AssertionError(f"rules not evaluated after {moment}: {self.rules()}\n{self.log_tail()}")
            time.sleep(0.2)


def epoch(stamp: str) -> float:
    """Prometheus's RFC 3339 timestamps (nanoseconds, Z or an offset) as seconds since the epoch (3.11 parses them)."""
    return datetime.fromisoformat(stamp).timestamp()


__all__ = ["PromQLError", "PrometheusServer", "epoch", "find", "require", "scrape_config"]
