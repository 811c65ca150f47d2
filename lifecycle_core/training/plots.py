"""The training run's loss curve, for the adapter's metadata."""

from __future__ import annotations

from ..common.plots import axes, png


def loss_curve_png(curve: list[dict], base_val_loss: float | None = None) -> bytes:
    """Train and validation loss by step; the base model's validation loss as a reference line."""
    figure, axis = axes()
    train = [(p["step"], p["train_loss"]) for p in curve if p.get("train_loss") is not None]
    val = [(p["step"], p["val_loss"]) for p in curve if p.get("val_loss") is not None]
    if train:
        axis.plot(*zip(*train), label="train loss", linewidth=1)
    if val:
        axis.plot(*zip(*val), marker="o", label="validation loss")
    if base_val_loss is not None:
        axis.axhline(base_val_loss, color="grey", linestyle="--", label=f"base model ({base_val_loss:.3f})")
    axis.set_xlabel("optimizer step")
    axis.set_ylabel("cross-entropy (assistant tokens)")
    axis.legend()
    axis.grid(alpha=0.3)
    return png(figure)


__all__ = ["loss_curve_png"]
