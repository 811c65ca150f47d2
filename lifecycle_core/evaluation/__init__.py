"""Evaluation (``model/eval_report``): the base model, the candidate and the production adapter side by side.

``python -m lifecycle_core.evaluation --config eval.json [--set arms.candidate=<version> ...]``
runs lm-eval (held-out answer bits per byte, plan-fact multiple choice, plan figures asked with
and without the member's plan in the prompt) the same way on a laptop and in a GPU pod;
``gate.decide`` is the promotion gate on its report.
"""

from .config import EvaluationArgs, build_args, evaluation_prefix, evaluation_version, load_args
from .gate import GateConfig, decide
from .report import chart_png, markdown_table
from .tasks import METRICS

__all__ = [
    "METRICS",
    "EvaluationArgs",
    "GateConfig",
    "build_args",
    "chart_png",
    "decide",
    "evaluation_prefix",
    "evaluation_version",
    "load_args",
    "main",
    "markdown_table",
]


def __getattr__(name: str):
    # main pulls in torch, transformers and lm-eval; importing the package for its config should not.
    if name == "main":
        from .run import main

        return main
    raise AttributeError(name)
