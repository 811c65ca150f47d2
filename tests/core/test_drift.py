"""The drift report: its statistics against scipy, and the synthetic feed's drift knob on real warehouse days."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import orjson
import pyarrow as pa
import pytest
import scipy.stats

from lifecycle_core.feed import FeedConfig
from lifecycle_core.feed.partner import write_synthetic_drop
from lifecycle_core.monitoring.drift import (
    DriftConfig,
    NumericReference,
    build_reference,
    drift_report,
    load_reference,
    save_reference,
)
from lifecycle_core.monitoring.drift.features import CategoricalReference
from lifecycle_core.monitoring.drift.sources import read_rows
from lifecycle_core.monitoring.drift.stats import chi_square, ks_p_value, mmd_test, psi, rate_increase
from lifecycle_core.pii.pseudonym import Pseudonymizer
from lifecycle_core.raw.ingest import ingest_partition
from lifecycle_core.raw.parts import local_part_files
from lifecycle_core.store import LocalObjectStore
from lifecycle_core.warehouse import connect, load_partition

START = date(2026, 3, 1)
REFERENCE_DAYS = [(START + timedelta(i)).isoformat() for i in range(7)]
DRIFT_DAY = (START + timedelta(7)).isoformat()
NORMAL_WEEK = [(START + timedelta(i)).isoformat() for i in range(8, 15)]
# Small embedding samples keep the module fast; the defaults (1,000 texts of 64 words) only sharpen the test.
CONFIG = DriftConfig(embedding_sample=64, embedding_words=32)


# --- statistics -------------------------------------------------------------------------------------


def test_psi_has_the_textbook_value_and_stays_finite_for_new_categories():
    # (0.3 - 0.5) ln(0.3/0.5) + 0 + (0.4 - 0.2) ln(0.4/0.2)
    assert psi([50, 30, 20], [30, 30, 40], pseudo_count=0) == pytest.approx(0.2 * np.log(5 / 3) + 0.2 * np.log(2))
    assert psi([10, 20, 30], [10, 20, 30]) == pytest.approx(0.0)
    new = psi([500, 500, 0], [375, 375, 250])  # a new category of a quarter of the day: large, finite
    stray = psi([500, 500, 0], [499, 500, 1])  # one stray row: nothing
    assert new > 1.0 and np.isfinite(new) and stray < 0.01


@pytest.mark.parametrize("kind", ["continuous", "integers", "rounded", "heavy_tail"])
def test_ks_matches_scipy(kind):
    rng = np.random.default_rng(3)
    make = {
        "continuous": lambda n, shift: rng.normal(shift, 1, n),
        "integers": lambda n, shift: rng.integers(0, 15 + int(10 * shift), n).astype(float),
        "rounded": lambda n, shift: np.round(rng.normal(shift, 1, n), 1),
        "heavy_tail": lambda n, shift: rng.lognormal(shift, 2.0, n),
    }[kind]
    for n, m, shift in [(800, 300, 0.0), (1500, 120, 0.3), (60, 2000, 0.1)]:
        reference, current = make(n, 0.0), make(m, shift)
        fitted = NumericReference.fit(reference, grid_size=4096)
        compared = fitted.compare(current)
        expected = scipy.stats.ks_2samp(reference, current, method="asymp")
        assert fitted.exact
        assert compared.statistic == pytest.approx(expected.statistic, abs=1e-12)
        assert compared.p_value == pytest.approx(expected.pvalue, rel=1e-9, abs=1e-15)


def test_ks_on_a_quantile_grid_is_within_one_grid_step():
    rng = np.random.default_rng(4)
    reference, current = rng.normal(0, 1, 200_000), rng.normal(0.05, 1.1, 50_000)
    fitted = NumericReference.fit(reference, grid_size=1024)
    assert not fitted.exact and len(fitted.grid) <= 1024
    expected = scipy.stats.ks_2samp(reference, current).statistic
    assert expected - 2 / 1024 <= fitted.compare(current).statistic <= expected + 1e-12


def test_values_on_below_and_above_the_grid_are_counted_exactly():
    fitted = NumericReference.fit(np.array([1.0, 2.0, 2.0, 3.0, 5.0]))
    current = np.array([-np.inf, 0.0, 1.0, 2.0, 2.5, 5.0, 9.0, np.inf, np.nan])  # nan is left out
    compared = fitted.compare(current)
    finite = current[np.isfinite(current)]
    assert compared.n_current == len(finite)
    expected = scipy.stats.ks_2samp([1.0, 2.0, 2.0, 3.0, 5.0], finite, method="asymp")
    assert compared.statistic == pytest.approx(expected.statistic)
    assert sum(compared.current_shares) == pytest.approx(1.0)


def test_chi_square_matches_scipy_and_drops_categories_neither_side_has():
    reference, current = np.array([120, 80, 40, 0]), np.array([30, 35, 10, 0])
    found = chi_square(reference, current)
    expected = scipy.stats.chi2_contingency(np.array([reference[:3], current[:3]]), correction=False)
    assert (found.statistic, found.p_value, found.dof) == pytest.approx(
        (expected.statistic, expected.pvalue, expected.dof)
    )
    counts = CategoricalReference.fit({"a": 120, "b": 80, "c": 40}).compare({"a": 30, "b": 35, "c": 10})
    assert counts.statistic == pytest.approx(expected.statistic) and counts.test == "chi_square"


def test_ks_p_value_and_rate_test_edge_cases():
    assert ks_p_value(0.5, 0, 10) == 1.0
    assert rate_increase(2, 100, 50, 1000).p_value > 0.5  # the day's rate fell: no increase
    assert rate_increase(30, 100, 50, 1000).p_value < 1e-6


def test_mmd_permutation_p_value_separates_shifted_from_same_distribution():
    rng = np.random.default_rng(5)
    x, y = rng.normal(0, 1, (150, 16)), rng.normal(0, 1, (120, 16))
    shifted = rng.normal(0.4, 1, (120, 16))
    same, moved = mmd_test(x, y, permutations=500, seed=1), mmd_test(x, shifted, permutations=500, seed=1)
    assert same.p_value > 0.05 and abs(same.statistic) < 0.01
    assert moved.p_value <= 2 / 501 and moved.statistic > 0.02
    assert mmd_test(x, shifted, permutations=500, seed=1) == moved  # seeded: deterministic


# --- the report on real warehouse days --------------------------------------------------------------


def _load_days(store, con, config: FeedConfig, days: list[str], pseudonymizer) -> None:
    for day in days:
        for source in ("members", "claims", "conversations"):
            write_synthetic_drop(store, config, source, date.fromisoformat(day))
            manifest = ingest_partition(store, source, day)
            with local_part_files(store, manifest) as files:
                load_partition(con, source, day, files, pseudonymizer)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    """15 days through the real ingest: a reference week, the first day of the drift knob, a normal week."""
    root = tmp_path_factory.mktemp("drift")
    store = LocalObjectStore(root / "store")
    pseudonymizer = Pseudonymizer(b"drift-test-key-0123456789abcdef")
    normal, drifted = FeedConfig(), FeedConfig(drift_start=date.fromisoformat(DRIFT_DAY))
    with connect(str(root / "wh.duckdb")) as con:
        _load_days(store, con, normal, REFERENCE_DAYS, pseudonymizer)
        _load_days(store, con, drifted, [DRIFT_DAY], pseudonymizer)
        _load_days(store, con, normal, NORMAL_WEEK, pseudonymizer)
        yield con


@pytest.fixture(scope="module")
def tokenizer():
    from transformers import AutoTokenizer

    from lifecycle_core.models.tiny import embedded_model

    return AutoTokenizer.from_pretrained(embedded_model())


@pytest.fixture(scope="module")
def dataset_texts(warehouse):
    """Stands in for the dataset's training user turns: scrubbed member turns of the reference days."""
    rows = read_rows(warehouse, REFERENCE_DAYS)
    return [t for day in REFERENCE_DAYS for t in rows.member_texts[day]][::3]


