"""Auto-checked exercises of chapter 4 (loss functions and the training criterion).

* :data:`check_logistic_gradient` — the gradient of the mean binary cross-entropy of
  logistic regression, ŷₙ = σ(w·xₙ + b), returned as the pair (∂C/∂w, ∂C/∂b).
* :data:`check_softmax_cross_entropy` — the mean cross-entropy of a softmax output,
  computed stably from the logits Z and integer class labels y.

Usage in a notebook::

    from mlp.exercises import ch04
    ch04.check_logistic_gradient(logistic_gradient)
    ch04.check_softmax_cross_entropy(softmax_cross_entropy)
"""

from __future__ import annotations

import numpy as np

from ..activations import log_softmax, sigmoid, softmax
from .checker import Case, Checker, Mistake

__all__ = [
    "logistic_gradient_reference",
    "softmax_cross_entropy_reference",
    "check_logistic_gradient",
    "check_softmax_cross_entropy",
]


# --------------------------------------------------------------------------- logistic regression


def logistic_gradient_reference(w, b, X, y) -> tuple[np.ndarray, float]:
    """(∂C/∂w, ∂C/∂b) of C = (1/N) Σₙ −[yₙ log ŷₙ + (1 − yₙ) log(1 − ŷₙ)], ŷₙ = σ(w·xₙ + b).

    The gradient is (1/N) Σₙ (ŷₙ − yₙ) xₙ and (1/N) Σₙ (ŷₙ − yₙ): the sum encloses the
    whole product, and there is neither a factor yₙ nor a factor σ′.
    ``X`` has shape (N, d) (examples as rows), ``y`` shape (N,) with entries in {0, 1}.
    """
    w, X, y = np.asarray(w, dtype=float), np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    r = sigmoid(X @ w + b) - y  # residuals ŷₙ − yₙ
    return r @ X / len(y), float(np.mean(r))


def _logistic_with(residual="canonical", reduce="mean", sign=1.0, use_b=True):
    """A wrong variant of the reference (another residual, reduction, sign or a missing b)."""

    def wrong(w, b, X, y):
        w, X, y = np.asarray(w, dtype=float), np.asarray(X, dtype=float), np.asarray(y, dtype=float)
        z = X @ w + (b if use_b else 0.0)
        y_hat = sigmoid(z)
        if residual == "canonical":
            r = y_hat - y
        elif residual == "times_y":
            r = y * (y_hat - y)
        elif residual == "times_sigma_prime":
            r = (y_hat - y) * y_hat * (1 - y_hat)
        elif residual == "linear":
            r = z - y
        else:  # pragma: no cover - programming error
            raise ValueError(residual)
        r = sign * r
        if reduce == "sum":
            return r @ X, float(np.sum(r))
        if reduce == "split":  # the mean of the residuals times the mean of the inputs
            return np.mean(r) * X.mean(axis=0), float(np.mean(r))
        return r @ X / len(y), float(np.mean(r))

    return wrong


_LOGISTIC_MISTAKES = [
    Mistake(
        _logistic_with(sign=-1.0),
        "check the sign: ∂Cₙ/∂zₙ = ŷₙ − yₙ (prediction minus target), so the gradient is "
        "(1/N) Σₙ (ŷₙ − yₙ) xₙ; the update then moves against it.",
    ),
    Mistake(
        _logistic_with(residual="times_y"),
        "there is no factor yₙ in the gradient: with it, every example with yₙ = 0 would "
        "contribute nothing. The gradient is (1/N) Σₙ (ŷₙ − yₙ) xₙ.",
    ),
    Mistake(
        _logistic_with(residual="times_sigma_prime"),
        "sigmoid + binary cross-entropy is a canonical pair: σ′(z) = ŷ(1 − ŷ) cancels against "
        "the 1/(ŷ(1 − ŷ)) of ∂Cₙ/∂ŷₙ, so there is no factor ŷ(1 − ŷ) in the gradient. "
        "That factor belongs to sigmoid + squared error.",
    ),
    Mistake(
        _logistic_with(reduce="sum"),
        "the cost is the mean over the N examples, C = (1/N) Σₙ Cₙ: divide the sum of the "
        "per-example gradients by N.",
    ),
    Mistake(
        _logistic_with(reduce="split"),
        "the sum over examples must enclose the whole product (ŷₙ − yₙ) xₙ: the mean of the "
        "residuals times the mean of the inputs is not the mean of their products.",
    ),
    Mistake(
        _logistic_with(use_b=False),
        "the prediction is ŷₙ = σ(w·xₙ + b): include the bias b in the pre-activation.",
    ),
    Mistake(
        _logistic_with(residual="linear"),
        "the residual is ŷₙ − yₙ with the prediction ŷₙ = σ(zₙ), not the pre-activation zₙ itself.",
    ),
]

