"""Base model + LoRA, the token-summed loss, and validation loss over (a rank's share of) batches."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F
from peft import LoraConfig, get_peft_model

from .config import TrainingArgs
from .data import IGNORE, Encoded, collate
from .distributed import Dist


def default_cache_dir() -> str:
    return str(Path(os.environ.get("LIFECYCLE_HOME", ".lifecycle")) / "models")


def load_base_model(args: TrainingArgs, dist: Dist, s3_client: Any, dtype: torch.dtype | None,
                    device: torch.device):
    """(model, tokenizer) through lifecycle_core.models, so names like "tiny-llama" and s3:// work."""
    from lifecycle_core.models import load_base, resolve_base_model  # heavy; only the trainer needs it

    def resolve() -> str:
        return resolve_base_model(args.model.base_model, args.model.cache_dir or default_cache_dir(),
                                  s3_client=s3_client)

    # One process per node builds or downloads into the shared cache; the others then find it there.
    if dist.local_rank == 0:
        path = resolve()
    dist.barrier()
    if dist.local_rank != 0:
        path = resolve()
    model, tokenizer = load_base(path, dtype=dtype, device=device)
    model.config.use_cache = False  # a KV cache would switch off packed-sequence masking
    return model, tokenizer


def add_lora(model: Any, args: TrainingArgs) -> Any:
    lora = args.lora
    config = LoraConfig(r=lora.r, lora_alpha=lora.alpha, lora_dropout=lora.dropout,
                        target_modules=list(lora.target_modules), task_type="CAUSAL_LM")
    if args.train.gradient_checkpointing:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
        model.enable_input_require_grads()  # frozen embeddings would otherwise cut the graph
    return get_peft_model(model, config)


def trainable_state(model: Any) -> dict[str, torch.Tensor]:
    """The LoRA weights by parameter name, copied to CPU (checkpoints, best-so-far)."""
    return {n: p.detach().to("cpu", copy=True) for n, p in model.named_parameters() if p.requires_grad}


def load_trainable_state(model: Any, state: dict[str, torch.Tensor]) -> None:
    params = dict(model.named_parameters())
    missing = [n for n, p in params.items() if p.requires_grad and n not in state]
    if missing:
        raise ValueError(f"state lacks trainable parameters, e.g. {missing[:3]}")
    with torch.no_grad():
        for name, value in state.items():
            params[name].copy_(value)


def token_loss(model: Any, batch: dict[str, torch.Tensor], autocast: bool) -> torch.Tensor:
    """Sum of next-token cross-entropy over label tokens. Labels shift inside each row; every
    document starts with an ignored label, so no loss ever crosses a document boundary."""
    device = batch["input_ids"].device
    ctx = torch.autocast(device.type, dtype=torch.bfloat16) if autocast else contextlib.nullcontext()
    with ctx:
        logits = model(input_ids=batch["input_ids"], position_ids=batch["position_ids"], use_cache=False).logits
    logits = logits[:, :-1].float()
    target = batch["labels"][:, 1:]
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), target.reshape(-1), ignore_index=IGNORE,
                           reduction="sum")


@torch.no_grad()
def evaluate(model: Any, batches: list, encoded: list[Encoded], pad_id: int, device: torch.device,
             dist: Dist, autocast: bool, base: bool = False) -> float:
    """Token-weighted mean validation loss; ranks split the batches and sum (loss, tokens)."""
    was_training = model.training
    model.eval()
    total = torch.zeros(2, dtype=torch.float64, device=device)
    ctx = model.disable_adapter() if base else contextlib.nullcontext()
    with ctx:
        for batch in batches[dist.rank :: dist.world_size]:
            tensors = {k: v.to(device) for k, v in collate(batch, encoded, pad_id).items()}
            total[0] += token_loss(model, tensors, autocast).double()
            total[1] += (tensors["labels"][:, 1:] != IGNORE).sum()
    dist.all_reduce_sum(total)
    model.train(was_training)
    return float(total[0] / total[1].clamp(min=1))


__all__ = ["add_lora", "default_cache_dir", "evaluate", "load_base_model", "load_trainable_state",
           "token_loss", "trainable_state"]
