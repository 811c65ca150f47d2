"""Wait for the given Dagster runs to finish; print each outcome, and exit 1 if any did not succeed.

    python scripts/wait_for_runs.py [--daemon-pid PID] RUN_ID [RUN_ID ...]   (DAGSTER_HOME is the instance)

With --daemon-pid, stop waiting (and fail) if the daemon that launches queued runs has died.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import dagster as dg

DONE = {dg.DagsterRunStatus.SUCCESS, dg.DagsterRunStatus.FAILURE, dg.DagsterRunStatus.CANCELED}


def _alive(pid: int | None) -> bool:
    if pid is None:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def wait(run_ids: list[str], daemon_pid: int | None = None, timeout_s: float = 3600) -> bool:
    instance, deadline, pending = dg.DagsterInstance.get(), time.monotonic() + timeout_s, dict.fromkeys(run_ids)
    while pending and time.monotonic() < deadline:
        if not _alive(daemon_pid):
            print(f"the daemon (pid {daemon_pid}) has stopped; see its log", file=sys.stderr)
            return False
        for run_id in list(pending):
            run = instance.get_run_by_id(run_id)
            if run is not None and run.status in DONE:
                pending.pop(run_id)
                print(f"{run.job_name} ({run_id[:8]}): {run.status.value}", flush=True)
                if run.status != dg.DagsterRunStatus.SUCCESS:
                    for event in instance.all_logs(run_id, of_type=dg.DagsterEventType.STEP_FAILURE):
                        print(f"  {event.step_key}: {event.dagster_event.event_specific_data.error.message.strip()}")
                    return False
        time.sleep(1)
    if pending:
        print(f"still not finished after {timeout_s:.0f} s: {', '.join(pending)}", file=sys.stderr)
    return not pending


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--daemon-pid", type=int)
    parser.add_argument("run_ids", nargs="+")
    arguments = parser.parse_args()
    sys.exit(0 if wait(arguments.run_ids, arguments.daemon_pid) else 1)
