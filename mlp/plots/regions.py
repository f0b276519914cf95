"""Decision regions of a classifier in the plane."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap, ListedColormap

from mlp._validate import as_float_array, check_int, check_positive, check_same_length

from .style import (
    MARKERS,
    PALETTE,
    _grid,
    _light,
    _new_ax,
)


def decision_regions(
    predict: Callable[[np.ndarray], np.ndarray],
    X: object,
    y: object,
    *,
    ax: Axes | None = None,
    resolution: int = 200,
    padding: float = 0.1,
    cmap: str | None = None,
    proba: bool = False,
    legend: bool = True,
) -> Axes:
    """Shade the plane by a classifier's prediction and overlay the data.

    Parameters
    ----------
    predict : callable
        Maps an ``(m, 2)`` array of points to ``m`` integer labels, or, with
        ``proba=True``, to ``m`` probabilities of class 1 (binary problems).
    X : array_like, shape (n_examples, 2)
        The data points.
    y : array_like of int, shape (n_examples,)
        Their labels (non-negative integers).
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made if None.
    resolution : int, default 200
        Grid points per axis.
    padding : float, default 0.1
        Margin around the data, as a fraction of the data's range.
    cmap : str, optional
        Colour map for the regions. Defaults to light versions of the class
        colours (labels) or a light blue–white–orange map (probabilities).
    proba : bool, default False
        Draw filled contours of the probability of class 1, with the 0.5
        decision boundary as a black line.
    legend : bool, default True
        Add a legend naming the classes.

    Returns
    -------
    matplotlib Axes
        One filled-contour set for the regions, one scatter per class (and,
        with ``proba=True``, one contour line at 0.5).
    """
    if not callable(predict):
        raise TypeError(f"predict must be a function of an (m, 2) array, got {predict!r}")
    X = as_float_array("X", X, ndim=2)
    if X.shape[1] != 2:
        raise ValueError(f"X must have 2 columns (points in the plane), got shape {X.shape}")
    y = as_float_array("y", y, ndim=1)
    check_same_length("X", X, "y", y)
    bad = y[(y < 0) | (y != np.round(y))]
    if bad.size:
        raise ValueError(
            f"y must contain non-negative integer labels, got the value(s) {np.unique(bad)[:5]}"
        )
    y = y.astype(np.int64)
    resolution = check_int("resolution", resolution, low=2)
    padding = check_positive("padding", padding, allow_zero=True)
    ax = _new_ax(ax)

    g1, g2, points = _grid(X, resolution, padding)
    Z = np.asarray(predict(points), dtype=float)
    if Z.size != len(points):
        raise ValueError(
            f"predict must return one value per point: given {len(points)} points it "
            f"returned shape {Z.shape}"
        )
    Z = Z.reshape(g1.shape)
    classes = np.unique(y)

    if proba:
        if np.any((Z < 0) | (Z > 1)):
            raise ValueError("with proba=True, predict must return probabilities in [0, 1]")
        region_cmap = cmap or LinearSegmentedColormap.from_list(
            "mlp_proba", [_light(PALETTE[0], 0.4), "white", _light(PALETTE[1], 0.4)]
        )
        filled = ax.contourf(g1, g2, Z, levels=np.linspace(0, 1, 11), cmap=region_cmap)
        ax.figure.colorbar(filled, ax=ax, label="P(class 1)")
        if Z.min() < 0.5 < Z.max():
            ax.contour(g1, g2, Z, levels=[0.5], colors="black", linewidths=1.5)
    else:
        all_classes = np.union1d(classes, np.unique(np.round(Z)).astype(np.int64))
        index = np.searchsorted(all_classes, np.round(Z))
        colours = [_light(PALETTE[int(k) % len(PALETTE)]) for k in all_classes]
        region_cmap = cmap or ListedColormap(colours)
        levels = np.arange(len(all_classes) + 1) - 0.5
        ax.contourf(g1, g2, index, levels=levels, cmap=region_cmap)

    for k in classes:
        pts = X[y == k]
        ax.scatter(
            pts[:, 0],
            pts[:, 1],
            color=PALETTE[int(k) % len(PALETTE)],
            marker=MARKERS[int(k) % len(MARKERS)],
            edgecolors="black",
            linewidths=0.6,
            s=36,
            label=f"class {int(k)}",
            zorder=3,
        )
    ax.set_xlim(g1.min(), g1.max())
    ax.set_ylim(g2.min(), g2.max())
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if legend:
        ax.legend(loc="best", framealpha=0.9)
    return ax
