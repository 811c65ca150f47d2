"""Padding-free micro-batches: examples laid end to end in one row, attention kept inside each one.

A micro-batch is one flat row of up to ``train.tokens_per_batch`` tokens, with the boundaries
given as cumulative lengths (``cu_seqlens``, as flash-attention's varlen kernels take them). The
attention is registered with transformers' ``AttentionInterface``, so the model code is the
library's own (any architecture that dispatches through it) and only the kernel is swapped:
on CUDA, PyTorch's flash varlen kernel (no mask is ever built: attention costs what the documents
cost, not the row squared); on CPU, SDPA per document, which tests compare against the reference.
"""

from __future__ import annotations

import inspect
import itertools
from dataclasses import dataclass
from typing import Any

import torch
import torch.nn.functional as F

from .data import IGNORE, Encoded

ATTENTION_NAME = "lifecycle_varlen"


@dataclass
class FlatBatch:
    input_ids: torch.Tensor  # [1, T]
    position_ids: torch.Tensor  # [1, T], restarting at 0 for each document
    cu_seqlens: torch.Tensor  # [docs + 1] int32
    loss_index: torch.Tensor  # [M] positions whose next token is a label
    targets: torch.Tensor  # [M] those next tokens
    # Bound on a document's length (sizes the kernel's grid). Kept at data.max_seq_len: the longest
    # document of each batch saved ~1% of GPU time at 16k tokens and cost more in host time.
    max_len: int

    def to(self, device: torch.device) -> FlatBatch:
        move = {"non_blocking": True}
        return FlatBatch(
            self.input_ids.to(device, **move),
            self.position_ids.to(device, **move),
            self.cu_seqlens.to(device, **move),
            self.loss_index.to(device, **move),
            self.targets.to(device, **move),
            self.max_len,
        )

    @property
    def label_tokens(self) -> int:
        return int(self.targets.numel())


def collate_flat(batch: list[list[int]], encoded: list[Encoded], max_len: int) -> FlatBatch:
    """The examples of a micro-batch (its rows, flattened) as one padding-free row."""
    docs = [encoded[i] for row in batch for i in row]
    ids: list[int] = []
    labels: list[int] = []
    positions: list[int] = []
    cu = [0]
    for doc in docs:
        ids += doc.input_ids
        labels += doc.labels
        positions += range(len(doc))
        cu.append(cu[-1] + len(doc))
    next_labels = torch.tensor(labels[1:] + [IGNORE])
    # Each document's first label is IGNORE (data.encode), so no kept position predicts across a boundary.
    loss_index = torch.nonzero(next_labels != IGNORE).squeeze(1)
    pin = torch.cuda.is_available()  # pinned host memory lets the copy overlap the previous step

    def tensor(values: Any, dtype: torch.dtype) -> torch.Tensor:
        t = torch.as_tensor(values, dtype=dtype)
        return t.pin_memory() if pin else t

    return FlatBatch(
        tensor([ids], torch.long),
        tensor([positions], torch.long),
        tensor(cu, torch.int32),
        tensor(loss_index, torch.long),
        tensor(next_labels[loss_index], torch.long),
        max_len,
    )


def _varlen_kernel() -> tuple[Any, dict[str, Any], bool]:
    """torch's varlen_attn and the keywords that make it causal; its signature moved between releases."""
    try:
        from torch.nn.attention.varlen import varlen_attn
    except ImportError as err:
        raise RuntimeError(
            f"train.attention=varlen on CUDA needs torch.nn.attention.varlen (torch >= 2.10; this "
            f"is {torch.__version__}); use train.attention=hf"
        ) from err

    params = inspect.signature(varlen_attn).parameters
    causal = {"is_causal": True} if "is_causal" in params else {"window_size": (-1, 0)}
    return varlen_attn, causal, "enable_gqa" in params


_KERNEL: tuple[Any, dict[str, Any], bool] | None = None


def varlen_attention_forward(
    module: torch.nn.Module,
    query: torch.Tensor,
    key: torch.Tensor,
    value: torch.Tensor,
    attention_mask: torch.Tensor | None,
    scaling: float | None = None,
    dropout: float = 0.0,
    **kwargs: Any,
) -> tuple[torch.Tensor, None]:
    """transformers attention-interface function: [1, H, T, D] in, [1, T, H, D] out, per document causal."""
    cu = kwargs.get("cu_seq_lens_q")
    if cu is None or query.shape[0] != 1:
        raise ValueError(f"{ATTENTION_NAME} attention needs one flat row and cu_seq_lens_q (see packed.collate_flat)")
    max_len = kwargs["max_length_q"]
    q, k, v = (t.transpose(1, 2)[0] for t in (query, key, value))  # [T, H, D]
    groups = q.shape[1] // k.shape[1]
    if q.is_cuda:
        if _KERNEL is None:
            raise RuntimeError("register_varlen_attention() was not called after CUDA became available")
        kernel, causal, native_gqa = _KERNEL
        if groups > 1 and not native_gqa:
            k, v = (t.repeat_interleave(groups, dim=1) for t in (k, v))
        extra = {"enable_gqa": True} if groups > 1 and native_gqa else {}
        out = kernel(q.contiguous(), k.contiguous(), v.contiguous(), cu, cu, max_len, max_len, **causal, **extra)
    else:
        out = _per_document_sdpa(q, k, v, cu, groups, scaling)
    return out.unsqueeze(0), None


def _per_document_sdpa(
    q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, cu: torch.Tensor, groups: int, scaling: float | None
) -> torch.Tensor:
    bounds = cu.tolist()
    if groups > 1:
        k, v = (t.repeat_interleave(groups, dim=1) for t in (k, v))
    parts = []
    for start, end in itertools.pairwise(bounds):
        qd, kd, vd = (t[start:end].transpose(0, 1) for t in (q, k, v))  # [H, L, D]
        parts.append(F.scaled_dot_product_attention(qd, kd, vd, is_causal=True, scale=scaling).transpose(0, 1))
    return torch.cat(parts, dim=0)


def register_varlen_attention() -> str:
    """Make ``ATTENTION_NAME`` a valid ``attn_implementation``; returns the name."""
    from transformers import AttentionInterface

    global _KERNEL
    if torch.cuda.is_available() and _KERNEL is None:
        _KERNEL = _varlen_kernel()  # resolved here, not in the (compiled) forward
    AttentionInterface.register(ATTENTION_NAME, varlen_attention_forward)
    return ATTENTION_NAME


__all__ = ["ATTENTION_NAME", "FlatBatch", "collate_flat", "register_varlen_attention", "varlen_attention_forward"]
