"""Settings of the closed loop: when drift retrains, how the new version is canaried, how often sensors look."""

from __future__ import annotations

from dataclasses import dataclass

from ..common.settings import setting


@dataclass(frozen=True)
class LoopConfig:
    """What the drift sensor and the canary sensor do on their own."""

    retrain_cooldown_minutes: float = setting(
        360.0, "After a retrain_job starts, drift does not start another for this long (a retrain takes hours on GPUs)."
    )
    act_on_days: int = setting(
        3, "Only drift reports of the last this many days retrain: a backfill of old days reports, but does not act."
    )
    canary_share: float = setting(0.1, "Share of members (sticky) the retrained candidate serves as canary.")
    sensor_interval_s: int = setting(60, "How often the drift and canary sensors look (seconds).")

    def __post_init__(self) -> None:
        if not 0.0 < self.canary_share <= 1.0:
            raise ValueError("canary_share must be in (0, 1]")
        if self.retrain_cooldown_minutes < 0 or self.act_on_days < 1 or self.sensor_interval_s < 1:
            raise ValueError("retrain_cooldown_minutes >= 0, act_on_days >= 1 and sensor_interval_s >= 1")


__all__ = ["LoopConfig"]
