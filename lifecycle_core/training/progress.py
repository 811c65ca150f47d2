"""Progress reports: to Dagster through Pipes when launched by it, else JSON lines on stdout.

The only module of lifecycle_core that may import dagster_pipes (a tiny dependency-free package),
and only when the DAGSTER_PIPES_CONTEXT variable says a Dagster run is listening.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from typing import Any

PIPES_ENV = "DAGSTER_PIPES_CONTEXT"


class Progress:
    """JSON lines on stdout: readable by people, by tests and by any log collector."""

    def event(self, name: str, **fields: Any) -> None:
        self._emit({"event": name, **fields})

    def finish(self, metadata: dict[str, Any], data_version: str) -> None:
        self._emit({"event": "materialization", "data_version": data_version, "metadata": metadata})

    def _emit(self, record: dict[str, Any]) -> None:
        print(json.dumps(record, default=str), flush=True)


class PipesProgress(Progress):
    """Events as Pipes log lines; the result as the asset's materialization with its data version."""

    def __init__(self, pipes: Any):
        self.pipes = pipes

    def _emit(self, record: dict[str, Any]) -> None:
        super()._emit(record)  # stdout too: the pod's own log stays complete
        self.pipes.log.info(json.dumps(record, default=str))

    def finish(self, metadata: dict[str, Any], data_version: str) -> None:
        super()._emit({"event": "materialization", "data_version": data_version})
        self.pipes.report_asset_materialization(metadata=pipes_metadata(metadata), data_version=data_version)


class SilentProgress(Progress):
    """For ranks other than 0: one voice per run."""

    def _emit(self, record: dict[str, Any]) -> None:
        pass


def pipes_metadata(metadata: dict[str, Any]) -> dict[str, Any]:
    """Pipes infers scalars; nested values must be declared JSON or Pipes rejects them."""
    return {k: {"raw_value": v, "type": "json"} if isinstance(v, dict | list) else v for k, v in metadata.items()}


@contextlib.contextmanager
def open_progress(is_main: bool = True) -> Iterator[Progress]:
    if not is_main:
        yield SilentProgress()
        return
    if os.environ.get(PIPES_ENV):
        from dagster_pipes import open_dagster_pipes

        with open_dagster_pipes() as pipes:
            yield PipesProgress(pipes)
        return
    yield Progress()


__all__ = ["PIPES_ENV", "PipesProgress", "Progress", "SilentProgress", "open_progress", "pipes_metadata"]
