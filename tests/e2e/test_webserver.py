"""The Dagster UI's server on a free loopback port shows the asset graph, partitions, sensor and schedules."""

from __future__ import annotations

import httpx
import pytest

from tests.e2e.processes import BIN, background, free_port, project_env, wait_for_webserver, wait_until

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
        wait_for_webserver(url)
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


LAUNCH_BACKFILL = """
mutation Launch($params: LaunchBackfillParams!) {
  launchPartitionBackfill(backfillParams: $params) {
    __typename
    ... on LaunchBackfillSuccess { backfillId }
    ... on PythonError { message }
  }
}
"""
BACKFILL_STATUS = """
query Status($id: String!) { partitionBackfillOrError(backfillId: $id) { ... on PartitionBackfill { status } } }
"""


def test_ui_backfill_dialog_request_runs_through_the_daemon(tmp_path):
    """The same GraphQL mutation the UI's backfill dialog sends, executed by a real daemon."""
    import duckdb

    port = free_port()
    home = tmp_path / "home"
    env = project_env(home)
    url = f"http://127.0.0.1:{port}/graphql"
    webserver = [str(BIN / "dagster-webserver"), "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)]
    daemon = [str(BIN / "dagster-daemon"), "run", "-w", "workspace.yaml"]
    days = ["2026-04-05", "2026-04-06"]
    with background(webserver, env, tmp_path / "webserver.log"), background(daemon, env, tmp_path / "daemon.log"):
        wait_for_webserver(url.removesuffix("/graphql"))
        params = {
            "assetSelection": [{"path": ["raw", "claims"]}, {"path": ["warehouse", "claims"]}],
            "partitionNames": days,
        }
        launched = httpx.post(url, json={"query": LAUNCH_BACKFILL, "variables": {"params": params}}, timeout=60).json()
        result = launched["data"]["launchPartitionBackfill"]
        assert result["__typename"] == "LaunchBackfillSuccess", result

        def status():
            answer = httpx.post(
                url, json={"query": BACKFILL_STATUS, "variables": {"id": result["backfillId"]}}, timeout=30
            )
            value = answer.json()["data"]["partitionBackfillOrError"]["status"]
            assert value not in ("FAILED", "CANCELED", "COMPLETED_FAILED"), (tmp_path / "daemon.log").read_text()[
                -3000:
            ]
            return value == "COMPLETED_SUCCESS" or value == "COMPLETED"

        wait_until(status, timeout=400, what="the backfill to complete", interval=3)
    with duckdb.connect(str(home / "lifecycle.duckdb"), read_only=True) as con:
        loaded = dict(
            con.execute(
                "SELECT strftime(partition_date, '%Y-%m-%d'), count(*) FROM warehouse.claims GROUP BY 1"
            ).fetchall()
        )
    assert set(loaded) == set(days) and all(n > 0 for n in loaded.values())
