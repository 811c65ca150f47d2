"""Base model + LoRA, the token-summed loss (fast flat path or the reference), validation loss."""

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
from .losses import linear_cross_entropy
from .packed import ATTENTION_NAME, FlatBatch, collate_flat, register_varlen_attention


def default_cache_dir() -> str:
    return str(Path(os.environ.get("LIFECYCLE_HOME", ".lifecycle")) / "models")


def load_base_model(args: TrainingArgs, dist: Dist, s3_client: Any, dtype: torch.dtype | None, device: torch.device):
    """(model, tokenizer) through lifecycle_core.models, so names like "tiny-llama" and s3:// work."""
    from lifecycle_core.models import load_base, resolve_base_model  # heavy; only the trainer needs it

    def resolve() -> str:
        return resolve_base_model(
            args.model.base_model, args.model.cache_dir or default_cache_dir(), s3_client=s3_client
        )

    # One process per node builds or downloads into the shared cache; the others then find it there.
    if dist.local_rank == 0:
        path = resolve()
    dist.barrier()
    if dist.local_rank != 0:
        path = resolve()
    attention = register_varlen_attention() if args.train.attention == "varlen" else None
    model, tokenizer = load_base(path, dtype=dtype, device=device, attn_implementation=attention)
    model.config.use_cache = False  # a KV cache would switch off packed-sequence masking
    return model, tokenizer


def add_lora(model: Any, args: TrainingArgs, autocast: bool = False) -> Any:
    lora = args.lora
    config = LoraConfig(
        r=lora.r,
        lora_alpha=lora.alpha,
        lora_dropout=lora.dropout,
        target_modules=list(lora.target_modules),
        task_type="CAUSAL_LM",
    )
    if args.train.gradient_checkpointing:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
        model.enable_input_require_grads()  # frozen embeddings would otherwise cut the graph
    peft_model = get_peft_model(model, config)
    if autocast:
        # peft upcasts each layer's input to the float32 LoRA weights, and autocast casts it straight
        # back to bf16 for the matmul: two full passes over the activations per projection for nothing.
        for module in peft_model.modules():
            if hasattr(module, "cast_input_dtype_enabled"):
                module.cast_input_dtype_enabled = False
    return peft_model


def compile_layers(peft_model: Any) -> int:
    """torch.compile each decoder layer in place (parameter names unchanged); returns how many.

    Layers share one compiled graph; the row length varies by micro-batch, so shapes are dynamic.
    """
    layers = getattr(peft_model.get_base_model().get_decoder(), "layers", None)
    if layers is None:
        return 0
    for layer in layers:
        layer.compile(dynamic=True)
    return len(layers)


class FlatCausalLM(torch.nn.Module):
    """forward(flat batch) -> summed next-token loss over label tokens.

    What DDP wraps in the fast path: the decoder runs on one padding-free row with varlen attention,
    and only the hidden states of positions that predict a label meet the output projection.
    """

    def __init__(self, peft_model: Any, loss_chunk: int = 4096, compile_loss: bool = False):
        super().__init__()
        self.peft_model = peft_model
        self.loss_chunk = loss_chunk
        self.compile_loss = compile_loss
        base = peft_model.get_base_model()
        for unsupported in ("final_logit_softcapping", "logit_scale"):
            if getattr(base.config, unsupported, None):
                raise ValueError(f"{type(base).__name__} uses {unsupported}; train it with train.attention=hf")
        if getattr(base.get_output_embeddings(), "bias", None) is not None:
            raise ValueError("an output projection with a bias needs train.attention=hf")

    def forward(
        self,
        input_ids: torch.Tensor,
        position_ids: torch.Tensor,
        cu_seqlens: torch.Tensor,
        loss_index: torch.Tensor,
        targets: torch.Tensor,
        max_len: int,
    ) -> torch.Tensor:
        base = self.peft_model.get_base_model()
        hidden = base.get_decoder()(
            input_ids=input_ids,
            position_ids=position_ids,
            use_cache=False,
            cu_seq_lens_q=cu_seqlens,
            cu_seq_lens_k=cu_seqlens,
            max_length_q=max_len,
            max_length_k=max_len,
        ).last_hidden_state
        rows = hidden[0].index_select(0, loss_index)
        return linear_cross_entropy(
            rows, base.get_output_embeddings().weight, targets, chunk=self.loss_chunk, compile_chunks=self.compile_loss
        )


def flat_loss(model: Any, batch: FlatBatch, autocast: bool) -> torch.Tensor:
    """Summed loss of a flat batch through a FlatCausalLM (or its DDP wrapper)."""
    ctx = torch.autocast(batch.input_ids.device.type, dtype=torch.bfloat16) if autocast else contextlib.nullcontext()
    with ctx:
        return model(
            batch.input_ids, batch.position_ids, batch.cu_seqlens, batch.loss_index, batch.targets, batch.max_len
        )


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
    return F.cross_entropy(
        logits.reshape(-1, logits.shape[-1]), target.reshape(-1), ignore_index=IGNORE, reduction="sum"
    )


@torch.no_grad()
def evaluate(
    peft_model: Any,
    flat_model: Any | None,
    batches: list,
    encoded: list[Encoded],
    pad_id: int,
    device: torch.device,
    dist: Dist,
    autocast: bool,
    max_len: int,
    base: bool = False,
) -> float:
    """Token-weighted mean validation loss; ranks split the batches and sum (loss, tokens).

    Through ``flat_model`` (the fast path) when given, else the reference path on ``peft_model``.
    """
    was_training = peft_model.training
    peft_model.eval()
    total = torch.zeros(2, dtype=torch.float64, device=device)
    ctx = peft_model.disable_adapter() if base else contextlib.nullcontext()
    with ctx:
        for batch in batches[dist.rank :: dist.world_size]:
            if flat_model is not None:
                flat = collate_flat(batch, encoded, max_len).to(device)
                total[0] += flat_loss(flat_model, flat, autocast).double()
                total[1] += flat.label_tokens
            else:
                tensors = {k: v.to(device) for k, v in collate(batch, encoded, pad_id).items()}
                total[0] += token_loss(peft_model, tensors, autocast).double()
                total[1] += (tensors["labels"][:, 1:] != IGNORE).sum()
    dist.all_reduce_sum(total)
    peft_model.train(was_training)
    return float(total[0] / total[1].clamp(min=1))


__all__ = [
    "ATTENTION_NAME",
    "FlatCausalLM",
    "add_lora",
    "compile_layers",
    "default_cache_dir",
    "evaluate",
    "flat_loss",
    "load_base_model",
    "load_trainable_state",
    "token_loss",
    "trainable_state",
]
