"""``main(args)``: LoRA fine-tuning in plain PyTorch, resumable, one process or torchrun DDP."""

from __future__ import annotations

import contextlib
import dataclasses
import math
import time
from dataclasses import dataclass, field
from typing import Any

import torch

from ..common.progress import Progress, open_progress
from ..store import open_store
from . import checkpoint as ckpt
from .artifacts import METRICS, TRAINING_CONFIG, summary, training_config, upload_adapter
from .config import TrainingArgs, adapter_version, output_prefix
from .data import collate, encode_all, epoch_batches
from .distributed import Dist, init_distributed, shutdown
from .model import (
    FlatCausalLM,
    add_lora,
    compile_layers,
    evaluate,
    flat_loss,
    load_base_model,
    load_trainable_state,
    token_loss,
    trainable_state,
)
from .packed import collate_flat
from .schedule import Step, make_optimizer, plan_steps, row_shape


@dataclass
class TrainerState:
    """What a checkpoint must carry besides tensors; plain JSON."""

    step: int = 0
    base_val_loss: float | None = None
    best_val_loss: float | None = None
    best_step: int | None = None
    bad_evals: int = 0
    stopped_early: bool = False
    tokens: int = 0
    runtime_s: float = 0.0
    curve: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Run:
    args: TrainingArgs
    dist: Dist
    store: Any
    prefix: str
    version: str
    device: torch.device
    autocast: bool
    peft_model: Any  # the PeftModel (saving, disabling the adapter)
    model: Any  # what the forward goes through: FlatCausalLM or the PeftModel, or its DDP wrapper
    flat: bool  # the fast path (padding-free rows, varlen attention, chunked loss)
    tokenizer: Any
    pad_id: int
    train: list
    val: list
    val_batches: list
    steps: list[Step]
    optimizer: Any
    scheduler: Any
    progress: Progress
    info: dict[str, Any]
    best: dict[str, torch.Tensor] | None = None


def _use_bf16(flag: str, device: torch.device) -> bool:
    cuda_bf16 = device.type == "cuda" and torch.cuda.is_bf16_supported()
    if flag == "true" and not cuda_bf16:
        raise ValueError("train.bf16=true needs a CUDA device with bf16")
    return cuda_bf16 if flag == "auto" else flag == "true"


def _use_compile(flag: str, device: torch.device) -> bool:
    return device.type == "cuda" if flag == "auto" else flag == "true"


def setup(args: TrainingArgs, dist: Dist, store: Any, progress: Progress) -> Run:
    device = dist.device()
    bf16 = _use_bf16(args.train.bf16, device)
    flat = args.train.attention == "varlen"
    compiled = _use_compile(args.train.compile, device)
    torch.manual_seed(args.train.seed)  # same LoRA init on every rank
    dtype = torch.bfloat16 if bf16 else None
    base, tokenizer = load_base_model(args, dist, getattr(store, "client", None), dtype, device)
    peft_model = add_lora(base, args, autocast=bf16).to(device)
    torch.manual_seed(args.train.seed + 1 + dist.rank)  # each rank its own dropout stream
    data = args.data
    from ..finetune import read_jsonl_split

    train, dropped_train = encode_all(
        tokenizer, read_jsonl_split(store, data.dataset_version, "train"), data.max_seq_len
    )
    val, dropped_val = encode_all(
        tokenizer, read_jsonl_split(store, data.dataset_version, "validation"), data.max_seq_len
    )
    steps = plan_steps(train, args, dist.world_size)
    optimizer, scheduler = make_optimizer(peft_model, args, len(steps), device)
    model = FlatCausalLM(peft_model, args.train.loss_chunk, compile_loss=compiled) if flat else peft_model
    compiled_layers = compile_layers(peft_model) if compiled else 0
    if dist.enabled:
        ids = [dist.local_rank] if device.type == "cuda" else None
        model = torch.nn.parallel.DistributedDataParallel(model, device_ids=ids)
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id or 0
    info = {
        "dropped": {"train": dropped_train, "validation": dropped_val},
        "examples": {"train": len(train), "validation": len(val)},
        "device": str(device),
        "bf16": bf16,
        "attention": args.train.attention,
        "compiled_layers": compiled_layers,
    }
    progress.event("setup", version=adapter_version(args), planned_steps=len(steps), **info)
    val_batches = epoch_batches(val, *row_shape(args), seed=None)
    return Run(
        args,
        dist,
        store,
        output_prefix(args),
        adapter_version(args),
        device,
        bf16,
        peft_model,
        model,
        flat,
        tokenizer,
        pad_id,
        train,
        val,
        val_batches,
        steps,
        optimizer,
        scheduler,
        progress,
        info,
    )


