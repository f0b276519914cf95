"""mlp.landscape: Hessians, Hessian-vector products, inertia and slices of a network's cost."""

import numpy as np
import pytest

import mlp
from mlp.gradcheck import numerical_gradient
from mlp.landscape import hessian, hessian_vector, inertia, layer_direction, line_costs, plane_costs


@pytest.fixture
def problem():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(20, 2))
    Y = rng.normal(size=(20, 1))
    net = mlp.Network([2, 3, 1], hidden="tanh", output="identity", loss="squared_error", rng=rng)
    return net, X, Y


def test_hessian_matches_differences_of_the_cost(problem):
    net, X, Y = problem
    theta = net.get_params()
    H = hessian(net, X, Y)
    assert H.shape == (net.n_params, net.n_params) and np.allclose(H, H.T)
    # each column is the gradient of one partial derivative, from finite differences of C alone
    for i in [0, 5, net.n_params - 1]:
        def dC_di(t, i=i):
            return numerical_gradient(lambda s: net.cost_at(s, X, Y), t, eps=1e-5)[i]

        column = numerical_gradient(dC_di, theta, eps=1e-4)
        assert np.allclose(H[:, i], column, atol=1e-4)
    assert np.array_equal(net.get_params(), theta)  # the network is left unchanged


def test_hessian_of_a_quadratic_cost_is_exact():
    # linear network + squared error: C is quadratic in the last layer's parameters
    rng = np.random.default_rng(1)
    X, Y = rng.normal(size=(30, 3)), rng.normal(size=(30, 1))
    net = mlp.Network([3, 1], hidden=[], output="identity", loss="squared_error", rng=rng)
    Xb = np.hstack([X, np.ones((30, 1))])
    expected = Xb.T @ Xb / 30  # C = (1/N) Σ ½ (w·x + b − y)²
    assert np.allclose(hessian(net, X, Y), expected, atol=1e-7)


def test_hessian_vector_matches_hessian(problem):
    net, X, Y = problem
    theta = net.get_params()
    v = np.random.default_rng(2).normal(size=net.n_params)
    assert np.allclose(hessian_vector(net, X, Y, theta, v), hessian(net, X, Y, theta) @ v, atol=1e-6)
    with pytest.raises(ValueError, match="v must have"):
        hessian_vector(net, X, Y, theta, v[:-1])


def test_inertia_counts_with_a_relative_tolerance():
    assert inertia(np.array([-2.0, 0.0, 1e-9, 3.0])) == (1, 2, 1)
    assert inertia(np.array([-1e-3, 1e3]), tol=1e-5) == (0, 1, 1)  # |−1e-3| ≤ 1e-5 · 1e3
    assert inertia(np.array([-1e-3, 1e3]), tol=1e-7) == (1, 0, 1)
    with pytest.raises(ValueError):
        inertia(np.ones((2, 2)))


def test_layer_direction_has_the_norm_of_each_part(problem):
    net, _, _ = problem
    theta = net.get_params() + 0.5  # biases nonzero too
    d = layer_direction(net, np.random.default_rng(3), theta)
    i = 0
    for W, b in zip(net.weights, net.biases):
        for p in (W, b):
            s = slice(i, i + p.size)
            assert np.isclose(np.linalg.norm(d[s]), np.linalg.norm(theta[s]))
            i += p.size
    with pytest.raises(TypeError):
        layer_direction(net, 3)


def test_slices(problem):
    net, X, Y = problem
    theta = net.get_params()
    d1 = layer_direction(net, np.random.default_rng(4))
    d2 = layer_direction(net, np.random.default_rng(5))
    line = line_costs(net, X, Y, theta, d1, [0.0, 0.5])
    assert np.isclose(line[0], net.loss(X, Y)) and np.isclose(line[1], net.cost_at(theta + 0.5 * d1, X, Y))
    plane = plane_costs(net, X, Y, theta, d1, d2, [0.0, 1.0, 2.0], [0.0, -1.0])
    assert plane.shape == (2, 3)
    assert np.isclose(plane[1, 2], net.cost_at(theta + 2 * d1 - d2, X, Y))
    with pytest.raises(ValueError, match="direction"):
        line_costs(net, X, Y, theta, d1[:-1], [0.0])
    with pytest.raises(ValueError, match="theta must have"):
        hessian(net, X, Y, theta[:-1])
