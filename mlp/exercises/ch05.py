"""Auto-checked exercises of chapter 5 (gradient-based learning).

* :data:`check_linreg_gradient` — the gradient of the linear-regression cost
  C(w) = (1/N) Σₙ ½ (w₀ + w₁xₙ − yₙ)², returned as the vector [∂C/∂w₀, ∂C/∂w₁].
* :data:`check_sgd_epoch` — one epoch of mini-batch stochastic gradient descent
  without replacement on the same cost: shuffle with ``rng.permutation(N)``, cut the
  order into consecutive batches of B (the last one may be smaller), and take one step
  w ← w − η ∇C_batch(w) per batch.

Usage in a notebook::

    from mlp.exercises import ch05
    ch05.check_linreg_gradient(linreg_gradient)
    ch05.check_sgd_epoch(sgd_epoch)

Both checkers accept the two numbers as a tuple, a list or an array of shape (2,).
"""

from __future__ import annotations

import numpy as np

from .checker import Case, Checker, Mistake

__all__ = [
    "linreg_gradient_reference",
    "sgd_epoch_reference",
    "check_linreg_gradient",
    "check_sgd_epoch",
]


def linreg_gradient_reference(w, x, y) -> np.ndarray:
    """∇C(w) = [(1/N) Σₙ rₙ, (1/N) Σₙ rₙ xₙ] with residuals rₙ = w₀ + w₁xₙ − yₙ."""
    w = np.asarray(w, dtype=float)
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    r = w[0] + w[1] * x - y
    return np.array([np.mean(r), np.mean(r * x)])


def _gradient_with(reduce=np.mean, factor=1.0, sign=1.0, w1_factor="x", w0_factor="one"):
    """A wrong variant of the reference gradient."""

    def wrong(w, x, y):
        w = np.asarray(w, dtype=float)
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        r = sign * (w[0] + w[1] * x - y)
        g0 = r * (x if w0_factor == "x" else 1.0)
        g1 = r * (x if w1_factor == "x" else 1.0)
        return factor * np.array([reduce(g0), reduce(g1)])

    return wrong


_GRADIENT_MISTAKES = [
    Mistake(
        _gradient_with(factor=2.0),
        "the ½ in C = (1/N) Σₙ ½ (ŷₙ − yₙ)² cancels the 2 that comes down from the square: "
        "∂Cₙ/∂ŷₙ = ŷₙ − yₙ, with no factor 2.",
    ),
    Mistake(
        _gradient_with(reduce=np.sum),
        "the cost is a mean, C = (1/N) Σₙ Cₙ, so its gradient is the mean of the "
        "per-example gradients: divide the sums by N (or use np.mean).",
    ),
    Mistake(
        _gradient_with(sign=-1.0),
        "check the sign of the residual: ŷₙ = w₀ + w₁xₙ enters ½(ŷₙ − yₙ)² with a plus sign, "
        "so ∂Cₙ/∂ŷₙ = ŷₙ − yₙ, not yₙ − ŷₙ.",
    ),
    Mistake(
        _gradient_with(w1_factor="one"),
        "∂C/∂w₁ needs the last link of the chain, ∂ŷₙ/∂w₁ = xₙ: average rₙ xₙ, not rₙ.",
    ),
    Mistake(
        _gradient_with(w0_factor="x"),
        "w₀ multiplies the constant 1, so ∂ŷₙ/∂w₀ = 1: ∂C/∂w₀ is the mean residual, without xₙ.",
    ),
    Mistake(
        lambda w, x, y: linreg_gradient_reference(w, x, y)[::-1],
        "return the two partial derivatives in the order [∂C/∂w₀, ∂C/∂w₁].",
    ),
]

check_linreg_gradient = Checker(
    "linreg_gradient(w, x, y)",
    linreg_gradient_reference,
    [
        Case((np.array([0.5, 0.75]), np.array([2.0]), np.array([3.0])), "one example"),
        Case(
            (np.array([0.0, 1.0]), np.array([1.0, 2.0, 4.0]), np.array([2.0, 1.0, 3.0])),
            "three examples",
        ),
        Case(
            (np.array([-1.0, 0.5]), np.array([-2.0, -0.5, 0.5, 1.5, 3.0]),
             np.array([0.3, -1.2, 0.8, 2.0, -0.4])),
            "five examples, negative inputs",
        ),
        Case(
            (np.array([1.3, -2.1]), np.linspace(0.0, 2.0, 11), 1.0 + 2.0 * np.linspace(0.0, 2.0, 11)),
            "eleven examples on the line y = 1 + 2x",
        ),
    ],
    mistakes=_GRADIENT_MISTAKES,
    may_modify=False,
)


# --------------------------------------------------------------------------- one SGD epoch


