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
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .activations import log_softmax

__all__ = [
    "Loss",
    "LOSSES",
    "get_loss",
    "squared_error",
    "binary_cross_entropy",
    "cross_entropy",
    "one_hot",
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
    softplus = np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z)))
    return np.sum(softplus - y * z, axis=1)


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


def one_hot(labels: Array, n_classes: int, dtype: type = np.float64) -> Array:
    """Encode integer class labels 0, …, K−1 as one-hot rows of length K.

    >>> one_hot([2, 0], 3)
    array([[0., 0., 1.],
           [1., 0., 0.]])
    """
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
