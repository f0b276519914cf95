"""The shared look of every figure: a colour-blind-safe palette, markers, colour maps,
and small helpers for making axes and grids."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb

#: Okabe–Ito colour-blind-safe palette (blue, orange, bluish green, vermillion,
#: reddish purple, sky blue, yellow, black). Class k is drawn in ``PALETTE[k]``.
PALETTE: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#000000",
)
#: Marker for class k, so classes differ by shape as well as colour.
MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X", "*")
#: Line styles cycled together with the palette for several curves.
LINESTYLES: tuple[str, ...] = ("-", "--", "-.", ":")
#: Colours for optimisation paths; they stand out against the viridis contours.
PATH_COLOURS: tuple[str, ...] = ("#D55E00", "#000000", "#CC79A7", "#E69F00")
#: Colour map for signed values (weights): blue < 0 < red, white at 0.
DIVERGING_CMAP = "RdBu_r"
#: Colour map for non-negative values (counts, function values).
SEQUENTIAL_CMAP = "viridis"


def _new_ax(ax: Axes | None, figsize: tuple[float, float] = (5.0, 4.0)) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    elif not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}")
    return ax


def _light(colour: str, amount: float = 0.6) -> tuple[float, float, float]:
    """Mix ``colour`` with white (amount 0 = colour, 1 = white)."""
    rgb = np.array(to_rgb(colour))
    return tuple(rgb + (1.0 - rgb) * amount)


def _grid(
    X: np.ndarray, resolution: int, padding: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lo, hi = X.min(axis=0), X.max(axis=0)
    span = np.where(hi > lo, hi - lo, 1.0)
    lo, hi = lo - padding * span, hi + padding * span
    g1, g2 = np.meshgrid(
        np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution)
    )
    return g1, g2, np.column_stack([g1.ravel(), g2.ravel()])


# --------------------------------------------------------------------------- decision regions
