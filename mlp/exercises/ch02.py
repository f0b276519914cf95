"""Auto-checked exercises of chapter 2 (the perceptron and Adaline).

* :data:`check_perceptron_epoch` — one epoch of the perceptron rule, visiting the
  examples in the given order, returning the new pair ``(w, b)``.
* :data:`check_lms_step` — one Adaline / LMS (Widrow–Hoff) step on one example,
  returning the new pair ``(w, b)``.

Labels: the perceptron uses ``y`` in {0, 1} and ``ŷ = step(w·x + b)`` with
``step(0) = 1``; Adaline uses real targets (±1 for classes) and the linear
output ``ŷ = w·x + b``.

Usage in a notebook::

    from mlp.exercises import ch02
    ch02.check_perceptron_epoch(perceptron_epoch)
    ch02.check_lms_step(lms_step)
"""

from __future__ import annotations

import numpy as np

from .checker import Case, Checker, Mistake

__all__ = [
    "perceptron_epoch_reference",
    "lms_step_reference",
    "check_perceptron_epoch",
    "check_lms_step",
]


# --------------------------------------------------------------------------- perceptron epoch


def perceptron_epoch_reference(w, b, X, y, eta):
    """One pass of the perceptron rule over the rows of ``X`` in order.

    For n = 1, …, N: ŷ = step(w·xₙ + b) (step(0) = 1), then
    w ← w + η (yₙ − ŷ) xₙ and b ← b + η (yₙ − ŷ). Returns the new ``(w, b)``.
    """
    w = np.array(w, dtype=float)
    b = float(b)
    for x_n, y_n in zip(np.asarray(X, dtype=float), np.asarray(y, dtype=float)):
        y_hat = 1.0 if x_n @ w + b >= 0 else 0.0
        w = w + eta * (y_n - y_hat) * x_n
        b = b + eta * (y_n - y_hat)
    return w, b


def _perceptron_variant(output="step", sign=1.0, bias=True, when="error", batch=False):
    """A wrong variant of the perceptron epoch (see the hints below)."""

    def wrong(w, b, X, y, eta):
        w = np.array(w, dtype=float)
        b = float(b)
        X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
        w0, b0 = w.copy(), b
        for x_n, y_n in zip(X, y):
            z = x_n @ (w0 if batch else w) + (b0 if batch else b)
            if output == "linear":
                y_hat = z
            elif output == "strict":
                y_hat = 1.0 if z > 0 else 0.0
            else:
                y_hat = 1.0 if z >= 0 else 0.0
            factor = (2 * y_n - 1) if when == "always" else (y_n - y_hat)
            w = w + sign * eta * factor * x_n
            if bias:
                b = b + sign * eta * factor
        return w, b

    return wrong


_PERCEPTRON_MISTAKES = [
    Mistake(
        _perceptron_variant(output="linear"),
        "the perceptron's ŷ is the thresholded output step(w·x + b), 0 or 1. With the "
        "linear output w·x + b you have written Adaline's rule instead.",
    ),
    Mistake(
        _perceptron_variant(sign=-1.0),
        "check the sign: the rule adds η (y − ŷ) x. When y = 1 and ŷ = 0 the weights must move "
        "towards x, so that w·x + b grows.",
    ),
    Mistake(
        _perceptron_variant(when="always"),
        "the perceptron changes the weights only on misclassified examples: use the factor "
        "(y − ŷ), which is 0 when the example is classified correctly, not ±1 for every example.",
    ),
    Mistake(
        _perceptron_variant(bias=False),
        "the bias learns too: b ← b + η (y − ŷ), as if it were a weight on a constant input 1.",
    ),
    Mistake(
        _perceptron_variant(batch=True),
        "the perceptron rule is applied example by example: compute ŷ for example n with the "
        "weights as updated by examples 1, …, n − 1, not with the weights from the start of the epoch.",
    ),
    Mistake(
        _perceptron_variant(output="strict"),
        "the convention of this chapter is step(0) = 1: an example with w·x + b = 0 is predicted "
        "as class 1 (use >= 0, not > 0).",
    ),
]

