"""Where a training step's GPU time goes: the entrypoint's own setup and step under torch.profiler.

    python benchmarks/profile_training.py --config run.json [--set train.tokens_per_batch=16384 ...]

Warms up (compilation included), times ``--steps`` steps with the host waiting only at the end,
then profiles a few more and prints the kernels that took the most GPU time, grouped by kind.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lifecycle_core.common.progress import open_progress
from lifecycle_core.store import open_store
from lifecycle_core.training.config import load_args
from lifecycle_core.training.distributed import init_distributed
from lifecycle_core.training.train import setup, train_step

KINDS = (
    ("gemm", ("gemm", "cutlass", "cublas", "sm90_xmma", "nvjet")),
    ("attention", ("flash", "fmha")),
    ("compiled (triton)", ("triton",)),
    ("optimizer", ("adam", "multi_tensor")),
    ("copies", ("copy", "memcpy", "memset")),
)


def kind(name: str) -> str:
    low = name.lower()
    return next((k for k, keys in KINDS if any(key in low for key in keys)), "other elementwise")


def report_syncs(run, step) -> None:
    """One step with CUDA sync debugging on: every operation that makes the host wait, with its caller."""
    import traceback
    import warnings

    seen: dict[str, int] = defaultdict(int)

    def show(message, category, filename, lineno, file=None, line=None):
        frames = [f for f in traceback.extract_stack()[:-2] if "warnings" not in f.filename]
        where = " <- ".join(f"{Path(f.filename).name}:{f.lineno}:{f.name}" for f in frames[-6:][::-1])
        seen[f"{str(message)[:60]} @ {where}"] += 1

    with warnings.catch_warnings():  # restores showwarning and the filters on exit
        warnings.simplefilter("always")
        warnings.showwarning = show
        torch.cuda.set_sync_debug_mode("warn")
        try:
            train_step(run, step)
        finally:
            torch.cuda.set_sync_debug_mode("default")
    torch.cuda.synchronize()
    print(f"host syncs in one step: {sum(seen.values())}")
    for where, count in sorted(seen.items(), key=lambda kv: -kv[1])[:12]:
        print(f"  x{count} {where}")


def check_numerics(run, steps, n: int) -> None:
    """Loss and gradients of the first micro-batch (forward + backward, no update), then n real steps."""
    from lifecycle_core.training.train import _micro_loss

    micro = run.steps[0].for_rank(0, 1)[0]
    loss = _micro_loss(run, micro)
    (loss / run.steps[0].label_tokens).backward()
    grads = {name: p.grad for name, p in run.peft_model.named_parameters() if p.requires_grad}
    bad = [name for name, g in grads.items() if g is None or not torch.isfinite(g).all()]
    norm = torch.linalg.vector_norm(torch.stack([g.float().norm() for g in grads.values() if g is not None]))
    print(
        f"first batch: loss/token {float(loss) / run.steps[0].label_tokens:.4f}, grad norm {float(norm):.4g}, "
        f"non-finite grads {len(bad)} {bad[:3]}"
    )
    run.optimizer.zero_grad(set_to_none=True)
    for i in range(n):
        print(f"step {i + 1}: loss {float(train_step(run, next(steps))):.4f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    parser.add_argument("--set", dest="overrides", action="append", default=[])
    parser.add_argument("--warmup", type=int, default=8)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--profile-steps", type=int, default=4)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--shapes", type=int, default=6, help="matmul shapes to list")
    parser.add_argument("--check", type=int, default=0, help="only check numerics over this many steps")
    parser.add_argument("--no-compile-loss", action="store_true", help="compiled layers, eager loss chunks")
    parser.add_argument("--skip-guards", action="store_true", help="skip_guard_eval_unsafe after warm-up")
    ns = parser.parse_args()
    args = load_args(ns.config, ns.overrides)
    dist = init_distributed()
    with open_progress(False) as progress:
        run = setup(args, dist, open_store(args.data.store_uri), progress)
    steps = iter(run.steps * 4)
    if ns.no_compile_loss:
        getattr(run.model, "module", run.model).compile_loss = False
    if ns.check:
        check_numerics(run, steps, ns.check)
        return
    for _ in range(ns.warmup):
        train_step(run, next(steps))
    torch.cuda.synchronize()
    report_syncs(run, next(steps))
    if ns.skip_guards:
        torch.compiler.set_stance(skip_guard_eval_unsafe=True)
    started, tokens, host = time.perf_counter(), 0, 0.0
    for _ in range(ns.steps):
        step = next(steps)
        queued = time.perf_counter()
        train_step(run, step)
        host += time.perf_counter() - queued  # host time to queue the step: above the GPU's, the host is the bound
        tokens += step.tokens
    torch.cuda.synchronize()
    elapsed = time.perf_counter() - started
    with torch.profiler.profile(
        activities=[torch.profiler.ProfilerActivity.CUDA, torch.profiler.ProfilerActivity.CPU], record_shapes=True
    ) as prof:
        for _ in range(ns.profile_steps):
            train_step(run, next(steps))
        torch.cuda.synchronize()
    totals: dict[str, float] = defaultdict(float)
    rows = []
    for event in prof.key_averages():
        cuda_us = getattr(event, "device_time_total", None) or getattr(event, "cuda_time_total", 0)
        if cuda_us <= 0 or event.key.startswith("ProfilerStep"):
            continue
        rows.append((cuda_us / ns.profile_steps, event.count // ns.profile_steps, event.key))
    kernels = [
        r
        for r in rows
        if not r[2].startswith(
            (
                "aten::",
                "autograd::",
                "torch_attn::",
                "Torch-Compiled",
                "CompiledFunction",
                "Optimizer",
                "cudaDeviceSynchronize",
            )
        )
    ]
    for us, _count, name in kernels:
        totals[kind(name)] += us
    step_ms = sum(totals.values()) / 1e3
    summary = {
        "tokens_per_s": tokens / elapsed,
        "wall_ms_per_step": 1e3 * elapsed / ns.steps,
        "host_ms_per_step": 1e3 * host / ns.steps,
        "graphs_compiled": dict(torch._dynamo.utils.counters["stats"]),
        "gpu_busy_ms_per_step": step_ms,
        "tokens_per_step": tokens / ns.steps,
        "by_kind_ms": {k: round(v / 1e3, 2) for k, v in sorted(totals.items(), key=lambda kv: -kv[1])},
        "overrides": ns.overrides,
    }
    print(json.dumps(summary, indent=1))
    for us, count, name in sorted(kernels, reverse=True)[: ns.top]:
        print(f"{us / 1e3:8.2f} ms  x{count:<5d} {name[:120]}")
    print("host side, by self CPU time (per step):")
    host_rows = sorted(
        ((e.self_cpu_time_total / ns.profile_steps, e.count / ns.profile_steps, e.key) for e in prof.key_averages()),
        reverse=True,
    )
    for us, count, name in host_rows[:20]:
        print(f"{us / 1e3:8.2f} ms  x{count:<6.1f} {name[:100]}")
    print("matmuls by shape (per step):")
    shaped = []
    for event in prof.key_averages(group_by_input_shape=True):
        if event.key in ("aten::mm", "aten::addmm", "aten::bmm", "aten::_scaled_mm"):
            cuda_us = getattr(event, "device_time_total", None) or getattr(event, "cuda_time_total", 0)
            shaped.append((cuda_us / ns.profile_steps, event.count / ns.profile_steps, str(event.input_shapes)[:110]))
    for us, count, shapes in sorted(shaped, reverse=True)[: ns.shapes]:
        print(f"{us / 1e3:8.2f} ms  x{count:<6.1f} {shapes}")


if __name__ == "__main__":
    main()
