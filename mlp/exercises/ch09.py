"""Auto-checked exercises of chapter 9 (gradient descent on a tiny network).

* :data:`check_tiny_gradient` — the gradient of C(w₁, w₂) = (w₁w₂ − 1.5)² + λ(w₁² + w₂²)
  for a given decay λ, returned as [∂C/∂w₁, ∂C/∂w₂].
* :data:`check_momentum_path` — Polyak's heavy ball m_{k+1} = β m_k − η g(θ_k),
  θ_{k+1} = θ_k + m_{k+1}, m₀ = 0, run for ``n_steps`` steps; returns the path θ₀, …, θ_n
  as an array of shape (n_steps + 1, dim).

Usage in a notebook::

    from mlp.exercises import ch09
    ch09.check_tiny_gradient(tiny_gradient)
    ch09.check_momentum_path(momentum_path)
"""

from __future__ import annotations

import numpy as np

from ..tiny import tiny_gradient as _tiny_gradient
from .checker import Case, Checker, Mistake

__all__ = [
    "tiny_gradient_reference",
    "momentum_path_reference",
    "check_tiny_gradient",
    "check_momentum_path",
]


# ------------------------------------------------------------------------ the gradient


def tiny_gradient_reference(w, decay) -> np.ndarray:
    """[2r w₂ + 2λ w₁, 2r w₁ + 2λ w₂] with r = w₁w₂ − 1.5."""
    return _tiny_gradient(np.asarray(w, dtype=float), decay)


def _gradient_with(square=2.0, decay_factor=2.0, swap_inner=False, target=1.5, sign=1.0):
    def wrong(w, decay):
        w1, w2 = (float(v) for v in np.asarray(w, dtype=float))
        r = sign * (w1 * w2 - target)
        inner1, inner2 = (w1, w2) if swap_inner else (w2, w1)
        return np.array([square * r * inner1 + decay_factor * decay * w1,
                         square * r * inner2 + decay_factor * decay * w2])

    return wrong


_GRADIENT_MISTAKES = [
    Mistake(
        _gradient_with(square=1.0),
        "the cost has no ½ in front of the square: d/du u² = 2u, so the data term gives "
        "2(w₁w₂ − 1.5)·w₂ and 2(w₁w₂ − 1.5)·w₁.",
    ),
    Mistake(
        _gradient_with(decay_factor=1.0),
        "the decay term λ(w₁² + w₂²) has derivative 2λw₁ with respect to w₁, not λw₁.",
    ),
    Mistake(
        _gradient_with(decay_factor=0.0),
        "the weight-decay term is missing: add 2λw₁ and 2λw₂ (the checker also tries λ ≠ 0.04).",
    ),
    Mistake(
        _gradient_with(swap_inner=True),
        "the chain rule gives ∂(w₁w₂)/∂w₁ = w₂: the data term of ∂C/∂w₁ is multiplied by the "
        "*other* weight.",
    ),
    Mistake(
        _gradient_with(sign=-1.0),
        "check the sign of the residual: it is r = w₁w₂ − 1.5 (prediction minus target).",
    ),
]

check_tiny_gradient = Checker(
    "tiny_gradient(w, decay)",
    tiny_gradient_reference,
    [
        Case((np.array([1.0, 1.0]), 0.04), "w = (1, 1)"),
        Case((np.array([0.5, 1.5]), 0.04), "w = (0.5, 1.5)"),
        Case((np.array([-2.0, 0.3]), 0.1), "negative weight, λ = 0.1"),
        Case((np.array([2.0, 0.75]), 0.0), "on the valley w₁w₂ = 1.5 without decay"),
        Case((np.array([1.7, -0.4]), 0.25), "λ = 0.25"),
    ],
    mistakes=_GRADIENT_MISTAKES,
)


# ------------------------------------------------------------------------ heavy ball


def momentum_path_reference(grad, theta0, eta, beta, n_steps) -> np.ndarray:
    """Heavy ball from θ₀ with m₀ = 0: m ← β m − η g(θ), θ ← θ + m; the path (n_steps + 1, dim)."""
    theta = np.array(theta0, dtype=float)
    m = np.zeros_like(theta)
    path = [theta.copy()]
    for _ in range(int(n_steps)):
        m = beta * m - eta * np.asarray(grad(theta), dtype=float)
        theta = theta + m
        path.append(theta.copy())
    return np.array(path)


def _momentum_with(order="reference", sign=1.0, look_ahead=False, scale_grad=False):
    def wrong(grad, theta0, eta, beta, n_steps):
        theta = np.array(theta0, dtype=float)
        m = np.zeros_like(theta)
        path = [theta.copy()]
        for _ in range(int(n_steps)):
            at = theta + beta * m if look_ahead else theta
            g = np.asarray(grad(at), dtype=float)
            if order == "stale":  # θ moved with the old velocity
                theta = theta + m
                m = beta * m - eta * g
            elif order == "beta-on-theta":
                m = -eta * g
                theta = beta * theta + m
            else:
                step = (1 - beta) * g if scale_grad else g
                m = beta * m - sign * eta * step
                theta = theta + m
            path.append(theta.copy())
        return np.array(path)

    return wrong


_MOMENTUM_MISTAKES = [
    Mistake(
        _momentum_with(order="stale"),
        "update the velocity first and move with the new one: m_{k+1} = β m_k − η g_k, then "
        "θ_{k+1} = θ_k + m_{k+1}. This path moves with m_k, one step late.",
    ),
    Mistake(
        _momentum_with(look_ahead=True),
        "this is Nesterov's method: the gradient was taken at the look-ahead point θ + βm. "
        "The heavy ball takes it at θ_k itself.",
    ),
    Mistake(
        _momentum_with(sign=-1.0),
        "the velocity must go *against* the gradient: m_{k+1} = β m_k − η g_k.",
    ),
    Mistake(
        _momentum_with(scale_grad=True),
        "this is the exponential-average form m ← βm + (1 − β)g; the heavy ball of the chapter "
        "adds −η g_k without the factor (1 − β).",
    ),
    Mistake(
        _momentum_with(order="beta-on-theta"),
        "β multiplies the velocity m, not the parameters θ.",
    ),
]


def _quadratic_grad(theta):
    return np.array([5.0, 0.5]) * np.asarray(theta)


def _tiny(theta):
    return _tiny_gradient(theta)


check_momentum_path = Checker(
    "momentum_path(grad, theta0, eta, beta, n_steps)",
    momentum_path_reference,
    [
        Case((_quadratic_grad, np.array([1.0, 1.0]), 0.1, 0.0, 3), "β = 0: plain gradient descent"),
        Case((_quadratic_grad, np.array([1.0, -2.0]), 0.1, 0.5, 5), "quadratic, β = 0.5"),
        Case((_tiny, np.array([0.5, 1.5]), 0.05, 0.9, 30), "tiny network, β = 0.9"),
        Case((_tiny, np.array([-1.0, 0.2]), 0.1, 0.8, 0), "zero steps: the path is θ₀ alone"),
    ],
    mistakes=_MOMENTUM_MISTAKES,
)
