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
            "1",  # fresh processes cost ~20 s each here; repeats are tested below
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
    assert result["ours"]["runs"]["tokens_per_s"] == [result["ours"]["tokens_per_s"]]
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


def test_an_arm_repeated_reports_its_median_run_and_the_spread():
    from benchmarks.train_throughput import repeated, speedup_range

    speeds = iter([300.0, 100.0, 200.0])
    arm = repeated(lambda i: {"tokens_per_s": next(speeds), "peak_mem_gib": 1.0 + i, "run": i}, 3)
    assert arm["tokens_per_s"] == 200.0 and arm["run"] == 2  # the median run itself, with its own figures
    assert arm["runs"] == {"count": 3, "tokens_per_s": [300.0, 100.0, 200.0], "median": 200.0, "min": 100.0,
                           "max": 300.0, "rel_spread": 1.0, "peak_mem_gib": [1.0, 2.0, 3.0]}  # fmt: skip
    base = repeated(lambda i: {"tokens_per_s": 50.0 + 10 * i, "peak_mem_gib": None}, 3)
    assert speedup_range(arm, base) == {"speedup_median": 200 / 60, "speedup_min": 100 / 70, "speedup_max": 300 / 50}