def _evaluate(run: Run, base: bool = False) -> float:
    # Evaluation is short and runs without gradients: eager, so it costs no second compilation.
    stance = (
        torch.compiler.set_stance("force_eager") if hasattr(torch.compiler, "set_stance") else contextlib.nullcontext()
    )
    with stance:
        return evaluate(
            run.peft_model,
            run.model if run.flat else None,
            run.val_batches,
            run.val,
            run.pad_id,
            run.device,
            run.dist,
            run.autocast,
            run.args.data.max_seq_len,
            base=base,
        )


def resume_or_start(run: Run) -> TrainerState:
    """Newest complete checkpoint, else a fresh state with the base model's validation loss."""
    done = ckpt.complete_steps(run.store, run.prefix)
    if not done:
        base_loss = _evaluate(run, base=True)
        run.progress.event("base_eval", val_loss=base_loss)
        return TrainerState(base_val_loss=base_loss)
    saved = ckpt.load_checkpoint(run.store, run.prefix, done[-1], run.dist.rank)
    load_trainable_state(run.peft_model, saved["adapter"])
    run.optimizer.load_state_dict(saved["optimizer"])
    run.scheduler.load_state_dict(saved["scheduler"])
    if saved["rng"] is not None:
        ckpt.set_rng_state(saved["rng"])
    run.best = saved["best"]
    state = TrainerState(**saved["state"])
    run.info["resumed_from_step"] = state.step
    run.progress.event("resumed", step=state.step, planned_steps=len(run.steps))
    return state


def _micro_loss(run: Run, micro: list) -> torch.Tensor:
    if run.flat:
        return flat_loss(
            run.model, collate_flat(micro, run.train, run.args.data.max_seq_len).to(run.device), run.autocast
        )
    tensors = {k: v.to(run.device) for k, v in collate(micro, run.train, run.pad_id).items()}
    return token_loss(run.model, tensors, run.autocast)


def train_step(run: Run, step: Step) -> torch.Tensor:
    """One optimizer step over this rank's micro-batches; returns the step's global mean loss as a
    device tensor, so the host never waits for the GPU here and queues the next step meanwhile."""
    world, accum = run.dist.world_size, run.args.train.grad_accum
    total = torch.zeros((), dtype=torch.float64, device=run.device)
    mine = step.for_rank(run.dist.rank, accum)
    for i, micro in enumerate(mine):
        # DDP averages gradients over ranks; scaling by world makes the sum a global token mean.
        sync = run.model.no_sync() if run.dist.enabled and i < len(mine) - 1 else contextlib.nullcontext()
        with sync:
            loss = _micro_loss(run, micro)
            (loss * world / step.label_tokens).backward()
        total += loss.detach().double()
    if run.args.train.max_grad_norm > 0:
        torch.nn.utils.clip_grad_norm_(run.optimizer.param_groups[0]["params"], run.args.train.max_grad_norm)
    run.optimizer.step()
    run.scheduler.step()
    run.optimizer.zero_grad(set_to_none=True)
    run.dist.all_reduce_sum(total)
    return total / step.label_tokens


