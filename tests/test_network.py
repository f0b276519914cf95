"""Network: shapes, Lemma 1 against finite differences (property tests), bad input."""

import warnings

import numpy as np
import pytest
from conftest import HEADS
from hypothesis import given, settings
from hypothesis import strategies as st

from mlp import Network, check_gradients, numerical_gradient, relative_error

HIDDEN = ["sigmoid", "tanh", "relu", "leaky_relu", "identity"]


def make_targets(rng, output, loss, n, k):
    if loss == "cross_entropy":
        return rng.integers(0, k, n)
    if output in ("sigmoid", "softmax"):
        return rng.integers(0, 2, (n, k)).astype(float)
    return rng.normal(size=(n, k))


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    depth=st.integers(1, 4),
    hidden=st.sampled_from(HIDDEN),
    head=st.sampled_from(HEADS),
    batch=st.integers(1, 6),
    data=st.data(),
)
def test_backprop_matches_finite_differences(seed, depth, hidden, head, batch, data):
    """Lemma 1 (backward pass) agrees with central differences, relative error < 1e-6."""
    widths = data.draw(st.lists(st.integers(1, 6), min_size=depth, max_size=depth))
    d_in = data.draw(st.integers(1, 5))
    output, loss = head
    k = data.draw(st.integers(2 if output == "softmax" else 1, 4))
    rng = np.random.default_rng(seed)
    net = Network([d_in, *widths, k], hidden, output, loss, rng=rng)
    X = rng.normal(size=(batch, d_in))
    y = make_targets(rng, output, loss, batch, k)
    if hidden == "relu" or hidden == "leaky_relu":
        # keep pre-activations away from the kink at 0, where φ′ jumps
        cache = net.forward(X)
        if min(np.min(np.abs(z)) for z in cache.zs[:-1]) < 1e-3:
            return
    report = check_gradients(net, X, y)
    assert report.passed(1e-6), str(report)


def test_forward_shapes_and_cache():
    rng = np.random.default_rng(0)
    net = Network([4, 5, 3, 2], rng=rng)
    cache = net.forward(rng.normal(size=(7, 4)))
    assert [W.shape for W in net.weights] == [(5, 4), (3, 5), (2, 3)]
    assert [Z.shape for Z in cache.zs] == [(7, 5), (7, 3), (7, 2)]
    assert [A.shape for A in cache.activations] == [(7, 4), (7, 5), (7, 3), (7, 2)]
    np.testing.assert_allclose(cache.output.sum(axis=1), 1.0)


def test_forward_is_the_column_formula_transposed():
    """Rows-as-examples code equals z = W a + b applied to each example as a column."""
    rng = np.random.default_rng(1)
    net = Network([3, 4, 2], "tanh", "identity", "squared_error", rng=rng)
    X = rng.normal(size=(5, 3))
    Z1 = net.forward(X).zs[0]
    for n in range(5):
        np.testing.assert_allclose(Z1[n], net.weights[0] @ X[n] + net.biases[0])


def test_batch_gradient_is_mean_of_per_example_gradients():
    rng = np.random.default_rng(2)
    net = Network([3, 4, 3], "sigmoid", rng=rng)
    X, y = rng.normal(size=(6, 3)), rng.integers(0, 3, 6)
    _, batch = net.gradients(X, y)
    singles = [net.gradients(X[n : n + 1], y[n : n + 1])[1].flat() for n in range(6)]
    np.testing.assert_allclose(batch.flat(), np.mean(singles, axis=0), atol=1e-14)


def test_flat_parameters_round_trip_and_gradient():
    rng = np.random.default_rng(3)
    net = Network([2, 3, 1], "tanh", "sigmoid", "binary_cross_entropy", rng=rng)
    X, y = rng.normal(size=(5, 2)), rng.integers(0, 2, 5)
    theta = net.get_params()
    assert theta.size == net.n_params == 2 * 3 + 3 + 3 + 1
    net.set_params(theta * 2)
    np.testing.assert_allclose(net.get_params(), theta * 2)
    numeric = numerical_gradient(lambda th: net.cost_at(th, X, y), net.get_params())
    assert relative_error(net.gradient_at(net.get_params(), X, y), numeric) < 1e-7
    np.testing.assert_allclose(net.get_params(), theta * 2)  # cost_at left it unchanged


