"""The evaluation tasks as lm-eval task configs: data files written per dataset version, offline.

- `answer_bpb`: held-out answers (the test split's assistant turns given their conversation so far),
  as bits per byte, log2 of the byte-level perplexity (lower is better; comparable across tokenizers);
- `plan_fact_mc`: multiple choice between this plan's answer and other plans' (accuracy);
- `plan_figure`: ask for a figure naming the plan; right if the answer holds that figure (exact match
  on normalized numbers);
- `plan_figure_in_context`: the same figures asked about "my" plan, with the member's plan in the
  prompt in the block serving injects (serving/context.py).

Every prompt is rendered with the tokenizer's chat template, as training and serving render it.
Each metric is aggregated as a mean over items, so lm-eval reports its standard error.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import orjson

from ..serving.context import plan_block, with_context
from .plan_facts import figure_questions, has_figure, multiple_choice

METRICS: dict[str, tuple[str, bool]] = {  # task -> (metric, higher is better)
    "answer_bpb": ("bits_per_byte", False),
    "plan_fact_mc": ("acc", True),
    "plan_figure": ("exact_match", True),
    "plan_figure_in_context": ("exact_match", True),
}


def _render(tokenizer: Any, messages: list[dict]) -> str:
    return tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)


def answer_items(test_examples: Sequence[Mapping], tokenizer: Any) -> list[dict]:
    """(context, answer) for every assistant turn of the test split, its end of turn included."""
    items = []
    for example in test_examples:
        messages = example["messages"]
        for index, message in enumerate(messages):
            if message["role"] == "assistant" and message["content"].strip():
                items.append({"id": f"{example['id']}:{index}", "context": _render(tokenizer, messages[:index]),
                              "answer": message["content"] + tokenizer.eos_token})  # fmt: skip
    return items


def _bits_per_byte(doc: dict, results: list) -> dict:
    loglikelihood, _ = results[0]
    return {"bits_per_byte": -loglikelihood / math.log(2) / max(1, len(doc["answer"].encode()))}


def _figure_match(doc: dict, results: list) -> dict:
    return {"exact_match": float(has_figure(results[0], doc["figure"]))}


def _sample(items: list[dict], limit: int, seed: int) -> list[dict]:
    if limit and len(items) > limit:
        return random.Random(seed).sample(items, limit)
    return items


def _task(name: str, path: Path, items: list[dict], **config: Any) -> dict:
    path.write_bytes(b"\n".join(orjson.dumps(item) for item in items) + b"\n")
    metric, higher = METRICS[name]
    return {
        "task": name,
        "dataset_path": "json",
        "dataset_kwargs": {"data_files": {"test": str(path)}},  # absolute: lm-eval resolves against the cwd
        "test_split": "test",
        "target_delimiter": "",  # the answer follows the assistant header directly, as in training
        "metric_list": [{"metric": metric, "aggregation": "mean", "higher_is_better": higher}],
        **config,
    }


def build_tasks(
    folder: Path,
    tokenizer: Any,
    test_examples: Sequence[Mapping],
    plans: Sequence[Mapping],
    system_prompt: str,
    *,
    limit: int,
    seed: int,
    max_gen_tokens: int,
) -> list[dict]:
    """The four tasks' data files under `folder` and their lm-eval configs."""
    folder.mkdir(parents=True, exist_ok=True)
    by_id = {plan["plan_id"]: plan for plan in plans}

    def prompt(user: str, plan_id: str | None = None) -> str:
        system = with_context(system_prompt, plan_block(by_id[plan_id])) if plan_id else system_prompt
        return _render(tokenizer, [{"role": "system", "content": system}, {"role": "user", "content": user}])

    answers = _sample(answer_items(test_examples, tokenizer), limit, seed)
    choices = _sample(multiple_choice(plans), limit, seed)
    figures = _sample(figure_questions(plans), limit, seed)
    generation = {
        "output_type": "generate_until",
        "doc_to_target": "{{figure}}",
        "process_results": _figure_match,
        "generation_kwargs": {"until": [tokenizer.eos_token], "max_gen_toks": max_gen_tokens, "do_sample": False},
    }
    add: Callable[[dict, dict], dict] = lambda item, extra: {**item, **extra}
    return [
        _task("answer_bpb", folder / "answer_bpb.jsonl", answers, output_type="loglikelihood",
              doc_to_text="{{context}}", doc_to_target="{{answer}}", process_results=_bits_per_byte),
        _task("plan_fact_mc", folder / "plan_fact_mc.jsonl",
              [add(i, {"prompt": prompt(i["question"])}) for i in choices],
              output_type="multiple_choice", doc_to_text="{{prompt}}", doc_to_choice="{{choices}}",
              doc_to_target="{{gold}}"),
        _task("plan_figure", folder / "plan_figure.jsonl",
              [add(i, {"prompt": prompt(i["question"])}) for i in figures], doc_to_text="{{prompt}}", **generation),
        _task("plan_figure_in_context", folder / "plan_figure_in_context.jsonl",
              [add(i, {"prompt": prompt(i["personal"], i["plan_id"])}) for i in figures], doc_to_text="{{prompt}}",
              **generation),
    ]  # fmt: skip


__all__ = ["METRICS", "answer_items", "build_tasks"]
