"""``python -m lifecycle_core.training --config run.json [--set group.field=value ...]``.

The same command runs as a Dagster Pipes subprocess, in a GPU pod, and under torchrun.
"""

from __future__ import annotations

import argparse
import sys

from .config import ConfigError, load_args
from .train import main


def parse(argv: list[str] | None = None):
    parser = argparse.ArgumentParser(prog="python -m lifecycle_core.training", description=__doc__)
    parser.add_argument("--config", help="JSON (or YAML) file: {model: {...}, data: {...}, lora: {...}, train: {...}}")
    parser.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="GROUP.FIELD=VALUE",
        help="override one field, e.g. train.learning_rate=1e-4 (repeatable)",
    )
    ns = parser.parse_args(argv)
    try:
        return load_args(ns.config, ns.overrides)
    except ConfigError as err:
        parser.error(str(err))


if __name__ == "__main__":
    main(parse())
    sys.exit(0)
