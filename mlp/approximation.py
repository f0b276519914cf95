"""Networks built by hand that approximate functions of one variable.

Two constructions of chapter 14 (what hidden layers buy):

* :func:`relu_interpolant` — a network with one hidden layer of ReLU units whose output
  is the piecewise-linear interpolant of given points. It shows *how* a wide shallow
  network approximates a continuous function: one unit per bend.
* :func:`sawtooth_network` — a deep, narrow ReLU network (k hidden layers of 2 units)
  computing the k-fold composition t∘t∘…∘t of the tent map t(x) = 1 − |2x − 1| on
  [0, 1], a sawtooth with 2^k linear pieces. A network with one hidden layer needs at
  least 2^k − 1 units for the same function (each unit bends the graph once), so depth
  buys an exponential saving here (Telgarsky 2016).

:func:`sawtooth` is the closed form of the same composition, for checking.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_float_array, check_int
from .network import Network

__all__ = ["relu_interpolant", "sawtooth", "sawtooth_network", "tent"]

Array = np.ndarray


def relu_interpolant(knots: object, values: object) -> Network:
    """A 1-m-1 ReLU network equal to the linear interpolant of (knots, values).

    With knots x₀ < x₁ < … < x_m, values y₀, …, y_m and segment slopes
    sᵢ = (yᵢ₊₁ − yᵢ)/(xᵢ₊₁ − xᵢ), the network computes

        g(x) = y₀ + s₀ relu(x − x₀) + Σᵢ₌₁^{m−1} (sᵢ − sᵢ₋₁) relu(x − xᵢ),

    one hidden unit per segment: unit i switches on at knot xᵢ and changes the slope by
    sᵢ − sᵢ₋₁. On [x₀, x_m] this is the interpolant; left of x₀ it is the constant y₀,
    right of x_m it continues with the last slope.

    Parameters
    ----------
    knots : array_like of shape (m + 1,)
        Strictly increasing abscissae, m ≥ 1.
    values : array_like of shape (m + 1,)
        The function values at the knots.

    Returns
    -------
    Network
        Sizes [1, m, 1], ReLU hidden layer, identity output, squared-error loss; use
        ``net.predict_proba(x.reshape(-1, 1))[:, 0]`` (or ``net(x[:, None])``) for g(x).
    """
    x = as_float_array("knots", knots, ndim=1)
    y = as_float_array("values", values, ndim=1)
    if len(x) < 2:
        raise ValueError(f"knots needs at least 2 points, got {len(x)}")
    if y.shape != x.shape:
        raise ValueError(f"values must have the shape of knots {x.shape}, got {y.shape}")
    if np.any(np.diff(x) <= 0):
        raise ValueError("knots must be strictly increasing")
    slopes = np.diff(y) / np.diff(x)
    change = np.concatenate([slopes[:1], np.diff(slopes)])
    m = len(slopes)
    W1 = np.ones((m, 1))
    b1 = -x[:-1]
    W2 = change.reshape(1, m)
    b2 = y[:1].copy()
    return Network.from_weights([W1, W2], [b1, b2], hidden="relu", output="identity", loss="squared_error")


def tent(x: object) -> Array:
    """The tent map t(x) = 1 − |2x − 1| = 2 relu(x) − 4 relu(x − ½) on [0, 1]."""
    x = as_float_array("x", x)
    return 1.0 - np.abs(2.0 * x - 1.0)


def sawtooth(x: object, k: int) -> Array:
    """t^k(x), the tent map composed k times, in closed form: 1 − |2·frac(2^{k−1}x) − 1|.

    For x in [0, 1] and k ≥ 1 this is a sawtooth with 2^{k−1} teeth of height 1, that
    is 2^k linear pieces; k = 0 gives x itself. At x = 1 the value is 0 for every k ≥ 1.
    """
    x = as_float_array("x", x)
    k = check_int("k", k, low=0)
    if k == 0:
        return x.copy()
    u = 2.0 ** (k - 1) * x
    frac = u - np.floor(u)
    return np.where(x == 1.0, 0.0, 1.0 - np.abs(2.0 * frac - 1.0))


def sawtooth_network(k: int) -> Network:
    """A ReLU network with k hidden layers of width 2 that computes t^k on [0, 1].

    Layer 1 computes relu(x) and relu(x − ½); every later hidden layer first forms
    t = 2 h₁ − 4 h₂ from the two units below (the tent of its input) and then
    relu(t), relu(t − ½); the identity output returns 2 h₁ − 4 h₂ of the last layer.
    On [0, 1] every relu(t) equals t because t ≥ 0 there, so the network is exact.
    It has 6k + 1 parameters, against at least 3(2^k − 1) + 1 for any network with one
    hidden layer that computes the same function.
    """
    k = check_int("k", k, low=1)
    bias = np.array([0.0, -0.5])
    weights = [np.array([[1.0], [1.0]])]
    biases = [bias.copy()]
    for _ in range(k - 1):
        weights.append(np.array([[2.0, -4.0], [2.0, -4.0]]))
        biases.append(bias.copy())
    weights.append(np.array([[2.0, -4.0]]))
    biases.append(np.array([0.0]))
    return Network.from_weights(weights, biases, hidden="relu", output="identity", loss="squared_error")
