"""Auto-checked exercises of chapter 10 (critical points and the loss landscape).

* :data:`check_eigen_signs` — ``eigen_signs(H, tol)``: the numbers of negative, zero and
  positive eigenvalues of a symmetric matrix.
* :data:`check_hvp` — ``hvp(grad, theta, v, eps)``: the Hessian-vector product H v from a
  central difference of the gradient along v.

Usage in a notebook::

    from mlp.exercises import ch10
    ch10.check_eigen_signs(eigen_signs)
    ch10.check_hvp(hvp)
"""

from __future__ import annotations

import numpy as np

from .checker import Case, Checker, Mistake

__all__ = ["eigen_signs_reference", "hvp_reference", "check_eigen_signs", "check_hvp"]


# ------------------------------------------------------------------------------ eigen_signs


def eigen_signs_reference(H, tol: float) -> tuple[int, int, int]:
    """(n_negative, n_zero, n_positive): eigenvalues < −tol, in [−tol, tol], > tol."""
    lam = np.linalg.eigvalsh(np.asarray(H, dtype=float))
    return int(np.sum(lam < -tol)), int(np.sum(np.abs(lam) <= tol)), int(np.sum(lam > tol))


def _diagonal_signs(H, tol):
    d = np.diag(np.asarray(H, dtype=float))
    return int(np.sum(d < -tol)), int(np.sum(np.abs(d) <= tol)), int(np.sum(d > tol))


def _no_tolerance(H, tol):
    lam = np.linalg.eigvalsh(np.asarray(H, dtype=float))
    return int(np.sum(lam < 0)), int(np.sum(lam == 0)), int(np.sum(lam > 0))


def _zero_as_positive(H, tol):
    lam = np.linalg.eigvalsh(np.asarray(H, dtype=float))
    return int(np.sum(lam < -tol)), 0, int(np.sum(lam >= -tol))


def _swapped(H, tol):
    n, z, p = eigen_signs_reference(H, tol)
    return p, z, n


_ROT = np.array([[0.6, -0.8, 0.0], [0.8, 0.6, 0.0], [0.0, 0.0, 1.0]])

check_eigen_signs = Checker(
    "eigen_signs(H, tol)",
    eigen_signs_reference,
    [
        Case((np.diag([2.0, -2.0]), 1e-8), "the saddle x₁² − x₂²"),
        Case((np.diag([3.0, 0.0, -1.0]), 1e-8), "an exact zero eigenvalue"),
        Case((np.array([[1.0, 2.0], [2.0, 1.0]]), 1e-8), "positive diagonal, eigenvalues 3 and −1"),
        Case((np.array([[2.0, 3.0], [3.0, 4.5]]), 1e-8), "singular: eigenvalues 0 and 6.5"),
        Case((_ROT @ np.diag([1e-9, -0.5, 3.0]) @ _ROT.T, 1e-6), "a rounding-size eigenvalue counts as zero"),
        Case((np.diag([-1.0, -2.0, -3.0, 4.0, 0.0]), 0.5), "several of each"),
    ],
    mistakes=[
        Mistake(
            _diagonal_signs,
            "the signs of the diagonal entries are not the signs of the eigenvalues: [[1, 2], [2, 1]] has a "
            "positive diagonal and the eigenvalue −1. Use np.linalg.eigvalsh(H).",
        ),
        Mistake(
            _no_tolerance,
            "compare with the tolerance: an eigenvalue with |λ| ≤ tol counts as zero (rounding makes exact "
            "zeros rare).",
        ),
        Mistake(_zero_as_positive, "eigenvalues with |λ| ≤ tol are zero, neither positive nor negative."),
        Mistake(_swapped, "return the counts in the order (n_negative, n_zero, n_positive)."),
    ],
)


# --------------------------------------------------------------------------------------- hvp


def _cubic_grad(theta):
    """Gradient of C(θ) = Σ θᵢ⁴/4 + ½ θᵀAθ with a fixed symmetric A (so H = diag(3θ²) + A)."""
    A = np.array([[2.0, 0.5, 0.0], [0.5, 1.0, -0.3], [0.0, -0.3, 0.5]])
    return theta**3 + A @ theta


def _exp_grad(theta):
    """Gradient of C(θ) = exp(θ₁ + 2θ₂) + θ₁²."""
    e = np.exp(theta[0] + 2 * theta[1])
    return np.array([e + 2 * theta[0], 2 * e])


def hvp_reference(grad, theta, v, eps: float):
    """[∇C(θ + εv) − ∇C(θ − εv)] / (2ε)."""
    theta, v = np.asarray(theta, dtype=float), np.asarray(v, dtype=float)
    return (np.asarray(grad(theta + eps * v)) - np.asarray(grad(theta - eps * v))) / (2 * eps)


def _forward(grad, theta, v, eps):
    theta, v = np.asarray(theta, dtype=float), np.asarray(v, dtype=float)
    return (np.asarray(grad(theta + eps * v)) - np.asarray(grad(theta))) / eps


def _no_two(grad, theta, v, eps):
    return 2 * hvp_reference(grad, theta, v, eps)


def _unit_v(grad, theta, v, eps):
    v = np.asarray(v, dtype=float)
    return hvp_reference(grad, theta, v / np.linalg.norm(v), eps)


def _no_eps(grad, theta, v, eps):
    return 2 * eps * hvp_reference(grad, theta, v, eps)


check_hvp = Checker(
    "hvp(grad, theta, v, eps)",
    hvp_reference,
    [
        Case((_cubic_grad, np.zeros(3), np.array([1.0, 0.0, 0.0]), 1e-3), "quadratic part only, v = e₁"),
        Case((_cubic_grad, np.array([1.0, -2.0, 0.5]), np.array([0.3, 0.4, -1.2]), 1e-3), "a quartic cost"),
        Case((_exp_grad, np.array([0.2, -0.1]), np.array([2.0, -1.0]), 1e-3), "an exponential cost, ‖v‖ ≠ 1"),
    ],
    mistakes=[
        Mistake(_forward, "use the central difference [∇C(θ + εv) − ∇C(θ − εv)]/(2ε): the one-sided "
                "difference has an O(ε) error."),
        Mistake(_no_two, "the two gradients are 2ε apart: divide their difference by 2ε, not by ε."),
        Mistake(_no_eps, "divide the difference of the two gradients by 2ε."),
        Mistake(
            _unit_v, "do not normalise v: H v is linear in v, and the checker passes vectors with ‖v‖ ≠ 1."
        ),
    ],
    rtol=1e-7,
    atol=1e-10,
)
