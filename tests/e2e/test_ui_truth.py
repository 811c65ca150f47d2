"""What the UI shows after the quick start's way of running things, read through the webserver's GraphQL.

Runs are launched as scripts/quickstart.sh launches them (`dagster job launch -w workspace.yaml`,
through a real daemon), so they must appear on their job pages; each day's partition must show that
day's rows; no Markdown in any metadata may link an image the UI cannot follow.
"""

from __future__ import annotations

import re
import subprocess
import sys
import uuid

import duckdb
import httpx
import pytest

from tests.e2e.processes import BIN, ROOT, background, dagster, free_port, project_env, wait_for_webserver

pytestmark = pytest.mark.slow

LOCATION = "genai-lifecycle"
DAYS = ("2026-04-07", "2026-04-08")

JOB_RUNS = """
query JobRuns($selector: PipelineSelector!) {
  pipelineOrError(params: $selector) { ... on Pipeline { runs { runId status } } }
}
"""
PARTITION_ROWS = """
query Rows($key: AssetKeyInput!, $partitions: [String!]) {
  assetOrError(assetKey: $key) {
    ... on Asset {
      assetMaterializations(partitions: $partitions) {
        partition
        metadataEntries { label ... on IntMetadataEntry { intValue } ... on PathMetadataEntry { path } }
      }
    }
  }
}
"""
ALL_MARKDOWN = """
{
  assetNodes {
    assetKey { path }
    assetMaterializations(limit: 10) { metadataEntries { label ... on MarkdownMetadataEntry { mdStr } } }
  }
}
"""
RELATIVE_IMAGE = re.compile(r"!\[[^\]]*\]\((?!data:|https?://)[^)]*\)")


def launch(env, *arguments: str) -> str:
    run_id = str(uuid.uuid4())
    launched = dagster(["job", "launch", "-w", "workspace.yaml", "--run-id", run_id, *arguments], env)
    assert launched.returncode == 0, launched.stdout[-2000:] + launched.stderr[-2000:]
    return run_id


def test_quick_start_runs_partitions_and_images_as_the_ui_shows_them(tmp_path):
    home = tmp_path / "home"
    env = project_env(home, LIFECYCLE_FIRST_DAY=DAYS[0])
    assert dagster(["instance", "migrate"], env).returncode == 0
    port = free_port()
    url = f"http://127.0.0.1:{port}/graphql"
    webserver = [str(BIN / "dagster-webserver"), "-w", "workspace.yaml", "-h", "127.0.0.1", "-p", str(port)]
    daemon = [str(BIN / "dagster-daemon"), "run", "-w", "workspace.yaml"]
    with background(daemon, env, tmp_path / "daemon.log"), background(webserver, env, tmp_path / "webserver.log"):
        catalog = launch(env, "-j", "plan_catalog_job")
        tags = (
            f'{{"dagster/asset_partition_range_start": "{DAYS[0]}", "dagster/asset_partition_range_end": "{DAYS[1]}"}}'
        )
        ingest = launch(env, "-j", "ingest_job", "--tags", tags)
        waited = subprocess.run(
            [sys.executable, "scripts/wait_for_runs.py", catalog, ingest], cwd=ROOT, env=env, capture_output=True,
            text=True, timeout=600, check=False,
        )  # fmt: skip
        assert waited.returncode == 0, waited.stdout + waited.stderr + (tmp_path / "daemon.log").read_text()[-3000:]
        built = dagster(["asset", "materialize", "-m", "definitions", "--select", "finetune/dataset"], env)
        assert built.returncode == 0, built.stderr[-3000:]
        wait_for_webserver(url.removesuffix("/graphql"))

        def ask(query: str, **variables) -> dict:
            return httpx.post(url, json={"query": query, "variables": variables}, timeout=60).json()["data"]

        for job, run_id in (("plan_catalog_job", catalog), ("ingest_job", ingest)):
            selector = {"pipelineName": job, "repositoryName": "__repository__", "repositoryLocationName": LOCATION}
            runs = ask(JOB_RUNS, selector=selector)["pipelineOrError"]["runs"]
            assert {(r["runId"], r["status"]) for r in runs} == {(run_id, "SUCCESS")}, (job, runs)

        rows = ask(PARTITION_ROWS, key={"path": ["warehouse", "conversations"]}, partitions=list(DAYS))
        shown = {
            m["partition"]: {e["label"]: e.get("intValue") for e in m["metadataEntries"]}
            for m in rows["assetOrError"]["assetMaterializations"]
        }
        raw = ask(PARTITION_ROWS, key={"path": ["raw", "conversations"]}, partitions=[DAYS[0]])
        (raw_day,) = raw["assetOrError"]["assetMaterializations"]
        raw_uri = next(e["path"] for e in raw_day["metadataEntries"] if e["label"] == "uri")
        markdown = ask(ALL_MARKDOWN)["assetNodes"]

    with duckdb.connect(str(home / "lifecycle.duckdb"), read_only=True) as con:
        held = dict(
            con.execute(
                "SELECT strftime(partition_date, '%Y-%m-%d'), count(*) FROM warehouse.conversations GROUP BY 1"
            ).fetchall()
        )
    assert {day: entries["dagster/row_count"] for day, entries in shown.items()} == held
    assert raw_uri.endswith(f"raw/conversations/date={DAYS[0]}")
    relative = [
        ("/".join(node["assetKey"]["path"]), entry["label"])
        for node in markdown
        for m in node["assetMaterializations"]
        for entry in m["metadataEntries"]
        if RELATIVE_IMAGE.search(entry.get("mdStr") or "")
    ]
    assert not relative, relative
    assert any("data:image/png;base64," in (e.get("mdStr") or "") for n in markdown for m in n["assetMaterializations"]
               for e in m["metadataEntries"] if e["label"] == "card")  # fmt: skip