def _evaluate_and_track(run: Run, state: TrainerState) -> float:
    """Validation loss; keep the best adapter; count evaluations without improvement."""
    val_loss = _evaluate(run)
    if state.best_val_loss is None or val_loss < state.best_val_loss:
        state.best_val_loss, state.best_step, state.bad_evals = val_loss, state.step, 0
        run.best = trainable_state(run.peft_model)
    else:
        state.bad_evals += 1
    return val_loss


def _checkpoint(run: Run, state: TrainerState) -> None:
    ckpt.save_rank_rng(run.store, run.prefix, state.step, run.dist.rank)
    run.dist.barrier()  # every rank's RNG is written before the marker makes the step visible
    if run.dist.is_main:
        base = ckpt.save_checkpoint(
            run.store,
            run.prefix,
            state.step,
            adapter=trainable_state(run.peft_model),
            best=run.best,
            optimizer=run.optimizer.state_dict(),
            scheduler=run.scheduler.state_dict(),
            state=dataclasses.asdict(state),
        )
        ckpt.prune_checkpoints(run.store, run.prefix, run.args.train.keep_checkpoints)
        run.progress.event("checkpoint", step=state.step, key=base)
    run.dist.barrier()


class _Window:
    """Steps queued since the host last waited for the GPU. Their losses are read, and throughput
    measured, only at window ends (log, eval, checkpoint, last step): one sync per window."""

    def __init__(self, device: torch.device):
        self.device = device
        self.pending: list[tuple[dict[str, Any], torch.Tensor]] = []
        self.tokens = 0
        self.restart()

    def add(self, point: dict[str, Any], loss: torch.Tensor, tokens: int) -> None:
        self.pending.append((point, loss))
        self.tokens += tokens

    def close(self, state: TrainerState) -> None:
        if self.device.type == "cuda":
            torch.cuda.synchronize(self.device)
        elapsed = time.perf_counter() - self.started
        losses = torch.stack([loss for _, loss in self.pending]).tolist() if self.pending else []
        for (point, _), loss in zip(self.pending, losses, strict=True):
            point["train_loss"] = loss
            point["tokens_per_s"] = self.tokens / elapsed if elapsed > 0 else None
        if self.pending:  # the window's own figures on its last step, for exact throughput sums
            self.pending[-1][0].update(window_s=elapsed, window_steps=len(self.pending), window_tokens=self.tokens)
        state.runtime_s += elapsed
        self.pending, self.tokens = [], 0
        self.restart()

    def restart(self) -> None:
        """Start timing now: what ran since (evaluation, checkpoints) is not training throughput."""
        self.started = time.perf_counter()


def train_loop(run: Run, state: TrainerState) -> None:
    t = run.args.train
    last = len(run.steps)
    window = _Window(run.device)
    while state.step < last and not state.stopped_early:
        step = run.steps[state.step]
        loss = train_step(run, step)
        state.step += 1
        state.tokens += step.tokens
        point = {
            "step": state.step,
            "epoch": step.epoch,
            "train_loss": None,
            "val_loss": None,
            "lr": run.scheduler.get_last_lr()[0],
            "tokens_per_s": None,
            "tokens": state.tokens,
        }
        window.add(point, loss, step.tokens)
        state.curve.append(point)
        evaluating = (t.eval_every > 0 and state.step % t.eval_every == 0) or state.step == last
        checkpointing = t.checkpoint_every > 0 and state.step % t.checkpoint_every == 0 and state.step < last
        logging = state.step % max(1, t.log_every) == 0
        if not (evaluating or checkpointing or logging):
            continue
        window.close(state)
        _stop_if_diverged(run, state)
        if evaluating:
            point["val_loss"] = _evaluate_and_track(run, state)
            state.stopped_early = 0 < t.early_stopping_patience <= state.bad_evals
            window.restart()
        if point["val_loss"] is not None or logging:
            run.progress.event("step", **point)
        if state.stopped_early and state.step < last:
            run.progress.event("early_stop", step=state.step, best_step=state.best_step)
        elif checkpointing:
            _checkpoint(run, state)
            window.restart()


