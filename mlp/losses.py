"""Loss functions C(ŷ, y), averaged over the examples of a batch.

The course writes the cost of a batch of B examples as the mean

    C = (1/B) Σₙ Cₙ,   Cₙ = C(ŷₙ, yₙ),

with three per-example losses:

* squared error          Cₙ = ½‖ŷₙ − yₙ‖²
* binary cross-entropy   Cₙ = −Σₖ [yₙₖ log ŷₙₖ + (1 − yₙₖ) log(1 − ŷₙₖ)]
* cross-entropy          Cₙ = −Σₖ yₙₖ log ŷₙₖ     (yₙ one-hot)

Each loss has a *canonical* output activation (identity, sigmoid, softmax). For
these pairs the output error signal simplifies to δ⁽ᴸ⁾ = ŷ − y, and the loss can be
computed straight from the logits z⁽ᴸ⁾ without ever forming log(0):
:meth:`Loss.from_logits`.

The two cross-entropies need outputs that are probabilities, so they accept only a
sigmoid or a softmax output (:func:`check_pairing` refuses, say, identity +
cross-entropy). The two non-canonical pairs among these, sigmoid + cross-entropy and
softmax + binary cross-entropy, are also computed from the logits
(:func:`logit_formulas`), so that neither the cost nor δ⁽ᴸ⁾ overflows for large |z|.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ._validate import check_int
from .activations import log_softmax, softmax

__all__ = [
    "Loss",
    "LOSSES",
    "get_loss",
    "squared_error",
    "binary_cross_entropy",
    "cross_entropy",
    "one_hot",
    "check_pairing",
    "logit_formulas",
]

Array = np.ndarray


def _check_pair(name: str, y_hat: Array, y: Array) -> None:
    if y_hat.shape != y.shape:
        raise ValueError(
            f"{name}: predictions and targets must have the same shape, "
            f"got y_hat {y_hat.shape} and y {y.shape}"
        )
    if y_hat.ndim != 2:
        raise ValueError(
            f"{name}: expected 2-D arrays (examples as rows), got shape {y_hat.shape}"
        )


@dataclass(frozen=True)
class Loss:
    """A per-example loss Cₙ, averaged over a batch.

    Attributes
    ----------
    name : str
    canonical : str
        Name of the output activation with which δ⁽ᴸ⁾ = ŷ − y.
    """

    name: str
    canonical: str
    _per_example: Callable[[Array, Array], Array]
    _grad: Callable[[Array, Array], Array]
    _per_example_from_logits: Callable[[Array, Array], Array]

    def per_example(self, y_hat: Array, y: Array) -> Array:
        """Return the vector (C₁, …, C_B) of per-example losses."""
        y_hat, y = np.asarray(y_hat), np.asarray(y)
        _check_pair(self.name, y_hat, y)
        return self._per_example(y_hat, y)

    def __call__(self, y_hat: Array, y: Array) -> float:
        """Mean loss C = (1/B) Σₙ Cₙ from the network outputs ŷ."""
        return float(np.mean(self.per_example(y_hat, y)))

    def from_logits(self, z: Array, y: Array) -> float:
        """Mean loss computed from the output pre-activations z⁽ᴸ⁾ of the canonical activation.

        Mathematically equal to ``self(phi_out(z), y)`` but stable for any z: it
        uses log-sum-exp (softmax) or softplus (sigmoid) instead of log(ŷ).
        """
        z, y = np.asarray(z), np.asarray(y)
        _check_pair(self.name, z, y)
        return float(np.mean(self._per_example_from_logits(z, y)))

    def grad(self, y_hat: Array, y: Array) -> Array:
        """∂Cₙ/∂ŷₙ for every example (rows); *not* divided by the batch size."""
        y_hat, y = np.asarray(y_hat), np.asarray(y)
        _check_pair(self.name, y_hat, y)
        return self._grad(y_hat, y)

    def __repr__(self) -> str:
        return f"Loss({self.name!r})"


# ---- squared error ----------------------------------------------------------


def _se(y_hat: Array, y: Array) -> Array:
    return 0.5 * np.sum((y_hat - y) ** 2, axis=1)


def _se_grad(y_hat: Array, y: Array) -> Array:
    return y_hat - y


# ---- binary cross-entropy ---------------------------------------------------


def _xlogy(x: Array, y: Array) -> Array:
    """x · log(y) with the convention 0 · log 0 = 0."""
    safe = np.where(x != 0, y, 1.0)
    with np.errstate(divide="ignore"):
        return np.where(x != 0, x * np.log(safe), 0.0)


def _bce(y_hat: Array, y: Array) -> Array:
    return -np.sum(_xlogy(y, y_hat) + _xlogy(1 - y, 1 - y_hat), axis=1)


def _bce_grad(y_hat: Array, y: Array) -> Array:
    return (y_hat - y) / (y_hat * (1 - y_hat))


def _bce_from_logits(z: Array, y: Array) -> Array:
    # −[y log σ(z) + (1−y) log(1−σ(z))] = softplus(z) − y z, and
    # softplus(z) = log(1 + eᶻ) = max(z, 0) + log(1 + e^{−|z|}) never overflows.
    return np.sum(_softplus(z) - y * z, axis=1)


# ---- cross-entropy ----------------------------------------------------------


def _ce(y_hat: Array, y: Array) -> Array:
    return -np.sum(_xlogy(y, y_hat), axis=1)


def _ce_grad(y_hat: Array, y: Array) -> Array:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(y != 0, -y / y_hat, 0.0)


def _ce_from_logits(z: Array, y: Array) -> Array:
    return -np.sum(y * log_softmax(z), axis=1)


squared_error = Loss("squared_error", "identity", _se, _se_grad, _se)
binary_cross_entropy = Loss(
    "binary_cross_entropy", "sigmoid", _bce, _bce_grad, _bce_from_logits
)
cross_entropy = Loss("cross_entropy", "softmax", _ce, _ce_grad, _ce_from_logits)

LOSSES: dict[str, Loss] = {
    "squared_error": squared_error,
    "mse": squared_error,
    "binary_cross_entropy": binary_cross_entropy,
    "bce": binary_cross_entropy,
    "cross_entropy": cross_entropy,
}


def get_loss(loss: str | Loss) -> Loss:
    """Look a loss up by name (``"squared_error"``, ``"cross_entropy"``, …) or pass one through."""
    if isinstance(loss, Loss):
        return loss
    if isinstance(loss, str) and loss in LOSSES:
        return LOSSES[loss]
    raise ValueError(f"unknown loss {loss!r}; expected one of {sorted(LOSSES)} or an mlp.losses.Loss")


# ---- output activation + loss, computed from the logits --------------------


def _softplus(z: Array) -> Array:
    """log(1 + eᶻ) = max(z, 0) + log(1 + e^{−|z|}), which never overflows."""
    return np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))


def _sigmoid_of(z: Array) -> Array:
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _log_one_minus_softmax(z: Array) -> tuple[Array, Array, Array]:
    """``(log s, log(1 − s), argmax)`` for s = softmax(z), row by row, accurate for any z.

    Every entry but a row's largest has sₖ ≤ 1/2, where log1p(−sₖ) is accurate. For the
    largest entry k*, 1 − s_k* may be far below the rounding error of s_k* (z_k* far above
    the rest), so it is computed as logsumexp_{j≠k*}(z) − logsumexp(z) instead.
    """
    log_s = log_softmax(z)
    with np.errstate(divide="ignore"):  # log1p(−1) at a row's largest entry, replaced below
        log_1ms = np.log1p(-np.exp(log_s))
    rows, top = np.arange(len(z)), np.argmax(z, axis=1)
    others = z.copy()
    others[rows, top] = -np.inf
    m = np.max(others, axis=1, keepdims=True)
    lse_others = m[:, 0] + np.log(np.sum(np.exp(others - m), axis=1))
    zmax = z[rows, top]
    lse = zmax + np.log(np.sum(np.exp(z - zmax[:, None]), axis=1))
    log_1ms[rows, top] = lse_others - lse
    return log_s, log_1ms, top


def _sigmoid_ce(z: Array, y: Array) -> Array:
    # −Σₖ yₖ log σ(zₖ) = Σₖ yₖ softplus(−zₖ)
    return np.sum(y * _softplus(-z), axis=1)


def _sigmoid_ce_delta(z: Array, y: Array) -> Array:
    # ∂/∂zₖ [yₖ softplus(−zₖ)] = −yₖ σ(−zₖ)
    return -y * _sigmoid_of(-z)


def _bce_sigmoid_delta(z: Array, y: Array) -> Array:
    return _sigmoid_of(z) - y


def _softmax_bce(z: Array, y: Array) -> Array:
    log_s, log_1ms, _ = _log_one_minus_softmax(z)
    return -np.sum(y * log_s + (1 - y) * log_1ms, axis=1)


def _softmax_bce_delta(z: Array, y: Array) -> Array:
    # With s = softmax(z) and rₖ = sₖ/(1 − sₖ), the chain rule gives
    #   δᵢ = −yᵢ + sᵢ Σₖ yₖ + (1 − yᵢ) sᵢ − sᵢ Σ_{k≠i} (1 − yₖ) rₖ.
    # rₖ ≤ 1 except for the row's largest entry k*, where it may overflow; that term is
    # sᵢ r_k* = s_k* · sᵢ/(1 − s_k*), and sᵢ/(1 − s_k*) ≤ 1 for i ≠ k* (sᵢ is one of the
    # terms of 1 − s_k*), computed as exp(log sᵢ − log(1 − s_k*)).
    log_s, log_1ms, top = _log_one_minus_softmax(z)
    rows = np.arange(len(z))
    s = np.exp(log_s)
    w = (1 - y) * np.exp(np.minimum(log_s - log_1ms, 0.0))  # (1 − yₖ) rₖ, k ≠ k*
    w[rows, top] = 0.0
    total = np.sum(w, axis=1, keepdims=True)  # Σ_{k≠k*} (1 − yₖ) rₖ
    s_top, y_top, log_1ms_top = s[rows, top], y[rows, top], log_1ms[rows, top]
    cross = s * (total - w) + ((1 - y_top) * s_top)[:, None] * np.exp(
        np.minimum(log_s - log_1ms_top[:, None], 0.0)
    )
    cross[rows, top] = s_top * total[:, 0]
    return -y + s * np.sum(y, axis=1, keepdims=True) + (1 - y) * s - cross


def _identity_se_delta(z: Array, y: Array) -> Array:
    return z - y


def _softmax_ce_delta(z: Array, y: Array) -> Array:
    return softmax(z) - y


#: (loss name, output activation name) -> (per-example cost, δ⁽ᴸ⁾), both from z⁽ᴸ⁾.
_LOGIT_FORMULAS: dict[tuple[str, str], tuple[Callable, Callable]] = {
    ("squared_error", "identity"): (_se, _identity_se_delta),
    ("binary_cross_entropy", "sigmoid"): (_bce_from_logits, _bce_sigmoid_delta),
    ("cross_entropy", "softmax"): (_ce_from_logits, _softmax_ce_delta),
    ("cross_entropy", "sigmoid"): (_sigmoid_ce, _sigmoid_ce_delta),
    ("binary_cross_entropy", "softmax"): (_softmax_bce, _softmax_bce_delta),
}

#: Losses that need probabilities as outputs, and the outputs that give them.
_PROBABILITY_OUTPUTS = ("sigmoid", "softmax")


def check_pairing(loss: Loss, output_name: str) -> None:
    """Refuse an output activation whose range the loss cannot take.

    The cross-entropies take log ŷ (and log(1 − ŷ)), so ŷ must be a probability: only
    a sigmoid or a softmax output qualifies. (An identity, tanh or ReLU output can be
    negative or above 1, and a step output is 0 or 1, where log is −∞.) Squared error
    accepts any output.
    """
    if loss.name in ("cross_entropy", "binary_cross_entropy") and output_name not in _PROBABILITY_OUTPUTS:
        raise ValueError(
            f"loss={loss.name!r} needs outputs that are probabilities: output must be one of "
            f"{list(_PROBABILITY_OUTPUTS)}, got output={output_name!r}. Use loss='squared_error' "
            "for other outputs"
        )


def logit_formulas(loss: Loss, output_name: str) -> tuple[Callable, Callable] | None:
    """``(cost, delta)`` computed from the output logits z⁽ᴸ⁾, or None for other pairs.

    ``cost(z, y)`` returns the per-example losses and ``delta(z, y)`` returns
    δ⁽ᴸ⁾ = ∂Cₙ/∂z⁽ᴸ⁾ row by row, both stable for any finite z. Available for the
    three canonical pairs and for sigmoid + cross-entropy and softmax + binary
    cross-entropy.
    """
    return _LOGIT_FORMULAS.get((loss.name, output_name))


def one_hot(labels: Array, n_classes: int, dtype: type = np.float64) -> Array:
    """Encode integer class labels 0, …, K−1 as one-hot rows of length K.

    >>> one_hot([2, 0], 3)
    array([[0., 0., 1.],
           [1., 0., 0.]])
    """
    n_classes = check_int("n_classes", n_classes, low=1)
    labels = np.asarray(labels)
    if labels.ndim != 1:
        raise ValueError(f"labels must be a 1-D array of class indices, got shape {labels.shape}")
    if labels.size and not np.issubdtype(labels.dtype, np.integer):
        if not np.issubdtype(labels.dtype, np.floating) or np.any(labels != np.round(labels)):
            raise ValueError(f"labels must be integers 0..{n_classes - 1}, got dtype {labels.dtype}")
        labels = labels.astype(np.int64)
    if labels.size and (labels.min() < 0 or labels.max() >= n_classes):
        bad = labels[(labels < 0) | (labels >= n_classes)]
        raise ValueError(
            f"labels must lie in 0..{n_classes - 1} (K = {n_classes} classes), "
            f"got out-of-range value(s) {np.unique(bad)[:5].tolist()}"
        )
    out = np.zeros((labels.size, n_classes), dtype=dtype)
    out[np.arange(labels.size), labels] = 1
    return out
