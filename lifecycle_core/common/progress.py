"""Progress reports: to Dagster through Pipes when launched by it, else JSON lines on stdout.

Under Pipes each event is one readable line in the run log ("step 10/40  loss 7.72  val 7.58
1.8k tok/s"), said once; the structured values go to the materialization and metrics.json. The
only module of lifecycle_core that may import dagster_pipes (a tiny dependency-free package), and
only when the DAGSTER_PIPES_CONTEXT variable says a Dagster run is listening.
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


def _thousands(value: float) -> str:
    return f"{value / 1000:.1f}k" if value >= 1000 else f"{value:.0f}"


def readable(record: dict[str, Any], planned_steps: int | None = None) -> str:
    """One event as a person reads it in a run log."""
    event, of = record.get("event"), f"/{planned_steps}" if planned_steps else ""
    if event == "step":
        parts = [f"step {record['step']}{of}", f"loss {record['train_loss']:.2f}" if record.get("train_loss") else ""]
        if record.get("val_loss") is not None:
            parts.append(f"val {record['val_loss']:.2f}")
        if record.get("tokens_per_s"):
            parts.append(f"{_thousands(record['tokens_per_s'])} tok/s")
        return "  ".join(p for p in parts if p)
    if event == "setup":
        examples = record.get("examples", {})
        return (
            f"training adapter {record.get('version')}: {record.get('planned_steps')} steps over "
            f"{examples.get('train', '?')} examples ({examples.get('validation', '?')} for validation) on "
            f"{record.get('device')}, attention {record.get('attention')}, bf16 {record.get('bf16')}"
        )
    if event == "base_eval":
        return f"base model validation loss {record['val_loss']:.3f}"
    if event == "resumed":
        return f"resumed from the checkpoint at step {record['step']}{of}"
    if event == "checkpoint":
        return f"checkpoint at step {record['step']}{of}"
    if event == "early_stop":
        return f"stopped early at step {record['step']}{of}: no better validation loss since step {record.get('best_step')}"
    if event == "already_trained":
        return f"adapter {record.get('version')} is already complete at {record.get('key')}: nothing to train"
    if event == "materialization":
        return f"{record.get('data_version')} written"
    if event == "message":
        return record["text"]
    return f"{event}: {json.dumps({k: v for k, v in record.items() if k != 'event'}, default=str)}"


class PipesProgress(Progress):
    """Events as readable Pipes log lines; the result as the asset's materialization with its data version."""

    def __init__(self, pipes: Any):
        self.pipes = pipes
        self.planned_steps: int | None = None

    def _emit(self, record: dict[str, Any]) -> None:
        self.planned_steps = record.get("planned_steps", self.planned_steps)
        self.pipes.log.info(readable(record, self.planned_steps))  # once: not also on stdout

    def finish(self, metadata: dict[str, Any], data_version: str) -> None:
        self._emit({"event": "materialization", "data_version": data_version})
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


__all__ = ["PIPES_ENV", "PipesProgress", "Progress", "SilentProgress", "open_progress", "pipes_metadata", "readable"]
