"""Activations: values, derivatives against finite differences, stability."""

import warnings

import numpy as np
import pytest

from mlp import activations as act
from mlp.gradcheck import numerical_gradient, relative_error

ELEMENTWISE = ["identity", "sigmoid", "tanh", "relu", "leaky_relu"]


def test_known_values():
    z = np.array([-2.0, 0.0, 3.0])
    np.testing.assert_allclose(act.sigmoid(z), 1 / (1 + np.exp(-z)))
    np.testing.assert_allclose(act.tanh(z), np.tanh(z))
    np.testing.assert_array_equal(act.relu(z), [0.0, 0.0, 3.0])
    np.testing.assert_allclose(act.get_activation("leaky_relu")(z), [-0.02, 0.0, 3.0])
    np.testing.assert_array_equal(act.step(z), [0.0, 1.0, 1.0])  # convention U(0) = 1


def test_tanh_is_a_rescaled_sigmoid():
    z = np.linspace(-5, 5, 101)
    np.testing.assert_allclose(act.tanh(z), 2 * act.sigmoid(2 * z) - 1, atol=1e-15)


def test_sigmoid_derivative_identity():
    z = np.linspace(-6, 6, 25)
    s = act.sigmoid(z)
    np.testing.assert_allclose(act.sigmoid.derivative(z), s * (1 - s))


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_derivative_matches_finite_differences(name):
    phi = act.get_activation(name)
    z = np.array([-2.3, -0.7, 0.4, 1.9])  # away from the kink of ReLU at 0
    numeric = np.array([numerical_gradient(lambda v: phi(v)[0], np.array([zi]))[0] for zi in z])
    assert relative_error(phi.derivative(z), numeric) < 1e-8


def test_relu_and_step_conventions_at_zero():
    assert act.relu.derivative(np.array([0.0]))[0] == 0.0
    assert act.step.derivative(np.array([0.0, 2.0]))[1] == 0.0
    assert act.get_activation("leaky_relu").derivative(np.array([-1.0]))[0] == pytest.approx(0.01)


def test_leaky_relu_is_monotone_with_positive_slope():
    z = np.linspace(-3, 3, 61)
    assert np.all(np.diff(act.leaky_relu(0.1)(z)) > 0)


def test_leaky_relu_rejects_bad_slope():
    with pytest.raises(ValueError, match="slope a must be a number in"):
        act.leaky_relu(-0.1)


def test_softmax_worked_example():
    # the course's worked example (the seed's printed values are wrong; see errata)
    s = act.softmax(np.array([1.60, 0.55, 0.98]))
    np.testing.assert_allclose(s, [0.5297, 0.1854, 0.2849], atol=5e-5)
    np.testing.assert_allclose(np.round(s, 2), [0.53, 0.19, 0.28])


def test_softmax_vjp_matches_full_jacobian():
    rng = np.random.default_rng(1)
    z, v = rng.normal(size=(3, 5)), rng.normal(size=(3, 5))
    phi = act.get_activation("softmax")
    for row in range(3):
        s = act.softmax(z[row])
        J = np.diag(s) - np.outer(s, s)
        np.testing.assert_allclose(phi.vjp(z, v)[row], v[row] @ J, atol=1e-14)
        numeric_J = np.stack(
            [numerical_gradient(lambda u, k=k: act.softmax(u)[k], z[row]) for k in range(5)]
        )
        np.testing.assert_allclose(J, numeric_J, atol=1e-8)


def test_softmax_has_no_elementwise_derivative():
    with pytest.raises(ValueError, match="not elementwise"):
        act.get_activation("softmax").derivative(np.zeros(3))


def test_vjp_shape_mismatch_is_an_error():
    with pytest.raises(ValueError, match=r"same shape, got \(2,\) and \(3,\)"):
        act.sigmoid.vjp(np.zeros(2), np.zeros(3))


@pytest.mark.parametrize("name", [*ELEMENTWISE, "step", "softmax"])
def test_stable_for_huge_inputs(name):
    phi = act.get_activation(name)
    z = np.array([[-1e4, -50.0, 0.0, 50.0, 1e4]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = phi(z)
        grad = phi.vjp(z, np.ones_like(z))
    assert np.all(np.isfinite(out)) and np.all(np.isfinite(grad))


def test_sigmoid_saturates_correctly():
    np.testing.assert_array_equal(act.sigmoid(np.array([-1e4, 1e4])), [0.0, 1.0])


def test_float32_is_preserved():
    z = np.ones(3, dtype=np.float32)
    for name in [*ELEMENTWISE, "softmax"]:
        assert act.get_activation(name)(z).dtype == np.float32, name


def test_unknown_activation_names_the_choices():
    with pytest.raises(ValueError, match=r"unknown activation 'relu6'.*'sigmoid'"):
        act.get_activation("relu6")
