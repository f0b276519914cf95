"""Auto-checked exercises of chapter 3 (activation functions).

* :data:`check_stable_softmax` — a numerically stable softmax ``stable_softmax(z)``
  of a vector or of every row of a matrix.
* :data:`check_leaky_relu_prime` — the derivative ``leaky_relu_prime(z, a)`` of the
  leaky ReLU with slope a > 0, with the convention φ′(0) = a of :mod:`mlp.activations`.

Usage in a notebook::

    from mlp.exercises import ch03
    ch03.check_stable_softmax(stable_softmax)
    ch03.check_leaky_relu_prime(leaky_relu_prime)
"""

from __future__ import annotations

import numpy as np

from .checker import Case, Checker, Mistake

__all__ = [
    "stable_softmax_reference",
    "leaky_relu_prime_reference",
    "check_stable_softmax",
    "check_leaky_relu_prime",
]


def stable_softmax_reference(z):
    """softmax of a vector, or of every row of a matrix: exp(z − max) / Σ exp(z − max)."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def _quiet(fn):
    """Run a wrong variant without printing NumPy's overflow warnings."""

    def wrapped(z):
        with np.errstate(all="ignore"):
            return fn(np.asarray(z, dtype=float))

    return wrapped


_SOFTMAX_MISTAKES = [
    Mistake(
        _quiet(lambda z: np.exp(z - np.mean(z, axis=-1, keepdims=True))
               / np.sum(np.exp(z - np.mean(z, axis=-1, keepdims=True)), axis=-1, keepdims=True)),
        "subtracting the row mean is not enough: for the logits (1000, −1000) the mean is 0 and "
        "exp(1000) still overflows. Subtract the row maximum, which makes every exponent ≤ 0.",
    ),
    Mistake(
        _quiet(lambda z: np.exp(z) / np.sum(np.exp(z), axis=-1, keepdims=True)),
        "exp(1000) overflows to inf and inf/inf is NaN. Subtract the maximum of z first: "
        "softmax(z − max z) = softmax(z), and every exponent is then ≤ 0.",
    ),
    Mistake(
        _quiet(lambda z: np.exp(z - np.max(z)) / np.sum(np.exp(z - np.max(z)), axis=-1, keepdims=True)),
        "np.max(z) is the maximum of the whole batch. A row far below it underflows to 0/0: "
        "subtract each row's own maximum, np.max(z, axis=-1, keepdims=True).",
    ),
    Mistake(
        _quiet(lambda z: np.exp(z - np.max(z, axis=0, keepdims=True))
               / np.sum(np.exp(z - np.max(z, axis=0, keepdims=True)), axis=0, keepdims=True)),
        "wrong axis: each row (one example) must sum to 1. Take the max and the sum over the "
        "last axis (axis=-1, the K classes), not over the examples (axis=0).",
    ),
    Mistake(
        _quiet(lambda z: np.exp(z - np.max(z, axis=-1, keepdims=True))
               / np.sum(np.exp(z - np.max(z, axis=-1, keepdims=True)), axis=0, keepdims=True)),
        "the maximum is taken per row, but the sum runs over axis 0: normalise each row, "
        "np.sum(e, axis=-1, keepdims=True).",
    ),
    Mistake(
        _quiet(lambda z: np.exp(z - np.max(z, axis=-1))
               / np.sum(np.exp(z - np.max(z, axis=-1)), axis=-1)),
        "without keepdims=True, np.max(z, axis=-1) has shape (B,) and is broadcast against the "
        "columns, not the rows: use keepdims=True for both the max and the sum.",
    ),
    Mistake(
        _quiet(lambda z: np.exp(z - np.max(z, axis=-1, keepdims=True))),
        "the exponentials are not normalised: divide by their sum so that the outputs add up to 1.",
    ),
    Mistake(
        _quiet(lambda z: np.exp(z - np.min(z, axis=-1, keepdims=True))
               / np.sum(np.exp(z - np.min(z, axis=-1, keepdims=True)), axis=-1, keepdims=True)),
        "subtracting the minimum makes every exponent ≥ 0, so large spreads still overflow: "
        "subtract the maximum, which makes every exponent ≤ 0.",
    ),
]

check_stable_softmax = Checker(
    "stable_softmax(z)",
    stable_softmax_reference,
    [
        Case((np.array([1.60, 0.55, 0.98]),), "the worked example, a vector"),
        Case((np.array([[0.2, -1.0, 1.5], [2.0, 0.3, -0.4], [1.0, 1.0, 0.0]]),), "a 3 × 3 batch"),
        Case((np.array([[1.0, 2.0, 0.5], [-1.0, 0.0, 3.0]]),), "a batch of 2 rows, K = 3"),
        Case((np.array([1000.0, 999.0, 998.0]),), "large logits, z = 1000"),
        Case((np.array([[1000.0, 999.0, 998.0], [-1000.0, -999.0, -998.0]]),), "rows far apart"),
        Case((np.array([[500.0, -500.0], [1000.0, -1000.0]]),), "large spreads within a row, up to ±1000"),
    ],
    mistakes=_SOFTMAX_MISTAKES,
    may_modify=False,
)


# --------------------------------------------------------------------------- leaky ReLU


def leaky_relu_prime_reference(z, a=0.01):
    """φ′(z) = 1 for z > 0 and a for z ≤ 0 (the convention at 0 of mlp.activations)."""
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, 1.0, a)


_LEAKY_MISTAKES = [
    Mistake(
        lambda z, a=0.01: np.where(np.asarray(z) > 0, 1.0, -a),
        "the slope for z < 0 is +a, not −a: the leaky ReLU is a·z there, with a > 0, and it is "
        "increasing. A derivative −a would belong to the non-monotone function −a·z.",
    ),
    Mistake(
        lambda z, a=0.01: np.where(np.asarray(z) > 0, 1.0, 0.0),
        "that is the ReLU's derivative: the leaky ReLU keeps a small slope a for z < 0, so its "
        "derivative there is a, not 0.",
    ),
    Mistake(
        lambda z, a=0.01: np.where(np.asarray(z) > 0, np.asarray(z, dtype=float), a * np.asarray(z)),
        "that is the leaky ReLU itself, φ(z); its derivative is 1 for z > 0 and a for z < 0.",
    ),
    Mistake(
        lambda z, a=0.01: np.where(np.asarray(z) > 0, 1.0, a * np.asarray(z)),
        "for z < 0 the function is a·z, whose derivative is the constant a (not a·z).",
    ),
    Mistake(
        lambda z, a=0.01: np.where(np.asarray(z) >= 0, 1.0, a),
        "at z = 0 use the course's convention φ′(0) = a (as in mlp.activations): the test is "
        "z > 0, not z >= 0.",
    ),
    Mistake(
        lambda z, a=0.01: np.where(np.asarray(z) > 0, 1.0, 0.01),
        "use the slope a that is passed in, not a fixed 0.01.",
    ),
]

check_leaky_relu_prime = Checker(
    "leaky_relu_prime(z, a)",
    leaky_relu_prime_reference,
    [
        Case((np.array([-2.0, -0.5, 0.5, 3.0]), 0.01), "a = 0.01, no zero"),
        Case((np.array([-3.0, 1.0, -0.1]), 0.2), "a = 0.2"),
        Case((np.array([[-1.0, 0.0], [2.0, -4.0]]), 0.1), "a matrix that contains 0"),
        Case((np.array([0.0, -1e-3, 1e-3]), 0.05), "close to the kink"),
    ],
    mistakes=_LEAKY_MISTAKES,
    rtol=0.0,
    atol=1e-12,
    may_modify=False,
)
