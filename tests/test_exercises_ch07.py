"""Checkers of chapter 7: references pass, stubs fail, known mistakes get their hints."""

import numpy as np
import pytest

from mlp.activations import sigmoid
from mlp.exercises import ch07
from mlp.exercises.ch07 import _backward, _sgd_step
from mlp.gradcheck import numerical_gradient


def _sigma_prime(z):
    s = sigmoid(z)
    return s * (1 - s)


# --------------------------------------------------------------------------- output_delta


def test_output_delta_reference_passes():
    result = ch07.check_output_delta(lambda z, y: _sigma_prime(z) * (sigmoid(z) - y))
    assert result and "all 3 cases pass" in str(result)


def test_output_delta_stub_fails():
    def output_delta(z, y): ...

    result = ch07.check_output_delta(output_delta)
    assert not result and "still a stub" in result.message


@pytest.mark.parametrize(
    "wrong, words",
    [
        (lambda z, y: sigmoid(z) - y, "not ∂Cₙ/∂ŷ"),
        (lambda z, y: _sigma_prime(z) * (y - sigmoid(z)), "wrong sign"),
        (lambda z, y: 2 * _sigma_prime(z) * (sigmoid(z) - y), "cancels the 2"),
        (lambda z, y: _sigma_prime(sigmoid(z)) * (sigmoid(z) - y), "applied twice"),
        (lambda z, y: _sigma_prime(z) * (z - y), "not the weighted input"),
    ],
)
def test_output_delta_mistakes_get_hints(wrong, words):
    result = ch07.check_output_delta(wrong)
    assert not result and "hint" in result.message and words in result.message


def test_output_delta_exception_is_reported():
    def output_delta(z, y):
        return undefined_name  # noqa: F821

    result = ch07.check_output_delta(output_delta)
    assert not result and "NameError" in result.message


def test_output_delta_reference_matches_finite_differences():
    z, y = np.array([0.4, -1.3, 2.0]), np.array([1.0, 0.0, 1.0])
    numeric = numerical_gradient(lambda v: 0.5 * np.sum((sigmoid(v) - y) ** 2), z)
    assert np.allclose(_sigma_prime(z) * (sigmoid(z) - y), numeric, rtol=1e-7)


# --------------------------------------------------------------------------- backward


def _student_backward(weights, biases, X, Y):
    """A separate implementation (a per-example loop over column vectors)."""
    L = len(weights)
    gW = [np.zeros_like(W) for W in weights]
    gb = [np.zeros_like(b) for b in biases]
    for x, y in zip(X, Y):
        a = [x]
        for W, b in zip(weights, biases):
            a.append(sigmoid(W @ a[-1] + b))
        d = a[-1] * (1 - a[-1]) * (a[-1] - y)
        for l in range(L, 0, -1):
            gW[l - 1] += np.outer(d, a[l - 1]) / len(X)
            gb[l - 1] += d / len(X)
            if l > 1:
                d = a[l - 1] * (1 - a[l - 1]) * (weights[l - 1].T @ d)
    return gW, gb


def test_backward_reference_passes_and_a_loop_implementation_too():
    assert ch07.check_backward(lambda *a: _backward(*a))
    result = ch07.check_backward(_student_backward)
    assert result and "all 4 cases pass" in str(result)


def test_backward_reference_matches_finite_differences():
    rng = np.random.default_rng(0)
    sizes = [3, 4, 2]
    weights = [rng.normal(size=(o, i)) for i, o in zip(sizes[:-1], sizes[1:])]
    biases = [rng.normal(size=o) for o in sizes[1:]]
    X, Y = rng.normal(size=(5, 3)), rng.uniform(size=(5, 2))

    def cost():
        A = X
        for W, b in zip(weights, biases):
            A = sigmoid(A @ W.T + b)
        return np.mean(0.5 * np.sum((A - Y) ** 2, axis=1))

    grads_W, grads_b = _backward(weights, biases, X, Y)
    for p, g in zip(weights + biases, grads_W + grads_b):

        def f(v, p=p):
            saved = p.copy()
            p[...] = v
            try:
                return cost()
            finally:
                p[...] = saved

        assert np.allclose(g, numerical_gradient(f, p), rtol=1e-6, atol=1e-10)


def test_backward_stub_fails():
    def backward(weights, biases, X, Y): ...

    result = ch07.check_backward(backward)
    assert not result and "still a stub" in result.message


@pytest.mark.parametrize(
    "flag, words",
    [
        ("last_D_everywhere", "not σ′(z⁽ᴸ⁾) for every layer"),
        ("no_transpose", "through the transpose"),
        ("mean", "1/B"),
        ("outer_swapped", "transpose a⁽ˡ⁻¹⁾"),
        ("no_output_prime", "ŷ − y alone"),
    ],
)
def test_backward_mistakes_get_hints(flag, words):
    value = flag != "mean"  # mean=False is the mistake
    result = ch07.check_backward(lambda *a: _backward(*a, **{flag: value}))
    assert not result and "hint" in result.message and words in result.message


