"""Drive the closed loop as a user does: `dagster dev` on loopback, jobs and sensors through its GraphQL
API (the calls the UI makes), members' traffic through the gateway. Shared by the end-to-end test and
benchmarks/loop.py, which times the same stages."""

from __future__ import annotations

import json
import random
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from tests.e2e.processes import BIN, background, free_port, project_env, wait_until

LOCATION, REPOSITORY = "genai-lifecycle", "__repository__"

LAUNCH_RUN = """
mutation Launch($params: ExecutionParams!) {
  launchRun(executionParams: $params) {
    __typename
    ... on LaunchRunSuccess { run { runId } }
    ... on PythonError { message }
    ... on RunConfigValidationInvalid { errors { message } }
    ... on InvalidSubsetError { message }
  }
}
"""
START_SENSOR = """
mutation Start($selector: SensorSelector!) {
  startSensor(sensorSelector: $selector) {
    __typename
    ... on Sensor { sensorState { status } }
    ... on PythonError { message }
  }
}
"""
RUNS = """
query Runs($filter: RunsFilter) {
  runsOrError(filter: $filter) {
    ... on Runs { results { runId jobName status creationTime tags { key value } } }
  }
}
"""
RUN_FAILURE = """
query Failure($runId: ID!) {
  logsForRun(runId: $runId) {
    ... on EventConnection { events { __typename ... on ExecutionStepFailureEvent { stepKey error { message } } } }
  }
}
"""
DONE = {"SUCCESS", "FAILURE", "CANCELED"}


def day(offset: int) -> str:
    """Today (UTC) plus `offset` days, ISO."""
    return (datetime.now(UTC).date() + timedelta(days=offset)).isoformat()


