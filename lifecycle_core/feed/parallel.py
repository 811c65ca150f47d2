"""Opt-in process parallelism for big days.

Every line is a pure function of (config, day, source, line number), so slices of a file can be
made in worker processes and yielded in order with the same bytes as a sequential run. Workers
are forked where the OS allows: "spawn" would re-run a caller's unguarded script (no
`if __name__ == "__main__"`), and the workers only run this package's pure code.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor

PARALLEL_CHUNK = 5_000  # lines per task: ~6 MB of conversations, amortizes pickling, bounds memory


def parallel_lines(
    task: Callable[..., list[bytes]], args: tuple, total: int, workers: int, chunk: int
) -> Iterator[bytes]:
    """Yield task(*args, start, stop) for consecutive [start, stop) slices of range(total), in order.

    At most 2 * workers slices are in flight, so memory stays bounded however large `total` is.
    """
    starts = iter(range(0, total, chunk))
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method)) as pool:
        pending = deque()
        for start in starts:
            pending.append(pool.submit(task, *args, start, min(start + chunk, total)))
            if len(pending) >= 2 * workers:
                break
        try:
            while pending:
                lines = pending.popleft().result()
                start = next(starts, None)
                if start is not None:
                    pending.append(pool.submit(task, *args, start, min(start + chunk, total)))
                yield from lines
        finally:  # the consumer stopped early: drop queued slices instead of computing them
            for future in pending:
                future.cancel()
