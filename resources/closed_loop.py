"""The closed loop's settings as resources: the drift sensor's (LoopConfig) and the canary sensor's (CanaryConfig)."""

from __future__ import annotations

import dagster as dg

from lifecycle_core.monitoring.canary import CanaryConfig
from lifecycle_core.monitoring.loop import LoopConfig
from resources.settings import config_class, to_dataclass


class ClosedLoopResource(config_class(LoopConfig, dg.ConfigurableResource, "LoopFields")):
    """When drift retrains and at what canary share (fields: LoopConfig)."""

    def settings(self) -> LoopConfig:
        return to_dataclass(self, LoopConfig)


class CanaryPolicyResource(config_class(CanaryConfig, dg.ConfigurableResource, "CanaryFields")):
    """When the canary is judged and what makes it worse than production (fields: CanaryConfig)."""

    def settings(self) -> CanaryConfig:
        return to_dataclass(self, CanaryConfig)


__all__ = ["CanaryPolicyResource", "ClosedLoopResource"]
