"""``python -m lifecycle_core.evaluation --config eval.json [--set group.field=value ...]``.

The same command runs as a Dagster Pipes subprocess and in a GPU pod.
"""

from __future__ import annotations

import sys

from ..common.settings import parse_entrypoint
from .config import load_args
from .run import main


def parse(argv: list[str] | None = None):
    return parse_entrypoint(
        argv,
        prog="python -m lifecycle_core.evaluation",
        description=__doc__,
        groups="{model: {...}, data: {...}, arms: {...}, eval: {...}}",
        example="arms.candidate=<adapter version>",
        load=load_args,
    )


if __name__ == "__main__":
    main(parse())
    sys.exit(0)
