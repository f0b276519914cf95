"""Contours of a two-parameter cost with optimisation paths drawn on them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes

from mlp._validate import as_float_array, check_int

from .style import (
    LINESTYLES,
    MARKERS,
    PATH_COLOURS,
    SEQUENTIAL_CMAP,
    _new_ax,
)


def contour_path(
    f: Callable[[np.ndarray, np.ndarray], np.ndarray],
    paths: object = None,
    *,
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    levels: int | Sequence[float] = 30,
    ax: Axes | None = None,
    resolution: int = 200,
    critical_points: Mapping[str, tuple[float, float]] | Sequence | None = None,
    cmap: str = SEQUENTIAL_CMAP,
    xlabel: str = "$w_1$",
    ylabel: str = "$w_2$",
) -> Axes:
    """Contour plot of ``f(w1, w2)`` with optimisation paths drawn on top.

    Parameters
    ----------
    f : callable
        ``f(W1, W2)`` evaluated elementwise on two equal-shaped grids.
    paths : array, sequence of arrays, or mapping label -> array, optional
        Each path has shape ``(k, 2)``: the iterates ``θ_0, ..., θ_{k-1}``.
        Points that left the window (or are not finite) are simply not visible.
    xlim, ylim : (float, float)
        Plot window.
    levels : int or sequence of float, default 30
        Contour levels, as for ``Axes.contour``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made if None.
    resolution : int, default 200
        Grid points per axis.
    critical_points : mapping label -> (w1, w2), or sequence of (w1, w2), optional
        Points to mark with a black star (and label, when given as a mapping).
    cmap : str, default SEQUENTIAL_CMAP
        Colour map for the contour lines.
    xlabel, ylabel : str
        Axis labels.

    Returns
    -------
    matplotlib Axes
        One contour set, one line per path, one marker per critical point.
    """
    if not callable(f):
        raise TypeError(f"f must be a function f(w1, w2), got {f!r}")
    (x0, x1), (y0, y1) = xlim, ylim
    if not (x0 < x1 and y0 < y1):
        raise ValueError(f"xlim and ylim must be increasing pairs, got {xlim!r} and {ylim!r}")
    resolution = check_int("resolution", resolution, low=2)
    W1, W2 = np.meshgrid(np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution))
    F = np.asarray(f(W1, W2), dtype=float)
    if F.shape != W1.shape:
        raise ValueError(
            f"f must be vectorised: on grids of shape {W1.shape} it returned shape {F.shape}"
        )
    ax = _new_ax(ax, figsize=(5.0, 4.5))
    ax.contour(W1, W2, F, levels=levels, cmap=cmap, linewidths=0.8)

    if paths is None:
        named: dict[str | None, object] = {}
    elif isinstance(paths, Mapping):
        named = {str(k): v for k, v in paths.items()}
    elif isinstance(paths, np.ndarray) and paths.ndim == 2:
        named = {None: paths}
    else:
        named = {None if len(paths) == 1 else f"path {i + 1}": p for i, p in enumerate(paths)}
    for i, (name, path) in enumerate(named.items()):
        arr = as_float_array("paths", path, ndim=2, allow_nonfinite=True)
        if arr.shape[1] != 2:
            raise ValueError(f"each path must have shape (k, 2), got shape {arr.shape}")
        arr = np.where(np.isfinite(arr), arr, np.nan)
        colour = PATH_COLOURS[i % len(PATH_COLOURS)]
        ax.plot(
            arr[:, 0],
            arr[:, 1],
            color=colour,
            linestyle=LINESTYLES[i % len(LINESTYLES)],
            marker=MARKERS[i % len(MARKERS)],
            markersize=4,
            linewidth=1.2,
            label=name,
        )
        ax.plot(
            arr[:1, 0],
            arr[:1, 1],
            color=colour,
            marker=MARKERS[i % len(MARKERS)],
            markersize=9,
            markeredgecolor="black",
            linestyle="none",
        )

    if critical_points is not None:
        if isinstance(critical_points, Mapping):
            items = [(str(k), v) for k, v in critical_points.items()]
        else:
            items = [(None, v) for v in critical_points]
        for name, point in items:
            p = as_float_array("critical_points", point, ndim=1)
            if p.shape != (2,):
                raise ValueError(f"each critical point must be (w1, w2), got shape {p.shape}")
            ax.plot(p[0], p[1], marker="*", color="black", markersize=12, linestyle="none")
            if name:
                ax.annotate(name, (p[0], p[1]), textcoords="offset points", xytext=(6, 6))

    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if any(name is not None for name in named):
        ax.legend(loc="best", framealpha=0.9)
    return ax
