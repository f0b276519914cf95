"""Curves and distributions over training: cost curves and per-layer histograms."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.ticker import MaxNLocator

from mlp._validate import as_float_array, check_int

from .style import (
    LINESTYLES,
    PALETTE,
    _new_ax,
)


def loss_curve(
    history_or_values: object,
    *,
    ax: Axes | None = None,
    label: str | None = None,
    logy: bool = False,
    xlabel: str = "epoch",
    ylabel: str = "loss",
    start: int = 1,
) -> Axes:
    """Plot one or several loss (or error) curves.

    Parameters
    ----------
    history_or_values : sequence of float, mapping, or object with ``.loss``
        One curve as a sequence of numbers; several curves as a mapping
        ``label -> sequence``; or a training history whose ``loss`` attribute
        is such a sequence or mapping.
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made if None.
    label : str, optional
        Legend label for a single curve.
    logy : bool, default False
        Logarithmic y axis (all values must be positive).
    xlabel, ylabel : str
        Axis labels.
    start : int, default 1
        x value of the first entry (1 when entry e is the loss after epoch e;
        use 0 when the first entry is the loss before training).

    Returns
    -------
    matplotlib Axes
        One line per curve.
    """
    values = history_or_values
    loss_attr = getattr(values, "loss", None)
    if loss_attr is not None and not callable(loss_attr) and not isinstance(values, Mapping):
        values = loss_attr
    if isinstance(values, Mapping):
        curves = {str(k): v for k, v in values.items()}
        if not curves:
            raise ValueError("history_or_values is an empty mapping; nothing to plot")
    elif isinstance(values, (Sequence, np.ndarray)) and not isinstance(values, (str, bytes)):
        curves = {label: values}
    else:
        raise TypeError(
            "history_or_values must be a sequence of numbers, a mapping label -> sequence, "
            f"or an object with a .loss sequence; got {type(history_or_values).__name__}"
        )
    arrays = {}
    for name, v in curves.items():
        arr = as_float_array(
            f"history_or_values[{name!r}]" if name else "history_or_values",
            v,
            ndim=1,
            allow_nonfinite=True,  # a diverging run is worth plotting
        )
        if logy and np.any(arr[np.isfinite(arr)] <= 0):
            raise ValueError(
                f"logy=True needs positive values, but curve {name!r} has minimum "
                f"{np.nanmin(arr):g}"
            )
        arrays[name] = arr
    ax = _new_ax(ax)
    for i, (name, arr) in enumerate(arrays.items()):
        ax.plot(
            np.arange(start, start + len(arr)),
            arr,
            color=PALETTE[i % len(PALETTE)],
            linestyle=LINESTYLES[i % len(LINESTYLES)],
            marker="o" if len(arr) <= 30 else None,
            markersize=3,
            label=name,
        )
    if logy:
        ax.set_yscale("log")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # epochs are whole numbers
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if any(name is not None for name in arrays):
        ax.legend()
    return ax


def histograms(
    arrays_by_name: Mapping[str, object],
    *,
    bins: int | Sequence[float] = 50,
    axes: Sequence[Axes] | np.ndarray | None = None,
    ncols: int | None = None,
    logy: bool = False,
    sharex: bool = False,
    xlabel: str | None = None,
) -> np.ndarray:
    """One small histogram per named array, e.g. activations or gradients per layer.

    Parameters
    ----------
    arrays_by_name : mapping
        ``name -> array`` (any shape; flattened). Order is kept.
    bins : int or sequence of float, default 50
        Passed to ``Axes.hist``.
    axes : sequence of Axes, optional
        One axes per array; a new figure with a row of subplots if None.
    ncols : int, optional
        Subplots per row when a new figure is made (default: all in one row).
    logy : bool, default False
        Logarithmic counts (useful when most values are 0, as with ReLU).
    sharex : bool, default False
        Share the x axis across subplots (new figure only).
    xlabel : str, optional
        Label under every subplot.

    Returns
    -------
    numpy.ndarray of Axes
        One axes per array; its title is the name, and the text in the corner
        gives the mean and standard deviation.
    """
    if not isinstance(arrays_by_name, Mapping) or not arrays_by_name:
        raise TypeError(
            "arrays_by_name must be a non-empty mapping name -> array, "
            f"got {type(arrays_by_name).__name__}"
        )
    data = {
        str(k): as_float_array(f"arrays_by_name[{k!r}]", v).ravel()
        for k, v in arrays_by_name.items()
    }
    k = len(data)
    if axes is None:
        ncols = k if ncols is None else min(check_int("ncols", ncols, low=1), k)
        nrows = math.ceil(k / ncols)
        fig, grid = plt.subplots(
            nrows,
            ncols,
            figsize=(2.6 * ncols, 2.2 * nrows),
            squeeze=False,
            sharex=sharex,
            layout="constrained",
        )
        grid = grid.ravel()
        for extra in grid[k:]:
            extra.remove()
        axes = grid[:k]
    else:
        axes = np.asarray(axes, dtype=object).ravel()
        if len(axes) != k:
            raise ValueError(f"axes must hold one Axes per array ({k}), got {len(axes)}")
    for i, (ax, (name, values)) in enumerate(zip(axes, data.items(), strict=True)):
        ax.hist(
            values,
            bins=bins,
            color=PALETTE[i % len(PALETTE)],
            edgecolor="white",
            linewidth=0.3,
            log=logy,
        )
        ax.set_title(name, fontsize="medium")
        if values.size:
            ax.text(
                0.97,
                0.95,
                f"mean {values.mean():.2g}\nstd {values.std():.2g}",
                transform=ax.transAxes,
                ha="right",
                va="top",
                fontsize="x-small",
            )
        if xlabel:
            ax.set_xlabel(xlabel)
    return np.asarray(axes, dtype=object)
