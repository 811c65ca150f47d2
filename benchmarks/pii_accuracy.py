"""PII detection on text the scrubber was not written for: the independent evaluation set, per type.

    python benchmarks/pii_accuracy.py                       # this checkout, and the scrubber at --baseline
    python benchmarks/pii_accuracy.py --baseline none       # this checkout only

The set (`benchmarks/pii_eval_set.py`, sources under `benchmarks/data/pii_eval/source/`) was written by
hand outside the synthetic feed's templates and is used for measurement only. Scoring:
- a labelled span is found when at least 90% of its characters lie under detections of its type (an
  ADDRESS detection may cover a ZIP); `covered_any_type` counts characters under any detection, which is
  what matters for a leak (a name scrubbed as something else is still scrubbed);
- a detection is correct when a labelled span of its type lies under it; one over no span is false.
Each arm runs twice, without a roster and with one holding the set's own people (their names and birth
dates, as the warehouse's member_pii would), and its speed is measured in messages/s on 1 and 2
processes. An arm is a source tree: this checkout, and by default the last commit before the detectors
were widened (`--baseline`, exported with `git archive`), run in its own interpreter so both are
measured in the same run on the same machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter, defaultdict
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = "0f7d121"  # the scrubber before issue 16 (today's scrubber)
STRUCTURED = ("MEMBER_ID", "CLAIM_NUMBER", "SSN", "PHONE", "EMAIL", "CARD_NUMBER", "NPI", "IP_ADDRESS", "URL")
TARGET_RECALL = {
    **dict.fromkeys(STRUCTURED, 0.99),
    **dict.fromkeys(("MEMBER_NAME", "ADDRESS", "ZIP", "DATE_OF_BIRTH"), 0.95),
}
TARGET_PRECISION = 0.95
TARGET_MESSAGES_PER_S = 5000
COVERAGE = 0.9
COVERS = {"ADDRESS": ("ADDRESS", "ZIP")}  # detection type -> labelled types it may cover


def covered(span_start: int, span_end: int, detections) -> int:
    """Characters of [span_start, span_end) under the (non-overlapping) detections."""
    return sum(max(0, min(span_end, d.end) - max(span_start, d.start)) for d in detections)


def score(detect, messages) -> dict:
    """Recall and precision per type, over `messages` (pii_eval_set.Message), with `detect(text)`."""
    support, found, found_any = Counter(), Counter(), Counter()
    detected, correct = Counter(), Counter()
    misses, false = defaultdict(list), defaultdict(list)
    for message in messages:
        detections = detect(message.text)
        for span in message.spans:
            support[span.type] += 1
            need = COVERAGE * (span.end - span.start)
            same = [d for d in detections if span.type in COVERS.get(d.pii_type, (d.pii_type,))]
            if covered(span.start, span.end, same) >= need:
                found[span.type] += 1
            else:
                misses[span.type].append([message.text[span.start : span.end], message.id])
            found_any[span.type] += covered(span.start, span.end, detections) >= need
        for d in detections:
            detected[d.pii_type] += 1
            kinds = COVERS.get(d.pii_type, (d.pii_type,))
            if any(s.type in kinds and s.start < d.end and d.start < s.end for s in message.spans):
                correct[d.pii_type] += 1
            else:
                false[d.pii_type].append([message.text[d.start : d.end], message.id])
    per_type = {}
    for kind in sorted(set(support) | set(detected), key=lambda k: -support[k]):
        recall = found[kind] / support[kind] if support[kind] else None
        precision = correct[kind] / detected[kind] if detected[kind] else None
        target = TARGET_RECALL.get(kind)
        per_type[kind] = {
            "support": support[kind],
            "recall": recall,
            "covered_any_type": found_any[kind] / support[kind] if support[kind] else None,
            "detections": detected[kind],
            "precision": precision,
            "target_recall": target,
            "meets": (recall is None or target is None or recall >= target)
            and (precision is None or precision >= TARGET_PRECISION),
        }
    total, total_detected = sum(support.values()), sum(detected.values())
    overall = {
        "support": total,
        "recall": sum(found.values()) / total if total else None,
        "covered_any_type": sum(found_any.values()) / total if total else None,
        "precision": sum(correct.values()) / total_detected if total_detected else None,
        "false_detections_in_messages_without_pii": sum(len(detect(m.text)) for m in messages if not m.spans),
        "all_targets_met": all(v["meets"] for v in per_type.values()),
    }
    examples = {"missed": {k: v[:8] for k, v in misses.items()}, "false": {k: v[:8] for k, v in false.items()}}
    return {"overall": overall, "per_type": per_type, "examples": examples}


def roster_rows(messages) -> list[dict]:
    """The set's people as members: each labelled name split into first and last, with the birth dates
    of its message (what warehouse.member_pii would hold for them)."""
    rows = []
    for message in messages:
        dobs = [message.text[s.start : s.end] for s in message.spans if s.type == "DATE_OF_BIRTH"]
        for span in message.spans:
            if span.type != "MEMBER_NAME":
                continue
            name = message.text[span.start : span.end]
            if "," in name:  # "NGUYEN, THI B"
                last, _, first = name.partition(",")
            else:
                first, _, last = name.partition(" ")
            rows.append({"member_id": f"{message.id}:{span.start}", "first_name": first.strip(),
                         "last_name": last.strip(), "date_of_birth": _iso(dobs[0]) if dobs else None})  # fmt: skip
    return rows


def _iso(text: str) -> str | None:
    from datetime import datetime

    for fmt in ("%m/%d/%Y", "%m-%d-%Y", "%Y-%m-%d", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%m/%d/%y"):
        try:
            return datetime.strptime(text.replace(",", ""), fmt).date().isoformat()
        except ValueError:
            continue
    return None


_SHARED: dict = {}


def _detect_chunk(bounds: tuple[int, int]) -> int:
    scrubber, texts = _SHARED["scrubber"], _SHARED["texts"]
    for text in texts[bounds[0] : bounds[1]]:
        scrubber.detect(text)
    return bounds[1] - bounds[0]


def speed(scrubber, texts: list[str], processes: int, repeat: int = 3) -> float:
    """Messages/s, best of `repeat`; over forked workers when processes > 1 (the scrubber shared, not pickled)."""
    if processes == 1:
        best = float("inf")
        for _ in range(repeat):
            started = time.perf_counter()
            for text in texts:
                scrubber.detect(text)
            best = min(best, time.perf_counter() - started)
        return len(texts) / best
    import multiprocessing as mp

    _SHARED.update(scrubber=scrubber, texts=texts)
    chunks = [(i, min(i + 200, len(texts))) for i in range(0, len(texts), 200)]
    with mp.get_context("fork").Pool(processes) as pool:
        pool.map(_detect_chunk, chunks[:processes])  # workers warm (imports, first compiled patterns)
        best = float("inf")
        for _ in range(repeat):
            started = time.perf_counter()
            pool.map(_detect_chunk, chunks)
            best = min(best, time.perf_counter() - started)
    return len(texts) / best


def measure(times: int) -> dict:
    """One arm, in this interpreter: the lifecycle_core first on sys.path is the one measured."""
    import lifecycle_core
    from benchmarks.pii_eval_set import load
    from lifecycle_core.pii import PiiScrubber, Roster

    messages = load()
    started = time.perf_counter()
    bare = PiiScrubber()
    load_s = time.perf_counter() - started
    with_roster = PiiScrubber(Roster.from_rows(roster_rows(messages)))
    texts = [m.text for m in messages] * times
    return {
        "source": str(Path(lifecycle_core.__file__).parents[1]),
        "messages": len(messages),
        "with_pii": sum(bool(m.spans) for m in messages),
        "scrubber_load_s": round(load_s, 3),
        "without_roster": score(bare.detect, messages),
        "with_roster": score(with_roster.detect, messages),
        "messages_per_s": {"1_process": round(speed(bare, texts, 1)), "2_processes": round(speed(bare, texts, 2))},
    }


def run_arm(source: Path, times: int) -> dict:
    """`measure` in a fresh interpreter with `source` first on the path (the set is always this checkout's)."""
    code = (
        "import json, sys; sys.path[:0] = [sys.argv[1], sys.argv[2]];"
        "from benchmarks.pii_accuracy import measure; print(json.dumps(measure(int(sys.argv[3]))))"
    )
    env = {**os.environ, "PYTHONPATH": ""}
    proc = subprocess.run([sys.executable, "-c", code, str(source), str(ROOT), str(times)],
                          capture_output=True, text=True, env=env, check=False)  # fmt: skip
    if proc.returncode:
        raise RuntimeError(f"the arm at {source} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def export(revision: str, into: Path) -> Path:
    """`lifecycle_core` as it was at `revision`, unpacked under `into`."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "lifecycle_core"], capture_output=True,
                             check=True).stdout  # fmt: skip
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def table(arm: dict, roster: str) -> str:
    rows = [f"{'type':<18}{'support':>8}{'recall':>8}{'any type':>9}{'precision':>10}  meets"]
    for kind, v in arm[roster]["per_type"].items():
        r = "-" if v["recall"] is None else f"{v['recall']:.3f}"
        a = "-" if v["covered_any_type"] is None else f"{v['covered_any_type']:.3f}"
        p = "-" if v["precision"] is None else f"{v['precision']:.3f}"
        rows.append(f"{kind:<18}{v['support']:>8}{r:>8}{a:>9}{p:>10}  {v['meets']}")
    o = arm[roster]["overall"]
    rows.append(f"{'overall':<18}{o['support']:>8}{o['recall']:>8.3f}{o['covered_any_type']:>9.3f}"
                f"{o['precision']:>10.3f}  {o['all_targets_met']}")  # fmt: skip
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=BASELINE, help="git revision of today's scrubber, or 'none'")
    parser.add_argument("--times", type=int, default=5, help="passes over the set when timing")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "pii_accuracy.json"))
    args = parser.parse_args()
    result = {
        "benchmark": "PII detection on the independent evaluation set",
        "coverage_rule": f"a span is found when >= {COVERAGE:.0%} of its characters are under detections of its type",
        "targets": {"recall": TARGET_RECALL, "precision": TARGET_PRECISION, "messages_per_s": TARGET_MESSAGES_PER_S},
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "arms": {},
    }
    result["arms"]["this checkout"] = run_arm(ROOT, args.times)
    if args.baseline != "none":
        with tempfile.TemporaryDirectory() as tmp:
            result["arms"][f"baseline {args.baseline}"] = run_arm(export(args.baseline, Path(tmp)), args.times)
    ours = result["arms"]["this checkout"]
    result["meets_targets"] = (
        ours["without_roster"]["overall"]["all_targets_met"]
        and min(ours["messages_per_s"].values()) >= TARGET_MESSAGES_PER_S
    )
    Path(args.out).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    for name, arm in result["arms"].items():
        print(f"\n== {name}: {arm['messages']} messages ({arm['with_pii']} with personal data); "
              f"{arm['messages_per_s']['1_process']:,} messages/s on 1 process, "
              f"{arm['messages_per_s']['2_processes']:,} on 2")  # fmt: skip
        for roster in ("without_roster", "with_roster"):
            print(f"-- {roster.replace('_', ' ')}\n{table(arm, roster)}")
    print(f"\nmeets targets: {result['meets_targets']}; written to {args.out}")


if __name__ == "__main__":
    main()
