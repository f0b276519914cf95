"""Confusion matrices: counting them and drawing them."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes

from mlp._validate import as_float_array, check_int

from .style import (
    _new_ax,
)


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
