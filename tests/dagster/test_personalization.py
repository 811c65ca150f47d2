"""serving/member_store from the real warehouse: what it holds, one context format for training and
serving, and a member's pseudonym reaching only that member's plan and claims."""

from __future__ import annotations

import sqlite3
from datetime import date

import dagster as dg
import orjson
import pytest

from lifecycle_assets.personalization import MEMBER_STORE_KEY
from lifecycle_core.finetune import dataset_prefix, load_roster
from lifecycle_core.pii import PiiScrubber
from lifecycle_core.serving.context import HEADER
from lifecycle_core.serving.member_store import MemberStore
from lifecycle_core.serving.personalize import Personalizer
from lifecycle_core.store import LocalObjectStore
from lifecycle_core.warehouse.connection import connect
from tests.dagster.conftest import materialize, run_ingest

DATASET = dg.AssetKey(["finetune", "dataset"])
ASK = [{"role": "user", "content": "What do I owe on my last claim?"}]


@pytest.fixture
def served(local_defs, home, warehouse_ready):
    result = materialize(local_defs, [MEMBER_STORE_KEY], warehouse_ready)
    assert result.success
    (check,) = result.get_asset_check_evaluations()
    assert check.passed
    store = LocalObjectStore(home / "store")
    return Personalizer.from_object_store(store, home / "cache"), result


def warehouse_rows(home, sql: str, params=()) -> list[dict]:
    with connect(str(home / "lifecycle.duckdb"), read_only=True) as con:
        cursor = con.execute(sql, list(params))
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def test_the_store_holds_no_ssn_birth_date_or_contact_data(served, home):
    personalizer, result = served
    meta = result.get_asset_materialization_events()[0].materialization.metadata
    assert meta["members"].value > 0 and meta["claims"].value > 0 and meta["plans"].value == 5
    pii = warehouse_rows(home, "SELECT member_id, ssn, date_of_birth, phone, email, street FROM warehouse.member_pii")
    secrets = {str(v) for row in pii for v in row.values() if v}
    db = sqlite3.connect(personalizer.store.path)
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    cells = {str(v) for t in tables for row in db.execute(f"SELECT * FROM {t}") for v in row if v is not None}
    leaked = {s for s in secrets if any(s in cell for cell in cells)}
    assert not leaked, f"the serving store holds direct identifiers: {sorted(leaked)[:5]}"


def test_a_member_reaches_only_their_own_plan_and_claims(served, home):
    personalizer, _ = served
    claims = warehouse_rows(home, "SELECT DISTINCT member_key, claim_id FROM warehouse.claims")
    owner = {row["claim_id"]: row["member_key"] for row in claims}
    members = sorted({row["member_key"] for row in claims})
    for member in members:
        block = personalizer.context(member, ASK)
        shown = {claim for claim in owner if claim in block}
        assert shown and all(owner[claim] == member for claim in shown)
    ids = {
        r["member_key"]: r["member_id"]
        for r in warehouse_rows(home, "SELECT member_key, member_id FROM warehouse.member_pii")
    }
    a, b = members[:2]
    assert personalizer.is_own(a)("MEMBER_ID", ids[a]) and not personalizer.is_own(a)("MEMBER_ID", ids[b])
    b_claim = next(c for c, m in owner.items() if m == b)
    assert not personalizer.is_own(a)("CLAIM_NUMBER", b_claim)
    assert personalizer.context("no-such-pseudonym", ASK) is None  # a probe key or an unknown member: no context


