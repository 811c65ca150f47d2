"""The code location loads, and nothing in the graph changes without a reviewed snapshot."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

import dagster as dg

from definitions import build_defs
from tests.dagster.conftest import small_local_profile
from tests.dagster.snapshot import REGENERATE, SNAPSHOT, current, render

ROOT = Path(__file__).resolve().parents[2]

EXPECTED_ASSETS = {
    "raw/members",
    "raw/claims",
    "raw/conversations",
    "raw/providers",
    "raw/plan_documents",
    "warehouse/members",
    "warehouse/member_pii",
    "warehouse/claims",
    "warehouse/conversations",
    "warehouse/providers",
    "warehouse/plan_benefits",
    "finetune/dataset",
    "model/lora_adapter",
    "monitoring/serving_log",
    "monitoring/drift_report",
}


def test_definitions_snapshot(tmp_path):
    defs = build_defs(small_local_profile(tmp_path))
    graph = defs.resolve_asset_graph()
    keys = {key.to_user_string() for key in graph.get_all_asset_keys()}
    assert EXPECTED_ASSETS <= keys
    assert {job.name for job in defs.resolve_all_job_defs()} >= {"ingest_job", "plan_catalog_job", "partner_feed_job"}
    assert {s.name for s in defs.schedules} == {
        "ingest_job_schedule",
        "plan_catalog_job_schedule",
        "partner_feed_job_schedule",
    }
    assert {s.name for s in defs.sensors} == {
        "landing_sensor",
        "automation_sensor",
        "drift_sensor",
        "canary_sensor",
        "lifecycle_run_failure_sensor",
    }
    daily = [k for k in graph.get_all_asset_keys() if graph.get(k).partitions_def is not None]
    assert {k.to_user_string() for k in daily} == EXPECTED_ASSETS - {
        "raw/plan_documents",
        "warehouse/plan_benefits",
        "finetune/dataset",
        "model/lora_adapter",
    }
    for key in daily:  # `--partition-range` on the CLI needs single-run backfills everywhere
        assert graph.get(key).backfill_policy == dg.BackfillPolicy.single_run()


def test_the_whole_graph_matches_the_reviewed_snapshot():
    expected, actual = SNAPSHOT.read_text(), render(current())
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "snapshot", "now", n=2))
    assert actual == expected, (
        f"the definitions differ from {SNAPSHOT.name}; if the change is intended, run `{REGENERATE}` "
        f"and commit the file with it:\n{diff}"
    )


def test_only_the_scrubbers_read_direct_identifiers(tmp_path):
    """The dataset reads them to know what to remove; the serving store to keep digests of each member's own
    identifiers (so the output guardrail can tell them from others') and names without a link to anyone."""
    defs = build_defs(small_local_profile(tmp_path))
    graph = defs.resolve_asset_graph()
    pii = dg.AssetKey(["warehouse", "member_pii"])
    dataset, serving_store = dg.AssetKey(["finetune", "dataset"]), dg.AssetKey(["serving", "member_store"])
    assert graph.get(pii).child_keys == {dataset, serving_store}
    for check in (dg.AssetCheckKey(dataset, "no_pii_in_dataset"),
                  dg.AssetCheckKey(serving_store, "holds_only_what_the_gateway_needs")):  # fmt: skip
        assert graph.get_check_spec(check).blocking


def _validate(profile: str, tmp_path) -> subprocess.CompletedProcess:
    env = {**os.environ, "LIFECYCLE_PROFILE": profile, "LIFECYCLE_HOME": str(tmp_path), "DAGSTER_HOME": str(tmp_path)}
    (tmp_path / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    dagster = Path(sys.executable).parent / "dagster"
    return subprocess.run(
        [str(dagster), "definitions", "validate", "-w", "workspace.yaml"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,  # the tests read the exit code themselves
    )


def test_dagster_definitions_validate_both_profiles(tmp_path):
    for profile in ("local", "k8s"):
        result = _validate(profile, tmp_path)
        assert result.returncode == 0, result.stdout + result.stderr


def test_unknown_profile_is_a_clear_error(tmp_path):
    result = _validate("laptop", tmp_path)
    assert result.returncode != 0
    assert "LIFECYCLE_PROFILE must be 'local' or 'k8s'" in result.stdout + result.stderr


def test_everything_in_the_ui_is_described(tmp_path):
    """A new user reads these in the UI; an empty description there says nothing about what runs."""
    defs = build_defs(small_local_profile(tmp_path))
    graph, repository = defs.resolve_asset_graph(), defs.get_repository_def()
    missing = [f"asset {k.to_user_string()}" for k in graph.get_all_asset_keys() if not graph.get(k).description]
    missing += [f"check {k}" for k in graph.asset_check_keys if not graph.get_check_spec(k).description]
    missing += [f"job {j.name}" for j in repository.get_all_jobs() if not j.name.startswith("__") and not j.description]
    missing += [f"schedule {s.name}" for s in repository.schedule_defs if not s.description]
    missing += [f"sensor {s.name}" for s in repository.sensor_defs if not s.description]
    assert not missing, missing
