"""benchmarks/train_throughput.py end to end at toy size on the CPU: both arms run, report, agree."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_benchmark_runs_both_arms_and_their_losses_agree(tmp_path):
    out = tmp_path / "result.json"
    subprocess.run(
        [
            sys.executable,
            "benchmarks/train_throughput.py",
            "--shape",
            "toy",
            "--examples",
            "120",
            "--warmup-steps",
            "3",
            "--repeats",
            "2",
            "--out",
            str(out),
            "--work",
            str(tmp_path / "work"),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=600,
    )
    result = json.loads(out.read_text())
    for arm in ("baseline", "ours"):
        assert {"tokens_per_s", "mfu", "peak_mem_gib", "loss_at_steps"} <= set(result[arm])
        assert result[arm]["tokens_per_s"] > 0 and result[arm]["loss_at_steps"]
    assert result["speedup"] == pytest.approx(result["ours"]["tokens_per_s"] / result["baseline"]["tokens_per_s"])
    for arm in ("baseline", "ours"):  # each arm twice, in fresh processes: the spread is reported
        runs = result[arm]["runs"]
        assert runs["count"] == 2 and len(runs["tokens_per_s"]) == 2
        assert runs["min"] <= runs["median"] <= runs["max"] and result[arm]["tokens_per_s"] in runs["tokens_per_s"]
    assert result["speedup_min"] <= result["speedup_median"] <= result["speedup_max"]
    # Same examples, labels, LoRA init and schedule, about the same tokens per step: the same curve.
    assert result["parity"]["steps_compared"] >= 2
    assert result["parity"]["max_rel_gap"] < 0.01
    assert 200 <= result["data"]["median_tokens"] <= 450 and result["data"]["max_tokens"] <= 2048

    subprocess.run(
        [sys.executable, "benchmarks/train_throughput.py", "--rederive", "--out", str(out)],
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    assert json.loads(out.read_text()) == result  # derived figures are a pure function of the measured ones
