"""Checkers of chapter 9: the reference passes; stubs, known mistakes and crashes fail clearly."""

import numpy as np
import pytest

from mlp.exercises import ch09
from mlp.gradcheck import numerical_gradient
from mlp.optim import Momentum, minimise
from mlp.tiny import tiny_cost

# ----------------------------------------------------------------------------- the gradient


@pytest.mark.parametrize("case", ch09.check_tiny_gradient.cases, ids=lambda c: c.description)
def test_gradient_reference_matches_finite_differences(case):
    w, decay = case.args
    fd = numerical_gradient(lambda v: tiny_cost(v[0], v[1], decay), w)
    assert np.allclose(ch09.tiny_gradient_reference(w, decay), fd, rtol=1e-7, atol=1e-7)


def test_gradient_reference_passes():
    result = ch09.check_tiny_gradient(ch09.tiny_gradient_reference)
    assert result and "all 5 cases pass" in str(result)


def test_gradient_written_out_as_a_list_passes():
    def tiny_gradient(w, decay):
        w1, w2 = w
        return [2 * (w1 * w2 - 1.5) * w2 + 2 * decay * w1, 2 * (w1 * w2 - 1.5) * w1 + 2 * decay * w2]

    assert ch09.check_tiny_gradient(tiny_gradient)


def test_gradient_stub_fails_with_stub_message():
    def tiny_gradient(w, decay): ...

    result = ch09.check_tiny_gradient(tiny_gradient)
    assert not result and "still a stub" in result.message


def make_gradient(square=2.0, decay_factor=2.0, swap=False, sign=1.0):
    def tiny_gradient(w, decay):
        r = sign * (w[0] * w[1] - 1.5)
        a, b = (w[0], w[1]) if swap else (w[1], w[0])
        return np.array([square * r * a + decay_factor * decay * w[0],
                         square * r * b + decay_factor * decay * w[1]])

    return tiny_gradient


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (make_gradient(square=1.0), "no ½"),
        (make_gradient(decay_factor=1.0), "2λw₁"),
        (make_gradient(decay_factor=0.0), "decay term is missing"),
        (make_gradient(swap=True), "*other* weight"),
        (make_gradient(sign=-1.0), "sign of the residual"),
    ],
    ids=["half", "decay-lambda", "no-decay", "swapped", "sign"],
)
def test_gradient_known_mistakes_get_their_hint(wrong, hint):
    result = ch09.check_tiny_gradient(wrong)
    assert not result
    assert hint in result.message, result.message


def test_gradient_exception_is_reported():
    result = ch09.check_tiny_gradient(lambda w, decay: w[5])
    assert not result and "IndexError" in result.message


def test_gradient_unknown_wrong_answer_has_no_hint():
    result = ch09.check_tiny_gradient(lambda w, decay: np.array([1.0, -1.0]))
    assert not result and "expected" in result.message and "hint" not in result.message


def test_gradient_wrong_shape_is_reported():
    result = ch09.check_tiny_gradient(lambda w, decay: np.zeros(3))
    assert not result and "shape" in result.message


# ----------------------------------------------------------------------------- heavy ball


def test_momentum_reference_passes():
    result = ch09.check_momentum_path(ch09.momentum_path_reference)
    assert result and "all 4 cases pass" in str(result)


@pytest.mark.parametrize("case", ch09.check_momentum_path.cases, ids=lambda c: c.description)
def test_momentum_reference_agrees_with_mlp_optim(case):
    grad, theta0, eta, beta, n = case.args
    expected = minimise(grad, theta0, Momentum(eta, beta), n)
    assert np.allclose(ch09.momentum_path_reference(grad, theta0, eta, beta, n), expected)


def test_momentum_with_mlp_optim_passes():
    def momentum_path(grad, theta0, eta, beta, n_steps):
        return minimise(grad, theta0, Momentum(eta, beta), n_steps)

    assert ch09.check_momentum_path(momentum_path)


def test_momentum_stub_fails_with_stub_message():
    def momentum_path(grad, theta0, eta, beta, n_steps): ...

    result = ch09.check_momentum_path(momentum_path)
    assert not result and "still a stub" in result.message


def make_momentum(kind):
    def momentum_path(grad, theta0, eta, beta, n_steps):
        theta, m, path = np.array(theta0, float), np.zeros(len(theta0)), []
        path.append(theta.copy())
        for _ in range(n_steps):
            if kind == "stale":
                theta = theta + m
                m = beta * m - eta * grad(theta - m)
            elif kind == "nesterov":
                m = beta * m - eta * grad(theta + beta * m)
                theta = theta + m
            elif kind == "plus":
                m = beta * m + eta * grad(theta)
                theta = theta + m
            elif kind == "ema":
                m = beta * m - eta * (1 - beta) * grad(theta)
                theta = theta + m
            elif kind == "beta-theta":
                m = -eta * grad(theta)
                theta = beta * theta + m
            path.append(theta.copy())
        return np.array(path)

    return momentum_path


@pytest.mark.parametrize(
    "kind, hint",
    [
        ("stale", "one step late"),
        ("nesterov", "Nesterov"),
        ("plus", "*against* the gradient"),
        ("ema", "(1 − β)"),
        ("beta-theta", "not the parameters"),
    ],
)
def test_momentum_known_mistakes_get_their_hint(kind, hint):
    result = ch09.check_momentum_path(make_momentum(kind))
    assert not result
    assert hint in result.message, result.message


def test_momentum_final_point_only_is_a_shape_error():
    result = ch09.check_momentum_path(lambda *a: ch09.momentum_path_reference(*a)[-1])
    assert not result and "shape" in result.message


def test_momentum_exception_is_reported():
    def momentum_path(grad, theta0, eta, beta, n_steps):
        raise RuntimeError("not yet")

    result = ch09.check_momentum_path(momentum_path)
    assert not result and "RuntimeError" in result.message
