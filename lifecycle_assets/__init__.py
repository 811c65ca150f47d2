"""One module per stage of the model's life; each ends with `defs()` listing what it owns."""

from collections.abc import Mapping
from typing import Any

import dagster as dg

from lifecycle_assets import (
    evaluation,
    finetune,
    guardrails,
    monitoring,
    personalization,
    rag,
    raw,
    registry,
    serving,
    training,
    warehouse,
)


def defs(
    daily: dg.PartitionsDefinition,
    training_defaults: Mapping[str, Any],
    evaluation_defaults: Mapping[str, Any] | None = None,
) -> dg.Definitions:
    """Every stage's assets and checks, on the profile's daily partitions, adapter and evaluation settings."""
    return dg.Definitions.merge(
        raw.defs(daily),
        warehouse.defs(daily),
        finetune.defs(),
        training.defs(training_defaults),
        evaluation.defs(evaluation_defaults),
        registry.defs(),
        personalization.defs(),
        rag.defs(),
        guardrails.defs(),
        serving.defs(),
        monitoring.defs(daily),
    )