@pytest.fixture(scope="module")
def built(warehouse, dataset_texts, tokenizer):
    return build_reference(warehouse, REFERENCE_DAYS, dataset_texts, CONFIG, tokenizer=tokenizer)


@pytest.fixture(scope="module")
def reference(built, tmp_path_factory):
    """The reference as the daily report gets it: saved by one run, loaded by another."""
    store = LocalObjectStore(tmp_path_factory.mktemp("store"))
    save_reference(store, "v-test", built)
    return load_reference(store, "v-test")


def test_reference_round_trips_through_the_object_store(built, reference, tmp_path):
    store = LocalObjectStore(tmp_path)
    assert load_reference(store, "v-test") is None
    prefix = save_reference(store, "v-test", built)
    assert prefix == "monitoring/drift_reference/v-test/"
    assert sorted(store.list(prefix)) == [prefix + "embeddings.npz", prefix + "reference.json"]
    assert {n: f.to_dict() for n, f in reference.features.items()} == {
        n: f.to_dict() for n, f in built.features.items()
    }
    assert reference.vocabulary == built.vocabulary and reference.unknown_baseline == built.unknown_baseline
    assert reference.oov == built.oov and reference.tokenizer == built.tokenizer and reference.days == REFERENCE_DAYS
    for name, array in built.embeddings.items():
        assert reference.embeddings[name].shape == (CONFIG.embedding_sample, 384)
        np.testing.assert_array_equal(reference.embeddings[name], array)
    assert "features" in store.get_json(prefix + "reference.json")


