"""Activation functions φ and their derivatives φ′.

Each activation is an :class:`Activation` object with three methods:

* ``act(z)``            the value φ(z), applied to every entry (softmax: to every row);
* ``act.derivative(z)`` the elementwise derivative φ′(z) (not defined for softmax,
  whose Jacobian is a full matrix);
* ``act.vjp(z, v)``     the vector–Jacobian product vᵀ J_φ(z), row by row. For an
  elementwise φ this is simply ``φ′(z) * v``; for softmax it is
  ``s * (v - sum(s * v))`` with ``s = softmax(z)``, which never forms the K×K Jacobian.

Backpropagation only ever needs ``vjp``: it is how the error signal δ passes back
through an activation (Lemma 1 uses φ′(z⁽ˡ⁾) ⊙ (·), which is the elementwise case).

All functions are numerically stable for |z| up to 1e4 and beyond: no overflow,
no warnings, no NaN.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

__all__ = [
    "Activation",
    "ACTIVATIONS",
    "get_activation",
    "identity",
    "step",
    "sigmoid",
    "tanh",
    "relu",
    "leaky_relu",
    "softmax",
    "log_softmax",
]

Array = np.ndarray


@dataclass(frozen=True)
class Activation:
    """An activation function φ with its derivative.

    Parameters
    ----------
    name : str
        Short name used in error messages and plots.
    fn : callable
        φ, applied entrywise (or row-wise for softmax).
    derivative_fn : callable or None
        φ′ entrywise; ``None`` when φ is not elementwise (softmax).
    vjp_fn : callable or None
        Custom vector–Jacobian product ``vjp_fn(z, v, out)``: softmax needs one, and
        ReLU has a faster one.
    """

    name: str
    fn: Callable[[Array], Array]
    derivative_fn: Callable[[Array], Array] | None = None
    vjp_fn: Callable[[Array, Array, Array | None], Array] | None = None

    def __call__(self, z: Array) -> Array:
        return self.fn(np.asarray(z))

    def derivative(self, z: Array) -> Array:
        """Return φ′(z) entrywise."""
        if self.derivative_fn is None:
            raise ValueError(
                f"activation {self.name!r} is not elementwise: it has no entrywise derivative; "
                "use .vjp(z, v) for vector-Jacobian products"
            )
        return self.derivative_fn(np.asarray(z))

    def vjp(self, z: Array, v: Array, out: Array | None = None) -> Array:
        """Return the vector–Jacobian product of φ at ``z`` with ``v`` (same shape as z).

        ``out`` (optional) receives the result; it may be ``v`` itself, which saves
        allocating a new array in the backward pass.
        """
        z, v = np.asarray(z), np.asarray(v)
        if z.shape != v.shape:
            raise ValueError(f"vjp: z and v must have the same shape, got {z.shape} and {v.shape}")
        if self.vjp_fn is not None:
            return self.vjp_fn(z, v, out)
        return np.multiply(self.derivative(z), v, out=out)

    def __repr__(self) -> str:
        return f"Activation({self.name!r})"


# ----------------------------------------------------------------------------
# The functions themselves
# ----------------------------------------------------------------------------


def _identity(z: Array) -> Array:
    return z


def _identity_prime(z: Array) -> Array:
    return np.ones_like(z)


def _step(z: Array) -> Array:
    # Heaviside: 1 for z > 0, 0 for z < 0; the convention at 0 is step(0) = 1.
    return (z >= 0).astype(z.dtype if np.issubdtype(z.dtype, np.floating) else np.float64)


def _step_prime(z: Array) -> Array:
    # Zero wherever it exists (z ≠ 0); at z = 0 it does not exist, and we return 0:
    # this is why the threshold unit cannot be trained by gradient descent.
    return np.zeros_like(z, dtype=z.dtype if np.issubdtype(z.dtype, np.floating) else np.float64)


def _sigmoid(z: Array) -> Array:
    # σ(z) = 1 / (1 + e^{-z}), evaluated so that exp never overflows:
    # for z ≥ 0 use 1 / (1 + e^{-z}); for z < 0 use e^{z} / (1 + e^{z}).
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)).astype(np.result_type(z, 0.0))


def _sigmoid_prime(z: Array) -> Array:
    s = _sigmoid(z)
    return s * (1.0 - s)


def _tanh(z: Array) -> Array:
    return np.tanh(z)


def _tanh_prime(z: Array) -> Array:
    return 1.0 - np.tanh(z) ** 2


def _relu(z: Array) -> Array:
    return np.maximum(z, 0)


def _relu_prime(z: Array) -> Array:
    # Convention at the kink: φ′(0) = 0 (the same as PyTorch).
    return (z > 0).astype(np.result_type(z, 0.0))


def _relu_vjp(z: Array, v: Array, out: Array | None) -> Array:
    # φ′(z) ⊙ v in one pass: keep v where z > 0.
    return np.multiply(v, z > 0, out=out)


def softmax(z: Array, axis: int = -1) -> Array:
    """Softmax along ``axis``: exp(zₖ) / Σⱼ exp(zⱼ), computed stably.

    Subtracting max(z) first changes nothing mathematically (it cancels) but keeps
    every exponent ≤ 0, so nothing overflows.
    """
    z = np.asarray(z)
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    e /= np.sum(e, axis=axis, keepdims=True)
    return e


def log_softmax(z: Array, axis: int = -1) -> Array:
    """log softmax(z) = z − logsumexp(z), computed stably (used by cross-entropy)."""
    z = np.asarray(z)
    shifted = z - np.max(z, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def _softmax_vjp(z: Array, v: Array, out: Array | None) -> Array:
    # Jacobian of softmax: J = diag(s) − s sᵀ, so vᵀJ = s ⊙ (v − (s·v)).
    s = softmax(z)
    return np.multiply(s, v - np.sum(s * v, axis=-1, keepdims=True), out=out)


def leaky_relu(a: float = 0.01) -> Activation:
    """Leaky ReLU with slope ``a > 0`` for negative inputs: φ(z) = z (z > 0), a·z (z ≤ 0)."""
    if isinstance(a, bool) or not isinstance(a, numbers.Real):
        raise TypeError(f"leaky_relu slope a must be a real number in (0, 1), got {type(a).__name__} {a!r}")
    a = float(a)  # also a NumPy scalar such as np.float32(0.1)
    if not 0 < a < 1:
        raise ValueError(f"leaky_relu slope a must be a number in (0, 1), got {a!r}")

    def fn(z: Array) -> Array:
        return np.where(z > 0, z, a * z)

    def prime(z: Array) -> Array:
        return np.where(z > 0, 1.0, a).astype(np.result_type(z, 0.0))

    return Activation(f"leaky_relu({a:g})" if a != 0.01 else "leaky_relu", fn, prime)


identity = Activation("identity", _identity, _identity_prime)
step = Activation("step", _step, _step_prime)
sigmoid = Activation("sigmoid", _sigmoid, _sigmoid_prime)
tanh = Activation("tanh", _tanh, _tanh_prime)
relu = Activation("relu", _relu, _relu_prime, _relu_vjp)
softmax_activation = Activation("softmax", softmax, None, _softmax_vjp)

ACTIVATIONS: dict[str, Activation] = {
    "identity": identity,
    "linear": identity,
    "step": step,
    "heaviside": step,
    "sigmoid": sigmoid,
    "tanh": tanh,
    "relu": relu,
    "leaky_relu": leaky_relu(0.01),
    "softmax": softmax_activation,
}


def get_activation(activation: str | Activation) -> Activation:
    """Look an activation up by name (``"relu"``, ``"sigmoid"``, …) or pass one through."""
    if isinstance(activation, Activation):
        return activation
    if isinstance(activation, str) and activation in ACTIVATIONS:
        return ACTIVATIONS[activation]
    raise ValueError(
        f"unknown activation {activation!r}; expected one of {sorted(ACTIVATIONS)} "
        "or an mlp.activations.Activation"
    )
