"""``python -m lifecycle_core.training --config run.json [--set group.field=value ...]``.

The same command runs as a Dagster Pipes subprocess, in a GPU pod, and under torchrun.
"""

from __future__ import annotations

import sys

from ..common.settings import parse_entrypoint
from .config import load_args
from .train import main


def parse(argv: list[str] | None = None):
    return parse_entrypoint(
        argv,
        prog="python -m lifecycle_core.training",
        description=__doc__,
        groups="{model: {...}, data: {...}, lora: {...}, train: {...}}",
        example="train.learning_rate=1e-4",
        load=load_args,
    )


if __name__ == "__main__":
    main(parse())
    sys.exit(0)