def sgd_epoch_reference(w, x, y, eta: float, batch_size: int, rng: np.random.Generator) -> np.ndarray:
    """One epoch of mini-batch SGD without replacement; returns the new [w₀, w₁].

    The order is ``rng.permutation(N)``; it is cut into consecutive batches of
    ``batch_size`` (the last one holds the remaining examples), and every batch makes one
    step w ← w − η ∇C_batch(w), with the gradient of the *mean* cost over the batch,
    evaluated at the current w.
    """
    w = np.array(w, dtype=float)
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    order = rng.permutation(len(x))
    for start in range(0, len(x), batch_size):
        idx = order[start : start + batch_size]
        w = w - eta * linreg_gradient_reference(w, x[idx], y[idx])
    return w


def _epoch_with(sampling="permutation", last_batch=True, reduce=np.mean, stale=False, divide_by_B=False):
    """A wrong variant of one SGD epoch."""

    def wrong(w, x, y, eta, batch_size, rng):
        w = np.array(w, dtype=float)
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        n = len(x)
        w_start = w.copy()
        if sampling == "replace":
            batches = [rng.integers(0, n, size=batch_size) for _ in range(-(-n // batch_size))]
        else:
            if sampling == "choice":  # without replacement, but other random numbers
                order = rng.choice(n, n, replace=False)
            else:
                order = rng.permutation(n) if sampling == "permutation" else np.arange(n)
            stop = n if last_batch else n - batch_size + 1
            batches = [order[s : s + batch_size] for s in range(0, stop, batch_size)]
        for idx in batches:
            at = w_start if stale else w
            r = at[0] + at[1] * x[idx] - y[idx]
            if divide_by_B:  # the sum over the batch divided by B, also for a shorter last batch
                w = w - eta * np.array([np.sum(r), np.sum(r * x[idx])]) / batch_size
            else:
                w = w - eta * np.array([reduce(r), reduce(r * x[idx])])
        return w

    return wrong


_EPOCH_MISTAKES = [
    Mistake(
        _epoch_with(sampling="replace"),
        "these batches were drawn with replacement (rng.integers or rng.choice): some examples "
        "appear twice and others never. Without replacement, shuffle once with "
        "order = rng.permutation(N) and cut the order into consecutive slices.",
    ),
    Mistake(
        _epoch_with(last_batch=False),
        "the last, smaller batch is missing: when B does not divide N, the epoch still has to "
        "visit the remaining N mod B examples. Loop with range(0, N, B) and slice "
        "order[start:start + B].",
    ),
    Mistake(
        _epoch_with(reduce=np.sum),
        "each step uses the gradient of the mean cost over the batch, (1/B) Σ over the batch: "
        "divide the sums by the batch size (the last batch may be smaller, so use its length).",
    ),
    Mistake(
        _epoch_with(stale=True),
        "every gradient must be evaluated at the current w, after the previous batch's update; "
        "this looks like all gradients were taken at the w from the start of the epoch.",
    ),
    Mistake(
        _epoch_with(sampling="choice"),
        "rng.choice(N, N, replace=False) is also sampling without replacement, but it consumes "
        "other random numbers than the permutation the exercise prescribes: use exactly "
        "order = rng.permutation(N), because the checker replays the same random numbers.",
    ),
    Mistake(
        _epoch_with(divide_by_B=True),
        "the last batch has len(idx) < B examples when B does not divide N: divide its sum by "
        "its length (np.mean does this), not by B.",
    ),
    Mistake(
        _epoch_with(sampling="in order"),
        "the examples were visited in their stored order: shuffle first with "
        "order = rng.permutation(N), so that every epoch sees a new random order.",
    ),
]

check_sgd_epoch = Checker(
    "sgd_epoch(w, x, y, eta, batch_size, rng)",
    sgd_epoch_reference,
    [
        Case(
            (np.array([0.0, 0.0]), np.array([0.0, 1.0, 2.0, 3.0]), np.array([1.0, 3.0, 2.0, 7.0]),
             0.1, 2, np.random.default_rng(5)),
            "N = 4, B = 2",
        ),
        Case(
            (np.array([0.5, -0.5]), np.array([0.2, 1.4, -0.8, 2.0, 0.6]),
             np.array([1.0, 2.5, -1.0, 3.5, 0.0]), 0.2, 2, np.random.default_rng(11)),
            "N = 5, B = 2: a last batch of one example",
        ),
        Case(
            (np.array([1.0, 1.0]), np.linspace(-1.0, 2.0, 7), np.array([0.1, 0.9, 1.2, 2.4, 2.2, 3.9, 4.1]),
             0.15, 3, np.random.default_rng(2)),
            "N = 7, B = 3",
        ),
        Case(
            (np.array([0.0, 2.0]), np.linspace(0.0, 1.0, 9), np.cos(np.linspace(0.0, 3.0, 9)),
             0.3, 1, np.random.default_rng(8)),
            "N = 9, B = 1: stochastic gradient descent",
        ),
        Case(
            (np.array([-1.0, 0.3]), np.linspace(-2.0, 2.0, 10), np.linspace(1.0, -1.0, 10) ** 2,
             0.25, 10, np.random.default_rng(4)),
            "N = B = 10: one full-batch step",
        ),
    ],
    mistakes=_EPOCH_MISTAKES,
)
