"""Gradient checking: compare backpropagation with central finite differences.

The central difference

    ∂f/∂θᵢ ≈ [f(θ + ε eᵢ) − f(θ − ε eᵢ)] / (2ε)

has error O(ε²) (a one-sided difference only O(ε)). In float64 the best ε is
around 1e-6 to 1e-5: smaller and rounding error (≈ 1e-16/ε) takes over. We compare
with the *relative* error ‖a − b‖ / (‖a‖ + ‖b‖), which does not depend on the scale
of the gradient; below about 1e-7 the two agree to rounding, above 1e-4 something
is almost surely wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ._validate import as_float_array, check_positive

__all__ = [
    "numerical_gradient",
    "numerical_hessian",
    "relative_error",
    "GradCheckReport",
    "check_gradients",
]

Array = np.ndarray


def numerical_gradient(f: Callable[[Array], float], x: Array, eps: float = 1e-6) -> Array:
    """Central-difference estimate of ∇f(x); x may have any shape (float64 is used)."""
    eps = check_positive("eps", eps)
    x = as_float_array("x", x, dtype=np.float64).copy()
    grad = np.empty_like(x)
    flat_x, flat_g = x.reshape(-1), grad.reshape(-1)
    if not callable(f):
        raise TypeError(f"f must be a function of x returning a number, got {type(f).__name__}")
    for i in range(flat_x.size):
        old = flat_x[i]
        flat_x[i] = old + eps
        f_plus = _scalar_value(f(x))
        flat_x[i] = old - eps
        f_minus = _scalar_value(f(x))
        flat_x[i] = old
        flat_g[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def _scalar_value(value: object) -> float:
    """f(x) as a float; f must be scalar-valued (a vector-valued f has a Jacobian)."""
    arr = np.asarray(value)
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == np.bool_):
        raise TypeError(f"f(x) must return a real number, got {type(value).__name__}")
    if np.iscomplexobj(arr):
        raise TypeError(f"f(x) must return a real number, got the complex value {value!r}")
    if arr.size != 1:
        raise ValueError(
            f"f(x) must return a single number (a scalar-valued function), got an array of shape "
            f"{arr.shape}; for a vector-valued function take the gradient of each component"
        )
    return float(arr.reshape(()))


def numerical_hessian(grad: Callable[[Array], Array], x: Array, eps: float = 1e-5) -> Array:
    """Hessian of a function from central differences of its gradient ``grad`` (symmetrised)."""
    x = as_float_array("x", x, ndim=1, dtype=np.float64)
    n = x.size
    H = np.empty((n, n))
    for i in range(n):
        e = np.zeros(n)
        e[i] = eps
        H[:, i] = (np.asarray(grad(x + e)) - np.asarray(grad(x - e))) / (2 * eps)
    return 0.5 * (H + H.T)


def relative_error(a: Array, b: Array) -> float:
    """‖a − b‖ / (‖a‖ + ‖b‖), and 0 when both are zero."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"relative_error: shapes differ, {a.shape} and {b.shape}")
    denom = np.linalg.norm(a) + np.linalg.norm(b)
    return 0.0 if denom == 0 else float(np.linalg.norm(a - b) / denom)


@dataclass
class GradCheckReport:
    """Relative errors between backprop and finite differences.

    ``overall`` compares the whole gradient vector ∇_θC; ``weights`` and ``biases``
    compare each array on its own. A single array whose gradient is tiny (say 1e-6)
    can show a large *relative* error from rounding alone, so the verdict uses
    ``overall``, while the per-array numbers locate a bug.
    """

    overall: float
    weights: list[float]
    biases: list[float]

    @property
    def max_error(self) -> float:
        """The largest per-array relative error."""
        return max(self.weights + self.biases)

    def passed(self, tol: float = 1e-6) -> bool:
        """True when the overall relative error is below ``tol``."""
        return self.overall < tol

    def __str__(self) -> str:
        rows = [f"overall relative error {self.overall:.1e}"] + [
            f"layer {l}: dC/dW rel. error {w:.1e}, dC/db rel. error {b:.1e}"
            for l, (w, b) in enumerate(zip(self.weights, self.biases), start=1)
        ]
        return "\n".join(rows)


def check_gradients(net, X: Array, y: Array, eps: float = 1e-6) -> GradCheckReport:
    """Compare ``net.gradients`` (backprop) with central differences of ``net.loss``.

    The network must use float64: in float32 rounding errors of about 1e-7 swamp
    the O(ε²) truncation error and the check means nothing.
    """
    if net.dtype != np.float64:
        raise ValueError(f"gradient checks need a float64 network, got {net.dtype}")
    _, grads = net.gradients(X, y)
    numeric = {}
    for p in (*net.weights, *net.biases):

        def cost(values, p=p):
            saved = p.copy()
            p[...] = values
            try:
                return net.loss(X, y)
            finally:
                p[...] = saved

        numeric[id(p)] = numerical_gradient(cost, p, eps)
    fd_W = [numeric[id(W)] for W in net.weights]
    fd_b = [numeric[id(b)] for b in net.biases]
    flat_fd = np.concatenate([g.ravel() for pair in zip(fd_W, fd_b) for g in pair])
    return GradCheckReport(
        overall=relative_error(grads.flat(), flat_fd),
        weights=[relative_error(g, n) for g, n in zip(grads.weights, fd_W)],
        biases=[relative_error(g, n) for g, n in zip(grads.biases, fd_b)],
    )
