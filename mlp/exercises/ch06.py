"""Auto-checked exercises of chapter 6 (the chain rule and computation graphs).

* :data:`check_tiny_gradient` — the gradient of tiny example I with the mean cost
  C = (1/N) Σₙ (yₙ − w₂ relu(w₁xₙ))², returned as the pair (∂C/∂w₁, ∂C/∂w₂): a tuple,
  a list or an array of shape (2,).
* :data:`check_count_paths` — the number of input-to-output paths in a fully
  connected network with layer widths (d₀, d₁, …, d_L).

Usage in a notebook::

    from mlp.exercises import ch06
    ch06.check_tiny_gradient(tiny_gradient)
    ch06.check_count_paths(count_paths)
"""

from __future__ import annotations

import math

import numpy as np

from .checker import Case, Checker, Mistake

__all__ = [
    "tiny_gradient_reference",
    "count_paths_reference",
    "check_tiny_gradient",
    "check_count_paths",
]


# --------------------------------------------------------------------------- tiny example I


def tiny_gradient_reference(w1: float, w2: float, x, y) -> tuple[float, float]:
    """(∂C/∂w₁, ∂C/∂w₂) for the mean cost C = (1/N) Σₙ (yₙ − ŷₙ)², ŷₙ = w₂ relu(w₁xₙ).

    Per example, ∂Cₙ/∂w₂ = −2 (yₙ − ŷₙ) a⁽¹⁾ₙ and ∂Cₙ/∂w₁ = −2 (yₙ − ŷₙ) w₂ 𝟏(w₁xₙ > 0) xₙ;
    the gradient of C is their mean. ``x`` and ``y`` are arrays of N numbers (or scalars).
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    z1 = w1 * x
    a1 = np.maximum(z1, 0.0)
    dC_dyhat = -2.0 * (y - w2 * a1)
    return float(np.mean(dC_dyhat * w2 * (z1 > 0) * x)), float(np.mean(dC_dyhat * a1))


def _tiny_with(indicator=None, factor=-2.0, drop=None, reduce=np.mean):
    """A wrong variant of the reference: another indicator, factor, reduction, or a missing factor."""

    def wrong(w1, w2, x, y):
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        a1 = np.maximum(w1 * x, 0.0)
        g = factor * (y - w2 * a1)
        ind = (w1 * x > 0) if indicator is None else indicator(w1, x, a1)
        dw1 = g * (1.0 if drop == "w2" else w2) * ind * (1.0 if drop == "x" else x)
        return float(reduce(dw1)), float(reduce(g * a1))

    return wrong


_ARGUMENT_HINT = (
    "the ReLU's derivative is evaluated at the ReLU's own argument, z⁽¹⁾ = w₁x: "
    "use 𝟏(w₁x > 0). Indicators such as 𝟏(w₁·relu(w₁x) > 0), 𝟏(w₁ > 0) or 𝟏(x > 0) "
    "disagree with it, e.g. when w₁ < 0 and x < 0."
)

_TINY_MISTAKES = [
    Mistake(
        _tiny_with(factor=-1.0),
        "differentiating the square (y − ŷ)² brings down a factor 2: ∂Cₙ/∂ŷₙ = −2(yₙ − ŷₙ).",
    ),
    Mistake(
        _tiny_with(indicator=lambda w1, x, a1: np.ones_like(x)),
        "the ReLU path is missing its derivative: when w₁x ≤ 0 the unit is off, "
        "relu′ = 0, and that example contributes nothing to ∂C/∂w₁.",
    ),
    Mistake(_tiny_with(indicator=lambda w1, x, a1: w1 * a1 > 0), _ARGUMENT_HINT),
    Mistake(_tiny_with(indicator=lambda w1, x, a1: np.full_like(x, float(w1 > 0))), _ARGUMENT_HINT),
    Mistake(_tiny_with(indicator=lambda w1, x, a1: x > 0), _ARGUMENT_HINT),
    Mistake(
        _tiny_with(factor=2.0),
        "check the sign: ∂(y − ŷ)²/∂ŷ = −2(y − ŷ), because ŷ enters with a minus sign.",
    ),
    Mistake(
        lambda w1, w2, x, y: tiny_gradient_reference(w1, w2, x, y)[::-1],
        "return the pair in the order (∂C/∂w₁, ∂C/∂w₂).",
    ),
    Mistake(
        _tiny_with(reduce=np.sum),
        "the cost is the mean over the N examples, C = (1/N) Σₙ Cₙ: average the "
        "per-example gradients instead of adding them.",
    ),
    Mistake(
        _tiny_with(drop="x"),
        "∂C/∂w₁ needs the last link of the chain, ∂z⁽¹⁾/∂w₁ = x.",
    ),
    Mistake(
        _tiny_with(drop="w2"),
        "∂C/∂w₁ passes through ŷ = w₂a⁽¹⁾, which contributes the factor ∂ŷ/∂a⁽¹⁾ = w₂.",
    ),
]

def _as_array(fn):
    """Compare the pair as one array of shape (2,), so a tuple, a list and an array all pass."""
    return lambda *args: np.array(fn(*args), dtype=float)


check_tiny_gradient = Checker(
    "tiny_gradient(w1, w2, x, y)",
    _as_array(tiny_gradient_reference),
    [
        Case((0.5, -1.2, np.array([2.0]), np.array([1.0])), "one example, w₁ > 0, x > 0"),
        Case((-0.7, 0.8, np.array([-1.5]), np.array([0.3])), "one example, w₁ < 0, x < 0"),
        Case((0.6, 1.1, np.array([-1.0]), np.array([0.5])), "one example, w₁x < 0: the unit is off"),
        Case(
            (-0.7, 0.8, np.array([-1.5, -0.5, 2.0]), np.array([0.3, -1.0, 0.4])),
            "three examples, w₁ < 0",
        ),
        Case(
            (1.7, 0.3, np.array([1.2, -0.4, 0.8, 2.5]), np.array([2.5, 0.0, -1.0, 1.5])),
            "four examples, w₁ > 0",
        ),
    ],
    mistakes=[Mistake(_as_array(m.fn), m.hint) for m in _TINY_MISTAKES],
    may_modify=False,
)


# --------------------------------------------------------------------------- counting paths


def count_paths_reference(sizes) -> int:
    """Number of directed paths from an input unit to an output unit: d₀ d₁ ⋯ d_L."""
    return math.prod(int(d) for d in sizes)


_COUNT_MISTAKES = [
    Mistake(
        lambda sizes: sum(sizes),
        "paths multiply: a path picks one unit in every layer, and the choices are "
        "independent, so the counts multiply (product, not sum, of the widths).",
    ),
    Mistake(
        lambda sizes: sum(a * b for a, b in zip(sizes[:-1], sizes[1:])),
        "that is the number of edges (weights), Σ d_{l−1} d_l. A path is a chain of "
        "L edges, one unit per layer: count the choices of units.",
    ),
    Mistake(
        lambda sizes: math.prod(sizes[1:-1]),
        "a path starts at one of the d₀ input units and ends at one of the d_L output "
        "units: include both end layers in the product.",
    ),
    Mistake(
        lambda sizes: math.prod(sizes[1:]),
        "off by one layer: the d₀ choices of the starting input unit are missing.",
    ),
    Mistake(
        lambda sizes: math.prod(sizes[:-1]),
        "off by one layer: the d_L choices of the final output unit are missing.",
    ),
]

check_count_paths = Checker(
    "count_paths(sizes)",
    count_paths_reference,
    [
        Case(([3, 4, 2],), "one hidden layer"),
        Case(([5, 2],), "no hidden layer"),
        Case(([2, 3, 3, 3, 2],), "three hidden layers"),
        Case(([4, 1, 4],), "a bottleneck of width 1"),
        Case(([784, 225, 144, 10],), "the widths of the planned MNIST network"),
    ],
    mistakes=_COUNT_MISTAKES,
    rtol=0.0,
    atol=0.0,  # counts are integers and are compared exactly
    may_modify=False,
)