check_logistic_gradient = Checker(
    "logistic_gradient(w, b, X, y)",
    logistic_gradient_reference,
    [
        Case((np.array([0.8]), 0.3, np.array([[1.5]]), np.array([0.0])), "one example, y = 0"),
        Case((np.array([-0.5]), 0.2, np.array([[2.0]]), np.array([1.0])), "one example, y = 1"),
        Case(
            (np.array([0.4, -1.1]), -0.3, np.array([[1.0, 2.0], [-0.5, 0.3], [2.0, -1.0]]),
             np.array([1.0, 0.0, 1.0])),
            "three examples, two features",
        ),
        Case(
            (np.array([1.2, 0.7, -0.4]), 0.5,
             np.array([[0.3, -1.2, 0.8], [1.1, 0.4, -0.6], [-2.0, 0.5, 1.5], [0.9, 0.9, 0.1],
                       [-0.4, -1.5, 2.2]]),
             np.array([0.0, 1.0, 0.0, 1.0, 1.0])),
            "five examples, three features",
        ),
        Case(
            (np.array([30.0, -30.0]), 1.0, np.array([[2.0, -1.0], [-1.5, 2.0], [0.5, 0.5]]),
             np.array([0.0, 1.0, 1.0])),
            "large weights: confidently wrong predictions",
        ),
    ],
    mistakes=_LOGISTIC_MISTAKES,
    rtol=1e-6,
    atol=1e-9,
    may_modify=False,
)


# --------------------------------------------------------------------------- softmax cross-entropy


def softmax_cross_entropy_reference(Z, y) -> float:
    """Mean cross-entropy −(1/N) Σₙ log softmax(zₙ)_{yₙ}, stable for any logits.

    ``Z`` has shape (N, K) (logits, one row per example), ``y`` holds N integer labels.
    Uses log softmax(z)ₖ = zₖ − m − log Σⱼ exp(zⱼ − m) with m = maxⱼ zⱼ.
    """
    Z, y = np.asarray(Z, dtype=float), np.asarray(y)
    return float(-np.mean(log_softmax(Z)[np.arange(len(y)), y]))


def _picked(values, y):
    return values[np.arange(len(y)), np.asarray(y)]


def _ce_naive(Z, y):
    """exp, normalise, log: overflows for large logits."""
    Z = np.asarray(Z, dtype=float)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        P = np.exp(Z) / np.sum(np.exp(Z), axis=1, keepdims=True)
        return float(-np.mean(np.log(_picked(P, y))))


def _ce_naive_lse(Z, y):
    """z_y − log Σ exp(z) without the shift: overflows for large logits."""
    Z = np.asarray(Z, dtype=float)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return float(np.mean(np.log(np.sum(np.exp(Z), axis=1)) - _picked(Z, y)))


def _ce_mean_shift(Z, y):
    """Shifts by the row mean instead of the maximum: overflows for a row like (1000, −1000)."""
    Z = np.asarray(Z, dtype=float)
    mu = Z.mean(axis=1, keepdims=True)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        return float(np.mean(mu[:, 0] + np.log(np.sum(np.exp(Z - mu), axis=1)) - _picked(Z, y)))


