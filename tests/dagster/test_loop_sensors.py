"""The drift and canary sensors on a real instance: what they request, when they hold back, and that a second
tick (or a restarted daemon, which keeps the cursor) never requests the same thing twice."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import dagster as dg
import pytest

from definitions import build_defs
from lifecycle_assets.monitoring import DRIFT_REPORT_KEY
from lifecycle_assets.serving import ENDPOINT_KEY
from lifecycle_core.registry import ModelRegistry, connect, local_tracking_uri
from lifecycle_core.serving.gateway.request_log import RequestLog
from lifecycle_core.store import LocalObjectStore
from resources.closed_loop import ClosedLoopResource
from resources.profiles import local_profile, with_settings
from tests.dagster.conftest import materialize, run_ingest

MODEL = "member-chatbot"


def day(offset: int) -> str:
    return (datetime.now(UTC).date() + timedelta(days=offset)).isoformat()


def report(instance, partition: str, verdict: str, drifted=()) -> None:
    metadata = {"verdict": verdict, "drifted": dg.MetadataValue.json(list(drifted)), "production_version": "1"}
    instance.report_runless_asset_event(
        dg.AssetMaterialization(asset_key=DRIFT_REPORT_KEY, partition=partition, metadata=metadata)
    )


def tick(defs, name: str, instance, cursor=None, **resources):
    sensor = defs.get_sensor_def(name)
    context = dg.build_sensor_context(
        instance=instance,
        cursor=cursor,
        resources={**defs.resources, **resources},
        repository_def=defs.get_repository_def(),
    )
    return sensor(context)


@pytest.fixture
def defs(home):
    profile = local_profile(home, first_day=day(-30))
    return build_defs(profile)


def test_drift_requests_retrain_with_the_drifted_features_once_and_respects_cooldown_and_age(defs):
    instance = dg.DagsterInstance.ephemeral()
    report(instance, day(-2), "no_drift")
    assert tick(defs, "drift_sensor", instance).run_requests == []
    report(instance, day(-20), "drift", ["topic_mix"])  # a backfilled old day: reported, not acted on
    report(instance, day(-1), "drift", ["topic_mix", "message_length"])
    result = tick(defs, "drift_sensor", instance)
    (request,) = result.run_requests
    assert request.job_name in (None, "retrain_job")
    assert (
        request.tags["lifecycle/drift_day"] == day(-1)
        and request.tags["lifecycle/drifted"] == "topic_mix,message_length"
    )
    endpoint = request.run_config["ops"]["serving__endpoint"]["config"]
    assert endpoint == {"canary": "candidate", "canary_share": 0.1}
    # The cursor moved past both reports: the next tick (or a restarted daemon with it) requests nothing.
    assert tick(defs, "drift_sensor", instance, cursor=result.cursor).run_requests == []

    # A retrain started a minute ago: a new drifted day waits for the cooldown, and says so.
    instance.add_run(dg.DagsterRun(job_name="retrain_job", run_id="0" * 8 + "-0000-0000-0000-" + "0" * 12))
    report(instance, day(-1), "drift", ["plan_mix"])
    held = tick(defs, "drift_sensor", instance, cursor=result.cursor)
    assert held.run_requests == [] and "cooldown" in held.skip_reason.skip_message
    short = ClosedLoopResource(retrain_cooldown_minutes=0)
    again = tick(defs, "drift_sensor", instance, cursor=result.cursor, closed_loop=short)
    assert [r.tags["lifecycle/drifted"] for r in again.run_requests] == ["plan_mix"]


def log_traffic(store, canary_errors: bool, requests: int = 80) -> None:
    log = RequestLog(store.root / "spool", store)
    now = time.time()
    for i in range(requests):
        arm = "canary" if i % 2 else "production"
        failed = canary_errors and arm == "canary"
        log.write({"type": "chat", "ts": now + i * 0.01, "id": f"r{i}", "member": f"mk_{i}", "arm": "production" if failed else arm,
                   "fallback": failed, "model_version": "1" if (failed or arm == "production") else "2",
                   "status": 200, "latency_s": 0.2, "guardrails": []})  # fmt: skip
    log.close()


@pytest.mark.parametrize("canary_errors", [False, True])
def test_canary_sensor_promotes_or_rolls_back_once_per_deployment(home, defs, canary_errors):
    instance = dg.DagsterInstance.ephemeral()
    models = ModelRegistry(connect(local_tracking_uri(home)), MODEL)
    for adapter in ("a1", "a2"):
        models.register(adapter, f"file:///adapters/{adapter}", {}, run_id=None)
    models.promote("1")
    models.set_canary("2")
    assert tick(defs, "canary_sensor", instance).run_requests == []  # no endpoint yet
    instance.report_runless_asset_event(
        dg.AssetMaterialization(asset_key=ENDPOINT_KEY, metadata={"production_version": "1", "canary_version": "2"})
    )
    waiting = tick(defs, "canary_sensor", instance)
    assert waiting.run_requests == [] and "of 200 requests" in waiting.skip_reason.skip_message
    store = LocalObjectStore(home / "store")
    log_traffic(store, canary_errors)
    settings = with_settings(local_profile(home), "canary.min_requests=30 canary.min_sample=20").resources
    result = tick(defs, "canary_sensor", instance, canary_policy=settings["canary_policy"])
    (request,) = result.run_requests
    config = request.run_config["ops"]["apply_canary_decision"]["config"]
    expected = "rollback" if canary_errors else "promote"
    assert config["action"] == expected and config["version"] == "2"
    assert request.tags["lifecycle/canary_decision"] == expected and request.tags["lifecycle/canary_requests"] == "40"
    if canary_errors:
        assert "error_rate" in config["reason"] and request.tags["lifecycle/canary_error_rate"] == "1.0"
    again = tick(defs, "canary_sensor", instance, cursor=result.cursor, canary_policy=settings["canary_policy"])
    assert again.run_requests == [] and "decided already" in again.skip_reason.skip_message


def test_each_newly_loaded_warehouse_day_gets_its_drift_report_and_nothing_else(local_defs, warehouse_ready):
    selection = dg.AssetSelection.assets(DRIFT_REPORT_KEY)
    first = dg.evaluate_automation_conditions(defs=local_defs, instance=warehouse_ready, asset_selection=selection)
    assert first.total_requested == 0  # days loaded before are not reported all at once
    assert run_ingest(local_defs, "2026-03-05", "2026-03-05", warehouse_ready).success
    tick = dg.evaluate_automation_conditions(defs=local_defs, instance=warehouse_ready, asset_selection=selection,
                                             cursor=first.cursor)  # fmt: skip
    assert tick.get_requested_partitions(DRIFT_REPORT_KEY) == {"2026-03-05"}
    # Without a release there is nothing to compare with: the report says so instead of failing.
    result = materialize(local_defs, [DRIFT_REPORT_KEY], warehouse_ready, partition_key="2026-03-05")
    (event,) = result.get_asset_materialization_events()
    assert event.materialization.metadata["verdict"].value == "no_reference"
