"""The Dagster UI's server on a free loopback port shows the asset graph, partitions, sensor and schedules."""

from __future__ import annotations

import httpx
import pytest

from tests.e2e.processes import BIN, background, free_port, project_env, wait_until

pytestmark = pytest.mark.slow

QUERY = """
{
  assetNodes { assetKey { path } isPartitioned partitionKeys groupName }
  repositoriesOrError {
    ... on RepositoryConnection {
      nodes { name sensors { name } schedules { name cronSchedule } jobs { name } }
    }
  }
}
"""


def test_webserver_graphql_shows_graph_sensors_schedules(tmp_path):
    port = free_port()
    env = project_env(tmp_path / "home")
    url = f"http://127.0.0.1:{port}"
    command = [str(BIN / "dagster-webserver"), "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)]
    with background(command, env, tmp_path / "webserver.log"):
        def answers():
            try:
                return httpx.get(f"{url}/server_info", timeout=2).status_code == 200
            except httpx.HTTPError:
                return False

        wait_until(answers, timeout=120, what="dagster-webserver to answer")
        data = httpx.post(f"{url}/graphql", json={"query": QUERY}, timeout=60).json()["data"]

    nodes = {"/".join(n["assetKey"]["path"]): n for n in data["assetNodes"]}
    assert {"raw/conversations", "warehouse/conversations", "warehouse/member_pii", "raw/plan_documents"} <= set(nodes)
    assert nodes["warehouse/claims"]["isPartitioned"]
    assert nodes["warehouse/claims"]["partitionKeys"][0] == "2026-01-01"
    assert not nodes["raw/plan_documents"]["isPartitioned"]
    (repository,) = data["repositoriesOrError"]["nodes"]
    assert "landing_sensor" in {s["name"] for s in repository["sensors"]}
    assert {"ingest_job_schedule", "partner_feed_job_schedule"} <= {s["name"] for s in repository["schedules"]}
    assert "ingest_job" in {j["name"] for j in repository["jobs"]}
