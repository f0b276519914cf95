"""Auto-checked exercises of chapter 13 (MNIST end to end).

* :data:`check_shift_image` — move a 2-D image ``dy`` pixels down and ``dx`` pixels
  right, filling the uncovered pixels with 0 (no wrap-around).
* :data:`check_dead_units` — given the hidden activations A (one row per example,
  one column per unit) of a ReLU layer, return a boolean array, True for every unit
  that is never active (aᵢ > 0 for no example).

Usage in a notebook::

    from mlp.exercises import ch13
    ch13.check_shift_image(shift_image)
    ch13.check_dead_units(dead_units)
"""

from __future__ import annotations

import numpy as np

from .checker import Case, Checker, Mistake

__all__ = ["shift_image_reference", "dead_units_reference", "check_shift_image", "check_dead_units"]


def shift_image_reference(image, dy: int, dx: int) -> np.ndarray:
    """The image moved dy rows down and dx columns right; uncovered pixels are 0."""
    image = np.asarray(image, dtype=float)
    h, w = image.shape
    out = np.zeros_like(image)
    rows_out = slice(max(dy, 0), h + min(dy, 0))
    rows_in = slice(max(-dy, 0), h + min(-dy, 0))
    cols_out = slice(max(dx, 0), w + min(dx, 0))
    cols_in = slice(max(-dx, 0), w + min(-dx, 0))
    out[rows_out, cols_out] = image[rows_in, cols_in]
    return out


def _rolled(image, dy, dx):
    return np.roll(np.asarray(image, dtype=float), (dy, dx), axis=(0, 1))


_SHIFT_MISTAKES = [
    Mistake(
        _rolled,
        "np.roll wraps around: the pixels pushed out at one edge come back in at the other. "
        "A translated digit must have an empty (0) border where the frame uncovered it.",
    ),
    Mistake(
        lambda image, dy, dx: shift_image_reference(image, dx, dy),
        "dy moves rows (axis 0, downwards) and dx moves columns (axis 1, to the right): "
        "the two shifts are swapped.",
    ),
    Mistake(
        lambda image, dy, dx: shift_image_reference(image, -dy, -dx),
        "the image moved the wrong way: a positive dy moves the content down, so pixel "
        "(i, j) of the result is pixel (i − dy, j − dx) of the input.",
    ),
]


def _image(seed, h=6, w=5):
    return np.round(np.random.default_rng(seed).random((h, w)), 2)


check_shift_image = Checker(
    "shift_image(image, dy, dx)",
    shift_image_reference,
    [
        Case((_image(0), 1, 0), "one pixel down"),
        Case((_image(1), 0, 2), "two pixels right"),
        Case((_image(2), -2, 1), "up two, right one"),
        Case((_image(3), 0, 0), "no shift"),
        Case((_image(4, 28, 28), 2, -2), "a 28 x 28 image, down two and left two"),
    ],
    mistakes=_SHIFT_MISTAKES,
)


def dead_units_reference(A) -> np.ndarray:
    """True for each column of A (a unit) that is ≤ 0 in every row (every example)."""
    A = np.asarray(A, dtype=float)
    return ~np.any(A > 0, axis=0)


_DEAD_MISTAKES = [
    Mistake(
        lambda A: ~np.any(np.asarray(A, dtype=float) > 0, axis=1),
        "the rows of A are examples and the columns are units: reduce over axis 0 (the "
        "examples) to get one answer per unit.",
    ),
    Mistake(
        lambda A: ~np.any(np.asarray(A, dtype=float) >= 0, axis=0),
        "a ReLU output is never negative, so 'a ≥ 0' is always true: a unit is active when "
        "a > 0, and dead when a = 0 for every example.",
    ),
    Mistake(
        lambda A: np.any(np.asarray(A, dtype=float) > 0, axis=0),
        "this marks the *active* units: a dead unit is one with no positive activation at all.",
    ),
    Mistake(
        lambda A: np.all(np.asarray(A, dtype=float) <= 0, axis=1),
        "the rows of A are examples and the columns are units: reduce over axis 0 (the "
        "examples) to get one answer per unit.",
    ),
    Mistake(
        lambda A: np.mean(np.asarray(A, dtype=float) > 0, axis=0) < 0.5,
        "a unit that is active for some examples is alive, however rarely; dead means active "
        "for none.",
    ),
]


def _activations(seed, n, m, dead):
    A = np.maximum(np.random.default_rng(seed).normal(size=(n, m)), 0.0)
    A[:, dead] = 0.0
    return A


check_dead_units = Checker(
    "dead_units(A)",
    dead_units_reference,
    [
        Case((np.array([[0.0, 1.0], [0.0, 2.0], [0.0, 0.5]]),), "three examples, two units"),
        Case((_activations(1, 8, 5, [1, 3]),), "eight examples, five units, two dead"),
        Case((np.array([[0.0, 0.3, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, 0.2]]),),
             "rarely active units are alive"),
        Case((_activations(2, 30, 12, [0, 5, 11]),), "thirty examples, twelve units"),
    ],
    mistakes=_DEAD_MISTAKES,
)