class TrainingDiverged(RuntimeError):
    """The training loss stopped being finite: nothing is written, since every step after it learns nothing."""


def _stop_if_diverged(run: Run, state: TrainerState) -> None:
    """At a window's end (the host has the losses then anyway): a non-finite loss ends the run with the step and
    what to try, instead of training on to a NaN adapter that the gate would only reject hours later."""
    bad = next((p for p in state.curve[-max(1, run.args.train.log_every) :] if not _finite(p["train_loss"])), None)
    if bad is None:
        return
    run.progress.event("diverged", step=bad["step"], train_loss=str(bad["train_loss"]), lr=bad["lr"])
    raise TrainingDiverged(
        f"the training loss is {bad['train_loss']} at step {bad['step']} (learning rate {bad['lr']:.3g}); "
        "no adapter was written. Try a lower train.learning_rate or train.max_grad_norm, and check the base "
        "model: a token whose embedding row is all zeros (a config whose pad_token_id is a token the data uses) "
        "makes gradients overflow in deep models; the last checkpoint, if any, is kept for resuming"
    )


def _finite(value: Any) -> bool:
    return value is not None and math.isfinite(value)


def finish(run: Run, state: TrainerState) -> dict[str, Any]:
    """Rank 0: the best adapter, its config and metrics into the store; checkpoints removed."""
    metrics = {
        "version": run.version,
        "dataset_version": run.args.data.dataset_version,
        "base_model": run.args.model.base_model,
        "base_val_loss": state.base_val_loss,
        "adapter_val_loss": state.best_val_loss,
        "best_step": state.best_step,
        "steps": state.step,
        "planned_steps": len(run.steps),
        "stopped_early": state.stopped_early,
        "tokens": state.tokens,
        "tokens_per_s": state.tokens / state.runtime_s if state.runtime_s else None,
        "runtime_s": state.runtime_s,
        "world_size": run.dist.world_size,
        "curve": state.curve,
        "peak_gpu_mem_gib": (
            torch.cuda.max_memory_allocated(run.device) / 2**30 if run.device.type == "cuda" else None
        ),
        "adapter_uri": run.store.uri(run.prefix),
        "metrics_uri": run.store.uri(f"{run.prefix}/{METRICS}"),
        **run.info,
    }
    if run.dist.is_main:
        if run.best is not None:
            load_trainable_state(run.peft_model, run.best)
        upload_adapter(run.store, run.prefix, run.peft_model, run.tokenizer)
        run.store.put_json(f"{run.prefix}/{TRAINING_CONFIG}", training_config(run.args))
        run.store.put_json(f"{run.prefix}/{METRICS}", metrics)
        if run.store.list(f"{run.prefix}/checkpoints"):  # the adapter is final; resume state is not needed
            run.store.delete_prefix(f"{run.prefix}/checkpoints")
        run.progress.finish(summary(metrics), run.version)
    run.dist.barrier()
    return metrics


def main(args: TrainingArgs) -> dict[str, Any]:
    """Train (or resume, or find already trained) the adapter that ``args`` describe; return metrics."""
    args.validate()
    dist = init_distributed()
    try:
        store = open_store(args.data.store_uri)
        prefix, version = output_prefix(args), adapter_version(args)
        with open_progress(dist.is_main) as progress:
            if store.exists(f"{prefix}/{METRICS}"):  # same inputs, same adapter: nothing to do
                metrics = {**store.get_json(f"{prefix}/{METRICS}"), "reused": True}
                progress.event("already_trained", version=version, key=prefix)
                if dist.is_main:
                    progress.finish(summary(metrics), version)
                return metrics
            run = setup(args, dist, store, progress)
            state = resume_or_start(run)
            train_loop(run, state)
            return finish(run, state)
    finally:
        shutdown(dist)


__all__ = ["TrainerState", "TrainingDiverged", "main"]
