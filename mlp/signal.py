"""Signal propagation through a deep network at initialisation (chapter 11).

* :func:`propagation_statistics` — per-layer statistics of one forward and backward pass,
  averaged over the batches of a data set: Var z⁽ˡ⁾, E[(a⁽ˡ⁾)²], Var δ⁽ˡ⁾, ‖∂C/∂W⁽ˡ⁾‖,
  the fraction of units that are active, and of units that are dead (zero on every example);
* :func:`gaussian_moment` — E[f(z)] for z ~ N(0, q), by Gauss–Hermite quadrature;
* :func:`predicted_variances` — the variance recursion Var z⁽ˡ⁾ = d_{l−1} v_l E[(a⁽ˡ⁻¹⁾)²]
  with a⁽ˡ⁻¹⁾ = φ(z⁽ˡ⁻¹⁾) and z⁽ˡ⁻¹⁾ treated as N(0, Var z⁽ˡ⁻¹⁾).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from ._validate import as_float_array, check_int, check_positive
from .activations import get_activation

__all__ = ["propagation_statistics", "gaussian_moment", "predicted_variances"]

Array = np.ndarray
_KEYS = ("z_var", "a_sq", "delta_var", "grad_norm", "active_fraction", "dead_fraction")


def propagation_statistics(net, X: Array, y: Array, batch_size: int | None = None) -> dict[str, Array]:
    """Per-layer statistics of ``net`` on (X, y), one entry per layer l = 1, …, L.

    The data are split into consecutive batches of ``batch_size`` rows (default: one batch);
    variances, mean squares and fractions are pooled over all examples and units of a
    layer, gradient norms ‖∂C/∂W⁽ˡ⁾‖ (Frobenius, mean cost of a batch) are averaged over
    the batches. ``delta_var`` is the variance of δ⁽ˡ⁾ = ∂Cₙ/∂z⁽ˡ⁾ per example (the
    backward pass's signal without the 1/B of the mean). A unit is *dead* if its activation
    is 0 on every example of X, *active* on an example if its activation is > 0.
    """
    X = net.check_inputs(X)
    Y = net.check_targets(y, len(X))
    B = len(X) if batch_size is None else check_int("batch_size", batch_size, low=1)
    L = net.n_layers
    sums = {k: np.zeros(L) for k in ("z_sum", "z_sq", "a_sq", "d_sum", "d_sq", "active", "grad")}
    ever_on = [np.zeros(d, dtype=bool) for d in net.sizes[1:]]
    n_batches = 0
    for start in range(0, len(X), B):
        Xb, Yb = X[start : start + B], Y[start : start + B]
        cache = net._forward(Xb)
        grads = net.backward(cache, Yb, scale=float(len(Xb)))  # Σₙ over the batch (scale B undoes 1/B)
        deltas = _deltas(net, cache, Yb)  # one row δ⁽ˡ⁾ₙ per example
        for l in range(L):
            Z, A, Dl = cache.zs[l], cache.activations[l + 1], deltas[l]
            sums["z_sum"][l] += Z.sum()
            sums["z_sq"][l] += (Z**2).sum()
            sums["a_sq"][l] += (A**2).sum()
            sums["d_sum"][l] += Dl.sum()
            sums["d_sq"][l] += (Dl**2).sum()
            sums["active"][l] += (A > 0).sum()
            sums["grad"][l] += np.linalg.norm(grads.weights[l]) / len(Xb)
            ever_on[l] |= np.any(A != 0, axis=0)
        n_batches += 1
    counts = np.array([len(X) * d for d in net.sizes[1:]], dtype=float)
    z_mean, d_mean = sums["z_sum"] / counts, sums["d_sum"] / counts
    return {
        "z_var": sums["z_sq"] / counts - z_mean**2,
        "a_sq": sums["a_sq"] / counts,
        "delta_var": sums["d_sq"] / counts - d_mean**2,
        "grad_norm": sums["grad"] / n_batches,
        "active_fraction": sums["active"] / counts,
        "dead_fraction": np.array([1.0 - on.mean() for on in ever_on]),
    }


def _deltas(net, cache, Y: Array) -> list[Array]:
    """δ⁽ˡ⁾ for every example (rows), l = 1, …, L, by the recursion of Lemma 1."""
    L = net.n_layers
    delta = net.output_delta(cache, Y)
    out = [None] * L
    out[L - 1] = delta
    for l in range(L, 1, -1):
        delta = net.hidden[l - 2].vjp(cache.zs[l - 2], delta @ net.weights[l - 1])
        out[l - 2] = delta
    return out


def gaussian_moment(f: Callable[[Array], Array], q: float, n_points: int = 80) -> float:
    """E[f(z)] for z ~ N(0, q) by Gauss–Hermite quadrature with ``n_points`` nodes (q = 0: f(0))."""
    q = check_positive("q", q, allow_zero=True)
    n_points = check_int("n_points", n_points, low=2)
    if q == 0:
        return float(np.asarray(f(np.zeros(1)))[0])
    nodes, weights = np.polynomial.hermite_e.hermegauss(n_points)  # weight exp(−x²/2)
    return float(np.sum(weights * f(np.sqrt(q) * nodes)) / np.sqrt(2 * np.pi))


def predicted_variances(
    sizes: Sequence[int], weight_vars: Sequence[float] | float, activation, input_sq: float
) -> Array:
    """Var z⁽ˡ⁾ for l = 1, …, L from Var z⁽ˡ⁾ = d_{l−1} v_l E[(a⁽ˡ⁻¹⁾)²] (biases zero).

    ``input_sq`` is E[(a⁽⁰⁾)²] = E[x²] per input component; ``weight_vars`` the variances v_l
    of the entries of W⁽ˡ⁾ (one number for all layers, or one per layer). For l ≥ 2,
    E[(a⁽ˡ⁻¹⁾)²] = E[φ(z)²] with z ~ N(0, Var z⁽ˡ⁻¹⁾): the Gaussian approximation, which
    wide layers justify (a sum of many independent terms).
    """
    sizes = [check_int("sizes entry", d, low=1) for d in sizes]
    L = len(sizes) - 1
    if L < 1:
        raise ValueError(f"sizes must list at least two widths, got {sizes!r}")
    v = as_float_array("weight_vars", np.broadcast_to(np.asarray(weight_vars, dtype=float), (L,)), ndim=1)
    phi = get_activation(activation)
    a_sq = check_positive("input_sq", input_sq, allow_zero=True)
    out = np.empty(L)
    for l in range(L):
        out[l] = sizes[l] * v[l] * a_sq
        a_sq = gaussian_moment(lambda z: phi(z) ** 2, out[l])
    return out