def test_predict_and_accuracy():
    net = Network.from_weights([np.array([[1.0, -1.0], [-1.0, 1.0]])], [np.zeros(2)], output="softmax")
    X = np.array([[2.0, 0.0], [0.0, 2.0], [1.0, 0.0]])
    np.testing.assert_array_equal(net.predict(X), [0, 1, 0])
    assert net.accuracy(X, [0, 1, 1]) == pytest.approx(2 / 3)
    single = Network.from_weights([np.array([[1.0]])], [np.zeros(1)], output="sigmoid",
                                  loss="binary_cross_entropy")
    np.testing.assert_array_equal(single.predict(np.array([[-1.0], [1.0]])), [0, 1])


def test_float32_network_stays_float32():
    rng = np.random.default_rng(4)
    net = Network([4, 8, 3], rng=rng, dtype=np.float32)
    X = rng.normal(size=(5, 4))
    loss, grads = net.gradients(X, rng.integers(0, 3, 5))
    assert net.forward(X).output.dtype == np.float32
    assert all(g.dtype == np.float32 for g in grads.weights + grads.biases)


def test_huge_inputs_give_finite_loss_and_gradients():
    rng = np.random.default_rng(5)
    for output, loss in [("softmax", "cross_entropy"), ("sigmoid", "binary_cross_entropy")]:
        net = Network([2, 3, 2], "tanh", output, loss, rng=rng)
        X = np.array([[1e4, -1e4], [-1e4, 1e4]])
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            cost, grads = net.gradients(X, np.array([0, 1]))
        assert np.isfinite(cost) and np.all(np.isfinite(grads.flat()))


def test_initialisation_is_reproducible():
    a = Network([3, 4, 2], rng=np.random.default_rng(7)).get_params()
    b = Network([3, 4, 2], rng=np.random.default_rng(7)).get_params()
    c = Network([3, 4, 2], rng=np.random.default_rng(8)).get_params()
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, c)


# ---------------------------------------------------------------- bad input


@pytest.fixture
def net():
    return Network([3, 4, 2], rng=np.random.default_rng(0))


def test_wrong_input_width(net):
    with pytest.raises(ValueError, match=r"X has 5 columns .* expects d0 = 3 inputs"):
        net.forward(np.zeros((2, 5)))


def test_one_dimensional_input(net):
    with pytest.raises(ValueError, match=r"X must be 2-D .* X.reshape\(1, -1\)"):
        net.forward(np.zeros(3))


def test_nan_in_data(net):
    X = np.zeros((2, 3))
    X[1, 2] = np.nan
    with pytest.raises(ValueError, match="X contains 1 NaN or infinite"):
        net.loss(X, [0, 1])


def test_labels_out_of_range(net):
    with pytest.raises(ValueError, match=r"labels must lie in 0\.\.1 .* \[2\]"):
        net.loss(np.zeros((2, 3)), [0, 2])


def test_mismatched_lengths(net):
    with pytest.raises(ValueError, match="same number of rows .* got 3 and 2"):
        net.gradients(np.zeros((3, 3)), [0, 1])


def test_target_width(net):
    with pytest.raises(ValueError, match=r"y has 3 columns but the network has d_L = 2"):
        net.loss(np.zeros((2, 3)), np.zeros((2, 3)))


def test_unknown_activation_name():
    with pytest.raises(ValueError, match="unknown activation 'relu2'"):
        Network([2, 2], output="relu2", rng=np.random.default_rng(0))


def test_missing_generator():
    with pytest.raises(TypeError, match="rng must be a numpy.random.Generator"):
        Network([2, 2], rng=0)


def test_bad_sizes():
    with pytest.raises(ValueError, match=r"sizes\[1\] must be an integer in \[1, inf\], got 0"):
        Network([2, 0, 1], rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="softmax output needs at least 2"):
        Network([2, 1], rng=np.random.default_rng(0))


def test_wrong_theta_length(net):
    with pytest.raises(ValueError, match=f"theta must have {net.n_params} entries, got 3"):
        net.set_params(np.zeros(3))
