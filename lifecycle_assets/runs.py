"""Guards for steps that commit to shared state: commit only while the run that asked is still alive."""

import os
from collections.abc import Callable

import dagster as dg

LIVE = (dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED)


def commit_fence(context: dg.AssetExecutionContext) -> Callable[[], None]:
    """A check to call right before committing. A step process outlives a killed run worker (and run
    monitoring then marks the run failed); such an orphan must not commit what nobody will record."""
    parent = os.getppid()

    def check() -> None:
        if os.getppid() != parent:
            raise dg.Failure("the run's process is gone; this orphaned step does not commit", allow_retries=False)
        run = context.instance.get_run_by_id(context.run.run_id)
        if run is not None and run.status not in LIVE:
            raise dg.Failure(
                f"run {context.run.run_id} is {run.status.value}; its step does not commit", allow_retries=False
            )

    return check