def _ce_unshifted_back(Z, y):
    """Subtracts the maximum but forgets to add it back."""
    Z = np.asarray(Z, dtype=float)
    S = Z - Z.max(axis=1, keepdims=True)
    return float(np.mean(np.log(np.sum(np.exp(S), axis=1)) - _picked(Z, y)))


def _ce_of_logits_as_probabilities(Z, y):
    with np.errstate(invalid="ignore", divide="ignore"):
        return float(-np.mean(np.log(_picked(np.asarray(Z, dtype=float), y))))


def _ce_softmax_twice(Z, y):
    return float(-np.mean(_picked(log_softmax(softmax(np.asarray(Z, dtype=float))), y)))


_OVERFLOW_HINT = (
    "the result is not finite: exp(z) overflows for large logits (exp(1000) = inf). "
    "Subtract the row maximum m first and add it back: "
    "log Σⱼ exp(zⱼ) = m + log Σⱼ exp(zⱼ − m)."
)

_CE_MISTAKES = [
    Mistake(
        _ce_mean_shift,
        "the result is not finite for the row (1000, −1000, 0): subtracting the row mean (here 0) "
        "leaves exp(1000), which overflows. Subtract the row maximum m instead and add it back: "
        "log Σⱼ exp(zⱼ) = m + log Σⱼ exp(zⱼ − m).",
    ),
    Mistake(lambda Z, y: -softmax_cross_entropy_reference(Z, y),
            "check the sign: the cross-entropy is −log softmax(z)_y ≥ 0."),
    Mistake(
        lambda Z, y: len(y) * softmax_cross_entropy_reference(Z, y),
        "the cost is the mean over the N examples, not the sum: divide by N.",
    ),
    Mistake(
        _ce_unshifted_back,
        "after subtracting the maximum m you must add it back: log Σⱼ exp(zⱼ) = "
        "m + log Σⱼ exp(zⱼ − m). Alternatively, subtract m from every logit, including z_y.",
    ),
    Mistake(
        _ce_of_logits_as_probabilities,
        "Z holds logits (any real numbers), not probabilities: the probability of class k is "
        "softmax(z)ₖ, so the loss is −log softmax(z)_y = log Σⱼ exp(zⱼ) − z_y.",
    ),
    Mistake(
        _ce_softmax_twice,
        "the softmax is applied twice: log-softmax of the logits already contains the "
        "normalisation; do not turn Z into probabilities first.",
    ),
    Mistake(_ce_naive, _OVERFLOW_HINT),
    Mistake(_ce_naive_lse, _OVERFLOW_HINT),
]


check_softmax_cross_entropy = Checker(
    "softmax_cross_entropy(Z, y)",
    softmax_cross_entropy_reference,
    [
        Case((np.array([[0.2, 0.7, 0.1]]), np.array([1])), "one example, small positive logits"),
        Case((np.array([[1.60, 0.55, 0.98], [0.3, 2.1, 0.9]]), np.array([0, 2])), "two examples"),
        Case(
            (np.array([[-1.0, 0.5, 2.0, 0.0], [3.0, -2.0, 0.1, 1.0], [0.0, 0.0, 0.0, 0.0]]),
             np.array([2, 1, 3])),
            "three examples, negative logits",
        ),
        Case(
            (np.array([[1000.0, 990.0, 1001.0], [-5.0, 800.0, 799.0]]), np.array([0, 2])),
            "huge logits: overflow",
        ),
        Case(
            (np.array([[-1000.0, -1003.0, -999.0], [2.0, -900.0, 0.0], [1000.0, -1000.0, 0.0]]),
             np.array([1, 1, 2])),
            "very negative logits (underflow), and a row with logits ±1000",
        ),
    ],
    mistakes=_CE_MISTAKES,
    rtol=1e-6,
    atol=1e-9,
    may_modify=False,
)
