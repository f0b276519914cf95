"""Weights shown as images (one tile per hidden unit)."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from mlp._validate import as_float_array, check_int

from .style import (
    DIVERGING_CMAP,
)


def weight_images(
    W: object,
    *,
    shape: tuple[int, int] = (28, 28),
    n: int | None = None,
    ncols: int | None = None,
    fig: Figure | None = None,
    title: str | None = None,
    cmap: str = DIVERGING_CMAP,
    colorbar: bool = True,
) -> tuple[Figure, np.ndarray]:
    """Show the incoming weights of units as images.

    Row j of ``W`` (shape ``(out, in)``, as stored by the network) holds unit
    j's incoming weights; it is reshaped to ``shape`` and drawn with a
    diverging colour map whose centre (white) is weight 0. All images share one
    symmetric colour scale ``[-m, m]`` with ``m = max |w|`` so they can be compared.

    Parameters
    ----------
    W : array_like, shape (n_units, shape[0] * shape[1])
        Weight matrix (a 1-D vector is treated as one unit).
    shape : tuple of int, default (28, 28)
        Image shape of one row.
    n : int, optional
        Show only the first ``n`` units (default: all).
    ncols : int, optional
        Images per row of the grid (default: about sqrt(n)).
    fig : matplotlib Figure, optional
        An empty figure to draw into; a new one is made if None.
    title : str, optional
        Figure title.
    cmap : str, default DIVERGING_CMAP
        Colour map; keep it diverging.
    colorbar : bool, default True
        Add one colour bar for all images.

    Returns
    -------
    fig : matplotlib Figure
    axes : numpy.ndarray of Axes, shape (n,)
        One axes per image (unused grid cells are removed).
    """
    W = as_float_array("W", W, ndim=(1, 2))
    if W.ndim == 1:
        W = W[None, :]
    if len(shape) != 2:
        raise ValueError(f"shape must be (height, width), got {shape!r}")
    h, w = (check_int("shape[0]", shape[0], low=1), check_int("shape[1]", shape[1], low=1))
    if W.shape[1] != h * w:
        raise ValueError(
            f"W must have shape[0] * shape[1] = {h * w} columns to show rows as {h}x{w} images, "
            f"got shape {W.shape}"
        )
    n = W.shape[0] if n is None else check_int("n", n, low=1, high=W.shape[0])
    ncols = math.ceil(math.sqrt(n)) if ncols is None else check_int("ncols", ncols, low=1)
    ncols = min(ncols, n)
    nrows = math.ceil(n / ncols)
    if fig is None:
        fig = plt.figure(
            figsize=(1.2 * ncols + 0.8 * colorbar, 1.2 * nrows + 0.4 * bool(title)),
            layout="constrained",
        )
    elif not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure or None, got {type(fig).__name__}")
    grid = np.atleast_1d(fig.subplots(nrows, ncols, squeeze=False)).ravel()
    for extra in grid[n:]:
        extra.remove()
    axes = grid[:n]
    vmax = float(np.max(np.abs(W[:n]))) or 1.0
    image = None
    for j, ax in enumerate(axes):
        image = ax.imshow(W[j].reshape(h, w), cmap=cmap, vmin=-vmax, vmax=vmax)
        ax.set_xticks([])
        ax.set_yticks([])
    if colorbar:
        fig.colorbar(image, ax=list(axes), shrink=0.8, label="weight")
    if title:
        fig.suptitle(title)
    return fig, axes
