"""Hand-built approximating networks: the interpolant and the deep sawtooth are exact."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlp.approximation import relu_interpolant, sawtooth, sawtooth_network, tent


def composed_tent(x, k):
    for _ in range(k):
        x = tent(x)
    return x


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 12), st.integers(0, 2**31 - 1))
def test_relu_interpolant_equals_linear_interpolation(m, seed):
    rng = np.random.default_rng(seed)
    knots = np.cumsum(rng.uniform(0.1, 1.0, m + 1))
    values = rng.normal(size=m + 1)
    net = relu_interpolant(knots, values)
    x = np.linspace(knots[0], knots[-1], 301)
    assert net.sizes == [1, m, 1]
    assert np.allclose(net(x[:, None])[:, 0], np.interp(x, knots, values), atol=1e-10)


def test_relu_interpolant_outside_the_knots():
    net = relu_interpolant([0.0, 1.0, 2.0], [1.0, 3.0, 2.0])
    # constant y0 to the left, last slope (−1) continued to the right
    assert np.allclose(net(np.array([[-5.0], [3.0], [4.0]]))[:, 0], [1.0, 1.0, 0.0])


@pytest.mark.parametrize(
    "knots, values, message",
    [
        ([0.0], [1.0], "at least 2"),
        ([0.0, 1.0], [1.0], "shape of knots"),
        ([0.0, 0.0, 1.0], [1.0, 2.0, 3.0], "strictly increasing"),
        ([1.0, 0.0], [1.0, 2.0], "strictly increasing"),
    ],
)
def test_relu_interpolant_rejects_bad_knots(knots, values, message):
    with pytest.raises(ValueError, match=message):
        relu_interpolant(knots, values)


@pytest.mark.parametrize("k", range(0, 8))
def test_sawtooth_closed_form_is_the_composed_tent(k):
    x = np.linspace(0.0, 1.0, 2**9 + 1)
    assert np.allclose(sawtooth(x, k), composed_tent(x, k), atol=1e-12)


@pytest.mark.parametrize("k", range(1, 8))
def test_sawtooth_network_is_exact_and_small(k):
    x = np.linspace(0.0, 1.0, 2**10 + 1)
    net = sawtooth_network(k)
    assert net.sizes == [1] + [2] * k + [1]
    assert net.n_params == 6 * k + 1
    assert np.allclose(net(x[:, None])[:, 0], sawtooth(x, k), atol=1e-12)


@pytest.mark.parametrize("k", range(1, 7))
def test_sawtooth_has_two_to_the_k_pieces(k):
    x = np.linspace(0.0, 1.0, 2**12 + 1)  # every breakpoint j / 2^k is a grid point
    slopes = np.round(np.diff(sawtooth(x, k)) / np.diff(x), 6)
    pieces = 1 + np.count_nonzero(slopes[1:] != slopes[:-1])
    assert pieces == 2**k


def test_sawtooth_rejects_bad_k():
    with pytest.raises(TypeError, match="k must be an integer"):
        sawtooth([0.5], 1.5)
    with pytest.raises(ValueError, match="k"):
        sawtooth_network(0)
