"""One module per stage of the model's life; each ends with `defs()` listing what it owns."""

import dagster as dg

from lifecycle_assets import finetune, raw, training, warehouse


def defs() -> dg.Definitions:
    return dg.Definitions.merge(raw.defs(), warehouse.defs(), finetune.defs(), training.defs())
