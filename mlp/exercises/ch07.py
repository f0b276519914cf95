"""Checkers for chapter 7, "Backpropagation: Lemma 1 and its proof".

All three exercises use the network of Higham & Higham's example: the logistic
sigmoid σ in every layer (the output layer too) and the squared-error cost, averaged
over a batch, C = (1/B) Σₙ ½‖ŷₙ − yₙ‖². Arrays follow the course's code
conventions: examples are rows, ``weights[l-1]`` is W⁽ˡ⁾ with shape (d_l, d_{l−1}),
``biases[l-1]`` is b⁽ˡ⁾ with shape (d_l,).

* :func:`check_output_delta`  ``output_delta(z, y)``: δ⁽ᴸ⁾ for a sigmoid output and squared error;
* :func:`check_backward`      ``backward(weights, biases, X, Y)``: all gradients of the mean cost;
* :func:`check_sgd_step`      ``sgd_step(weights, biases, x, y, eta)``: one SGD step on one example.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..activations import sigmoid
from .checker import Case, Checker, Mistake, Result

__all__ = ["check_output_delta", "check_backward", "check_sgd_step"]

Array = np.ndarray


def _sigma_prime(z: Array) -> Array:
    s = sigmoid(z)
    return s * (1 - s)


# --------------------------------------------------------------------------- output delta


def _output_delta(z, y):
    return _sigma_prime(z) * (sigmoid(z) - y)


_DELTA_CASES = [
    Case((np.array([0.5, -1.0]), np.array([1.0, 0.0])), "one example, two outputs"),
    Case((np.array([2.0, 0.0, -3.0]), np.array([0.0, 1.0, 0.0])), "one example, three outputs"),
    Case(
        (np.array([[0.3, -0.2], [1.5, 2.5], [-2.0, 0.7]]), np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]])),
        "a batch of three examples as rows",
    ),
]

_DELTA_MISTAKES = [
    Mistake(
        lambda z, y: sigmoid(z) - y,
        "δ⁽ᴸ⁾ is ∂Cₙ/∂z⁽ᴸ⁾, not ∂Cₙ/∂ŷ: the chain rule through ŷ = σ(z⁽ᴸ⁾) adds the factor "
        "σ′(z⁽ᴸ⁾). (δ⁽ᴸ⁾ = ŷ − y holds for sigmoid + cross-entropy, not for squared error.)",
    ),
    Mistake(
        lambda z, y: _sigma_prime(z) * (y - sigmoid(z)),
        "wrong sign: ∂/∂ŷ ½(ŷ − y)² = ŷ − y, not y − ŷ.",
    ),
    Mistake(
        lambda z, y: 2 * _sigma_prime(z) * (sigmoid(z) - y),
        "the ½ in Cₙ = ½‖ŷ − y‖² cancels the 2 that the square brings down.",
    ),
    Mistake(
        lambda z, y: _sigma_prime(sigmoid(z)) * (sigmoid(z) - y),
        "σ′ is applied twice: σ′(z) = σ(z)(1 − σ(z)) = ŷ(1 − ŷ), so either compute ŷ(1 − ŷ) "
        "or σ′(z), but not σ′(ŷ).",
    ),
    Mistake(
        lambda z, y: _sigma_prime(z) * (z - y),
        "compare the network output ŷ = σ(z⁽ᴸ⁾) with y, not the weighted input z⁽ᴸ⁾.",
    ),
]

_delta_checker = Checker(
    "output_delta(z, y)",
    _output_delta,
    _DELTA_CASES,
    mistakes=_DELTA_MISTAKES,
    rtol=1e-6,
    atol=1e-12,
    may_modify=False,
)


def check_output_delta(output_delta: Callable) -> Result:
    """Check ``output_delta(z, y)`` = δ⁽ᴸ⁾ = σ′(z) ⊙ (σ(z) − y), for vectors and for rows."""
    return _delta_checker(output_delta)


# --------------------------------------------------------------------------- backward pass


def _backward(
    weights,
    biases,
    X,
    Y,
    *,
    mean: bool = True,
    last_D_everywhere: bool = False,
    no_transpose: bool = False,
    outer_swapped: bool = False,
    no_output_prime: bool = False,
    flipped_error: bool = False,
):
    """Lemma 1 on a batch of rows (sigmoid everywhere, squared error); flags make known mistakes."""
    X, Y = np.atleast_2d(X), np.atleast_2d(Y)
    A = [X]
    for W, b in zip(weights, biases):
        A.append(sigmoid(A[-1] @ W.T + b))
    L = len(weights)
    D = [a * (1 - a) for a in A[1:]]  # σ′(Z⁽ˡ⁾) = A⁽ˡ⁾ ⊙ (1 − A⁽ˡ⁾), index l−1
    delta = A[-1] - Y if no_output_prime else D[-1] * (A[-1] - Y)
    if flipped_error:  # y − ŷ instead of ŷ − y
        delta = -delta
    scale = 1 / len(X) if mean else 1.0
    grads_W, grads_b = [None] * L, [None] * L
    for l in range(L, 0, -1):
        grads_W[l - 1] = scale * (A[l - 1].T @ delta if outer_swapped else delta.T @ A[l - 1])
        grads_b[l - 1] = scale * delta.sum(axis=0)
        if l > 1:
            back = delta @ (weights[l - 1].T if no_transpose else weights[l - 1])
            delta = (D[-1] if last_D_everywhere else D[l - 2]) * back
    return grads_W, grads_b


def _flat(result):
    """(grads_W, grads_b) → (W⁽¹⁾, …, W⁽ᴸ⁾, b⁽¹⁾, …, b⁽ᴸ⁾), so the checker can compare arrays."""
    if result is None or result is Ellipsis:
        return result
    try:
        grads_W, grads_b = result
        return (*grads_W, *grads_b)  # as given: the checker judges the types
    except (TypeError, ValueError):
        return result


def _flat_fn(fn: Callable) -> Callable:
    return lambda *args, **kwargs: _flat(fn(*args, **kwargs))


def _reversed_layers(fn: Callable, which: str = "both") -> Callable:
    """The gradients of ``fn`` with the lists in reverse layer order (L first)."""

    def wrong(*args):
        grads_W, grads_b = fn(*args)
        return (grads_W[::-1] if which in ("both", "W") else grads_W,
                grads_b[::-1] if which in ("both", "b") else grads_b)

    return _flat_fn(wrong)


def _layer_names(n: int) -> list[str]:
    """W1, …, WL, b1, …, bL: the labels of the flattened per-layer outputs."""
    L = n // 2
    return [f"W{l}" for l in range(1, L + 1)] + [f"b{l}" for l in range(1, L + 1)]


_REVERSED_HINT = (
    "the gradients are in reverse layer order: the backward pass meets layer L first, but "
    "return the lists in the order of the layers, [∂C/∂W⁽¹⁾, …, ∂C/∂W⁽ᴸ⁾] and "
    "[∂C/∂b⁽¹⁾, …, ∂C/∂b⁽ᴸ⁾]: fill grads_W[l - 1] (or reverse the lists at the end)."
)


def _network(sizes, B, seed):
    rng = np.random.default_rng(seed)
    weights = [rng.normal(0, 1, (d_out, d_in)) for d_in, d_out in zip(sizes[:-1], sizes[1:])]
    biases = [rng.normal(0, 0.5, d) for d in sizes[1:]]
    X = rng.uniform(-1, 1, (B, sizes[0]))
    Y = rng.uniform(0, 1, (B, sizes[-1]))
    return weights, biases, X, Y


_BACKWARD_CASES = [
    Case(_network([2, 2, 2, 2], 1, 1), "sizes [2, 2, 2, 2], one example (B = 1)"),
    Case(_network([3, 4, 2], 1, 2), "sizes [3, 4, 2], one example (B = 1)"),
    Case(_network([2, 3, 3, 2], 4, 3), "sizes [2, 3, 3, 2], a batch of B = 4"),
    Case(_network([4, 5, 3, 2, 3], 6, 4), "sizes [4, 5, 3, 2, 3], a batch of B = 6"),
]

_BACKWARD_MISTAKES = [
    Mistake(
        _flat_fn(lambda *a: _backward(*a, last_D_everywhere=True)),
        "the recursion uses D⁽ˡ⁾ = diag(σ′(z⁽ˡ⁾)) of the layer it computes, "
        "δ⁽ˡ⁾ = σ′(z⁽ˡ⁾) ⊙ (W⁽ˡ⁺¹⁾)ᵀ δ⁽ˡ⁺¹⁾, not σ′(z⁽ᴸ⁾) for every layer.",
    ),
    Mistake(
        _flat_fn(lambda *a: _backward(*a, no_transpose=True)),
        "the error travels backwards through the transpose: δ⁽ˡ⁾ = σ′(z⁽ˡ⁾) ⊙ (W⁽ˡ⁺¹⁾)ᵀ δ⁽ˡ⁺¹⁾. "
        "With examples as rows that is Δ⁽ˡ⁾ = σ′(Z⁽ˡ⁾) ⊙ (Δ⁽ˡ⁺¹⁾ W⁽ˡ⁺¹⁾).",
    ),
    Mistake(
        _flat_fn(lambda *a: _backward(*a, mean=False)),
        "the cost is the mean over the batch, C = (1/B) Σₙ Cₙ, so the gradients need the factor "
        "1/B: ∂C/∂W⁽ˡ⁾ = (1/B) Δ⁽ˡ⁾ᵀ A⁽ˡ⁻¹⁾ (rows).",
    ),
    Mistake(
        _flat_fn(lambda *a: _backward(*a, outer_swapped=True)),
        "∂Cₙ/∂W⁽ˡ⁾ = δ⁽ˡ⁾ (a⁽ˡ⁻¹⁾)ᵀ has the shape of W⁽ˡ⁾, (d_l, d_{l−1}); you computed its "
        "transpose a⁽ˡ⁻¹⁾ (δ⁽ˡ⁾)ᵀ.",
    ),
    Mistake(
        _flat_fn(lambda *a: _backward(*a, no_output_prime=True)),
        "with squared error the output error is δ⁽ᴸ⁾ = σ′(z⁽ᴸ⁾) ⊙ (ŷ − y); "
        "ŷ − y alone is the sigmoid + cross-entropy formula.",
    ),
    Mistake(
        _flat_fn(lambda *a: _backward(*a, flipped_error=True)),
        "every gradient has the wrong sign: the output error is δ⁽ᴸ⁾ = σ′(z⁽ᴸ⁾) ⊙ (ŷ − y), "
        "prediction minus target (the derivative of ½‖ŷ − y‖² with respect to ŷ), not y − ŷ.",
    ),
    Mistake(_reversed_layers(_backward), _REVERSED_HINT),
    Mistake(_reversed_layers(_backward, "W"), _REVERSED_HINT),
    Mistake(_reversed_layers(_backward, "b"), _REVERSED_HINT),
]

_backward_checker = Checker(
    "backward(weights, biases, X, Y)",
    _flat_fn(_backward),
    _BACKWARD_CASES,
    mistakes=_BACKWARD_MISTAKES,
    rtol=1e-6,
    atol=1e-12,
    output_names=_layer_names,
    may_modify=False,
)


def check_backward(backward: Callable) -> Result:
    """Check ``backward(weights, biases, X, Y) -> (grads_W, grads_b)`` (lists, one array per layer)."""
    if not callable(backward):
        return _backward_checker(backward)
    return _backward_checker(_flat_fn(backward))


# --------------------------------------------------------------------------- SGD step


def _sgd_step(weights, biases, x, y, eta, *, update_during_backward=False, ascent=False, skip_bias=False):
    """One SGD step on one example; flags make known mistakes."""
    weights = [np.array(W, dtype=float) for W in weights]
    biases = [np.array(b, dtype=float) for b in biases]
    sign = 1.0 if ascent else -1.0
    activations = [np.asarray(x, dtype=float)]
    for W, b in zip(weights, biases):
        activations.append(sigmoid(W @ activations[-1] + b))
    L = len(weights)
    a = activations[-1]
    delta = a * (1 - a) * (a - y)
    deltas = [None] * L
    deltas[-1] = delta
    for l in range(L, 0, -1):
        if update_during_backward:  # the mistake: W⁽ˡ⁾ changes before δ⁽ˡ⁻¹⁾ is computed
            weights[l - 1] += sign * eta * np.outer(deltas[l - 1], activations[l - 1])
            biases[l - 1] += sign * eta * deltas[l - 1]
        if l > 1:
            a = activations[l - 1]
            deltas[l - 2] = a * (1 - a) * (weights[l - 1].T @ deltas[l - 1])
    if not update_during_backward:
        for l in range(L):
            weights[l] += sign * eta * np.outer(deltas[l], activations[l])
            if not skip_bias:
                biases[l] += sign * eta * deltas[l]
    return weights, biases


def _sgd_case(sizes, seed, eta):
    weights, biases, X, Y = _network(sizes, 1, seed)
    return (weights, biases, X[0], Y[0], eta)


_SGD_CASES = [
    Case(_sgd_case([2, 2, 3, 2], 5, 0.5), "sizes [2, 2, 3, 2], η = 0.5"),
    Case(_sgd_case([3, 4, 4, 2], 6, 2.0), "sizes [3, 4, 4, 2], η = 2"),
    Case(_sgd_case([2, 3, 2, 3, 1], 7, 1.0), "sizes [2, 3, 2, 3, 1], η = 1"),
]

_SGD_MISTAKES = [
    Mistake(
        _flat_fn(lambda *a: _sgd_step(*a, update_during_backward=True)),
        "W⁽ˡ⁺¹⁾ was updated before δ⁽ˡ⁾ was computed, so the recursion used the new weights "
        "and the step is not −η∇Cₙ. Compute every δ⁽ˡ⁾ with the old weights first, then "
        "update all W⁽ˡ⁾ and b⁽ˡ⁾.",
    ),
    Mistake(
        _flat_fn(lambda *a: _sgd_step(*a, ascent=True)),
        "a descent step subtracts the gradient: W⁽ˡ⁾ ← W⁽ˡ⁾ − η δ⁽ˡ⁾(a⁽ˡ⁻¹⁾)ᵀ.",
    ),
    Mistake(
        _flat_fn(lambda *a: _sgd_step(*a, skip_bias=True)),
        "the biases are parameters too: b⁽ˡ⁾ ← b⁽ˡ⁾ − η δ⁽ˡ⁾.",
    ),
]

_sgd_checker = Checker(
    "sgd_step(weights, biases, x, y, eta)",
    _flat_fn(_sgd_step),
    _SGD_CASES,
    mistakes=_SGD_MISTAKES,
    rtol=1e-6,
    atol=1e-12,
    output_names=_layer_names,
)


def check_sgd_step(sgd_step: Callable) -> Result:
    """Check ``sgd_step(weights, biases, x, y, eta) -> (new_weights, new_biases)``."""
    if not callable(sgd_step):
        return _sgd_checker(sgd_step)
    return _sgd_checker(_flat_fn(sgd_step))
