"""The loss landscape of a network in its flat parameter view θ (chapter 10).

Everything here works on the vector θ of :meth:`mlp.Network.get_params` through
:meth:`~mlp.Network.cost_at` and :meth:`~mlp.Network.gradient_at`, and leaves the
network's own parameters unchanged.

* :func:`hessian`             H = ∇²C(θ) from central differences of the exact gradient;
* :func:`hessian_vector`      H v from two gradients, without forming H;
* :func:`inertia`             how many eigenvalues are negative, (near) zero and positive;
* :func:`layer_direction`     a random direction scaled layer by layer to the size of θ;
* :func:`line_costs`          C along θ₀ + α d (a 1-D slice);
* :func:`plane_costs`         C on θ₀ + α d₁ + β d₂ (a 2-D slice).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ._validate import as_float_array, check_positive, check_rng
from .gradcheck import numerical_hessian

__all__ = ["hessian", "hessian_vector", "inertia", "layer_direction", "line_costs", "plane_costs"]

Array = np.ndarray


def _theta(net, theta) -> Array:
    if theta is None:
        return net.get_params()
    theta = as_float_array("theta", theta, ndim=1, dtype=np.float64)
    if theta.size != net.n_params:
        raise ValueError(f"theta must have {net.n_params} entries (net.n_params), got {theta.size}")
    return theta


def hessian(net, X: Array, y: Array, theta: Array | None = None, eps: float = 1e-5) -> Array:
    """The Hessian of C at θ (default: the network's parameters), symmetrised.

    Column i is [∇C(θ + ε eᵢ) − ∇C(θ − ε eᵢ)] / (2ε), with the exact gradient of
    backpropagation, so the error is O(ε²) and 2·n_params gradients are needed.
    """
    theta = _theta(net, theta)
    return numerical_hessian(lambda t: net.gradient_at(t, X, y), theta, eps=eps)


def hessian_vector(net, X: Array, y: Array, theta: Array, v: Array, eps: float = 1e-5) -> Array:
    """H(θ) v ≈ [∇C(θ + ε v) − ∇C(θ − ε v)] / (2ε), two gradients instead of a whole Hessian."""
    theta = _theta(net, theta)
    v = as_float_array("v", v, ndim=1, dtype=np.float64)
    if v.shape != theta.shape:
        raise ValueError(f"v must have the shape of theta, {theta.shape}, got {v.shape}")
    eps = check_positive("eps", eps)
    return (net.gradient_at(theta + eps * v, X, y) - net.gradient_at(theta - eps * v, X, y)) / (2 * eps)


def inertia(eigenvalues: Array, tol: float = 1e-6) -> tuple[int, int, int]:
    """(number negative, number zero, number positive) of eigenvalues, |λ| ≤ tol counting as zero.

    The tolerance is relative to the largest |λ| (absolute when all are below 1).
    """
    lam = as_float_array("eigenvalues", eigenvalues, ndim=1, dtype=np.float64)
    tol = check_positive("tol", tol, allow_zero=True)
    cut = tol * max(1.0, float(np.max(np.abs(lam)))) if lam.size else tol
    return int(np.sum(lam < -cut)), int(np.sum(np.abs(lam) <= cut)), int(np.sum(lam > cut))


def _layer_slices(net) -> list[slice]:
    out, i = [], 0
    for W, b in zip(net.weights, net.biases):
        for p in (W, b):
            out.append(slice(i, i + p.size))
            i += p.size
    return out


def layer_direction(net, rng: np.random.Generator, theta: Array | None = None) -> Array:
    """A random direction d with, for every weight matrix and bias vector, ‖d_part‖ = ‖θ_part‖.

    Scaling each part to the size of the parameters it perturbs makes a step α = 1 mean
    "a change as large as the parameters themselves" in every layer (a part of θ that is
    zero gets a zero direction).
    """
    check_rng(rng)
    theta = _theta(net, theta)
    d = rng.standard_normal(theta.size)
    for s in _layer_slices(net):
        norm = np.linalg.norm(d[s])
        d[s] *= np.linalg.norm(theta[s]) / norm if norm > 0 else 0.0
    return d


def line_costs(net, X: Array, y: Array, theta0: Array, direction: Array, alphas: Sequence[float]) -> Array:
    """C(θ₀ + α d) for every α in ``alphas`` (a 1-D slice of the landscape)."""
    theta0 = _theta(net, theta0)
    d = as_float_array("direction", direction, ndim=1, dtype=np.float64)
    if d.shape != theta0.shape:
        raise ValueError(f"direction must have the shape of theta0, {theta0.shape}, got {d.shape}")
    alphas = as_float_array("alphas", alphas, ndim=1, dtype=np.float64)
    return np.array([net.cost_at(theta0 + a * d, X, y) for a in alphas])


def plane_costs(
    net,
    X: Array,
    y: Array,
    theta0: Array,
    d1: Array,
    d2: Array,
    alphas: Sequence[float],
    betas: Sequence[float],
) -> Array:
    """C(θ₀ + α d₁ + β d₂) on a grid: entry [i, j] has β = betas[i] and α = alphas[j]
    (the layout of ``plt.contour(alphas, betas, costs)``)."""
    theta0 = _theta(net, theta0)
    d1 = as_float_array("d1", d1, ndim=1, dtype=np.float64)
    d2 = as_float_array("d2", d2, ndim=1, dtype=np.float64)
    for name, d in (("d1", d1), ("d2", d2)):
        if d.shape != theta0.shape:
            raise ValueError(f"{name} must have the shape of theta0, {theta0.shape}, got {d.shape}")
    alphas = as_float_array("alphas", alphas, ndim=1, dtype=np.float64)
    betas = as_float_array("betas", betas, ndim=1, dtype=np.float64)
    return np.array([[net.cost_at(theta0 + a * d1 + b * d2, X, y) for a in alphas] for b in betas])
