"""PNG plots for asset metadata and reports, drawn headless.

`axes()` gives a matplotlib Figure (not pyplot: no global state, so it is safe in threads and never
touches a backend someone chose interactively) and its axes; `png(figure)` renders it.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def axes(width: float = 7, height: float = 4) -> tuple[Figure, Axes]:
    from matplotlib.figure import Figure  # here, not at import: only plotting code pays for matplotlib

    figure = Figure(figsize=(width, height), dpi=100)
    return figure, figure.subplots()


def png(figure: Figure) -> bytes:
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")  # a Figure renders with the Agg canvas, no display needed
    return buffer.getvalue()


__all__ = ["axes", "png"]
