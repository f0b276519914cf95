"""Eigenvalue spectra and per-layer statistics (chapters 10 and 11)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.axes import Axes

from mlp._validate import as_float_array, check_positive

from .style import LINESTYLES, MARKERS, PALETTE, _new_ax

__all__ = ["spectrum", "layer_profile"]


def spectrum(
    eigenvalues: Sequence[float],
    *,
    ax: Axes | None = None,
    colour: str = PALETTE[0],
    linthresh: float = 1e-4,
) -> Axes:
    """Sorted eigenvalues as points on a symmetric-log axis, with the band |λ| ≤ ``linthresh`` shaded.

    The axis is linear inside the band and logarithmic outside it, so eigenvalues of
    both signs and very different sizes are visible at once.
    """
    lam = np.sort(as_float_array("eigenvalues", eigenvalues, ndim=1))
    linthresh = check_positive("linthresh", linthresh)
    ax = _new_ax(ax)
    index = np.arange(1, lam.size + 1)
    ax.axhspan(-linthresh, linthresh, color="grey", alpha=0.2, lw=0)
    ax.axhline(0, color="grey", lw=0.6)
    ax.plot(index, lam, "o", color=colour, ms=5)
    ax.set_yscale("symlog", linthresh=linthresh)
    ax.set_xlabel("index (sorted)")
    ax.grid(alpha=0.3)
    return ax


def layer_profile(
    curves: Mapping[str, Sequence[float]],
    *,
    ax: Axes | None = None,
    ylabel: str = "",
    log: bool = True,
) -> Axes:
    """One line per entry of ``curves`` against the layer number 1, 2, …, L (log scale by default).

    Non-positive or non-finite values are not drawn on a log scale (a quantity that
    underflowed to 0 simply ends its line).
    """
    if not isinstance(curves, Mapping) or not curves:
        raise TypeError(f"curves must be a non-empty mapping label -> values, got {type(curves).__name__}")
    ax = _new_ax(ax)
    for k, (label, values) in enumerate(curves.items()):
        v = as_float_array(f"curves[{label!r}]", values, ndim=1)
        layers = np.arange(1, v.size + 1)
        keep = np.isfinite(v) & ((v > 0) if log else True)
        ax.plot(layers[keep], v[keep], marker=MARKERS[k % len(MARKERS)], ls=LINESTYLES[k % len(LINESTYLES)],
                color=PALETTE[k % len(PALETTE)], ms=4, label=label)
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("layer $l$")
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3)
    return ax
