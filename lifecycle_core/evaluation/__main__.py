"""``python -m lifecycle_core.evaluation --config eval.json [--set group.field=value ...]``.

The same command runs as a Dagster Pipes subprocess and in a GPU pod.
"""

from __future__ import annotations

import argparse
import sys

from ..common.settings import ConfigError
from .config import load_args
from .run import main


def parse(argv: list[str] | None = None):
    parser = argparse.ArgumentParser(prog="python -m lifecycle_core.evaluation", description=__doc__)
    parser.add_argument("--config", help="JSON (or YAML) file: {model: {...}, data: {...}, arms: {...}, eval: {...}}")
    parser.add_argument("--set", dest="overrides", action="append", default=[], metavar="GROUP.FIELD=VALUE",
                        help="override one field, e.g. arms.candidate=<adapter version> (repeatable)")  # fmt: skip
    ns = parser.parse_args(argv)
    try:
        return load_args(ns.config, ns.overrides)
    except ConfigError as err:
        parser.error(str(err))


if __name__ == "__main__":
    main(parse())
    sys.exit(0)
