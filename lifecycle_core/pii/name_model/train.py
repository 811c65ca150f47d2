"""Train the name/address CRF on generated messages, score it on a held-out generated dev set, and write
the model and its card.

    python -m lifecycle_core.pii.name_model.train                 # the shipped model (a few minutes)
    python -m lifecycle_core.pii.name_model.train --n 300 --out /tmp/m --iterations 20   # a quick one

Deterministic for a seed: the generator and the lexicon hold-out are seeded, L-BFGS is deterministic.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import time
from pathlib import Path

import pycrfsuite

from .features import Featurizer, tokenize
from .generate import Example, generate
from .lexicon import DATA_DIR, Lexicon
from .lexicon import load as load_lexicon
from .tagger import TYPES, NameTagger

CARD_PATH = DATA_DIR / "card.json"
MODEL_NAME = "name_crf.crfsuite"
VERSION = "1"
# Share of name tokens hidden from the lexicon while training, so the model also learns names the
# lexicon lacks (from affixes, shape and context) instead of leaning on lexicon membership alone.
HOLD_OUT = 0.2


def bio(ex: Example) -> tuple[list[tuple[int, int, str]], list[str]]:
    toks = tokenize(ex.text)
    labels = []
    for s, e, _ in toks:
        lab = "O"
        for a, b, kind in ex.spans:
            if s >= a and e <= b:
                lab = ("B-" if s == a or not labels or labels[-1][2:] != kind else "I-") + kind
                break
        labels.append(lab)
    # a span's first token is B even when two spans touch
    for a, _, kind in ex.spans:
        for i, (s, _, _) in enumerate(toks):
            if s == a and labels[i].endswith(kind):
                labels[i] = "B-" + kind
    return toks, labels


def held_out_tokens(lex: Lexicon, seed: int, share: float = HOLD_OUT) -> set[str]:
    rng = random.Random(seed)
    candidates = sorted(t for t in lex.first | lex.last if lex.zipf.get(t, 0.0) < 4.0)
    return set(rng.sample(candidates, int(len(candidates) * share)))


def dataset_hash(examples: list[Example]) -> str:
    h = hashlib.sha256()
    for ex in examples:
        h.update(json.dumps([ex.text, ex.spans], ensure_ascii=False).encode())
    return h.hexdigest()[:16]


def score(tagger: NameTagger, examples: list[Example]) -> dict:
    """Exact-span precision/recall per type, and recall where any overlap counts."""
    out = {}
    counts = {k: {"tp": 0, "fp": 0, "fn": 0, "overlap_hit": 0} for k in TYPES}
    for ex in examples:
        found = {(d.start, d.end, d.pii_type) for d in tagger.detect(ex.text)}
        for kind, ptype in TYPES.items():
            gold = {(a, b) for a, b, k in ex.spans if k == kind}
            pred = {(a, b) for a, b, t in found if t == ptype}
            c = counts[kind]
            c["tp"] += len(gold & pred)
            c["fp"] += len(pred - gold)
            c["fn"] += len(gold - pred)
            c["overlap_hit"] += sum(any(pa < b and a < pb for pa, pb in pred) for a, b in gold)
    for kind, c in counts.items():
        p = c["tp"] / max(1, c["tp"] + c["fp"])
        r = c["tp"] / max(1, c["tp"] + c["fn"])
        out[kind] = {
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(2 * p * r / max(1e-9, p + r), 4),
            "recall_any_overlap": round(c["overlap_hit"] / max(1, c["tp"] + c["fn"]), 4),
            "gold": c["tp"] + c["fn"],
        }
    msgs_no_name = [ex for ex in examples if not any(k == "PER" for _, _, k in ex.spans)]
    flagged = sum(any(d.pii_type == "MEMBER_NAME" for d in tagger.detect(ex.text)) for ex in msgs_no_name)
    out["messages_without_names_flagged"] = round(flagged / max(1, len(msgs_no_name)), 4)
    return out


def train(
    out_dir: Path = DATA_DIR,
    n: int = 30_000,
    n_dev: int = 3_000,
    seed: int = 16,
    iterations: int = 150,
    c1: float = 0.05,
    c2: float = 0.01,
    write_card: bool = True,
    verbose: bool = True,
) -> dict:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    lex = load_lexicon()
    held = held_out_tokens(lex, seed)
    train_lex = lex.without(held)
    t0 = time.perf_counter()
    examples = generate(lex, n, seed=seed, split="train")
    feat = Featurizer(train_lex)
    trainer = pycrfsuite.Trainer(verbose=False)
    for ex in examples:
        toks, labels = bio(ex)
        if not toks:
            continue
        infos = [feat.info(t[2]) for t in toks]
        trainer.append(feat.sequence(ex.text, toks, infos, 0, len(toks), feat.mode(ex.text)), labels)
    t_feat = time.perf_counter() - t0
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True})
    model_path = out_dir / MODEL_NAME
    t1 = time.perf_counter()
    trainer.train(str(model_path))
    t_train = time.perf_counter() - t1
    if verbose:
        print(f"features {t_feat:.1f}s, training {t_train:.1f}s, model {model_path.stat().st_size / 1e6:.2f} MB")
    card = {
        "version": VERSION,
        "seed": seed,
        "model": "linear-chain CRF (python-crfsuite, L-BFGS), BIO labels PER and ADDR",
        "params": {"c1": c1, "c2": c2, "max_iterations": iterations, "window": 4},
        "training_set": {"messages": len(examples), "sha256_16": dataset_hash(examples), "generator_split": "train"},
        "lexicon_hold_out": {"share": HOLD_OUT, "tokens": len(held)},
        "features": [
            "lowercased word (English-list words and cue words only)",
            "shape (X/x/d runs)",
            "prefix 2-3 and suffix 2-4 of the accent-folded word",
            "first-/last-name lexicon membership (Faker Latin-script locales + census), with zipf bucket",
            "English Zipf frequency bucket (wordfreq)",
            (
                "cue classes: honorific, greeting, sign-off, relative, clinician, intro, role, facility, street, "
                "unit, PO box, rural route, direction, name suffix, particle, month, state"
            ),
            "context +-2: word or UNK, shape, lexicon class, zipf bucket, cue classes; word bigram before",
            "position: message start, line start/end, after sentence end, after comma, glued",
            "message casing mode (lower/upper/mixed) alone and with shape; capitalized inside a mixed sentence",
        ],
        "training_seconds": {"features": round(t_feat, 1), "crf": round(t_train, 1)},
        "model_bytes": model_path.stat().st_size,
    }
    if n_dev:
        dev = generate(lex, n_dev, seed=seed + 1000, split="dev")
        tagger = NameTagger(model_path, lex)
        card["dev"] = {"messages": n_dev, "generator_split": "dev (frames not used in training)", **score(tagger, dev)}
        # names whose every token the (training) lexicon lacks: how the model does on unseen names
        dev_oov = generate(lex, n_dev, seed=seed + 2000, split="dev", name_pool=held)
        tagger_oov = NameTagger(model_path, train_lex)
        card["dev_unseen_names"] = {
            "messages": n_dev,
            "note": "half the names drawn from lexicon tokens hidden from the model (lexicon without them)",
            **score(tagger_oov, dev_oov),
        }
        g = tagger.stats
        card["gate"] = {
            "fired_share_of_messages": round(g["gated"] / max(1, g["messages"]), 4),
            "tokens_tagged_per_message": round(g["tokens_tagged"] / max(1, g["messages"]), 2),
        }
        card["dev_throughput"] = throughput(tagger, [ex.text for ex in dev[:2000]])
    if verbose:
        print(json.dumps({k: card[k] for k in card if k.startswith("dev") or k == "gate"}, indent=1))
    if write_card:
        (out_dir / "card.json").write_text(json.dumps(card, indent=2) + "\n")
    return card


def throughput(tagger: NameTagger, texts: list[str]) -> dict:
    for t in texts:  # warm the token cache, as a long-running process would be
        tagger.detect(t)
    t0 = time.perf_counter()
    for t in texts:
        tagger.detect(t)
    dt = time.perf_counter() - t0
    words = sum(len(t.split()) for t in texts) / max(1, len(texts))
    return {"messages": len(texts), "mean_words": round(words, 1), "messages_per_second": round(len(texts) / dt)}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=DATA_DIR)
    ap.add_argument("--n", type=int, default=30_000)
    ap.add_argument("--dev", type=int, default=3_000)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    a = ap.parse_args(argv)
    train(a.out, a.n, a.dev, a.seed, a.iterations, a.c1, a.c2)


if __name__ == "__main__":
    main()
