"""Auto-checked exercises of chapter 14 (what hidden layers buy).

* :data:`check_interpolant_at` — evaluate the one-hidden-layer ReLU network
  g(x) = y₀ + Σᵢ₌₀^{m−1} cᵢ relu(x − xᵢ), c₀ = s₀, cᵢ = sᵢ − sᵢ₋₁, that interpolates the
  points (xᵢ, yᵢ) linearly (sᵢ is the slope of segment i). Left of x₀ it is the constant
  y₀; right of x_m it keeps the last slope.
* :data:`check_tent_power` — t^k(x), the tent map t(x) = 2 relu(x) − 4 relu(x − ½)
  composed k times (k = 0 gives x), for x in [0, 1].

Usage in a notebook::

    from mlp.exercises import ch14
    ch14.check_interpolant_at(interpolant_at)
    ch14.check_tent_power(tent_power)
"""

from __future__ import annotations

import numpy as np

from .checker import Case, Checker, Mistake

__all__ = [
    "relu_interpolant_reference",
    "tent_power_reference",
    "check_interpolant_at",
    "check_tent_power",
]


def _relu(z):
    return np.maximum(z, 0.0)


def relu_interpolant_reference(x, knots, values) -> np.ndarray:
    """g(x) = y₀ + s₀ relu(x − x₀) + Σᵢ₌₁^{m−1} (sᵢ − sᵢ₋₁) relu(x − xᵢ)."""
    x, knots, values = (np.asarray(a, dtype=float) for a in (x, knots, values))
    slopes = np.diff(values) / np.diff(knots)
    change = np.concatenate([slopes[:1], np.diff(slopes)])
    return values[0] + _relu(x[:, None] - knots[None, :-1]) @ change


def _interpolant_with(coefficients="changes", offset=True, direction=1.0, units="segments"):
    """A wrong variant of the interpolating network."""

    def wrong(x, knots, values):
        x, knots, values = (np.asarray(a, dtype=float) for a in (x, knots, values))
        slopes = np.diff(values) / np.diff(knots)
        c = slopes if coefficients == "slopes" else np.concatenate([slopes[:1], np.diff(slopes)])
        at = knots[:-1]
        if units == "all knots":  # a unit at the last knot too, switching the slope back to 0
            c = np.concatenate([c, [-slopes[-1]]])
            at = knots
        z = direction * (x[:, None] - at[None, :])
        return (values[0] if offset else 0.0) + _relu(z) @ c

    return wrong


_INTERPOLANT_MISTAKES = [
    Mistake(
        _interpolant_with(coefficients="slopes"),
        "unit i switches on at knot xᵢ and stays on, so its output weight is the *change* of "
        "slope there, sᵢ − sᵢ₋₁ (and s₀ for the first unit), not the slope sᵢ itself: with the "
        "slopes, every later segment adds up all earlier slopes.",
    ),
    Mistake(
        _interpolant_with(offset=False),
        "every relu(x − xᵢ) is 0 at x = x₀, so the network needs the output bias y₀ to pass "
        "through the first point.",
    ),
    Mistake(
        _interpolant_with(direction=-1.0),
        "relu(xᵢ − x) is on to the left of the knot; the construction needs units that switch on "
        "to the right, relu(x − xᵢ).",
    ),
    Mistake(
        _interpolant_with(units="all knots"),
        "this function is flat beyond the last knot x_m, as np.interp or a unit at x_m would "
        "make it. The network has one unit per segment (m units for m + 1 points), and beyond "
        "x_m it keeps the last slope.",
    ),
]

check_interpolant_at = Checker(
    "interpolant_at(x, knots, values)",
    relu_interpolant_reference,
    [
        Case((np.array([0.0, 0.5, 1.0]), np.array([0.0, 1.0]), np.array([1.0, 3.0])),
             "two points: one unit"),
        Case((np.linspace(0.0, 2.0, 9), np.array([0.0, 1.0, 2.0]), np.array([0.0, 1.0, 0.0])),
             "a hat on three points"),
        Case((np.linspace(-1.0, 3.0, 17), np.array([0.0, 0.5, 1.5, 2.0]), np.array([1.0, -1.0, 2.0, 2.5])),
             "four uneven knots, points on both sides of the knots"),
        Case((np.linspace(0.0, 1.0, 41), np.linspace(0.0, 1.0, 9),
              np.sin(2 * np.pi * np.linspace(0.0, 1.0, 9))), "nine knots on a sine"),
    ],
    mistakes=_INTERPOLANT_MISTAKES,
    may_modify=False,
)


# --------------------------------------------------------------------------- the tent map


def _tent(x):
    return 2.0 * _relu(x) - 4.0 * _relu(x - 0.5)


def tent_power_reference(x, k: int) -> np.ndarray:
    """t^k(x): apply t(x) = 2 relu(x) − 4 relu(x − ½) k times."""
    x = np.array(x, dtype=float)
    for _ in range(k):
        x = _tent(x)
    return x


def _tent_with(times=0, coefficient=4.0, unfolded=False):
    """A wrong variant of the composed tent map."""

    def wrong(x, k):
        x = np.array(x, dtype=float)
        if unfolded:  # t(2^{k−1} x) without folding back into [0, 1]
            return _tent(2.0 ** (k - 1) * x) if k else x
        for _ in range(k + times):
            x = 2.0 * _relu(x) - coefficient * _relu(x - 0.5)
        return x

    return wrong


_TENT_MISTAKES = [
    Mistake(_tent_with(times=-1), "the tent map is applied one time too few: k = 1 is t itself, "
            "k = 2 is t(t(x)), and k = 0 returns x unchanged."),
    Mistake(_tent_with(times=1), "the tent map is applied one time too many: k = 0 returns x "
            "unchanged and k = 1 is t itself."),
    Mistake(_tent_with(coefficient=2.0), "with 2 relu(x) − 2 relu(x − ½) the slope after ½ is 0, "
            "not −2: the second unit must cancel the slope 2 and add −2, so its weight is −4."),
    Mistake(_tent_with(unfolded=True), "t(2^{k−1} x) is a single tooth stretched over "
            "[0, 2^{1−k}]; composing folds the interval back onto itself every time. Apply t "
            "to its own output k times."),
]

check_tent_power = Checker(
    "tent_power(x, k)",
    tent_power_reference,
    [
        Case((np.array([0.0, 0.25, 0.5, 0.75, 1.0]), 1), "k = 1, the tent itself"),
        Case((np.linspace(0.0, 1.0, 9), 0), "k = 0, the identity"),
        Case((np.linspace(0.0, 1.0, 17), 2), "k = 2, two teeth"),
        Case((np.linspace(0.0, 1.0, 65), 4), "k = 4, eight teeth"),
        Case((np.array([0.1, 1 / 3, 0.7, 0.95]), 6), "k = 6 at points off the breakpoints"),
    ],
    mistakes=_TENT_MISTAKES,
    may_modify=False,
)
