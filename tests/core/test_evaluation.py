"""Evaluation: the plan-fact items, the prompts serving's context block goes into, the gate, a real lm-eval run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from lifecycle_core.evaluation import GateConfig, build_args, decide, evaluation_version, markdown_table
from lifecycle_core.evaluation.gate import paired_difference
from lifecycle_core.evaluation.plan_facts import figure_questions, has_figure, multiple_choice, numbers_in
from lifecycle_core.evaluation.run import REPORT, EvaluationInputError, run
from lifecycle_core.evaluation.tasks import build_tasks
from lifecycle_core.feed import FeedConfig, plan_documents
from lifecycle_core.finetune import jsonl_split_key
from lifecycle_core.models import TINY, load_base, resolve_base_model
from lifecycle_core.serving.context import HEADER, plan_block
from lifecycle_core.store import LocalObjectStore
from lifecycle_core.training import adapter_version
from lifecycle_core.training import build_args as training_args
from lifecycle_core.training import main as train
from tests.core.test_training import DAY, dataset, run_config  # noqa: F401  (the shared dataset fixture)

PLANS = plan_documents(FeedConfig(), DAY)


# --- the items ------------------------------------------------------------------------------------


def test_multiple_choice_gold_is_the_plans_own_answer_and_distractors_are_other_plans():
    items = multiple_choice(PLANS)
    assert items and len({(i["plan_id"], i["key"]) for i in items}) == len(items)
    by_id = {p["plan_id"]: p for p in PLANS}
    for item in items:
        plan = by_id[item["plan_id"]]
        assert len(set(item["choices"])) == len(item["choices"]) >= 2, item
        gold = item["choices"][item["gold"]]
        others = [c for i, c in enumerate(item["choices"]) if i != item["gold"]]
        assert plan["plan_name"] in gold and all(plan["plan_name"] in c for c in others)  # all in this plan's name
    # The right answer holds the plan's own figure; the distractors hold other plans' figures.
    figures = {(q["plan_id"], q["key"]): q["figure"] for q in figure_questions(PLANS)}
    checked = 0
    for item in items:
        figure = figures.get((item["plan_id"], item["key"]))
        if figure and not item["key"].startswith("copay:"):
            gold = item["choices"][item["gold"]]
            assert has_figure(gold, figure)
            assert not any(has_figure(c, figure) for i, c in enumerate(item["choices"]) if i != item["gold"])
            checked += 1
    assert checked >= len(PLANS)


def test_a_fact_every_plan_shares_is_not_asked():
    same = [{**plan, "coinsurance": 0.2} for plan in PLANS]
    assert not [i for i in multiple_choice(same) if i["key"] == "coinsurance"]
    assert [i for i in multiple_choice(PLANS) if i["key"] == "coinsurance"]


def test_numbers_are_normalized_for_exact_match():
    assert numbers_in("You pay $1,250.00, then 20%.") == {"1250", "20"}
    assert has_figure("The deductible is 1250 dollars.", "$1,250")
    assert not has_figure("The deductible is $1,500.", "$1,250")
    assert not has_figure("No figure here.", "20%")


@pytest.fixture(scope="module")
def tokenizer(tmp_path_factory):
    _, tokenizer = load_base(resolve_base_model(TINY, tmp_path_factory.mktemp("models")))
    return tokenizer


def test_in_context_prompts_carry_the_block_serving_injects_and_plain_ones_do_not(tmp_path, tokenizer):
    system = "You are the member support assistant."
    test = [{"id": "c1", "messages": [{"role": "system", "content": system}, {"role": "user", "content": "Hi"},
                                      {"role": "assistant", "content": "Hello, how can I help?"}]}]  # fmt: skip
    tasks = build_tasks(tmp_path, tokenizer, test, PLANS, system, limit=0, seed=0, max_gen_tokens=8)
    assert [t["task"] for t in tasks] == ["answer_bpb", "plan_fact_mc", "plan_figure", "plan_figure_in_context"]
    rows = {
        t["task"]: [
            json.loads(line) for line in Path(t["dataset_kwargs"]["data_files"]["test"]).read_text().splitlines()
        ]
        for t in tasks
    }
    by_id = {p["plan_id"]: p for p in PLANS}
    for row in rows["plan_figure_in_context"]:
        assert plan_block(by_id[row["plan_id"]]) in row["prompt"]
    assert not any(HEADER in row["prompt"] for row in rows["plan_figure"] + rows["plan_fact_mc"])
    assert rows["answer_bpb"] == [{"id": "c1:2", "context": tokenizer.apply_chat_template(
        test[0]["messages"][:2], tokenize=False, add_generation_prompt=True),
        "answer": "Hello, how can I help?" + tokenizer.eos_token}]  # fmt: skip
    assert all(t["dataset_kwargs"]["data_files"]["test"].startswith(str(tmp_path)) for t in tasks)  # absolute, offline


def test_evaluation_version_follows_what_decides_the_numbers():
    base = {"data": {"store_uri": "file:///a", "dataset_version": "d1"}, "arms": {"candidate": "a1"}}
    version = evaluation_version(build_args(base))
    assert evaluation_version(build_args(base, ["data.store_uri=s3://b/p", "eval.batch_size=4"])) == version
    for change in ["arms.production=a0", "arms.candidate=a2", "eval.max_items=10", "data.dataset_version=d2"]:
        assert evaluation_version(build_args(base, [change])) != version
    with pytest.raises(ValueError, match="candidate"):
        build_args({"data": base["data"]})
    with pytest.raises(ValueError, match="the candidate itself"):
        build_args(base, ["arms.production=a1"])


# --- the gate -------------------------------------------------------------------------------------


def report(candidate: dict, reference: dict, reference_arm: str = "base") -> dict:
    """A report's per-item scores: each task's list is the items in order."""
    return {"scores": {"candidate": candidate, reference_arm: reference}}


def scores(bpb: list[float], mc: list[float], figure: list[float] | None = None) -> dict:
    figure = figure if figure is not None else [0.0] * len(mc)
    return {"answer_bpb": bpb, "plan_fact_mc": mc, "plan_figure": figure, "plan_figure_in_context": figure}


N = 60


def test_paired_difference_sign_and_error():
    improvement, stderr = paired_difference([1.0, 0.5], [2.0, 1.5], higher=False)
    assert improvement == 1.0 and stderr == 0.0
    with pytest.raises(ValueError, match="different items"):
        paired_difference([1.0], [1.0, 2.0], higher=True)


def test_gate_passes_a_clear_win_and_names_the_closest_task():
    base = scores([0.5] * N, [0.0, 1.0] * (N // 2))
    better = scores([0.3] * N, [1.0] * N)
    verdict = decide(report(better, base), GateConfig())
    assert verdict["passed"] and verdict["reference"] == "base"
    assert verdict["tasks"]["plan_fact_mc"]["won"] and verdict["tasks"]["answer_bpb"]["improvement"] == pytest.approx(
        0.2
    )
    assert verdict["decided_by"] == "answer_bpb" and "past the margin" in verdict["why"]  # the closer call


def test_gate_blocks_a_win_inside_the_noise():
    # +0.1 accuracy on average, but over few, noisy items: minus 1.64 standard errors it is below the margin.
    base = scores([0.5] * 20, [0.0, 1.0] * 10)
    noisy = scores([0.3] * 20, [1.0, 0.0] * 5 + [1.0] * 10)
    verdict = decide(report(noisy, base), GateConfig())
    assert not verdict["passed"] and verdict["decided_by"] == "plan_fact_mc" and "short of" in verdict["why"]
    assert verdict["tasks"]["plan_fact_mc"]["improvement"] == pytest.approx(0.25)


def test_gate_blocks_a_regression_beyond_the_tolerance_even_when_quality_wins():
    base = scores([0.5] * N, [0.0] * N, figure=[1.0] * N)
    regressed = scores([0.3] * N, [1.0] * N, figure=[0.0] * N)
    verdict = decide(report(regressed, base), GateConfig())
    assert not verdict["passed"] and verdict["tasks"]["plan_figure"]["regressed"]
    assert verdict["decided_by"] in ("plan_figure", "plan_figure_in_context") and "tolerance" in verdict["why"]


def test_gate_compares_with_production_when_there_is_one():
    production = scores([0.3] * N, [1.0] * N)
    same_as_base_beats = scores([0.3] * N, [1.0] * N)
    verdict = decide(
        {"scores": {"base": scores([0.9] * N, [0.0] * N), "production": production, "candidate": same_as_base_beats}},
        GateConfig(),
    )
    assert verdict["reference"] == "production" and not verdict["passed"]  # as good as production is not enough
    assert decide(
        {"scores": {"base": production, "production": production, "candidate": same_as_base_beats}},
        GateConfig(quality_tasks="answer_bpb", margin_answer_bpb=0.0, z=0.0),
    )["passed"]
    with pytest.raises(ValueError, match="quality_tasks"):
        GateConfig(quality_tasks="bleu").quality()


# --- a real run ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def one_step_adapters(dataset, tmp_path_factory):  # noqa: F811
    """Two adapters trained one step each (different seeds): barely different from the base."""
    cache_dir = tmp_path_factory.mktemp("models")
    work = tmp_path_factory.mktemp("evaluation")
    versions = []
    for seed in (0, 1):
        config = run_config(dataset, cache_dir, work, train={"max_steps": 1, "eval_every": 0, "seed": seed})
        args = training_args(config)
        train(args)
        versions.append(adapter_version(args))
    return work / "store", cache_dir, versions


def eval_args(store_root, cache_dir, dataset_version, **arms):
    return build_args(
        {
            "model": {"cache_dir": str(cache_dir)},
            "data": {"store_uri": store_root.as_uri(), "dataset_version": dataset_version},
            "arms": arms,
            "eval": {"max_items": 24, "max_gen_tokens": 24, "device": "cpu"},
        }
    )


class Progress:
    def __init__(self):
        self.events = []

    def event(self, kind, **fields):
        self.events.append((kind, fields))


@pytest.mark.slow
def test_three_arms_with_standard_errors_and_a_one_step_candidate_is_blocked(dataset, one_step_adapters):  # noqa: F811
    store_root, cache_dir, (production, candidate) = one_step_adapters
    _, built = dataset
    args = eval_args(store_root, cache_dir, built.version, candidate=candidate, production=production)
    result = run(args, Progress())
    assert set(result["metrics"]) == {"base", "candidate", "production"}
    for tasks in result["metrics"].values():
        for task, entry in tasks.items():
            assert entry["n"] > 0 and entry["stderr"] is not None and entry["stderr"] >= 0, (task, entry)
            assert len(result["scores"]["base"][task]) == entry["n"]
    assert 0 < result["metrics"]["base"]["answer_bpb"]["value"] < 8
    verdict = decide(result, GateConfig())
    assert not verdict["passed"] and verdict["reference"] == "production"
    table = markdown_table(result["metrics"])
    assert "production" in table and "±" in table
    store = LocalObjectStore(store_root)
    prefix = result["prefix"]
    assert store.exists(f"{prefix}/{REPORT}") and store.exists(f"{prefix}/results/candidate.json")
    assert store.exists(f"{prefix}/samples/base/plan_fact_mc.jsonl")
    lm_eval_results = store.get_json(f"{prefix}/results/base.json")
    assert "plan_fact_mc" in lm_eval_results["results"] and lm_eval_results["configs"]["answer_bpb"]
    # The same inputs again: the finished report is read back, nothing is computed.
    progress = Progress()
    assert run(args, progress)["version"] == result["version"]
    assert any("already complete" in fields.get("text", "") for _, fields in progress.events)


def test_an_adapter_on_another_base_model_is_refused(dataset, one_step_adapters, tmp_path):  # noqa: F811
    store_root, cache_dir, (adapter, _) = one_step_adapters
    _, built = dataset
    store = LocalObjectStore(store_root)
    config = store.get_json(f"adapters/{adapter}/training_config.json")
    config["args"]["model"]["base_model"] = "Qwen/Qwen2.5-1.5B-Instruct"
    other = "other-base-adapter"
    shutil.copytree(store_root / "adapters" / adapter, store_root / "adapters" / other, dirs_exist_ok=True)
    store.put_json(f"adapters/{other}/training_config.json", config)
    with pytest.raises(
        EvaluationInputError, match="trained on base model 'Qwen/Qwen2.5-1.5B-Instruct', not 'tiny-llama'"
    ):
        run(eval_args(store_root, cache_dir, built.version, candidate=other), Progress())
    with pytest.raises(EvaluationInputError, match="adapter missing-adapter is not in the store"):
        run(eval_args(store_root, cache_dir, built.version, candidate="missing-adapter"), Progress())
    refused = evaluation_version(eval_args(store_root, cache_dir, built.version, candidate=other))
    assert not store.list(f"evaluations/{refused}")  # nothing half-written


def test_a_dataset_without_a_test_split_is_refused(dataset, one_step_adapters, tmp_path):  # noqa: F811
    store_root, cache_dir, (adapter, _) = one_step_adapters
    _, built = dataset
    copy = tmp_path / "store"
    shutil.copytree(store_root, copy, symlinks=False)
    (copy / jsonl_split_key(built.version, "test")).unlink()
    args = eval_args(copy, cache_dir, built.version, candidate=adapter)
    with pytest.raises(EvaluationInputError, match=f"dataset version {built.version} has no test split"):
        run(args, Progress())
    assert not LocalObjectStore(copy).list(f"evaluations/{evaluation_version(args)}")
