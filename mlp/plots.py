"""Plotting helpers shared by the chapters.

Every helper draws with matplotlib's object-oriented API onto an ``ax`` you pass
in (or onto a new figure when you don't) and returns what it drew on. None of
them calls ``plt.show()`` or changes global matplotlib settings.

Accessibility: colours come from the Okabe–Ito palette, which stays
distinguishable under the common forms of colour blindness, and classes are also
told apart by marker shape. Signed quantities (weights) use a diverging map
centred at 0; magnitudes use a sequential one.

Tip for notebooks: end a plotting cell with ``;`` (or assign the result) so that
no ``<Axes: ...>`` text is printed under the figure.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import LinearSegmentedColormap, ListedColormap, to_rgb
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from mlp._validate import as_float_array, check_int, check_positive, check_same_length

__all__ = [
    "DIVERGING_CMAP",
    "LINESTYLES",
    "MARKERS",
    "PALETTE",
    "PATH_COLOURS",
    "SEQUENTIAL_CMAP",
    "confusion_matrix",
    "confusion_matrix_plot",
    "contour_path",
    "decision_regions",
    "histograms",
    "loss_curve",
    "weight_images",
]

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


# --------------------------------------------------------------------------- loss curves


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


# --------------------------------------------------------------------------- weight images


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


# --------------------------------------------------------------------------- histograms


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


# --------------------------------------------------------------------------- contours + paths


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


# --------------------------------------------------------------------------- confusion matrix


def confusion_matrix(y_true: object, y_pred: object, K: int) -> np.ndarray:
    """Count how often class i was predicted as class j.

    Parameters
    ----------
    y_true, y_pred : array_like of int, shape (n_examples,)
        True and predicted labels in ``0, ..., K-1``.
    K : int
        Number of classes.

    Returns
    -------
    numpy.ndarray of int, shape (K, K)
        Entry ``[i, j]`` counts examples of true class i predicted as j, so
        rows are true classes, the diagonal holds the correct predictions and
        each row sums to the number of examples of that class.
    """
    K = check_int("K", K, low=1)
    labels = {}
    for name, v in (("y_true", y_true), ("y_pred", y_pred)):
        arr = as_float_array(name, v, ndim=1)
        bad = arr[(arr < 0) | (arr >= K) | (arr != np.round(arr))]
        if bad.size:
            raise ValueError(
                f"{name} must contain integer labels in 0..{K - 1} (K={K}); "
                f"got the value(s) {np.unique(bad)[:5].tolist()}"
            )
        labels[name] = arr.astype(np.int64)
    if len(labels["y_true"]) != len(labels["y_pred"]):
        raise ValueError(
            "y_true and y_pred must have the same length, "
            f"got {len(labels['y_true'])} and {len(labels['y_pred'])}"
        )
    flat = K * labels["y_true"] + labels["y_pred"]
    return np.bincount(flat, minlength=K * K).reshape(K, K)


def confusion_matrix_plot(
    cm: object,
    *,
    ax: Axes | None = None,
    labels: Sequence[str] | None = None,
    normalize: bool = False,
    cmap: str = "Blues",
    annotate: bool = True,
) -> Axes:
    """Draw a confusion matrix (rows: true class, columns: predicted class).

    Parameters
    ----------
    cm : array_like, shape (K, K)
        Counts, e.g. from :func:`confusion_matrix`.
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made if None.
    labels : sequence of str, optional
        Class names (default ``0 .. K-1``).
    normalize : bool, default False
        Show each row as fractions of that true class.
    cmap : str, default "Blues"
        Sequential colour map.
    annotate : bool, default True
        Write the number in each cell (dark text on light cells, white on dark).

    Returns
    -------
    matplotlib Axes
    """
    cm = as_float_array("cm", cm, ndim=2)
    K = cm.shape[0]
    if cm.shape != (K, K):
        raise ValueError(f"cm must be square (K, K), got shape {cm.shape}")
    if labels is None:
        labels = [str(i) for i in range(K)]
    elif len(labels) != K:
        raise ValueError(f"labels must name all K={K} classes, got {len(labels)} labels")
    values = cm
    if normalize:
        rows = cm.sum(axis=1, keepdims=True)
        values = np.divide(cm, rows, out=np.zeros_like(cm), where=rows > 0)
    ax = _new_ax(ax, figsize=(0.5 * K + 2.5, 0.5 * K + 2.0))
    vmax = float(values.max()) or 1.0
    image = ax.imshow(values, cmap=cmap, vmin=0, vmax=vmax)
    ax.figure.colorbar(image, ax=ax, label="fraction of true class" if normalize else "count")
    ax.set_xticks(range(K), labels=labels)
    ax.set_yticks(range(K), labels=labels)
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    if annotate:
        for i in range(K):
            for j in range(K):
                v = values[i, j]
                text = f"{v:.2f}" if normalize else f"{int(round(v))}"
                ax.text(
                    j,
                    i,
                    text,
                    ha="center",
                    va="center",
                    fontsize="small",
                    color="white" if v > 0.6 * vmax else "black",
                )
    return ax