def test_training_examples_carry_the_block_serving_injects(served, local_defs, home, warehouse_ready):
    """The training block of a conversation = the block the gateway would have sent its member that day,
    once both are scrubbed the same way (training's claim numbers are placeholders)."""
    personalizer, _ = served
    built = materialize(local_defs, [DATASET], warehouse_ready)
    version = built.get_asset_materialization_events()[0].materialization.metadata["version"].value
    lines = LocalObjectStore(home / "store").get_bytes(f"{dataset_prefix(version)}/train.jsonl").splitlines()
    examples = [orjson.loads(line) for line in lines]
    with_claims = [
        e for e in examples if e["source"] == "conversation" and "Recent claims" in e["messages"][0]["content"]
    ]
    assert len(with_claims) >= 3
    with connect(str(home / "lifecycle.duckdb"), read_only=True) as con:
        scrubber = PiiScrubber(load_roster(con, ["2026-03-04"]))
    for example in with_claims[:5]:
        (conv,) = warehouse_rows(
            home, "SELECT member_key, started_at, messages FROM warehouse.conversations WHERE conversation_id = ?",
            [example["conversation_id"]],
        )  # fmt: skip
        day = conv["started_at"].date()
        as_then = Personalizer(personalizer.store, today=lambda day=day: day)
        served_block = as_then.context(conv["member_key"], ASK)
        texts = [m["text"] for m in conv["messages"]]
        scrubbed_block = scrubber.scrub_messages(texts + [served_block]).messages[-1]
        system = example["messages"][0]["content"]
        assert system.endswith("\n\n" + scrubbed_block)
        assert system.count(HEADER) == 1


def test_a_new_warehouse_day_republishes_the_store_and_the_gateway_swaps_it(served, local_defs, home, warehouse_ready):
    personalizer, _ = served
    before = personalizer.version
    selection = dg.AssetSelection.assets(MEMBER_STORE_KEY)
    tick = dg.evaluate_automation_conditions(defs=local_defs, instance=warehouse_ready, asset_selection=selection)
    assert tick.total_requested == 0  # up to date
    assert run_ingest(local_defs, "2026-03-05", "2026-03-05", warehouse_ready).success
    tick = dg.evaluate_automation_conditions(defs=local_defs, instance=warehouse_ready, asset_selection=selection,
                                             cursor=tick.cursor)  # fmt: skip
    assert tick.total_requested == 1  # the daemon's automation would rebuild it now
    assert materialize(local_defs, [MEMBER_STORE_KEY], warehouse_ready).success
    assert personalizer.refresh() and personalizer.version != before
    assert isinstance(personalizer.store, MemberStore)
    assert not personalizer.refresh()  # nothing new: no swap


def test_no_warehouse_yet_names_the_command(local_defs):
    result = materialize(local_defs, [MEMBER_STORE_KEY], dg.DagsterInstance.ephemeral(), raise_on_error=False)
    assert not result.success
    (failure,) = [e for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
    message = failure.event_specific_data.error.message
    assert "warehouse/" in message and "dagster job execute" in message


def test_accumulators_count_paid_claims_of_the_plan_year_only():
    from lifecycle_core.serving.member_facts import member_context

    plan = {"plan_id": "P", "plan_name": "Gold", "plan_type": "PPO", "metal_tier": "Gold", "plan_year": 2026,
            "deductible_individual": 500, "deductible_family": 1000, "oop_max_individual": 3000,
            "oop_max_family": 6000, "coinsurance": 0.2, "copays": {"primary_care": 25}, "prior_auth_required": []}  # fmt: skip

    def claim(cid, service, received, status, owes):
        return {"claim_id": cid, "service_date": service, "received_date": received, "cpt_code": "99213",
                "status": status, "denial_reason": "out of network" if status == "denied" else None,
                "billed_amount": 200, "member_responsibility": owes}  # fmt: skip

    claims = [
        claim("C1", "2026-02-01", "2026-02-03", "paid", 300),
        claim("C2", "2026-03-01", "2026-03-02", "paid", 400),
        claim("C3", "2026-03-05", "2026-03-06", "denied", 150),  # denied: counts toward nothing
        claim("C4", "2025-12-20", "2026-01-02", "paid", 90),  # last plan year
        claim("C5", "2026-03-09", "2026-03-20", "paid", 50),  # not received yet on the day asked
    ]
    ctx = member_context(plan, claims, date(2026, 3, 10))
    assert (ctx.accumulators.deductible_met, ctx.accumulators.oop_met) == (500, 700)
    assert [c.claim_id for c in ctx.claims] == ["C3", "C2", "C1", "C4"]
