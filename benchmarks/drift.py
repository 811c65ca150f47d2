"""Tabular drift of 1M rows x 20 features against a stored reference: ours against Evidently's DataDriftPreset.

    python benchmarks/drift.py                   # 1M current rows against 1M reference rows
    python benchmarks/drift.py --rows 100000     # a quick run

Evidently 0.7 imports pandas internals that pandas 3 removed (`infer_dtype_from_object`), and this
project's venv has pandas 3, so Evidently runs from a virtualenv of its own (the `bench` extra):

    .venv/bin/python -m venv .venv-bench && printf '*\\n' > .venv-bench/.gitignore
    .venv-bench/bin/pip install "evidently>=0.7,<0.8" "pandas>=2.2,<3" pyarrow

The data (seeded numpy; 14 numeric and 6 categorical columns, some of them shifted in the current
frame) are written once as Parquet; each arm then runs in a fresh process that reads them, so its
wall time and peak RSS are its own:

- **ours, reference** (`fit`): `fit_table` on the reference frame: per numeric column a grid of at
  most 2,048 points with the reference ECDF and PSI bins, per categorical column its counts; stored
  as the drift report stores it (JSON) - built once per dataset version, not per day.
- **ours, day** (`day`, the timed target): a fresh process loads the stored reference and the
  day's frame, then `compare_table`: PSI + KS per numeric column, PSI + chi-square per categorical
  column, the drift decision per row: the code the daily report runs on warehouse columns.
- **Evidently**: `Report([DataDriftPreset()]).run(current, reference)` on pandas frames of the same
  Parquet files, with a `DataDefinition` naming the column types (its own choice of tests: for
  samples over 1,000 rows, Wasserstein distance for numeric and Jensen-Shannon for categorical).

Memory is the peak RSS of each arm's process (`ru_maxrss`), with its inputs loaded; `added_mib` is
that peak minus the RSS once the inputs were read.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH_PYTHON = ROOT / ".venv-bench" / "bin" / "python"
NUMERIC = [f"n{i:02d}" for i in range(14)]
CATEGORICAL = [f"c{i}" for i in range(6)]
# What the current frame changes (the rest is drawn as in the reference).
SHIFTS = {
    "n00": "normal mean +0.5 sd",
    "n01": "lognormal amounts x1.5",
    "n02": "poisson counts 4 -> 4.4 (mild)",
    "n05": "bimodal mixture weight 0.5 -> 0.3",
    "c1": "topic-like mix of 6 categories moved",
    "c3": "a new category with 15% of rows",
    "c5": "mix of 8 categories moved slightly (mild)",
}


def _rss_mib() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- data ---------------------------------------------------------------------------------------------


def _frame(n: int, current: bool, seed: int):
    import numpy as np
    import polars as pl

    rng = np.random.default_rng(seed)
    columns = {
        "n00": rng.normal(50 + (5 if current else 0), 10, n),
        "n01": rng.lognormal(3 + (np.log(1.5) if current else 0), 0.8, n),
        "n02": rng.poisson(4.4 if current else 4, n).astype(np.float64),
        "n03": rng.exponential(2.0, n),
        "n04": rng.uniform(0, 100, n),
        "n05": np.where(rng.random(n) < (0.3 if current else 0.5), rng.normal(-2, 1, n), rng.normal(2, 1, n)),
        "n06": rng.integers(18, 90, n).astype(np.float64),
        "n07": rng.beta(2, 5, n),
        "n08": rng.gamma(2.0, 3.0, n),
        "n09": rng.standard_t(3, n),
        "n10": np.round(rng.normal(0, 1, n), 2),
        "n11": rng.normal(0, 1, n),
        "n12": rng.weibull(1.5, n),
        "n13": rng.integers(0, 3, n).astype(np.float64) * 10 + rng.random(n),
    }
    for name in ("n10", "n11"):  # some missing values
        columns[name][rng.random(n) < 0.02] = np.nan

    def categories(k: int, weights) -> np.ndarray:
        weights = np.asarray(weights, np.float64)
        return rng.choice(k, size=n, p=weights / weights.sum())

    topic = [0.24, 0.26, 0.18, 0.10, 0.12, 0.10]
    codes = {
        "c0": categories(3, [0.5, 0.3, 0.2]),
        "c1": categories(6, [0.12, 0.14, 0.10, 0.08, 0.32, 0.24] if current else topic),
        "c2": categories(12, np.linspace(1, 2, 12)),
        "c3": categories(21, [*np.full(20, 0.85 / 20), 0.15] if current else [*np.full(20, 0.05), 0.0]),
        "c4": categories(50, 1 / np.arange(1, 51)),
        "c5": categories(8, [0.14, 0.12, 0.13, 0.12, 0.13, 0.12, 0.12, 0.12] if current else np.full(8, 1 / 8)),
    }
    frame = pl.DataFrame(columns)
    return frame.with_columns(
        (pl.lit(f"{name}_") + pl.Series(name, values).cast(pl.String)).alias(name) for name, values in codes.items()
    )


def write_data(folder: Path, rows: int, reference_rows: int) -> dict:
    start = time.perf_counter()
    _frame(reference_rows, False, 1).write_parquet(folder / "reference.parquet")
    _frame(rows, True, 2).write_parquet(folder / "current.parquet")
    return {"generate_s": round(time.perf_counter() - start, 2)}


# --- arms (each in its own process) -------------------------------------------------------------------


def arm_fit(folder: Path) -> dict:
    import orjson
    import polars as pl

    from lifecycle_core.monitoring.drift import DriftConfig
    from lifecycle_core.monitoring.drift.table import fit_table

    reference = pl.read_parquet(folder / "reference.parquet")
    loaded = _rss_mib()
    start = time.perf_counter()
    fitted = fit_table(reference, NUMERIC, CATEGORICAL, DriftConfig())
    fit_s = time.perf_counter() - start
    blob = orjson.dumps({name: f.to_dict() for name, f in fitted.items()})
    (folder / "reference.json").write_bytes(blob)
    peak = _peak_mib()
    return {"fit_s": fit_s, "stored_bytes": len(blob), "peak_rss_mib": peak, "added_mib": peak - loaded}


def arm_day(folder: Path, repeats: int) -> dict:
    start = time.perf_counter()
    import numpy as np
    import orjson
    import polars as pl

    from lifecycle_core.monitoring.drift import DriftConfig
    from lifecycle_core.monitoring.drift.features import feature_from_dict
    from lifecycle_core.monitoring.drift.stats import chi_square, ks_p_value
    from lifecycle_core.monitoring.drift.table import compare_table

    ks_p_value(0.1, 10, 10), chi_square(np.array([1, 2]), np.array([2, 1]))  # scipy imports on first use
    imports_s = time.perf_counter() - start
    start = time.perf_counter()
    references = {n: feature_from_dict(d) for n, d in orjson.loads((folder / "reference.json").read_bytes()).items()}
    load_s = time.perf_counter() - start
    current = pl.read_parquet(folder / "current.parquet")
    loaded = _rss_mib()
    runs, rows = [], []
    for _ in range(repeats):  # the first run also builds each numeric reference's lookup table
        start = time.perf_counter()
        rows = compare_table(references, current, DriftConfig())
        runs.append(time.perf_counter() - start)
    peak = _peak_mib()
    return {
        "imports_s": imports_s,
        "load_reference_s": load_s,
        "compare_s": runs[0],
        "compare_runs_s": runs,
        "peak_rss_mib": peak,
        "added_mib": peak - loaded,
        "drifted": [r["feature"] for r in rows if r["drifted"]],
        "rows": [{k: r[k] for k in ("feature", "value", "test", "p_value", "drifted", "n_current")} for r in rows],
    }


def arm_evidently(folder: Path, rows: int | None) -> dict:
    import evidently
    import pandas as pd
    from evidently import DataDefinition, Dataset, Report
    from evidently.presets import DataDriftPreset

    reference = pd.read_parquet(folder / "reference.parquet")
    current = pd.read_parquet(folder / "current.parquet")
    if rows is not None:  # a slice, when the whole frame would take too long
        reference, current = reference.iloc[:rows], current.iloc[:rows]
    loaded = _rss_mib()
    definition = DataDefinition(numerical_columns=NUMERIC, categorical_columns=CATEGORICAL)
    start = time.perf_counter()
    datasets = [Dataset.from_pandas(frame, data_definition=definition) for frame in (current, reference)]
    dataset_s = time.perf_counter() - start
    snapshot = Report([DataDriftPreset()]).run(*datasets)
    run_s = time.perf_counter() - start - dataset_s
    start = time.perf_counter()
    result = snapshot.dict()
    dict_s = time.perf_counter() - start
    peak = _peak_mib()
    drifted, methods = [], {}
    for metric in result["metrics"]:
        config = metric.get("config", {})
        column, value = config.get("column"), metric.get("value")
        if column is not None and isinstance(value, int | float):
            threshold = config.get("threshold")
            method = config.get("method")
            methods[column] = method
            # Evidently's distances drift at or above the threshold, its p-value tests below it.
            if threshold is not None and (
                (value >= threshold) if "p_value" not in str(method) else (value < threshold)
            ):
                drifted.append(column)
    return {
        "version": evidently.__version__,
        "pandas": pd.__version__,
        "rows": len(current),
        "reference_rows": len(reference),
        "dataset_s": dataset_s,
        "run_s": run_s,
        "wall_s": dataset_s + run_s,
        "dict_s": dict_s,
        "peak_rss_mib": peak,
        "added_mib": peak - loaded,
        "drifted": sorted(drifted),
        "methods": methods,
    }


# --- driver -------------------------------------------------------------------------------------------


def in_child(python: Path | str, args: list[str], timeout_s: float) -> dict:
    """Run an arm in a fresh process; its last stdout line is its JSON result."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    done = subprocess.run(
        [str(python), __file__, *args], check=False, capture_output=True, text=True, timeout=timeout_s, env=env
    )
    if done.returncode != 0:
        raise RuntimeError(f"arm {args} failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["process_wall_s"] = time.perf_counter() - start
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the day's frame")
    parser.add_argument("--reference-rows", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=3, help="compare runs of ours (the first is reported)")
    parser.add_argument("--evidently-timeout", type=float, default=600.0, help="seconds before Evidently gets a slice")
    parser.add_argument("--evidently-slice", type=int, default=200_000, help="rows per side if it timed out")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/drift.json")
    parser.add_argument("--arm", choices=["fit", "day", "evidently"], help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--slice", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.arm:
        arms = {"fit": lambda: arm_fit(args.data), "day": lambda: arm_day(args.data, args.repeats),
                "evidently": lambda: arm_evidently(args.data, args.slice)}  # fmt: skip
        print(json.dumps(arms[args.arm]()))
        return
    if not BENCH_PYTHON.is_file():
        sys.exit(f"Evidently's virtualenv is missing: see the instructions at the top of {__file__}")
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="drift-bench-") as tmp:
        folder = Path(tmp)
        data = write_data(folder, args.rows, args.reference_rows)
        fit = in_child(sys.executable, ["--arm", "fit", "--data", tmp], 600)
        day = in_child(sys.executable, ["--arm", "day", "--data", tmp, "--repeats", str(args.repeats)], 600)
        notes = []
        try:
            evidently = in_child(BENCH_PYTHON, ["--arm", "evidently", "--data", tmp], args.evidently_timeout)
        except subprocess.TimeoutExpired:
            notes.append(f"Evidently ran past {args.evidently_timeout:.0f} s on the full frames: measured on the "
                         f"first {args.evidently_slice} rows of each; its time is scaled linearly to compare")  # fmt: skip
            evidently = in_child(
                BENCH_PYTHON, ["--arm", "evidently", "--data", tmp, "--slice", str(args.evidently_slice)], 3600
            )
    evidently_full_s = evidently["wall_s"] * args.rows / evidently["rows"]
    ours_flags, their_flags = set(day["drifted"]), set(evidently["drifted"])
    notes.append(
        "The two flag features by different rules: ours needs PSI >= 0.2 and a test significant at 0.05 over the "
        "20 features; Evidently's defaults above 1,000 rows flag a normed Wasserstein distance >= 0.1 (numeric) "
        "or a Jensen-Shannon distance >= 0.1 (categorical), without a test. See `agreement`."
    )
    speedup = evidently_full_s / day["compare_s"]
    result = {
        "benchmark": "drift",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        },
        "setup": {
            "rows": args.rows,
            "reference_rows": args.reference_rows,
            "numeric": len(NUMERIC),
            "categorical": len(CATEGORICAL),
            "shifted": SHIFTS,
            **data,
        },
        "timed_part": "ours: compare_table of the day's frame against the stored reference, already loaded from its "
        "JSON (the first run, which also builds the lookup tables; imports and reading Parquet are not timed, for "
        "either arm); Evidently: Dataset.from_pandas + Report.run",
        "memory": "peak RSS (ru_maxrss) of each arm's own process with its inputs loaded; added_mib = peak minus "
        "the RSS after reading the inputs",
        "ours_reference": fit,
        "ours_day": day,
        "evidently": evidently,
        "agreement": {
            "both": sorted(ours_flags & their_flags),
            "only_ours": sorted(ours_flags - their_flags),
            "only_evidently": sorted(their_flags - ours_flags),
        },
        "speedup": speedup,
        "memory_ratio_evidently_over_ours": evidently["peak_rss_mib"] / day["peak_rss_mib"],
        "targets": {"under_2_s": day["compare_s"] < 2.0, "at_least_20x_evidently": speedup >= 20},
        "notes": notes,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps({k: result[k] for k in ("speedup", "targets")} | {"ours_s": day["compare_s"],
                     "evidently_s": evidently["wall_s"]}))  # fmt: skip


if __name__ == "__main__":
    main()