@dataclass
class Dagster:
    """A running `dagster dev` and its GraphQL endpoint."""

    url: str
    log: Path
    timings: dict[str, float] = field(default_factory=dict)

    def query(self, document: str, **variables) -> dict:
        answer = httpx.post(f"{self.url}/graphql", json={"query": document, "variables": variables}, timeout=120)
        answer.raise_for_status()
        body = answer.json()
        if body.get("errors"):
            raise RuntimeError(f"GraphQL errors: {body['errors']}")
        return body["data"]

    def launch(self, job: str, run_config: dict | None = None, tags: dict[str, str] | None = None) -> str:
        params = {
            "selector": {"repositoryLocationName": LOCATION, "repositoryName": REPOSITORY, "jobName": job},
            "runConfigData": run_config or {},
            "executionMetadata": {"tags": [{"key": k, "value": v} for k, v in (tags or {}).items()]},
        }
        result = self.query(LAUNCH_RUN, params=params)["launchRun"]
        if result["__typename"] != "LaunchRunSuccess":
            raise RuntimeError(f"launching {job} failed: {result}")
        return result["run"]["runId"]

    def start_sensor(self, name: str) -> None:
        selector = {"repositoryLocationName": LOCATION, "repositoryName": REPOSITORY, "sensorName": name}
        result = self.query(START_SENSOR, selector=selector)["startSensor"]
        if result.get("__typename") != "Sensor" or result["sensorState"]["status"] != "RUNNING":
            raise RuntimeError(f"starting {name} failed: {result}")

    def runs(self, job: str | None = None) -> list[dict]:
        runs = self.query(RUNS, filter={"pipelineName": job} if job else {})["runsOrError"]["results"]
        for run in runs:
            run["tags"] = {t["key"]: t["value"] for t in run["tags"]}
        return runs

    def run(self, run_id: str) -> dict:
        (found,) = [r for r in self.runs() if r["runId"] == run_id]
        return found

    def failure(self, run_id: str) -> list[str]:
        events = self.query(RUN_FAILURE, runId=run_id)["logsForRun"]["events"]
        return [
            f"{e['stepKey']}: {e['error']['message']}" for e in events if e["__typename"] == "ExecutionStepFailureEvent"
        ]

    def wait(self, run_id: str, timeout: float = 900, succeed: bool = True) -> dict:
        run = wait_until(lambda: (r := self.run(run_id))["status"] in DONE and r, timeout, f"run {run_id}", 2)
        if succeed and run["status"] != "SUCCESS":
            raise AssertionError(f"{run['jobName']} {run_id}: {run['status']}: {self.failure(run_id)}\n{self.tail()}")
        return run

    def wait_for_run(self, job: str, predicate=lambda run: True, timeout: float = 900) -> dict:
        """The first run of `job` (newest first) that matches, once one exists."""
        return wait_until(lambda: next((r for r in self.runs(job) if predicate(r)), None), timeout, f"a {job} run", 2)

    def tail(self, chars: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""

    @contextmanager
    def stage(self, name: str):
        started = time.monotonic()
        yield
        self.timings[name] = round(self.timings.get(name, 0.0) + time.monotonic() - started, 1)


@contextmanager
def dagster_dev(home: Path, log: Path, **env: str):
    """`dagster dev` (webserver and daemon) on a free loopback port, in its own session, stopped by pid."""
    port = free_port()
    environment = project_env(home, **env)
    command = [str(BIN / "dagster"), "dev", "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)]
    with background(command, environment, log):
        server = Dagster(f"http://127.0.0.1:{port}", log)

        def answers() -> bool:
            try:
                return httpx.get(f"{server.url}/server_info", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        wait_until(answers, timeout=180, what="dagster dev to answer")
        yield server


class Members:
    """A simulated member population asking through the gateway, one request at a time (a 2-core engine)."""

    QUESTIONS = (
        "What is my deductible for the year?",
        "Is urgent care covered on my plan?",
        "How much have I paid toward my out-of-pocket maximum?",
        "Why was my last claim denied?",
        "Do I need prior authorization for an MRI?",
        "What is my copay for a specialist visit?",
        "Is physical therapy covered?",
        "How do I appeal a denied claim?",
    )

    def __init__(self, url: str, keys: dict[str, str], seed: int = 0, feedback_share: float = 0.3):
        self.url, self.keys = url, keys
        self.random, self.feedback_share = random.Random(seed), feedback_share
        self.answers: list[dict] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def ask(self, member: str) -> dict:
        headers = {"authorization": f"Bearer {self.keys[member]}"}
        body = {"model": "member-chatbot", "max_tokens": 16,
                "messages": [{"role": "user", "content": self.random.choice(self.QUESTIONS)}]}  # fmt: skip
        response = httpx.post(f"{self.url}/v1/chat/completions", json=body, headers=headers, timeout=60)
        answer = {"member": member, "status": response.status_code, "arm": response.headers.get("x-lifecycle-arm"),
                  "version": response.headers.get("x-lifecycle-model-version")}  # fmt: skip
        if response.status_code == 200 and self.random.random() < self.feedback_share:
            rating = "up" if self.random.random() < 0.8 else "down"
            httpx.post(f"{self.url}/v1/feedback", json={"response_id": response.json()["id"], "rating": rating},
                       headers=headers, timeout=30)  # fmt: skip
        self.answers.append(answer)
        return answer

    def run(self, pause_s: float = 0.2) -> None:
        members = sorted(self.keys)
        while not self._stop.is_set():
            try:
                self.ask(self.random.choice(members))
            except httpx.HTTPError as err:  # a gateway restarting for a new deployment: members retry
                self.answers.append({"status": type(err).__name__})
                time.sleep(1)
            self._stop.wait(pause_s)

    def start(self, pause_s: float = 0.2) -> None:
        """Ask in the background, `pause_s` between requests: on 2 cores the engine answering takes a core."""
        self._stop.clear()
        self._thread = threading.Thread(target=self.run, args=(pause_s,), name="members", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=90)


def member_keys(home: Path, count: int = 16) -> dict[str, str]:
    """API keys for members in the warehouse (the pseudonyms the gateway knows them by)."""
    import duckdb

    from lifecycle_core.serving.gateway.keys import KeyStore
    from lifecycle_core.serving.local import ServingHome

    with duckdb.connect(str(home / "lifecycle.duckdb"), read_only=True) as con:
        sql = "SELECT DISTINCT member_key FROM warehouse.claims ORDER BY member_key LIMIT ?"
        members = [row[0] for row in con.execute(sql, [count]).fetchall()]
    keys = KeyStore(ServingHome.of(home).keys_db)
    return {member: keys.create(member).key for member in members}


def settings(**groups: dict) -> str:
    """LIFECYCLE_SETTINGS from {"train": {"max_steps": 1}, ...}: `group.field=value` words."""
    return " ".join(f"{group}.{name}={value}" for group, values in groups.items() for name, value in values.items())


def dump(path: Path, obj) -> None:
    path.write_text(json.dumps(obj, indent=2, default=str))