check_perceptron_epoch = Checker(
    "perceptron_epoch(w, b, X, y, eta)",
    perceptron_epoch_reference,
    [
        Case(
            (np.array([0.5, -1.0]), -0.2, np.array([[1.0, 2.0]]), np.array([1]), 1.0),
            "one misclassified example",
        ),
        Case(
            (np.array([0.5, -1.0]), 0.1, np.array([[2.0, 0.5]]), np.array([1]), 0.5),
            "one correctly classified example: nothing changes",
        ),
        Case(
            (np.zeros(2), 0.0, np.array([[1.0, 1.0], [2.0, -1.0], [-1.0, 0.5], [0.5, 2.0]]),
             np.array([0, 1, 1, 0]), 1.0),
            "four examples from zero weights (z = 0 at the first one)",
        ),
        Case(
            (np.array([0.3, -0.2, 0.1]), -0.05,
             np.array([[1.0, 0.5, -1.0], [-0.5, 1.5, 0.2], [2.0, -1.0, 0.3],
                       [0.1, 0.1, 0.1], [-1.0, -2.0, 0.5]]),
             np.array([0, 1, 1, 0, 1]), 0.25),
            "five examples in three dimensions, η = 0.25",
        ),
    ],
    mistakes=_PERCEPTRON_MISTAKES,
    may_modify=False,
)


# --------------------------------------------------------------------------- LMS step


def lms_step_reference(w, b, x, y, eta):
    """One LMS (Widrow–Hoff) step: ŷ = w·x + b, then w ← w + η (y − ŷ) x, b ← b + η (y − ŷ)."""
    w = np.array(w, dtype=float)
    x = np.asarray(x, dtype=float)
    error = float(y) - (x @ w + float(b))
    return w + eta * error * x, float(b) + eta * error


def _lms_variant(output="linear", sign=1.0, bias=True, factor=1.0, gate=False):
    """A wrong variant of the LMS step (see the hints below)."""

    def wrong(w, b, x, y, eta):
        w = np.array(w, dtype=float)
        x = np.asarray(x, dtype=float)
        z = x @ w + float(b)
        if output == "sign":
            y_hat = 1.0 if z >= 0 else -1.0
        elif output == "step":
            y_hat = 1.0 if z >= 0 else 0.0
        else:
            y_hat = z
        error = float(y) - y_hat
        if gate and np.sign(z) == np.sign(y):
            error = 0.0
        step = sign * factor * eta * error
        return w + step * x, float(b) + (step if bias else 0.0)

    return wrong


_LMS_MISTAKES = [
    Mistake(
        _lms_variant(gate=True),
        "LMS updates on every example, also on those already on the correct side: the error "
        "y − ŷ of the linear output is rarely 0, and it is what the rule reduces.",
    ),
    Mistake(
        _lms_variant(output="sign"),
        "Adaline's error uses the linear output ŷ = w·x + b, not the thresholded one: with "
        "ŷ = ±1 you have written the perceptron rule (for ±1 labels).",
    ),
    Mistake(
        _lms_variant(output="step"),
        "Adaline's error uses the linear output ŷ = w·x + b, not step(w·x + b).",
    ),
    Mistake(
        _lms_variant(sign=-1.0),
        "check the sign: −∂Cₙ/∂w = (y − ŷ) x, and gradient descent adds η times it. Your step "
        "goes uphill on the squared error.",
    ),
    Mistake(
        _lms_variant(bias=False),
        "the bias is a weight on a constant input 1, so it is updated too: b ← b + η (y − ŷ).",
    ),
    Mistake(
        _lms_variant(factor=2.0),
        "the cost is Cₙ = ½ (y − ŷ)²: the ½ cancels the 2 from the square, so the step is "
        "η (y − ŷ) x, without a factor 2.",
    ),
]

check_lms_step = Checker(
    "lms_step(w, b, x, y, eta)",
    lms_step_reference,
    [
        Case((np.array([0.5, -1.0]), -0.2, np.array([1.0, 2.0]), 1.0, 0.1), "wrong side of the line"),
        Case(
            (np.array([0.5, -1.0]), 0.4, np.array([2.0, 0.5]), 1.0, 0.1),
            "right side of the line, but ŷ ≠ y",
        ),
        Case((np.zeros(3), 0.0, np.array([1.0, -2.0, 0.5]), -1.0, 0.05), "from zero weights"),
        Case(
            (np.array([0.2, 0.1, -0.3]), 0.05, np.array([-1.5, 0.5, 2.0]), 0.7, 0.2),
            "a real-valued target",
        ),
    ],
    mistakes=_LMS_MISTAKES,
    may_modify=False,
)
