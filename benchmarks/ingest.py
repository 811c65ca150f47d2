"""Landing -> raw -> warehouse for one day of a large partner feed, ours against a baseline.

    python benchmarks/ingest.py                       # 1M conversations (+ their members, claims)
    python benchmarks/ingest.py --conversations 50000 # a quick run

Both arms read the same landing files. Each arm runs in its own process so its peak memory (max
RSS) is its own. The baseline is what people write first: gzip + json.loads row by row, a dict per
record, a pandas DataFrame, then DuckDB. Both use the same record validator. Ours is the code the Dagster assets run: streaming
validation into raw parts + quarantine, then a polars/Arrow load per part into DuckDB. Ours is also
run at a quarter of the size: bounded memory means its peak RSS barely changes with input size.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing as mp
import platform
import resource
import shutil
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lifecycle_core.feed import FeedConfig
from lifecycle_core.feed.partner import write_synthetic_drop
from lifecycle_core.pii.pseudonym import Pseudonymizer
from lifecycle_core.raw import layout
from lifecycle_core.raw.ingest import ingest_partition
from lifecycle_core.raw.parts import local_part_files
from lifecycle_core.store import LocalObjectStore
from lifecycle_core.warehouse import connect, load_partition

DAY = date(2026, 3, 2)
SOURCES = ("members", "claims", "conversations")
KEY = b"benchmark-pseudonym-key-0123456789"


def feed_config(conversations: int) -> FeedConfig:
    return FeedConfig(
        seed=11,
        member_population=max(1_000, conversations // 3),
        conversations_per_day=conversations,
        claims_per_day=conversations,
        new_members_per_day=100,
        malformed_share=0.01,
    )


def prepare_landing(root: Path, conversations: int) -> dict[str, int]:
    store = LocalObjectStore(root)
    config = feed_config(conversations)
    return {source: write_synthetic_drop(store, config, source, DAY) or 0 for source in SOURCES}


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _ingest_source(landing_root: str, source: str):
    start = time.perf_counter()
    manifest = ingest_partition(LocalObjectStore(landing_root), source, DAY)
    return manifest, time.perf_counter() - start, _peak_rss_mib()


def run_ours(landing_root: str, work: str, queue) -> None:
    """Landing -> raw for the sources in 2 worker processes (as Dagster's multiprocess executor runs the
    raw assets), then raw -> warehouse one source at a time (DuckDB has one writer)."""
    from concurrent.futures import ProcessPoolExecutor

    store = LocalObjectStore(landing_root)
    pseudonymizer = Pseudonymizer(KEY)
    stages, rows = {}, {}
    with ProcessPoolExecutor(2, mp_context=mp.get_context("spawn")) as pool:
        ingested = list(pool.map(_ingest_source, [landing_root] * len(SOURCES), SOURCES))
    worker_rss = max(rss for _, _, rss in ingested)
    with connect(f"{work}/ours.duckdb") as con:
        for source, (manifest, ingest_s, _) in zip(SOURCES, ingested):
            start = time.perf_counter()
            with local_part_files(store, manifest) as parts:
                loaded = load_partition(con, source, DAY, parts, pseudonymizer)
            stages[source] = {"landing_to_raw_s": ingest_s, "raw_to_warehouse_s": time.perf_counter() - start}
            rows[source] = {"landing": manifest.landing_records, "quarantined": manifest.quarantined, **loaded}
    queue.put({"stages": stages, "rows": rows, "peak_rss_mib": max(_peak_rss_mib(), worker_rss)})


def run_baseline(landing_root: str, work: str, queue) -> None:
    import duckdb
    import pandas as pd

    from lifecycle_core.raw.schemas import SCHEMAS, validate

    store = LocalObjectStore(landing_root)
    stages, rows = {}, {}
    con = duckdb.connect(f"{work}/baseline.duckdb")
    for source in SOURCES:
        start = time.perf_counter()
        records, bad = [], 0
        for key in store.list(layout.landing_prefix(source, DAY)):
            if not key.endswith(".jsonl.gz"):
                continue
            with gzip.open(store.open_read(key), "rt") as lines:
                for line in lines:
                    try:
                        record = json.loads(line)
                    except json.JSONDecodeError:
                        bad += 1
                        continue
                    if validate(SCHEMAS[source], record) is None:
                        records.append(record)
                    else:
                        bad += 1
        frame = pd.DataFrame.from_records(records)
        if "messages" in frame:
            frame["messages"] = frame["messages"].map(json.dumps)  # pandas has no nested type DuckDB takes
        con.execute(f"CREATE OR REPLACE TABLE {source} AS SELECT * FROM frame")
        stages[source] = {"total_s": time.perf_counter() - start}
        rows[source] = {"landing": len(records) + bad, "quarantined": bad, source: len(records)}
        del records, frame
    con.close()
    queue.put({"stages": stages, "rows": rows, "peak_rss_mib": _peak_rss_mib()})


def in_child(target, *args) -> dict:
    """Run an arm in a fresh process: its timings and peak RSS are not shared with the others."""
    context = mp.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(*args, queue))
    start = time.perf_counter()
    process.start()
    result = queue.get()
    process.join()
    result["wall_s"] = time.perf_counter() - start
    return result


def summarize(result: dict) -> dict:
    records = sum(r["landing"] for r in result["rows"].values())
    return {**result, "records": records, "records_per_s": records / result["wall_s"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--conversations", type=int, default=1_000_000)
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "ingest.json"))
    parser.add_argument("--workdir", default=None, help="keep generated landing data here (default: temp dir)")
    args = parser.parse_args()

    work = Path(args.workdir or tempfile.mkdtemp(prefix="ingest-bench-"))
    results = {}
    try:
        for label, size in (("quarter", args.conversations // 4), ("full", args.conversations)):
            landing = work / f"landing-{size}"
            if not (landing / "landing").exists():
                started = time.perf_counter()
                prepare_landing(landing, size)
                print(f"generated landing for {size} conversations in {time.perf_counter() - started:.1f}s", flush=True)
            run_dir = work / f"run-{label}"
            shutil.rmtree(run_dir, ignore_errors=True)
            run_dir.mkdir(parents=True)
            ours = summarize(in_child(run_ours, str(landing), str(run_dir)))
            print(
                f"ours     {label}: {ours['wall_s']:.1f}s, {ours['records_per_s']:,.0f} records/s, {ours['peak_rss_mib']:.0f} MiB",
                flush=True,
            )
            results[label] = {"conversations": size, "ours": ours}
            if label == "full":
                base = summarize(in_child(run_baseline, str(landing), str(run_dir)))
                print(
                    f"baseline {label}: {base['wall_s']:.1f}s, {base['records_per_s']:,.0f} records/s, {base['peak_rss_mib']:.0f} MiB",
                    flush=True,
                )
                results[label]["baseline"] = base
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)

    full = results["full"]
    report = {
        "benchmark": "ingest",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": mp.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "conversations": args.conversations,
        "results": results,
        "speedup": full["ours"]["records_per_s"] / full["baseline"]["records_per_s"],
        "memory_ratio_ours_over_baseline": full["ours"]["peak_rss_mib"] / full["baseline"]["peak_rss_mib"],
        "ours_peak_rss_growth_quarter_to_full": full["ours"]["peak_rss_mib"]
        / results["quarter"]["ours"]["peak_rss_mib"],
        "notes": "The baseline neither writes raw parts nor quarantine files nor pseudonymizes: it does less work.",
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n")
    print(
        json.dumps(
            {
                k: report[k]
                for k in ("speedup", "memory_ratio_ours_over_baseline", "ours_peak_rss_growth_quarter_to_full")
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
