"""One module per stage of the model's life; each ends with `defs()` listing what it owns."""

from collections.abc import Mapping
from typing import Any

import dagster as dg

from lifecycle_assets import finetune, raw, training, warehouse


def defs(training_defaults: Mapping[str, Any]) -> dg.Definitions:
    """Every stage's assets and checks; `training_defaults` are the profile's adapter settings."""
    return dg.Definitions.merge(raw.defs(), warehouse.defs(), finetune.defs(), training.defs(training_defaults))