def test_backward_bad_return_value_is_reported():
    result = ch07.check_backward(lambda *a: 3)
    assert not result and "hint" not in result.message


def test_backward_exception_is_reported():
    def backward(weights, biases, X, Y):
        return weights[0] @ weights[0] @ X  # shapes do not match

    result = ch07.check_backward(backward)
    assert not result and "raised an exception" in result.message


# --------------------------------------------------------------------------- SGD step


def test_sgd_step_reference_passes():
    result = ch07.check_sgd_step(lambda *a: _sgd_step(*a))
    assert result and "all 3 cases pass" in str(result)


def test_sgd_step_is_minus_eta_times_the_gradient():
    rng = np.random.default_rng(1)
    weights = [rng.normal(size=(3, 2)), rng.normal(size=(2, 3))]
    biases = [rng.normal(size=3), rng.normal(size=2)]
    x, y = rng.normal(size=2), rng.uniform(size=2)
    new_W, new_b = _sgd_step(weights, biases, x, y, 0.1)
    grads_W, grads_b = _backward(weights, biases, x, y)
    for old, new, g in zip(weights + biases, new_W + new_b, grads_W + grads_b):
        assert np.allclose(new, old - 0.1 * g.reshape(old.shape))


def test_sgd_step_stub_fails():
    def sgd_step(weights, biases, x, y, eta): ...

    result = ch07.check_sgd_step(sgd_step)
    assert not result and "still a stub" in result.message


@pytest.mark.parametrize(
    "flag, words",
    [
        ("update_during_backward", "before δ⁽ˡ⁾ was computed"),
        ("ascent", "subtracts the gradient"),
        ("skip_bias", "biases are parameters too"),
    ],
)
def test_sgd_step_mistakes_get_hints(flag, words):
    result = ch07.check_sgd_step(lambda *a: _sgd_step(*a, **{flag: True}))
    assert not result and "hint" in result.message and words in result.message


def test_sgd_step_exception_is_reported():
    def sgd_step(weights, biases, x, y, eta):
        raise RuntimeError("not yet")

    result = ch07.check_sgd_step(sgd_step)
    assert not result and "RuntimeError: not yet" in result.message


# ----------------------------------------------------------------------------- issue 8


def test_backward_names_the_wrong_layer():
    def wrong_W2(weights, biases, X, Y):
        grads_W, grads_b = _backward(weights, biases, X, Y)
        grads_W[1] = grads_W[1] + 0.1
        return grads_W, grads_b

    result = ch07.check_backward(wrong_W2)
    assert not result and "returned the wrong values for W2 on case 1" in result.message
    assert "expected: W2 = " in result.message and "got:      W2 = " in result.message


def test_backward_wrong_shape_names_the_layer():
    def transposed_b1(weights, biases, X, Y):
        grads_W, grads_b = _backward(weights, biases, X, Y)
        grads_b[0] = grads_b[0][:, None]
        return grads_W, grads_b

    result = ch07.check_backward(transposed_b1)
    assert not result and "for b1" in result.message


def test_backward_flipped_output_error_gets_its_hint():
    result = ch07.check_backward(lambda *a: _backward(*a, flipped_error=True))
    assert not result and "every gradient has the wrong sign" in result.message


@pytest.mark.parametrize("which", ["both", "W", "b"])
def test_backward_reverse_layer_order_gets_its_hint(which):
    def reversed_lists(*args):
        grads_W, grads_b = _backward(*args)
        return (grads_W[::-1] if which != "b" else grads_W, grads_b[::-1] if which != "W" else grads_b)

    result = ch07.check_backward(reversed_lists)
    assert not result and "reverse layer order" in result.message


def test_backward_changing_its_inputs_fails():
    def clobbers(weights, biases, X, Y):
        grads = _backward(weights, biases, X, Y)
        weights[0][...] = 0.0
        return grads

    result = ch07.check_backward(clobbers)
    assert not result and "changed its argument `weights` (at [0][0, 0])" in result.message


def test_sgd_step_names_the_wrong_layer():
    def wrong_b3(*args):
        weights, biases = _sgd_step(*args)
        biases[2] = biases[2] * 2
        return weights, biases

    result = ch07.check_sgd_step(wrong_b3)
    assert not result and "for b3" in result.message


def test_sgd_step_updating_in_place_passes():
    """The exercise does not forbid updating the given arrays and returning them."""

    def in_place(weights, biases, x, y, eta):
        new_W, new_b = _sgd_step(weights, biases, x, y, eta)
        for W, W_new, b, b_new in zip(weights, new_W, biases, new_b):
            W[...], b[...] = W_new, b_new
        return weights, biases

    assert ch07.check_sgd_step(in_place)


def test_output_delta_in_float32_passes_the_float64_tolerance():
    def output_delta(z, y):
        z, y = np.asarray(z, np.float32), np.asarray(y, np.float32)
        s = 1 / (1 + np.exp(-z))
        return s * (1 - s) * (s - y)

    assert ch07.check_output_delta(output_delta)