def test_the_first_day_of_the_drift_knob_is_detected(reference, warehouse, tokenizer):
    report = drift_report(reference, warehouse, DRIFT_DAY, CONFIG, tokenizer=tokenizer)
    assert report.verdict == "drift"
    assert {"topic_mix", "plan_mix", "message_length", "conversation_length"} <= set(report.causes)
    assert set(report.causes) <= set(report.drifted)
    features = {r["feature"] for r in report.rows}
    assert {"unknown_word_rate", "tokenizer_oov_rate", "conversation_embedding"} <= features
    assert not features & {"guardrail_trigger_rate", "prompt_embedding"}  # no monitoring tables: no serving rows
    row = next(r for r in report.rows if r["feature"] == "plan_mix")
    assert row["statistic"] == "psi" and row["test"] == "chi_square" and row["value"] >= row["threshold"]
    assert row["n_reference"] > 1000 and row["n_current"] > 100
    markdown = report.to_markdown()
    assert f"**{DRIFT_DAY}: drift**" in markdown and "| plan_mix | tabular | psi |" in markdown
    assert orjson.loads(orjson.dumps(report.to_json()))["causes"] == report.causes
    assert {"overview", "topic_mix", "plan_mix", "message_length"} <= set(report.plots)
    assert all(png.startswith(b"\x89PNG") for png in report.plots.values())


def test_a_normal_week_is_not_drift(reference, warehouse, tokenizer):
    reports = [drift_report(reference, warehouse, day, CONFIG, tokenizer=tokenizer) for day in NORMAL_WEEK]
    assert [r.verdict for r in reports] == ["no_drift"] * 7, [(r.day, r.causes) for r in reports]
    assert all(r.drifted == [] for r in reports)


def test_a_day_without_data_is_insufficient(reference, warehouse):
    report = drift_report(reference, warehouse, "2026-05-01", CONFIG)
    assert report.verdict == "insufficient_data" and report.drifted == []
    assert all(r["value"] is None and r["n_current"] == 0 for r in report.rows)


