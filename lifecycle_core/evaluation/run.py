"""``main(args)``: the base model, the candidate and the production adapter through the same lm-eval tasks.

Reads the dataset version's test split and plan catalog and the adapters from the object store,
runs lm-eval's ``hf`` backend once per arm (the adapter through its ``peft`` argument), and writes
under ``evaluations/<version>/``: lm-eval's results per arm (``results/<arm>.json``), every
sample (``samples/<arm>/<task>.jsonl``), and ``report.json`` (per arm and task: value, stderr, n,
and the per-item scores the gate pairs) written last, so its presence means complete. The same
inputs give the same version: a finished report is not computed again.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import orjson

from ..common.progress import Progress, open_progress
from ..finetune import jsonl_split_key, read_jsonl_split, read_plans
from ..finetune.writer import plans_key
from ..models import resolve_base_model
from ..store import ObjectStore, join_lines, open_store
from ..training import adapter_prefix
from ..training.artifacts import TRAINING_CONFIG, download_adapter
from .config import EvaluationArgs, evaluation_version, output_prefix
from .report import item_scores, summarize
from .tasks import METRICS, build_tasks

REPORT = "report.json"


class EvaluationInputError(ValueError):
    """An input the evaluation cannot use: the message names it and what is wrong with it."""


def _download_adapter(store: ObjectStore, version: str, base_model: str, into: Path) -> Path:
    prefix = adapter_prefix(version)
    keys = store.list(prefix)
    if f"{prefix}/adapter_config.json" not in keys:
        raise EvaluationInputError(f"adapter {version} is not in the store at {store.prefix_uri(prefix)}")
    trained_on = store.get_json(f"{prefix}/{TRAINING_CONFIG}")["args"]["model"]["base_model"]
    if trained_on != base_model:
        raise EvaluationInputError(
            f"adapter {version} was trained on base model {trained_on!r}, not {base_model!r}: "
            "an adapter only works on the base it was trained on"
        )
    return download_adapter(store, version, into / version)


def _inputs(store: ObjectStore, version: str) -> tuple[list[dict], list[dict]]:
    for key, what in ((jsonl_split_key(version, "test"), "test split"), (plans_key(version), "plan catalog")):
        if not store.exists(key):
            raise EvaluationInputError(
                f"dataset version {version} has no {what} at {store.uri(key)}; rebuild finetune/dataset"
            )
    test = read_jsonl_split(store, version, "test")
    if not test:
        raise EvaluationInputError(f"dataset version {version} has an empty test split: nothing held out to measure")
    return test, read_plans(store, version)


def _device(setting: str) -> str:
    import torch

    return ("cuda" if torch.cuda.is_available() else "cpu") if setting == "auto" else setting


def _evaluate(base_path: str, adapter: Path | None, tasks: list[dict], args: EvaluationArgs) -> dict[str, Any]:
    import lm_eval
    from lm_eval.tasks import TaskManager

    model_args: dict[str, Any] = {"pretrained": base_path, "dtype": "float32"}
    if adapter is not None:
        model_args["peft"] = str(adapter)
    return lm_eval.simple_evaluate(
        model="hf",
        model_args=model_args,
        tasks=tasks,
        batch_size=args.eval.batch_size,
        device=_device(args.eval.device),
        log_samples=True,
        task_manager=TaskManager(),
        random_seed=args.eval.seed,
        numpy_random_seed=args.eval.seed,
        torch_random_seed=args.eval.seed,
        bootstrap_iters=1,  # > 0 turns standard errors on; a mean gets its closed form, no resampling
    )


def _write_arm(store: ObjectStore, prefix: str, arm: str, result: dict[str, Any]) -> None:
    samples = result.pop("samples", {})
    store.put_bytes(f"{prefix}/results/{arm}.json", json.dumps(result, default=str, indent=2).encode())
    for task, rows in samples.items():
        lines = (orjson.dumps(row, default=str) for row in rows)
        store.put_bytes(f"{prefix}/samples/{arm}/{task}.jsonl", join_lines(lines))


def run(args: EvaluationArgs, progress: Progress) -> dict[str, Any]:
    from transformers import AutoTokenizer

    store, version, prefix = open_store(args.data.store_uri), evaluation_version(args), output_prefix(args)
    if store.exists(f"{prefix}/{REPORT}"):
        progress.event("message", text=f"evaluation {version} is already complete at {store.prefix_uri(prefix)}")
        return store.get_json(f"{prefix}/{REPORT}")
    cache_dir = args.model.cache_dir or os.path.join(os.environ.get("LIFECYCLE_HOME", ".lifecycle"), "models")
    base_path = resolve_base_model(args.model.base_model, cache_dir)
    test, plans = _inputs(store, args.data.dataset_version)
    tokenizer = AutoTokenizer.from_pretrained(base_path)
    system_prompt = next(m["content"] for m in test[0]["messages"] if m["role"] == "system")
    with tempfile.TemporaryDirectory(prefix="evaluation-") as tmp:
        arms: dict[str, Path | None] = {"base": None}
        arms["candidate"] = _download_adapter(store, args.arms.candidate, args.model.base_model, Path(tmp))
        if args.arms.production:
            arms["production"] = _download_adapter(store, args.arms.production, args.model.base_model, Path(tmp))
        tasks = build_tasks(
            Path(tmp) / "tasks", tokenizer, test, plans, system_prompt,
            limit=args.eval.max_items, seed=args.eval.seed, max_gen_tokens=args.eval.max_gen_tokens,
        )  # fmt: skip
        metrics, scores = {}, {}
        for arm, adapter in arms.items():
            progress.event("message", text=f"evaluating {arm} on {', '.join(METRICS)}")
            result = _evaluate(base_path, adapter, tasks, args)
            metrics[arm], scores[arm] = summarize(result), item_scores(result["samples"])
            _write_arm(store, prefix, arm, result)
    report = {
        "version": version,
        "dataset_version": args.data.dataset_version,
        "base_model": args.model.base_model,
        "arms": {"candidate": args.arms.candidate, "production": args.arms.production or None},
        "metrics": metrics,
        "scores": scores,
        "prefix": prefix,
        "uri": store.prefix_uri(prefix),
    }
    store.put_json(f"{prefix}/{REPORT}", report)  # last: its presence means the evaluation is complete
    return report


def main(args: EvaluationArgs) -> dict[str, Any]:
    with open_progress() as progress:
        report = run(args, progress)
        summary = {
            f"{arm}/{task}": entry["value"] for arm, tasks in report["metrics"].items() for task, entry in tasks.items()
        }
        progress.finish({"report_uri": report["uri"], **summary}, report["version"])
        return report


__all__ = ["REPORT", "EvaluationInputError", "main", "run"]
