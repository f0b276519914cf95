"""Losses: values, gradients, logits forms, canonical pairs, bad input."""

import warnings

import numpy as np
import pytest

from mlp import activations as act
from mlp import losses
from mlp.gradcheck import numerical_gradient, relative_error


def test_squared_error_has_the_half_and_the_mean():
    y_hat = np.array([[1.0, 2.0], [0.0, 0.0]])
    y = np.array([[0.0, 0.0], [0.0, 2.0]])
    # C1 = ½(1 + 4) = 2.5, C2 = ½·4 = 2, mean 2.25
    assert losses.squared_error(y_hat, y) == pytest.approx(2.25)


def test_cross_entropy_of_one_hot():
    y_hat = np.array([[0.7, 0.2, 0.1]])
    y = losses.one_hot([0], 3)
    assert losses.cross_entropy(y_hat, y) == pytest.approx(-np.log(0.7))


def test_binary_cross_entropy_value():
    y_hat = np.array([[0.8], [0.3]])
    y = np.array([[1.0], [0.0]])
    assert losses.binary_cross_entropy(y_hat, y) == pytest.approx(-(np.log(0.8) + np.log(0.7)) / 2)


@pytest.mark.parametrize(
    "loss, phi", [(losses.cross_entropy, act.softmax), (losses.binary_cross_entropy, act.sigmoid)]
)
def test_from_logits_equals_direct_formula(loss, phi):
    rng = np.random.default_rng(0)
    z = rng.normal(size=(6, 3))
    y = losses.one_hot(rng.integers(0, 3, 6), 3)
    assert loss.from_logits(z, y) == pytest.approx(loss(phi(z), y), rel=1e-12)


@pytest.mark.parametrize("loss", [losses.cross_entropy, losses.binary_cross_entropy])
def test_from_logits_is_stable(loss):
    z = np.array([[1e4, -1e4, 0.0], [-1e4, 1e4, 3.0]])
    y = losses.one_hot([1, 1], 3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value = loss.from_logits(z, y)
    assert np.isfinite(value) and value > 1e3  # a confident wrong answer costs a lot


@pytest.mark.parametrize(
    "loss, phi",
    [
        (losses.squared_error, act.identity),
        (losses.binary_cross_entropy, act.sigmoid),
        (losses.cross_entropy, act.get_activation("softmax")),
    ],
)
def test_canonical_pairs_give_y_hat_minus_y(loss, phi):
    """−∂Cₙ/∂z = y − φ_out(z) for the three canonical pairs (checked numerically)."""
    rng = np.random.default_rng(3)
    z = rng.normal(size=4)
    y = losses.one_hot([2], 4)[0] if loss is not losses.squared_error else rng.normal(size=4)
    numeric = numerical_gradient(lambda v: loss.from_logits(v[None], y[None]), z)
    assert relative_error(numeric, phi(z[None])[0] - y) < 1e-8
    assert loss.canonical == phi.name


@pytest.mark.parametrize("loss", [losses.squared_error, losses.binary_cross_entropy, losses.cross_entropy])
def test_grad_wrt_y_hat_matches_finite_differences(loss):
    rng = np.random.default_rng(4)
    y_hat = rng.uniform(0.1, 0.9, size=(1, 3))
    y = np.array([[0.0, 1.0, 0.0]])
    numeric = numerical_gradient(lambda v: loss.per_example(v, y)[0], y_hat)
    assert relative_error(loss.grad(y_hat, y), numeric) < 1e-8


def test_one_hot():
    np.testing.assert_array_equal(losses.one_hot([2, 0], 3), [[0, 0, 1], [1, 0, 0]])


@pytest.mark.parametrize(
    "labels, match", [([0, 3], r"0\.\.2.*\[3\]"), ([-1], r"\[-1\]"), ([0.5], "integers")]
)
def test_one_hot_rejects_bad_labels(labels, match):
    with pytest.raises(ValueError, match=match):
        losses.one_hot(labels, 3)


def test_shape_mismatch_is_an_error_not_a_broadcast():
    with pytest.raises(ValueError, match=r"same shape, got y_hat \(4, 1\) and y \(4,\)"):
        losses.squared_error(np.zeros((4, 1)), np.zeros(4))


def test_unknown_loss():
    with pytest.raises(ValueError, match="unknown loss 'hinge'"):
        losses.get_loss("hinge")
