"""The tiny two-weight network of the training-dynamics chapters.

One input x = 1, one target y = 1.5, a linear hidden unit h = w₁x and a linear output
ŷ = w₂h, trained with the squared error and weight decay λ:

    C(w₁, w₂) = (w₁w₂ − 1.5)² + λ (w₁² + w₂²),    λ = 0.04 by default.

Its gradient and Hessian are written out here so that the chapters can check them
against finite differences, and so that the optimisers of :mod:`mlp.optim` can be run
on it with :func:`mlp.optim.minimise`.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_float_array, check_positive

__all__ = [
    "TARGET",
    "DECAY",
    "tiny_cost",
    "tiny_gradient",
    "tiny_hessian",
    "tiny_minima",
    "steps_to_tolerance",
]

Array = np.ndarray
TARGET = 1.5
DECAY = 0.04


def _check_decay(decay: float) -> float:
    return check_positive("decay", decay, allow_zero=True)


def tiny_cost(w1, w2, decay: float = DECAY):
    """C(w₁, w₂) = (w₁w₂ − 1.5)² + decay·(w₁² + w₂²), elementwise on arrays of equal shape."""
    decay = _check_decay(decay)
    w1, w2 = np.asarray(w1, dtype=np.float64), np.asarray(w2, dtype=np.float64)
    return (w1 * w2 - TARGET) ** 2 + decay * (w1**2 + w2**2)


def _point(w) -> Array:
    w = as_float_array("w", w, ndim=1, allow_nonfinite=True)
    if w.shape != (2,):
        raise ValueError(f"w must have shape (2,), got shape {w.shape}")
    return w


def tiny_gradient(w, decay: float = DECAY) -> Array:
    """∇C = (2r w₂ + 2·decay·w₁, 2r w₁ + 2·decay·w₂) with the residual r = w₁w₂ − 1.5."""
    decay = _check_decay(decay)
    w = _point(w)
    r = w[0] * w[1] - TARGET
    return np.array([2 * r * w[1] + 2 * decay * w[0], 2 * r * w[0] + 2 * decay * w[1]])


def tiny_hessian(w, decay: float = DECAY) -> Array:
    """H = [[2w₂² + 2·decay, 4w₁w₂ − 3], [4w₁w₂ − 3, 2w₁² + 2·decay]]."""
    decay = _check_decay(decay)
    w = _point(w)
    off = 4 * w[0] * w[1] - 2 * TARGET
    return np.array([[2 * w[1] ** 2 + 2 * decay, off], [off, 2 * w[0] ** 2 + 2 * decay]])


def tiny_minima(decay: float = DECAY) -> Array:
    """The two minimisers ±(u, u) with u² = 1.5 − decay, as rows of a (2, 2) array.

    For decay ≥ 1.5 the only critical point is the origin, and it is returned (once).
    For decay = 0 the minimisers form the whole valley w₁w₂ = 1.5; this returns the two
    points of it with w₁ = w₂.
    """
    decay = _check_decay(decay)
    if decay >= TARGET:
        return np.zeros((1, 2))
    u = np.sqrt(TARGET - decay)
    return np.array([[u, u], [-u, -u]])


def steps_to_tolerance(path, targets, tol: float) -> int | None:
    """The first k from which ‖θ_j − θ*‖ < tol for every j ≥ k, for some row θ* of ``targets``.

    A path that passes close by a target and leaves again does not count. Returns None
    when the path does not end within ``tol`` of a target.
    """
    path = as_float_array("path", path, ndim=2, allow_nonfinite=True)
    targets = as_float_array("targets", targets, ndim=2)
    tol = check_positive("tol", tol)
    if path.shape[1] != targets.shape[1]:
        raise ValueError(
            f"path and targets must have the same number of columns, got {path.shape} and {targets.shape}"
        )
    best = None
    with np.errstate(invalid="ignore", over="ignore"):
        for target in targets:
            dist = np.linalg.norm(path - target, axis=1)
            inside = np.where(np.isfinite(dist), dist < tol, False)
            if not inside[-1]:
                continue
            outside = np.flatnonzero(~inside)
            k = 0 if outside.size == 0 else int(outside[-1]) + 1
            best = k if best is None else min(best, k)
    return best
