"""Which micro-batches each optimizer step uses, and the learning-rate schedule.

The plan is a pure function of (data, config, world size, seed), so every rank computes the same
one and a resumed run finds its data position from the step number alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch

from .config import TrainingArgs
from .data import Encoded, batch_tokens, epoch_batches


@dataclass(frozen=True)
class Step:
    epoch: int
    micro_batches: tuple  # world_size x grad_accum micro-batches, rank-major
    label_tokens: int  # over all ranks: the loss divisor, so the step's loss is a token mean
    tokens: int  # real (non-pad) tokens over all ranks

    def for_rank(self, rank: int, grad_accum: int) -> tuple:
        return self.micro_batches[rank * grad_accum : (rank + 1) * grad_accum]


def row_shape(args: TrainingArgs) -> tuple[int, int, bool]:
    """(row capacity, micro-batch token budget, packing). The fast path's micro-batch is one flat
    row filled up to the budget; the reference path packs rows of max_seq_len and pads them."""
    if args.train.attention == "varlen":
        return args.train.tokens_per_batch, args.train.tokens_per_batch, True
    return args.data.max_seq_len, args.train.tokens_per_batch, args.data.packing


def plan_steps(encoded: list[Encoded], args: TrainingArgs, world_size: int) -> list[Step]:
    """Epochs of shuffled, packed micro-batches cut into steps; a tail smaller than a step is
    dropped, so every rank always has grad_accum micro-batches (DDP needs equal work)."""
    train = args.train
    per_step = world_size * train.grad_accum
    steps: list[Step] = []
    epoch = 0
    while True:
        batches = epoch_batches(encoded, *row_shape(args), seed=train.seed * 100_003 + epoch)
        if len(batches) < per_step:
            raise ValueError(f"{len(batches)} micro-batches per epoch cannot fill one step of {per_step}")
        for start in range(0, len(batches) - per_step + 1, per_step):
            group = tuple(batches[start : start + per_step])
            counts = [batch_tokens(b, encoded) for b in group]
            steps.append(Step(epoch, group, sum(c[1] for c in counts), sum(c[0] for c in counts)))
            if train.max_steps > 0 and len(steps) == train.max_steps:
                return steps
        epoch += 1
        if train.max_steps <= 0 and epoch >= train.epochs:
            return steps


def warmup_cosine(optimizer: torch.optim.Optimizer, warmup_steps: int, total_steps: int):
    """Linear warmup from 0, then cosine decay to 0 at the last step."""

    def factor(step: int) -> float:
        if step < warmup_steps:
            return (step + 1) / (warmup_steps + 1)
        progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
        return 0.5 * (1.0 + math.cos(math.pi * min(1.0, progress)))

    return torch.optim.lr_scheduler.LambdaLR(optimizer, factor)


def make_optimizer(model: torch.nn.Module, args: TrainingArgs, total_steps: int, device: torch.device):
    params = [p for p in model.parameters() if p.requires_grad]
    # fused AdamW is one kernel per step on CUDA; the CPU build has no fused path worth using
    optimizer = torch.optim.AdamW(
        params, lr=args.train.learning_rate, weight_decay=args.train.weight_decay, fused=device.type == "cuda"
    )
    warmup = math.ceil(args.train.warmup_ratio * total_steps)
    return optimizer, warmup_cosine(optimizer, warmup, total_steps)


__all__ = ["Step", "make_optimizer", "plan_steps", "row_shape", "warmup_cosine"]
