"""Gradient checking must be able to catch a wrong gradient."""

import numpy as np
import pytest

from mlp import Network, check_gradients, numerical_gradient, relative_error
from mlp.gradcheck import numerical_hessian


def test_numerical_gradient_of_a_quadratic():
    A = np.array([[3.0, 1.0], [1.0, 2.0]])
    x = np.array([0.5, -1.0])
    np.testing.assert_allclose(numerical_gradient(lambda v: 0.5 * v @ A @ v, x), A @ x, atol=1e-9)


def test_numerical_hessian_of_a_quadratic():
    A = np.array([[3.0, 1.0], [1.0, 2.0]])
    np.testing.assert_allclose(numerical_hessian(lambda v: A @ v, np.zeros(2)), A, atol=1e-9)


def test_relative_error():
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error(np.array([1.0]), np.array([3.0])) == pytest.approx(0.5)
    with pytest.raises(ValueError, match="shapes differ"):
        relative_error(np.zeros(2), np.zeros(3))


def test_check_detects_a_broken_backward_pass(monkeypatch):
    rng = np.random.default_rng(0)
    net = Network([3, 4, 2], "tanh", rng=rng)
    X, y = rng.normal(size=(5, 3)), rng.integers(0, 2, 5)
    assert check_gradients(net, X, y).passed()
    original = net.backward

    def forgot_the_mean(cache, Y):  # a classic slip: sum instead of mean
        g = original(cache, Y)
        g.weights = [w * len(Y) for w in g.weights]
        return g

    monkeypatch.setattr(net, "backward", forgot_the_mean)
    report = check_gradients(net, X, y)
    assert not report.passed() and report.overall > 0.1
    assert "layer 1" in str(report)


def test_float32_is_refused():
    net = Network([2, 2], rng=np.random.default_rng(0), dtype=np.float32)
    with pytest.raises(ValueError, match="need a float64 network"):
        check_gradients(net, np.zeros((1, 2)), [0])
