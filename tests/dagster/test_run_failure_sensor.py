"""The run-failure sensor on real failed runs: the reason on the run's tags, one JSON alert to a webhook on
loopback, never twice, and a webhook that is missing or down changes only what the tag says."""

import dataclasses
import json
import socket
import threading
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import dagster as dg
import pytest

from definitions import build_defs
from lifecycle_assets.finetune import DATASET_KEY
from resources.alerts import AlertsResource
from resources.profiles import local_profile, profile_from_env
from sensors.run_failure import MAX_ERROR, lifecycle_run_failure_sensor
from tests.dagster.conftest import materialize

SENSOR = lifecycle_run_failure_sensor.name


@pytest.fixture
def webhook() -> Iterator[SimpleNamespace]:
    """An HTTP receiver on 127.0.0.1: records each POSTed JSON body, answers the queued statuses, then 200."""
    received, statuses = [], []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(statuses.pop(0) if statuses else 200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield SimpleNamespace(url=f"http://127.0.0.1:{server.server_port}/alerts", received=received, statuses=statuses)
    server.shutdown()
    server.server_close()


@pytest.fixture
def instance() -> Iterator[dg.DagsterInstance]:
    with dg.instance_for_test() as instance:  # sensor contexts need a persistent instance
        yield instance


def refused_url() -> str:
    with socket.socket() as probe:  # a port nobody listens on once the probe closes
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}/alerts"


def with_alerts(profile, alerts: AlertsResource):
    return dataclasses.replace(profile, resources={**profile.resources, "alerts": alerts})


def tick(defs: dg.Definitions, instance: dg.DagsterInstance, cursor: str | None = None):
    """One evaluation, as the daemon does it: from `cursor`, with the definitions' alerts resource."""
    context = dg.build_sensor_context(instance=instance, cursor=cursor, resources={"alerts": defs.resources["alerts"]})
    result = defs.resolve_sensor_def(SENSOR).evaluate_tick(context)
    assert all(reaction.error is None for reaction in result.dagster_run_reactions or ())  # the sensor never raised
    return result


def failed_dataset_run(defs: dg.Definitions, instance: dg.DagsterInstance) -> str:
    """finetune/dataset on an empty home: fails with a missing-input message naming the command."""
    result = materialize(defs, [DATASET_KEY], instance, raise_on_error=False)
    assert not result.success
    return result.run_id


def test_a_failed_run_is_tagged_and_alerted_once(home, instance, webhook):
    defs = build_defs(local_profile(home, alert_webhook=webhook.url))
    started = tick(defs, instance)  # the first tick starts at the newest failure: old ones are not replayed
    run_id = failed_dataset_run(defs, instance)
    first = tick(defs, instance, started.cursor)

    (alert,) = webhook.received
    assert {key: alert[key] for key in ("event", "run_id", "job", "status", "reason", "assets")} == {
        "event": "run_failure",
        "run_id": run_id,
        "job": "__ASSET_JOB",
        "status": "FAILURE",
        "reason": "missing input",
        "assets": ["finetune/dataset"],
    }
    (step,) = alert["failed_steps"]
    assert step["step"] == "finetune__dataset"
    assert step["error"].startswith("finetune/dataset needs warehouse/conversations, which has not been materialized")
    assert "`dagster asset materialize -m definitions --select '*warehouse/conversations'" in step["error"]
    assert "Failure:" not in step["error"] and "\n" not in step["error"] and len(step["error"]) <= MAX_ERROR
    assert alert["url"] == f"http://127.0.0.1:3000/runs/{run_id}"
    assert datetime.fromisoformat(alert["at"]).tzinfo is not None
    tags = instance.get_run_by_id(run_id).tags
    assert tags["lifecycle/failure"] == "missing input"
    assert tags["lifecycle/failed_step"] == "finetune__dataset"
    assert tags["lifecycle/alerted"] == "yes"

    tick(defs, instance, first.cursor)  # the cursor moved past the failure
    tick(defs, instance, started.cursor)  # a daemon that died before saving its cursor sees it again
    assert len(webhook.received) == 1


def test_without_a_webhook_the_run_says_not_configured(home, instance, webhook):
    defs = build_defs(local_profile(home))
    started = tick(defs, instance)
    run_id = failed_dataset_run(defs, instance)
    tick(defs, instance, started.cursor)
    tags = instance.get_run_by_id(run_id).tags
    assert tags["lifecycle/alerted"] == "not configured" and tags["lifecycle/failure"] == "missing input"
    assert webhook.received == []


def test_a_webhook_that_is_down_is_recorded_as_not_delivered(home, instance):
    alerts = AlertsResource(webhook_url=refused_url(), backoff_seconds=0.01)
    defs = build_defs(with_alerts(local_profile(home), alerts))
    started = tick(defs, instance)
    run_id = failed_dataset_run(defs, instance)
    tick(defs, instance, started.cursor)
    assert instance.get_run_by_id(run_id).tags["lifecycle/alerted"] == "no"


def test_an_unexpected_exception_is_named_not_quoted(home, instance, webhook):
    """Any exception other than the project's failures may quote a record: only its class leaves the run."""

    @dg.op
    def read_member():
        raise KeyError("member M-0042 has no plan")

    @dg.job
    def member_job():
        read_member()

    defs = build_defs(local_profile(home, alert_webhook=webhook.url))
    started = tick(defs, instance)
    run_id = member_job.execute_in_process(instance=instance, raise_on_error=False).run_id
    tick(defs, instance, started.cursor)
    (alert,) = webhook.received
    assert alert["reason"] == "step failure"
    assert alert["failed_steps"][0]["error"].startswith("KeyError")
    assert "M-0042" not in json.dumps(alert) and "M-0042" not in str(instance.get_run_by_id(run_id).tags)


def test_delivery_retries_a_5xx_and_gives_up_on_a_4xx(webhook):
    alerts = AlertsResource(webhook_url=webhook.url, backoff_seconds=0)
    webhook.statuses.extend([503])
    assert alerts.send({"event": "run_failure"}).status == "yes"
    assert len(webhook.received) == 2
    webhook.statuses.extend([404])
    assert alerts.send({"event": "run_failure"}) == ("no", "not delivered: HTTP 404")
    assert len(webhook.received) == 3
    down = AlertsResource(webhook_url=refused_url(), backoff_seconds=0).send({"event": "run_failure"})
    assert down == ("no", "not delivered: ConnectError after 3 attempts")


def test_the_webhook_comes_from_lifecycle_alert_webhook_in_both_profiles(tmp_path):
    for name in ("local", "k8s"):
        environ = {"LIFECYCLE_PROFILE": name, "LIFECYCLE_HOME": str(tmp_path)}
        assert profile_from_env(environ).resources["alerts"].webhook_url is None
        hooked = profile_from_env({**environ, "LIFECYCLE_ALERT_WEBHOOK": "https://hooks.example/T1"})
        assert hooked.resources["alerts"].webhook_url == "https://hooks.example/T1"
