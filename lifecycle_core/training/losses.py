"""Cross-entropy through the output projection without the full-vocabulary logits in float32.

For a 128k vocabulary the logits of a 16k-token micro-batch are 8 GiB in float32, more than the
rest of the step's activations. Here the loss is computed a chunk of rows at a time, and the
gradient with respect to the hidden states (and the projection, if it trains) is computed in the
same pass, so backward only scales what forward left: peak extra memory is one chunk's logits.
Only rows whose next token is a label are passed in; prompt positions never meet the vocabulary.
"""

from __future__ import annotations

from typing import Any

import torch

_compiled_chunk: Any = None


def _chunk_loss_and_grad(hidden: torch.Tensor, weight: torch.Tensor, targets: torch.Tensor):
    """(summed loss, d loss / d logits in the weight's dtype) for one chunk of rows."""
    logits = (hidden @ weight.t()).float()
    lse = torch.logsumexp(logits, dim=-1)
    loss = (lse - logits.gather(1, targets[:, None]).squeeze(1)).sum()
    grad = torch.exp(logits - lse[:, None])
    grad.scatter_add_(1, targets[:, None], torch.full_like(lse[:, None], -1.0))
    return loss, grad.to(weight.dtype)


def _chunk_fn(device: torch.device, compile_chunks: bool):
    global _compiled_chunk
    if not (compile_chunks and device.type == "cuda"):
        return _chunk_loss_and_grad
    if _compiled_chunk is None:
        # One fused pass over the chunk's logits instead of five; chunk sizes vary, so dynamic.
        _compiled_chunk = torch.compile(_chunk_loss_and_grad, dynamic=True)
    return _compiled_chunk


class _LinearCrossEntropy(torch.autograd.Function):
    @staticmethod
    def forward(
        ctx: Any, hidden: torch.Tensor, weight: torch.Tensor, targets: torch.Tensor, chunk: int, compile_chunks: bool
    ) -> torch.Tensor:
        fn = _chunk_fn(hidden.device, compile_chunks)
        ctx.hidden_dtype = hidden.dtype
        hidden = hidden.to(weight.dtype)
        total = torch.zeros((), dtype=torch.float32, device=hidden.device)
        grad_hidden = torch.empty_like(hidden) if ctx.needs_input_grad[0] else None
        grad_weight = torch.zeros_like(weight, dtype=torch.float32) if ctx.needs_input_grad[1] else None
        for start in range(0, hidden.shape[0], chunk):
            rows = hidden[start : start + chunk]
            loss, grad_logits = fn(rows, weight, targets[start : start + chunk])
            total += loss
            if grad_hidden is not None:
                grad_hidden[start : start + chunk] = grad_logits @ weight
            if grad_weight is not None:
                grad_weight += (grad_logits.t() @ rows).float()
        ctx.save_for_backward(grad_hidden, grad_weight)
        ctx.weight_dtype = weight.dtype
        return total

    @staticmethod
    def backward(ctx: Any, grad_output: torch.Tensor):
        grad_hidden, grad_weight = ctx.saved_tensors  # d(loss)/d(input), scaled here by the upstream gradient
        dh = (grad_hidden * grad_output.to(grad_hidden.dtype)).to(ctx.hidden_dtype) if grad_hidden is not None else None
        dw = (grad_weight * grad_output.float()).to(ctx.weight_dtype) if grad_weight is not None else None
        return dh, dw, None, None, None


def linear_cross_entropy(
    hidden: torch.Tensor, weight: torch.Tensor, targets: torch.Tensor, *, chunk: int = 4096, compile_chunks: bool = True
) -> torch.Tensor:
    """Sum over rows of -log softmax(hidden @ weight.T)[target]; hidden [M, H], weight [V, H], targets [M]."""
    if hidden.shape[0] != targets.shape[0]:
        raise ValueError(f"{hidden.shape[0]} rows but {targets.shape[0]} targets")
    if hidden.shape[0] == 0:
        return hidden.sum() * 0.0  # keeps the graph connected for DDP
    with torch.autocast(hidden.device.type, enabled=False):
        return _LinearCrossEntropy.apply(hidden, weight, targets, chunk, compile_chunks)


__all__ = ["linear_cross_entropy"]
