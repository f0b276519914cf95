"""mlp.signal: per-layer statistics, Gaussian moments and the variance recursion."""

import numpy as np
import pytest

import mlp
from mlp.signal import gaussian_moment, predicted_variances, propagation_statistics


def test_gaussian_moment_closed_forms():
    assert np.isclose(gaussian_moment(lambda z: z**2, 2.5), 2.5)
    assert np.isclose(gaussian_moment(lambda z: z**4, 2.0), 3 * 4.0)
    assert np.isclose(gaussian_moment(lambda z: np.maximum(z, 0) ** 2, 1.7), 0.85, rtol=1e-3)
    assert gaussian_moment(np.cos, 0.0) == 1.0
    with pytest.raises(ValueError):
        gaussian_moment(np.cos, -1.0)


def test_statistics_match_a_direct_computation():
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(40, 5)), rng.normal(size=(40, 2))
    net = mlp.Network([5, 7, 6, 2], hidden="tanh", output="identity", loss="squared_error", rng=rng)
    s = propagation_statistics(net, X, Y)
    cache = net.forward(X)
    assert np.allclose(s["z_var"], [np.var(Z) for Z in cache.zs])
    assert np.allclose(s["a_sq"], [np.mean(A**2) for A in cache.activations[1:]])
    _, grads = net.gradients(X, Y)
    assert np.allclose(s["grad_norm"], [np.linalg.norm(g) for g in grads.weights])
    assert s["delta_var"].shape == (3,) and np.all(s["delta_var"] > 0)


def test_delta_variance_is_that_of_the_per_example_deltas():
    rng = np.random.default_rng(1)
    X, Y = rng.normal(size=(30, 3)), rng.normal(size=(30, 1))
    net = mlp.Network([3, 1], hidden=[], output="identity", loss="squared_error", rng=rng)
    s = propagation_statistics(net, X, Y)
    delta = net.forward(X).output - Y  # δ⁽ᴸ⁾ = ŷ − y for the identity output and ½‖·‖²
    assert np.isclose(s["delta_var"][0], np.var(delta))


def test_batches_pool_examples_and_average_gradient_norms():
    rng = np.random.default_rng(2)
    X, Y = rng.normal(size=(60, 4)), rng.normal(size=(60, 1))
    net = mlp.Network([4, 8, 1], hidden="relu", output="identity", loss="squared_error", rng=rng)
    whole, parts = propagation_statistics(net, X, Y), propagation_statistics(net, X, Y, batch_size=20)
    assert np.allclose(whole["z_var"], parts["z_var"]) and np.allclose(whole["a_sq"], parts["a_sq"])
    norms = [np.linalg.norm(net.gradients(X[i : i + 20], Y[i : i + 20])[1].weights[0]) for i in (0, 20, 40)]
    assert np.isclose(parts["grad_norm"][0], np.mean(norms))


def test_dead_units_are_counted():
    rng = np.random.default_rng(3)
    X, Y = rng.normal(size=(50, 2)), rng.normal(size=(50, 1))
    net = mlp.Network([2, 4, 1], hidden="relu", output="identity", loss="squared_error", rng=rng)
    net.biases[0][:2] = -100.0  # two units off on every example
    s = propagation_statistics(net, X, Y)
    assert s["dead_fraction"][0] == 0.5 and s["active_fraction"][0] <= 0.5


def test_predicted_variances_relu_and_validation():
    assert np.allclose(predicted_variances([10, 10, 10, 10], 0.2, "relu", 1.0), [2.0, 2.0, 2.0], rtol=1e-3)
    assert np.allclose(predicted_variances([4, 3], [0.5], "identity", 2.0), [4.0])
    with pytest.raises(ValueError):
        predicted_variances([4], 0.5, "relu", 1.0)
