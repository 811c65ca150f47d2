"""A snapshot of the whole definitions in both profiles, so no change to the graph goes unreviewed.

Every asset with its deps, group, kinds, partitions, backfill policy, automation condition, pools and
run config defaults; every check with its blocking flag; jobs, schedules, sensors, resources, executor.
After a deliberate change, regenerate it and review the diff with the change:

    .venv/bin/python -m tests.dagster.snapshot
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import dagster as dg

SNAPSHOT = Path(__file__).with_name("definitions_snapshot.json")
REGENERATE = "python -m tests.dagster.snapshot"


def _partitions(partitions_def: dg.PartitionsDefinition | None) -> str | None:
    return None if partitions_def is None else repr(partitions_def)  # every field: start, cron, timezone, offset


def _condition(condition: dg.AutomationCondition | None) -> str | None:
    return None if condition is None else condition.get_label() or str(condition)


def _config_defaults(assets_def: dg.AssetsDefinition) -> Any:
    schema = assets_def.op.config_schema
    return (schema.default_value or None) if schema is not None and schema.default_provided else None


def _assets(defs: dg.Definitions) -> dict[str, Any]:
    graph = defs.resolve_asset_graph()
    assets = {}
    for key in sorted(graph.get_all_asset_keys(), key=lambda k: k.to_user_string()):
        node = graph.get(key)
        assets[key.to_user_string()] = {
            "deps": sorted(parent.to_user_string() for parent in node.parent_keys),
            "group": node.group_name,
            "kinds": sorted(node.kinds),
            "partitions": _partitions(node.partitions_def),
            "backfill_policy": str(node.backfill_policy) if node.backfill_policy else None,
            "automation_condition": _condition(node.automation_condition),
            "pools": sorted(node.pools or ()),
            "config": _config_defaults(node.assets_def),
        }
    return assets


def _checks(defs: dg.Definitions) -> dict[str, Any]:
    graph = defs.resolve_asset_graph()
    return {
        f"{key.asset_key.to_user_string()}:{key.name}": {"blocking": graph.get_check_spec(key).blocking}
        for key in sorted(graph.asset_check_keys, key=str)
    }


def _jobs(defs: dg.Definitions) -> dict[str, Any]:
    jobs = {}
    for job in sorted(defs.resolve_all_job_defs(), key=lambda j: j.name):
        if job.name.startswith("__"):  # dagster's implicit asset job
            continue
        selected = job.asset_layer.executable_asset_keys if job.asset_layer else set()
        jobs[job.name] = {
            "assets": sorted(k.to_user_string() for k in selected),
            "partitions": _partitions(job.partitions_def),
        }
    return jobs


def describe(defs: dg.Definitions) -> dict[str, Any]:
    repository = defs.get_repository_def()
    schedules = {
        s.name: {
            "job": s.job_name,
            "cron": s.cron_schedule,
            "timezone": s.execution_timezone,
            "default_status": s.default_status.value,
        }
        for s in repository.schedule_defs
    }
    sensors = {
        s.name: {
            "kind": type(s).__name__,  # the automation-condition sensor appears once an asset has a condition
            "jobs": sorted(j.name for j in s.jobs) if s.has_jobs else [],
            "asset_selection": str(s.asset_selection) if s.asset_selection is not None else None,
            "default_status": s.default_status.value,
            "minimum_interval_seconds": s.minimum_interval_seconds,
        }
        for s in repository.sensor_defs
    }
    return {
        "assets": _assets(defs),
        "checks": _checks(defs),
        "jobs": _jobs(defs),
        "schedules": dict(sorted(schedules.items())),
        "sensors": dict(sorted(sensors.items())),
        "resources": {key: type(value).__name__ for key, value in sorted((defs.resources or {}).items())},
        "executor": defs.executor.name if defs.executor else None,
    }


def current() -> dict[str, Any]:
    """Both profiles as definitions.py builds them (the local one under a throwaway home)."""
    from definitions import build_defs
    from resources.profiles import k8s_profile, local_profile

    with tempfile.TemporaryDirectory() as home:
        return {"local": describe(build_defs(local_profile(Path(home)))), "k8s": describe(build_defs(k8s_profile()))}


def render(snapshot: dict[str, Any]) -> str:
    return json.dumps(snapshot, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    SNAPSHOT.write_text(render(current()))
    print(f"wrote {SNAPSHOT}; review it with `git diff {SNAPSHOT.relative_to(Path.cwd())}`", file=sys.stderr)