REQUESTS = (
    "partition_date DATE, ts TIMESTAMPTZ, id VARCHAR, member VARCHAR, key_id VARCHAR, arm VARCHAR,"
    " model_version VARCHAR, status INTEGER, error VARCHAR, fallback BOOLEAN, latency_s DOUBLE, ttft_s DOUBLE,"
    " prompt_tokens INTEGER, completion_tokens INTEGER, finish_reason VARCHAR, stream BOOLEAN,"
    " guardrail_triggers INTEGER, prompt VARCHAR, answer VARCHAR"
)
FEEDBACK = "partition_date DATE, ts TIMESTAMPTZ, response_id VARCHAR, member VARCHAR, arm VARCHAR, rating VARCHAR,"
FEEDBACK += " comment VARCHAR"


def test_serving_measures_compare_the_day_with_the_week_before(reference, warehouse, tmp_path):
    """A day whose errors and guardrail triggers jump is reported (not voted); its prompts are compared
    with the dataset's user turns."""
    day = "2026-03-20"
    prompts = read_rows(warehouse, [NORMAL_WEEK[0]]).member_texts[NORMAL_WEEK[0]]
    rng = np.random.default_rng(0)
    requests, feedback = [], []
    for offset in range(8):
        partition = (date.fromisoformat(day) - timedelta(offset)).isoformat()
        today = offset == 0
        for i in range(200):
            rid = f"r-{offset}-{i}"
            error = rng.random() < (0.10 if today else 0.01)
            triggered = rng.random() < (0.30 if today else 0.05)
            latency = rng.lognormal(np.log(0.4), 0.3)
            prompt = prompts[i % len(prompts)] if today else "earlier prompt"
            requests.append((partition, rid, 503 if error else 200, latency, int(triggered), prompt))
            if i % 4 == 0:
                feedback.append((partition, rid, "down" if i % 8 == 0 else "up"))
    with connect(str(tmp_path / "serving.duckdb")) as con:
        con.execute("CREATE SCHEMA monitoring")
        con.execute(f"CREATE TABLE monitoring.requests ({REQUESTS})")
        con.execute(f"CREATE TABLE monitoring.feedback ({FEEDBACK})")
        names = ["partition_date", "id", "status", "latency_s", "guardrail_triggers", "prompt"]
        con.register("incoming", pa.table(dict(zip(names, map(list, zip(*requests))))))  # one insert, not per row
        con.execute(
            "INSERT INTO monitoring.requests BY NAME SELECT * REPLACE (partition_date::DATE AS partition_date),"
            " partition_date::DATE::TIMESTAMPTZ AS ts, false AS fallback FROM incoming"
        )
        names = ["partition_date", "response_id", "rating"]
        con.register("incoming", pa.table(dict(zip(names, map(list, zip(*feedback))))))
        con.execute(
            "INSERT INTO monitoring.feedback BY NAME SELECT * REPLACE (partition_date::DATE AS partition_date),"
            " partition_date::DATE::TIMESTAMPTZ AS ts FROM incoming"
        )
        report = drift_report(reference, con, day, CONFIG)
    rows = {r["feature"]: r for r in report.rows}
    assert rows["error_rate"]["drifted"] and rows["guardrail_trigger_rate"]["drifted"]
    assert rows["error_rate"]["n_reference"] == 7 * 200 and rows["error_rate"]["n_current"] == 200
    assert not rows["latency_p95"]["drifted"] and not rows["feedback_rate"]["drifted"]
    assert rows["negative_feedback_share"]["value"] == pytest.approx(0.0)
    for name in ("prompt_length", "prompt_unknown_word_rate", "prompt_embedding"):
        assert rows[name]["value"] is not None and not rows[name]["drifted"], rows[name]
    # No warehouse rows that day and the serving measures do not vote: the verdict cannot be drift.
    assert report.verdict != "drift" and {"error_rate", "guardrail_trigger_rate"} <= set(report.drifted)
