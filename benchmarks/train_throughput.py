"""LoRA training throughput on a GPU: our entrypoint against HF Trainer + PEFT, side by side.

    python benchmarks/train_throughput.py --shape 1b --out benchmarks/results/train_throughput_h200.json
    python benchmarks/train_throughput.py --shape 8b --arms ours ...          # fits one GPU?
    python benchmarks/train_throughput.py --scaling 2 ...                     # DDP efficiency

Both arms get the same model (a Llama shape with random weights: no hub here), the same LoRA
config, the same chat examples (lognormal lengths, median ~300 tokens, capped at 2048) encoded by
the same function (assistant-only labels), the same learning-rate schedule, and the same tokens
per optimizer step on average, so their loss curves must agree within noise.

- baseline: what users write today: ``Trainer`` + ``get_peft_model``, bf16, batches of 8 padded
  to the longest by ``DataCollatorForSeq2Seq``, transformers' default (SDPA) attention.
- ours: ``python -m lifecycle_core.training`` as the asset launches it, with a token budget per
  micro-batch equal to the baseline's mean real tokens per step.

Each arm runs ``--repeats`` times (default 3), each in a fresh process; an arm's figures are those of
its median run, with every run's tokens/s, the median, min and max under ``runs``, and the speedup
as median over median with its worst and best pairing (``speedup_min``, ``speedup_max``).

Reported per arm: real (non-pad) tokens/s after warm-up, MFU = (4N + attention) FLOPs per token
x tokens/s over the bf16 matmul peak measured in the same run, peak allocated GPU memory, and the
loss at fixed steps (each a 5-step mean). Results go to one JSON file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import math
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SHAPES = {  # Llama 3.2 1B and Llama 3.1 8B, as their config.json give them
    "1b": {
        "hidden_size": 2048,
        "intermediate_size": 8192,
        "num_hidden_layers": 16,
        "num_attention_heads": 32,
        "num_key_value_heads": 8,
        "head_dim": 64,
        "tie_word_embeddings": True,
        "vocab_size": 128256,
    },
    "8b": {
        "hidden_size": 4096,
        "intermediate_size": 14336,
        "num_hidden_layers": 32,
        "num_attention_heads": 32,
        "num_key_value_heads": 8,
        "head_dim": 128,
        "tie_word_embeddings": False,
        "vocab_size": 128256,
    },
    # a dry run of the whole benchmark on a CPU (tests/benchmarks): same code path, toy size
    "toy": {
        "hidden_size": 64,
        "intermediate_size": 128,
        "num_hidden_layers": 2,
        "num_attention_heads": 4,
        "num_key_value_heads": 2,
        "head_dim": 16,
        "tie_word_embeddings": True,
        "vocab_size": 4096,
    },
}
CUDA = torch.cuda.is_available()
# r=16 on every linear projection (the recipe); dropout is peft's LoraConfig default (0.0).
LORA = {
    "r": 16,
    "alpha": 32,
    "dropout": 0.0,
    "target_modules": ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
}
OPTIM = {"learning_rate": 2e-4, "warmup_ratio": 0.05, "weight_decay": 0.0, "max_grad_norm": 1.0}
BATCH = 8  # the baseline's examples per step
LOG_EVERY = 5
WORDS = [
    "my",
    "claim",
    "for",
    "the",
    "visit",
    "was",
    "denied",
    "and",
    "I",
    "want",
    "to",
    "know",
    "why",
    "the",
    "deductible",
    "applies",
    "to",
    "this",
    "service",
    "plan",
    "member",
    "copay",
    "coinsurance",
    "pharmacy",
    "prescription",
    "prior",
    "authorization",
    "specialist",
    "referral",
    "network",
    "provider",
    "out",
    "of",
    "pocket",
    "maximum",
    "covered",
    "benefit",
    "appeal",
    "explanation",
    "statement",
    "we",
    "reviewed",
    "your",
    "account",
    "and",
    "the",
    "amount",
    "you",
    "owe",
    "is",
    "based",
    "on",
    "the",
    "allowed",
    "charge",
    "after",
    "the",
    "insurer",
    "paid",
    "its",
    "share",
    "please",
    "call",
    "us",
    "again",
    "if",
    "you",
    "have",
    "any",
    "other",
    "questions",
    "about",
    "coverage",
    "emergency",
    "room",
    "urgent",
    "care",
    "telehealth",
    "physical",
    "therapy",
    "imaging",
    "lab",
    "test",
    "annual",
    "checkup",
]


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


# --- setup: model, data, peak --------------------------------------------------------------------


def measured_bf16_peak(n: int = 8192, reps: int = 30) -> float:
    """FLOP/s of a large bf16 matmul on random data (cuBLAS), median of timed runs: MFU's denominator."""
    if not CUDA:
        n, reps = 512, 5
    a, b = (torch.randn(n, n, device="cuda" if CUDA else "cpu", dtype=torch.bfloat16) for _ in range(2))
    for _ in range(3):
        a @ b
    times = []
    for _ in range(reps):
        if CUDA:
            torch.cuda.synchronize()
        started = time.perf_counter()
        a @ b
        if CUDA:
            torch.cuda.synchronize()
        times.append(time.perf_counter() - started)
    return 2 * n**3 / sorted(times)[len(times) // 2]


def build_model_dir(shape: str, work: Path, tokenizer_dir: Path) -> Path:
    """A from_pretrained folder: the shape's config with random bf16 weights and our tokenizer."""
    from transformers import AutoTokenizer, LlamaConfig, LlamaForCausalLM

    out = work / f"llama-{shape}-random"
    tokenizer = AutoTokenizer.from_pretrained(tokenizer_dir)
    ids = special_ids(tokenizer)
    if (out / "config.json").is_file() and all(json.loads((out / "config.json").read_text()).get(k) == v
                                              for k, v in ids.items()):  # fmt: skip
        return out
    config = LlamaConfig(
        max_position_embeddings=8192,
        rope_theta=500000.0,
        rms_norm_eps=1e-5,
        dtype="bfloat16",
        **ids,
        **SHAPES[shape],
    )
    torch.manual_seed(0)
    with torch.device("cuda" if CUDA else "cpu"):
        model = LlamaForCausalLM(config).to(torch.bfloat16)
    model.save_pretrained(out)
    del model
    if CUDA:
        torch.cuda.empty_cache()
    tokenizer.save_pretrained(out)
    return out


def special_ids(tokenizer) -> dict[str, int]:
    """The config's special token ids, the tokenizer's own. They matter: the embedding row of ``pad_token_id``
    is initialized to zeros, and a token whose embedding is zero keeps a zero residual stream through every
    layer, where each RMSNorm's backward multiplies its gradient by 1/sqrt(eps) (~316). With pad_token_id=0,
    which this tokenizer's BOS is, every document began with such a token: the 16-layer 1B shape survived it,
    the 32-layer 8B shape's gradient overflowed at layer 14 on the first backward (benchmarks/grad_health.py)."""
    return {"bos_token_id": tokenizer.bos_token_id, "eos_token_id": tokenizer.eos_token_id,
            "pad_token_id": tokenizer.pad_token_id}  # fmt: skip


def make_examples(tokenizer, n: int, seed: int, median: int = 300, sigma: float = 0.8, cap: int = 2048) -> list[dict]:
    """Chats whose templated length is lognormal(median, sigma), clipped to [64, cap] tokens."""
    rng = random.Random(seed)
    cost = {w: len(tokenizer(" " + w, add_special_tokens=False)["input_ids"]) for w in WORDS}
    empty = [
        {"role": "system", "content": "You help health plan members."},
        {"role": "user", "content": "x"},
        {"role": "assistant", "content": "x"},
    ]
    overhead = (
        len(tokenizer(tokenizer.apply_chat_template(empty, tokenize=False), add_special_tokens=False)["input_ids"]) - 2
    )

    def words(budget: int) -> str:
        out, used = [], 0
        while used < budget:
            w = rng.choice(WORDS)
            out.append(w)
            used += cost[w]
        return " ".join(out)

    examples = []
    for _ in range(n):
        # a few tokens of margin: word costs are exact, the template's own overhead nearly so
        length = int(min(cap - 8, max(64, rng.lognormvariate(math.log(median), sigma)))) - overhead
        user = int(length * rng.uniform(0.3, 0.7))
        examples.append(
            {
                "messages": [
                    empty[0],
                    {"role": "user", "content": words(user)},
                    {"role": "assistant", "content": words(length - user)},
                ]
            }
        )
    return examples


def write_dataset(store_root: Path, splits: dict[str, list[dict]]) -> str:
    """The splits as the trainer reads them, under a version named by their content."""
    from lifecycle_core.finetune import write_jsonl_splits
    from lifecycle_core.store import LocalObjectStore

    version = "bench-" + hashlib.sha256(json.dumps(splits, sort_keys=True).encode()).hexdigest()[:10]
    write_jsonl_splits(LocalObjectStore(store_root), version, splits)
    return version


def encoded_split(store_root: Path, version: str, split: str, tokenizer, max_len: int):
    """A split encoded by the trainer's own functions (the same labels for both arms)."""
    from lifecycle_core.finetune import read_jsonl_split
    from lifecycle_core.store import LocalObjectStore
    from lifecycle_core.training.data import encode_all

    return encode_all(tokenizer, read_jsonl_split(LocalObjectStore(store_root), version, split), max_len)[0]


def flops_per_token(model_dir: Path, lengths: list[int]) -> dict:
    """4N (forward 2N + input-gradient 2N; frozen weights get no weight gradient) over every matmul
    weight (layers + output projection; the embedding lookup is no matmul), plus causal attention:
    3 x forward (2 x heads x head_dim x L^2 per layer) per document, averaged over its tokens."""
    cfg = json.loads((model_dir / "config.json").read_text())
    h, inter, layers = cfg["hidden_size"], cfg["intermediate_size"], cfg["num_hidden_layers"]
    heads, kv, hd = cfg["num_attention_heads"], cfg["num_key_value_heads"], cfg["head_dim"]
    per_layer = h * heads * hd * 2 + h * kv * hd * 2 + 3 * h * inter
    n_matmul = layers * per_layer + h * cfg["vocab_size"]
    attention = 6 * layers * heads * hd * sum(x * x for x in lengths) / sum(lengths)
    return {
        "n_matmul_params": n_matmul,
        "dense": 4 * n_matmul,
        "attention": attention,
        "total": 4 * n_matmul + attention,
    }


# --- baseline arm (runs in its own process) -------------------------------------------------------


def run_baseline(ns) -> dict:
    from peft import LoraConfig, get_peft_model
    from transformers import (
        AutoModelForCausalLM,
        AutoTokenizer,
        DataCollatorForSeq2Seq,
        Trainer,
        TrainerCallback,
        TrainingArguments,
    )

    tokenizer = AutoTokenizer.from_pretrained(ns.model_dir)
    train = encoded_split(Path(ns.store), ns.version, "train", tokenizer, 2048)
    features = [{"input_ids": e.input_ids, "labels": e.labels} for e in train]
    steps = len(features) // BATCH
    model = AutoModelForCausalLM.from_pretrained(
        ns.model_dir, dtype=torch.bfloat16 if CUDA else torch.float32, attn_implementation="sdpa"
    )
    if CUDA:
        model = model.to("cuda")
    model = get_peft_model(
        model,
        LoraConfig(
            r=LORA["r"],
            lora_alpha=LORA["alpha"],
            lora_dropout=LORA["dropout"],
            target_modules=LORA["target_modules"],
            task_type="CAUSAL_LM",
        ),
    )
    collator = DataCollatorForSeq2Seq(tokenizer, padding="longest", label_pad_token_id=-100)
    real_tokens: list[int] = []

    def collate(batch):
        real_tokens.append(sum(len(f["input_ids"]) for f in batch))
        return collator(batch)

    marks: dict[int, float] = {}
    losses: dict[int, float] = {}

    class Clock(TrainerCallback):
        def on_step_end(self, args, state, control, **kwargs):
            if state.global_step in (ns.warmup_steps, steps):
                if CUDA:
                    torch.cuda.synchronize()
                marks[state.global_step] = time.perf_counter()

        def on_log(self, args, state, control, logs=None, **kwargs):
            if logs and "loss" in logs:
                losses[state.global_step] = logs["loss"]

    args = TrainingArguments(
        output_dir=str(Path(ns.work) / "hf-out"),
        per_device_train_batch_size=BATCH,
        max_steps=steps,
        learning_rate=OPTIM["learning_rate"],
        lr_scheduler_type="cosine",
        warmup_steps=math.ceil(OPTIM["warmup_ratio"] * steps),
        weight_decay=OPTIM["weight_decay"],
        max_grad_norm=OPTIM["max_grad_norm"],
        bf16=CUDA,
        logging_steps=LOG_EVERY,
        save_strategy="no",
        report_to=[],
        seed=0,
        dataloader_num_workers=0,
        remove_unused_columns=False,
        disable_tqdm=True,
    )
    trainer = Trainer(model=model, args=args, train_dataset=features, data_collator=collate, callbacks=[Clock()])
    if CUDA:
        torch.cuda.reset_peak_memory_stats()
    trainer.train()
    measured = sum(real_tokens[ns.warmup_steps : steps])
    elapsed = marks[steps] - marks[ns.warmup_steps]
    return {
        "tokens_per_s": measured / elapsed,
        "measured_tokens": measured,
        "measured_s": elapsed,
        "steps": steps,
        "peak_mem_gib": torch.cuda.max_memory_allocated() / 2**30 if CUDA else None,
        "loss_at_steps": losses,
        "optimizer": str(getattr(args.optim, "value", args.optim)),
    }


# --- our arm: the training entrypoint, as a subprocess (or torchrun) -----------------------------


def ours_config(ns, model_dir: Path, store: Path, version: str, budget: int, label: str, epochs: int = 1) -> Path:
    """The entrypoint's config file for one run of ours; returns its path."""
    config = {
        "model": {"base_model": str(model_dir), "cache_dir": str(Path(ns.work) / "models")},
        "data": {"store_uri": store.as_uri(), "dataset_version": version, "max_seq_len": 2048},
        "lora": LORA,
        "train": {
            **OPTIM,
            "epochs": epochs,
            "tokens_per_batch": budget,
            "eval_every": 0,
            "log_every": LOG_EVERY,
            "seed": 0,
            "bf16": "true" if CUDA else "false",
            "compile": ns.compile,
            "output_key": f"bench/{label}",
        },
    }
    cfg = Path(ns.work) / f"{label}.json"
    cfg.write_text(json.dumps(config))
    return cfg


def run_ours(
    ns, model_dir: Path, store: Path, version: str, budget: int, label: str, gpus: int = 1, epochs: int = 1
) -> dict:
    cfg = ours_config(ns, model_dir, store, version, budget, label, epochs)
    launcher = (
        [sys.executable, "-m", "torch.distributed.run", "--standalone", f"--nproc_per_node={gpus}"]
        if gpus > 1
        else [sys.executable]
    )
    logfile = Path(ns.work) / f"{label}.log"
    with logfile.open("w") as out:
        proc = subprocess.run(
            [*launcher, "-m", "lifecycle_core.training", "--config", str(cfg)],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if proc.returncode:
        sys.stderr.write(logfile.read_text()[-6000:])
        raise SystemExit(f"{label} failed ({proc.returncode})")
    metrics = json.loads((store / "bench" / label / "metrics.json").read_text())
    return summarize_ours(metrics, ns.warmup_steps)


def summarize_ours(metrics: dict, warmup_steps: int) -> dict:
    ends = [p for p in metrics["curve"] if p.get("window_s")]
    after = [p for p in ends if p["step"] - p["window_steps"] >= warmup_steps]
    tokens, seconds = sum(p["window_tokens"] for p in after), sum(p["window_s"] for p in after)
    losses = {}
    for p in ends:  # 5-step means, as the Trainer logs them
        if p["step"] % LOG_EVERY == 0:
            window = [
                q["train_loss"]
                for q in metrics["curve"]
                if p["step"] - LOG_EVERY < q["step"] <= p["step"] and q["train_loss"] is not None
            ]
            losses[p["step"]] = sum(window) / len(window) if window else None
    return {
        "tokens_per_s": tokens / seconds,
        "measured_tokens": tokens,
        "measured_s": seconds,
        "steps": metrics["steps"],
        "peak_mem_gib": metrics["peak_gpu_mem_gib"],
        "loss_at_steps": losses,
        "world_size": metrics["world_size"],
        "base_val_loss": metrics["base_val_loss"],
        "adapter_val_loss": metrics["adapter_val_loss"],
    }


def repeated(run_once, times: int) -> dict:
    """An arm run `times` times, each in a fresh process: the run with the median tokens/s (a real run, whose
    loss curve and memory go with it; the upper middle one for an even count), and the spread of all."""
    runs = [run_once(i) for i in range(times)]
    ranked = sorted(runs, key=lambda r: r["tokens_per_s"])
    chosen = dict(ranked[len(ranked) // 2])
    speeds = [r["tokens_per_s"] for r in runs]
    chosen["runs"] = {
        "count": times,
        "tokens_per_s": speeds,
        "median": statistics.median(speeds),
        "min": min(speeds),
        "max": max(speeds),
        "rel_spread": (max(speeds) - min(speeds)) / statistics.median(speeds),
        "peak_mem_gib": [r["peak_mem_gib"] for r in runs],
    }
    return chosen


def speedup_range(ours: dict, base: dict) -> dict:
    """ours over the baseline: median over median, and the worst and best pairing of their runs."""
    a, b = ours.get("runs"), base.get("runs")
    if not (a and b):
        return {}
    return {"speedup_median": a["median"] / b["median"], "speedup_min": a["min"] / b["max"],
            "speedup_max": a["max"] / b["min"]}  # fmt: skip


def parity(base: dict, ours: dict) -> dict:
    common = sorted(set(base) & set(ours))
    gaps = {s: abs(ours[s] - base[s]) / base[s] for s in common}
    # The baseline's own 5-step-to-5-step wobble once the curve has settled is the noise floor.
    tail = [base[s] for s in common[len(common) // 2 :]]
    wobble = [abs(b - a) / a for a, b in itertools.pairwise(tail)]
    return {
        "steps_compared": len(common),
        "max_rel_gap": max(gaps.values()) if gaps else None,
        "mean_rel_gap": sum(gaps.values()) / len(gaps) if gaps else None,
        "baseline_step_to_step_rel_noise": sum(wobble) / len(wobble) if wobble else None,
    }


def _finite(x) -> bool:
    return isinstance(x, (int, float)) and math.isfinite(x)


def derive(result: dict) -> dict:
    """The figures computed from the measured ones: MFU per arm (per GPU for DDP), speedups,
    memory ratio, loss parity. Pure, so stored results can be re-derived after a fix here."""
    peak, flops = result["bf16_peak_tflops"] * 1e12, result["flops_per_token"]["total"]
    arms = [result[k] for k in ("baseline", "ours") if k in result]
    arms += list(result.get("ours_larger_budgets", {}).values())
    arms += [result["scaling"][k] for k in ("one_gpu", "ddp")] if "scaling" in result else []
    for arm in arms:
        arm["mfu"] = arm["tokens_per_s"] * flops / (peak * arm.get("world_size", 1))
    if "baseline" in result:
        base = result["baseline"]
        if "ours" in result:
            result["speedup"] = result["ours"]["tokens_per_s"] / base["tokens_per_s"]
            result.update(speedup_range(result["ours"], base))
            if base.get("peak_mem_gib"):
                result["memory_ratio"] = result["ours"]["peak_mem_gib"] / base["peak_mem_gib"]
            result["parity"] = parity(
                {int(k): v for k, v in base["loss_at_steps"].items()},
                {int(k): v for k, v in result["ours"]["loss_at_steps"].items()},
            )
        for arm in result.get("ours_larger_budgets", {}).values():
            arm["speedup"] = arm["tokens_per_s"] / base["tokens_per_s"]
            arm.update(speedup_range(arm, base))
            if base.get("peak_mem_gib"):
                arm["memory_ratio"] = arm["peak_mem_gib"] / base["peak_mem_gib"]
    if "scaling" in result:
        s = result["scaling"]
        s["efficiency"] = s["ddp"]["tokens_per_s"] / (s["gpus"] * s["one_gpu"]["tokens_per_s"])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shape", choices=sorted(SHAPES), default="1b")
    parser.add_argument("--arms", default="baseline,ours")
    parser.add_argument("--examples", type=int, default=1600, help="training examples (baseline: /8 steps)")
    parser.add_argument("--warmup-steps", type=int, default=20)
    parser.add_argument("--budgets", default="", help="extra token budgets for ours, e.g. 16384 (no parity)")
    parser.add_argument("--compile", default="auto", help="ours' train.compile")
    parser.add_argument("--budget-epochs", type=int, default=3, help="epochs for the --budgets runs")
    parser.add_argument("--scaling", type=int, default=0, help="GPUs for a DDP scaling run of ours")
    parser.add_argument("--scaling-budget", type=int, default=16384)
    parser.add_argument("--scaling-epochs", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=3, help="runs of each arm, each in a fresh process")
    parser.add_argument("--work", default="/tmp/train-bench")
    parser.add_argument("--out", required=True)
    parser.add_argument(
        "--rederive",
        action="store_true",
        help="recompute the derived figures (MFU, speedups, parity) of the JSON at --out",
    )
    # internal: the baseline arm in its own process
    parser.add_argument("--baseline-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--model-dir", help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    parser.add_argument("--version", help=argparse.SUPPRESS)
    ns = parser.parse_args()
    if ns.rederive:
        path = Path(ns.out)
        path.write_text(json.dumps(derive(json.loads(path.read_text())), indent=2, sort_keys=True))
        return
    if ns.baseline_only:
        Path(ns.out).write_text(json.dumps(run_baseline(ns)))
        return

    from transformers import AutoTokenizer

    from lifecycle_core.models import TINY, resolve_base_model

    work = Path(ns.work)
    work.mkdir(parents=True, exist_ok=True)
    peak = measured_bf16_peak()
    log(f"bf16 matmul peak {peak / 1e12:.1f} TFLOP/s on {torch.cuda.get_device_name() if CUDA else 'cpu'}")
    tokenizer_dir = Path(resolve_base_model(TINY, work / "models"))
    model_dir = build_model_dir(ns.shape, work, tokenizer_dir)
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    store = work / "store"
    shutil.rmtree(store / "bench", ignore_errors=True)
    version = write_dataset(
        store,
        {"train": make_examples(tokenizer, ns.examples, seed=1), "validation": make_examples(tokenizer, 64, seed=2)},
    )
    train = encoded_split(store, version, "train", tokenizer, 2048)
    lengths = [len(e) for e in train]
    fpt = flops_per_token(model_dir, lengths)
    sorted_lengths = sorted(lengths)
    budget = max(2048, round(BATCH * sum(lengths) / len(lengths)))
    result = {
        "gpu": torch.cuda.get_device_name() if CUDA else "cpu",
        "date": dt.date.today().isoformat(),
        "shape": ns.shape,
        "torch": torch.__version__,
        "bf16_peak_tflops": peak / 1e12,
        "peak_source": "median of 30 timed 8192^3 bf16 torch.matmul on random data, this run",
        "lora": LORA,
        "optimizer": OPTIM,
        "flops_per_token": fpt,
        "data": {
            "examples": len(lengths),
            "median_tokens": sorted_lengths[len(lengths) // 2],
            "mean_tokens": sum(lengths) / len(lengths),
            "max_tokens": sorted_lengths[-1],
            "label_token_share": sum(e.n_labels for e in train) / sum(lengths),
        },
        "warmup_steps": ns.warmup_steps,
        "ours_tokens_per_batch": budget,
        "ours_compile": ns.compile,
    }
    log(f"data: {result['data']}; ours budget {budget} tokens/step")
    # for benchmarks/profile_training.py: the parity run's config, whatever arms run
    ours_config(ns, model_dir, store, version, budget, "ours-config")
    arms = ns.arms.split(",") if ns.arms else []
    if "baseline" in arms:
        started = time.time()

        def baseline_once(i: int) -> dict:
            out = work / f"baseline-{i}.json"
            subprocess.run(
                [sys.executable, __file__, "--baseline-only", "--out", str(out), "--model-dir", str(model_dir),
                 "--store", str(store), "--version", version, "--work", str(work),
                 "--warmup-steps", str(ns.warmup_steps)],
                check=True,
                cwd=ROOT,
            )  # fmt: skip
            run = json.loads(out.read_text())
            run["loss_at_steps"] = {int(k): v for k, v in run["loss_at_steps"].items()}
            log(f"baseline run {i + 1}/{ns.repeats}: {run['tokens_per_s']:.0f} tok/s")
            return run

        result["baseline"] = repeated(baseline_once, ns.repeats)
        log(f"baseline {result['baseline']['tokens_per_s']:.0f} tok/s ({time.time() - started:.0f}s)")
    if "ours" in arms:
        started = time.time()
        result["ours"] = repeated(lambda i: run_ours(ns, model_dir, store, version, budget, f"ours-{i}"), ns.repeats)
        log(f"ours {result['ours']['tokens_per_s']:.0f} tok/s ({time.time() - started:.0f}s)")
    for extra in filter(None, ns.budgets.split(",")):
        arm = repeated(
            lambda i, extra=extra: run_ours(
                ns, model_dir, store, version, int(extra), f"ours-{extra}-{i}", epochs=ns.budget_epochs
            ),
            ns.repeats,
        )
        result.setdefault("ours_larger_budgets", {})[extra] = arm
        log(f"ours at {extra} tokens/step: {arm['tokens_per_s']:.0f} tok/s")
    if ns.scaling:
        one = run_ours(ns, model_dir, store, version, ns.scaling_budget, "scale-1", gpus=1, epochs=ns.scaling_epochs)
        many = run_ours(
            ns,
            model_dir,
            store,
            version,
            ns.scaling_budget,
            f"scale-{ns.scaling}",
            gpus=ns.scaling,
            epochs=ns.scaling_epochs,
        )
        result["scaling"] = {
            "gpus": ns.scaling,
            "tokens_per_batch_per_gpu": ns.scaling_budget,
            "one_gpu": one,
            "ddp": many,
        }
    derive(result)
    if "scaling" in result:
        log(f"scaling x{ns.scaling}: efficiency {result['scaling']['efficiency']:.3f}")
    Path(ns.out).parent.mkdir(parents=True, exist_ok=True)
    Path(ns.out).write_text(json.dumps(result, indent=2, sort_keys=True))
    table = {k: result[k] for k in ("speedup", "memory_ratio", "parity") if k in result}
    for arm in ("baseline", "ours"):
        if arm in result:
            table[arm] = {k: result[arm][k] for k in ("tokens_per_s", "mfu", "peak_mem_gib")}
    print(json.dumps(table, indent=1))


if __name__ == "__main__":
    main()
