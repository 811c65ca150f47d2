"""The canary verdict and the serving log, on the log a real gateway wrote: a healthy canary is promoted, one
that fails over is rolled back, a quiet one waits, and the day loads into the monitoring tables once."""

from __future__ import annotations

import time

import duckdb
import httpx
import pytest

from lifecycle_core.monitoring import serving_log
from lifecycle_core.monitoring.canary import PROMOTE, ROLLBACK, WAIT, ArmStats, CanaryConfig, arm_stats, decide
from lifecycle_core.serving.gateway.app import create_app
from lifecycle_core.serving.gateway.config import GatewayConfig
from lifecycle_core.serving.gateway.keys import KeyStore
from lifecycle_core.serving.gateway.request_log import RequestLog, read_day
from lifecycle_core.store import LocalObjectStore
from tests.openai_upstream import Served, upstream_app

POLICY = CanaryConfig(min_requests=40, min_sample=20, max_minutes=30)


@pytest.fixture(scope="module")
def upstream():
    with Served(upstream_app(fail={"broken-canary"})) as served:
        yield served


def traffic(tmp_path, upstream, canary_model: str, members: int = 100, down_on: str = "") -> LocalObjectStore:
    """`members` members ask twice each through a gateway with a canary at half the traffic; feedback
    'down' on the answers of the arm `down_on`, 'up' on the others. The log is shipped on stop."""
    store = LocalObjectStore(tmp_path / "store")
    config = GatewayConfig(engine_url=upstream.url, production_model="adapter-p", production_version="3",
                           canary_model=canary_model, canary_version="4", canary_share=0.5,
                           keys_db=str(tmp_path / "keys.db"), rate_limit_per_minute=0)  # fmt: skip
    keys = KeyStore(config.keys_db)
    with Served(create_app(config, keys=keys, log=RequestLog(tmp_path / "spool", store))) as served:
        for i in range(members):
            headers = {"authorization": f"Bearer {keys.create(f'mk_{i:04d}').key}"}
            for question in ("What is my deductible?", "Is urgent care covered?"):
                answer = httpx.post(f"{served.url}/v1/chat/completions", headers=headers,
                                    json={"model": "member-chatbot", "messages": [{"role": "user", "content": question}]})  # fmt: skip
                assert answer.status_code == 200
            rating = "down" if answer.headers["x-lifecycle-arm"] == down_on else "up"
            feedback = httpx.post(f"{served.url}/v1/feedback", headers=headers,
                                  json={"response_id": answer.json()["id"], "rating": rating})  # fmt: skip
            assert feedback.status_code == 200
    return store


def today() -> str:
    return time.strftime("%Y-%m-%d", time.gmtime())


def test_a_healthy_canary_is_promoted_and_the_day_loads_once(tmp_path, upstream):
    started = time.time() - 1
    store = traffic(tmp_path, upstream, "adapter-c")
    stats = arm_stats(read_day(store, today()), started, {"production": "3", "canary": "4"})
    assert stats["canary"].requests + stats["production"].requests == 200
    assert stats["canary"].errors == 0 and stats["canary"].feedback > 10
    decision = decide(stats, minutes=2, config=POLICY)
    assert decision.action == PROMOTE, decision.reason
    assert {m["measure"] for m in decision.measures} >= {"error_rate", "guardrail_rate", "latency"}
    tags = decision.tags()
    assert tags["lifecycle/canary_decision"] == "promote" and int(tags["lifecycle/canary_requests"]) > 40

    con = duckdb.connect()
    first = serving_log.load_day(con, store, today()).rows()
    again = serving_log.load_day(con, store, today()).rows()  # a re-run replaces the day
    assert first == again and first["requests"] == 200 and first["feedback"] == 100
    assert con.execute("SELECT count(*) FROM monitoring.requests").fetchone()[0] == 200
    summary = serving_log.day_summary(con, today())
    assert set(summary["by_arm"]) == {"canary", "production"}
    assert sum(arm["requests"] for arm in summary["by_arm"].values()) == 200
    stored = con.execute("SELECT prompt, member FROM monitoring.requests LIMIT 1").fetchone()
    assert stored[0] in ("What is my deductible?", "Is urgent care covered?") and stored[1].startswith("mk_")


def test_a_canary_that_fails_over_is_rolled_back_on_its_error_rate(tmp_path, upstream):
    started = time.time() - 1
    store = traffic(tmp_path, upstream, "broken-canary", members=60)
    lines = read_day(store, today())
    stats = arm_stats(lines, started, {"production": "3", "canary": "4"})
    # Every canary request failed over to production: members got answers, the canary gets the errors.
    assert stats["canary"].requests > 20 and stats["canary"].errors == stats["canary"].requests
    decision = decide(stats, minutes=2, config=POLICY)
    assert decision.action == ROLLBACK and "error_rate" in decision.reason
    con = duckdb.connect()
    serving_log.load_day(con, store, today())
    routed = dict(
        con.execute(
            "SELECT routed_arm, count(*) FILTER (WHERE fallback) FROM monitoring.requests GROUP BY 1"
        ).fetchall()
    )
    assert routed["canary"] == stats["canary"].requests and routed["production"] == 0


def test_negative_feedback_on_the_canary_rolls_it_back(tmp_path, upstream):
    started = time.time() - 1
    store = traffic(tmp_path, upstream, "adapter-c", members=80, down_on="canary")
    stats = arm_stats(read_day(store, today()), started, {"production": "3", "canary": "4"})
    decision = decide(stats, minutes=2, config=CanaryConfig(min_requests=40, min_sample=20, min_feedback=10))
    assert decision.action == ROLLBACK and "negative_feedback_rate" in decision.reason


def test_waiting_insufficient_traffic_and_other_versions():
    few = {
        "canary": ArmStats(requests=5, latencies=[0.1] * 5),
        "production": ArmStats(requests=50, latencies=[0.1] * 50),
    }
    assert decide(few, minutes=1, config=POLICY).action == WAIT
    late = decide(few, minutes=31, config=POLICY)
    assert late.action == ROLLBACK and "fewer than the 20 needed" in late.reason
    lines = [{"type": "chat", "ts": 10.0, "arm": "canary", "model_version": "2", "status": 200, "latency_s": 0.1},
             {"type": "chat", "ts": 10.0, "arm": "canary", "model_version": "4", "status": 200, "latency_s": 0.1},
             {"type": "chat", "ts": 1.0, "arm": "canary", "model_version": "4", "status": 200, "latency_s": 0.1},
             {"type": "chat", "ts": 10.0, "arm": "guardrail", "status": 200}]  # fmt: skip
    stats = arm_stats(lines, since_ts=5.0, versions={"production": "3", "canary": "4"})
    assert stats["canary"].requests == 1 and stats["production"].requests == 0  # old deployment, before, input-blocked
    with pytest.raises(ValueError):
        CanaryConfig(min_sample=50, min_requests=10)
