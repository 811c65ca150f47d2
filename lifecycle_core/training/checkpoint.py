"""Checkpoints in the object store: ``<prefix>/checkpoints/step-<n>/``, COMPLETE written last.

A run killed mid-write leaves a folder without COMPLETE, which resume ignores; so a pod can be
preempted at any moment and the next one continues from the newest complete step.
"""

from __future__ import annotations

import io
import random
import re
from typing import Any

import numpy as np
import torch
from safetensors.torch import load as load_safetensors
from safetensors.torch import save as save_safetensors

from ..store import ObjectStore

MARKER = "COMPLETE"
_STEP_DIR = re.compile(r"step-(\d+)/$")


def checkpoint_prefix(prefix: str, step: int) -> str:
    return f"{prefix}/checkpoints/step-{step:08d}"


def _tensor_bytes(obj: Any) -> bytes:
    buf = io.BytesIO()
    torch.save(obj, buf)
    return buf.getvalue()


def _load(data: bytes) -> Any:
    # Our own files; weights_only=False because optimizer and RNG states hold plain Python objects.
    return torch.load(io.BytesIO(data), map_location="cpu", weights_only=False)


def rng_state() -> dict[str, Any]:
    state = {"python": random.getstate(), "numpy": np.random.get_state(), "torch": torch.get_rng_state()}
    if torch.cuda.is_available():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def set_rng_state(state: dict[str, Any]) -> None:
    random.setstate(state["python"])
    np.random.set_state(state["numpy"])
    torch.set_rng_state(state["torch"])
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])


def save_rank_rng(store: ObjectStore, prefix: str, step: int, rank: int) -> None:
    """Every rank keeps its own dropout stream; written before rank 0 writes the marker."""
    store.put_bytes(f"{checkpoint_prefix(prefix, step)}/rng-rank{rank}.pt", _tensor_bytes(rng_state()))


def save_checkpoint(
    store: ObjectStore,
    prefix: str,
    step: int,
    *,
    adapter: dict[str, torch.Tensor],
    best: dict[str, torch.Tensor] | None,
    optimizer: dict,
    scheduler: dict,
    state: dict[str, Any],
) -> str:
    """Rank 0: weights, optimizer, scheduler, trainer state, then the marker."""
    base = checkpoint_prefix(prefix, step)
    store.put_bytes(f"{base}/adapter.safetensors", save_safetensors(adapter))
    if best is not None:
        store.put_bytes(f"{base}/best_adapter.safetensors", save_safetensors(best))
    store.put_bytes(f"{base}/optimizer.pt", _tensor_bytes(optimizer))
    store.put_bytes(f"{base}/scheduler.pt", _tensor_bytes(scheduler))
    store.put_json(f"{base}/trainer_state.json", state)
    store.put_bytes(f"{base}/{MARKER}", b"")
    return base


def complete_steps(store: ObjectStore, prefix: str) -> list[int]:
    steps = []
    for d in store.list_dirs(f"{prefix}/checkpoints"):
        m = _STEP_DIR.search(d)
        if m and store.exists(f"{d}{MARKER}"):
            steps.append(int(m.group(1)))
    return sorted(steps)


def load_checkpoint(store: ObjectStore, prefix: str, step: int, rank: int) -> dict[str, Any]:
    base = checkpoint_prefix(prefix, step)
    best_key = f"{base}/best_adapter.safetensors"
    rng_key = f"{base}/rng-rank{rank}.pt"
    return {
        "adapter": load_safetensors(store.get_bytes(f"{base}/adapter.safetensors")),
        "best": load_safetensors(store.get_bytes(best_key)) if store.exists(best_key) else None,
        "optimizer": _load(store.get_bytes(f"{base}/optimizer.pt")),
        "scheduler": _load(store.get_bytes(f"{base}/scheduler.pt")),
        "state": store.get_json(f"{base}/trainer_state.json"),
        # A rank added since the checkpoint has no stream of its own; it keeps its fresh seed.
        "rng": _load(store.get_bytes(rng_key)) if store.exists(rng_key) else None,
    }


def prune_checkpoints(store: ObjectStore, prefix: str, keep: int) -> None:
    """Drop all but the newest ``keep`` complete checkpoints, and incomplete ones older than them."""
    steps = complete_steps(store, prefix)
    if keep <= 0 or not steps:
        return
    newest_kept = steps[-keep:]
    for d in store.list_dirs(f"{prefix}/checkpoints"):
        m = _STEP_DIR.search(d)
        if m and int(m.group(1)) < newest_kept[0]:
            store.delete_prefix(d)


__all__ = [
    "MARKER",
    "checkpoint_prefix",
    "complete_steps",
    "load_checkpoint",
    "prune_checkpoints",
    "save_checkpoint",
    "save_rank_rng",
    "set_rng_state",
]
