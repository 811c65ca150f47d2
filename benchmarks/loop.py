"""The whole loop on the embedded defaults, from an empty LIFECYCLE_HOME to a served canary, timed by stage.

    python benchmarks/loop.py                 # writes benchmarks/results/loop.json

The same path as the end-to-end test (tests/e2e/test_closed_loop.py), through `dagster dev` and its
GraphQL API: the plan catalog and the first days ingested, v1 trained, gated and registered, promoted
and served (engine and gateway start), then the partner's drift knob starts: the drifted day lands,
the landing sensor ingests it, the automation sensor reports its drift, the drift sensor starts
retrain_job, and the candidate serves as canary. Each stage's wall time is recorded; the clock runs
from an empty home (no base model, no guardrail model, no engine) to the canary's first answer.
Sensors tick every 5 s here (LIFECYCLE_SETTINGS loop.sensor_interval_s) and the landing and automation
sensors every 30 s, so up to a minute of the drift stage is waiting for a tick.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.closed_loop import Members, dagster_dev, day, member_keys, settings
from tests.e2e.processes import BIN, free_port

TARGET_S = 300


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=4, help="days ingested before the first release")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "loop.json"))
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="loop-"))
    home = root / "home"
    first, last, drift_day = day(-args.days - 2), day(-3), day(-2)
    serving = {"engine_port": free_port(), "gateway_port": free_port()}
    env = {
        "LIFECYCLE_FIRST_DAY": day(-args.days - 4),
        "LIFECYCLE_SETTINGS": settings(
            feed={"drift_start": drift_day},
            loop={"sensor_interval_s": 5, "retrain_cooldown_minutes": 0},
            serving=serving,
        ),
    }
    stages: dict[str, float] = {}
    started = time.monotonic()
    try:
        with dagster_dev(home, root / "dagster.log", **env) as dagster:
            stages["dagster dev ready"] = round(time.monotonic() - started, 1)
            with dagster.stage("ingest plan catalog and first days"):
                runs = [dagster.launch("plan_catalog_job"),
                        dagster.launch("ingest_job", tags={"dagster/asset_partition_range_start": first,
                                                           "dagster/asset_partition_range_end": last})]  # fmt: skip
                for run in runs:
                    dagster.wait(run)
            with dagster.stage("retrain_job v1: dataset, base model, adapter, evaluation, registry"):
                dagster.wait(dagster.launch("retrain_job"))
            with dagster.stage("promote_job v1"):
                dagster.wait(dagster.launch("promote_job"))
            with dagster.stage("deploy_job v1: member store, rag index, guardrail model, engine, gateway"):
                dagster.wait(dagster.launch("deploy_job"))
            for name in ("landing_sensor", "automation_sensor", "drift_sensor"):
                dagster.start_sensor(name)
            with dagster.stage("drifted day lands, ingested by the landing sensor, drift reported"):
                dagster.wait(dagster.launch("partner_feed_job", tags={"dagster/partition": drift_day}))
                retrain = dagster.wait_for_run("retrain_job", lambda r: r["tags"].get("lifecycle/trigger") == "drift")
            with dagster.stage("retrain_job v2 from drift, served as canary"):
                dagster.wait(retrain["runId"])
            gateway = f"http://127.0.0.1:{serving['gateway_port']}"
            members = Members(gateway, member_keys(home, 8))
            with dagster.stage("first canary answer"):
                while not any(members.ask(m)["arm"] == "canary" for m in sorted(members.keys)):
                    pass
            total = round(time.monotonic() - started, 1)
            stages.update(dagster.timings)
    finally:
        env_stop = {**os.environ, "LIFECYCLE_HOME": str(home)}
        subprocess.run([str(BIN / "lifecycle"), "endpoint", "stop"], env=env_stop, capture_output=True, check=False)
    result = {
        "benchmark": "closed loop, empty home to a served canary (embedded defaults)",
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "days_before_first_release": args.days,
        "stages_s": stages,
        "total_s": total,
        "target_s": TARGET_S,
        "meets_target": total <= TARGET_S,
    }
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
