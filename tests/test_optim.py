"""Optimisers and schedules on problems with known answers."""

import numpy as np
import pytest

from mlp import optim

A = np.diag([1.0, 10.0])  # an ill-conditioned quadratic C(θ) = ½ θᵀAθ, minimum at 0


def grad(theta):
    return A @ theta


def run(opt, steps=300, start=(1.0, 1.0)):
    return optim.minimise(grad, np.array(start), opt, steps)


def test_gradient_descent_step_is_exact():
    theta, g = np.array([1.0, 2.0]), np.array([0.5, -1.0])
    optim.GradientDescent(lr=0.1).step([theta], [g])
    np.testing.assert_allclose(theta, [0.95, 2.1])


def test_momentum_matches_the_course_formula():
    opt = optim.Momentum(lr=0.1, beta=0.5)
    theta = np.array([1.0])
    opt.step([theta], [np.array([2.0])])  # m1 = −0.2, θ = 0.8
    opt.step([theta], [np.array([1.0])])  # m2 = 0.5·(−0.2) − 0.1 = −0.2, θ = 0.6
    np.testing.assert_allclose(theta, [0.6])


@pytest.mark.parametrize(
    "opt",
    [
        optim.GradientDescent(0.15),
        optim.Momentum(0.05, 0.8),
        optim.Nesterov(0.05, 0.8),
        optim.AdaGrad(0.5),
        optim.RMSProp(0.01),
        optim.Adam(0.05),
    ],
    ids=lambda o: type(o).__name__,
)
def test_each_optimiser_reaches_the_minimum(opt):
    path = run(opt, steps=1000)
    assert np.linalg.norm(path[-1]) < 1e-2


def test_gradient_descent_diverges_above_two_over_lambda_max():
    assert np.linalg.norm(run(optim.GradientDescent(0.21), steps=50)[-1]) > 10
    assert np.linalg.norm(run(optim.GradientDescent(0.19), steps=200)[-1]) < 1e-3


def test_nesterov_equals_lookahead_form():
    """The stored φ = θ + βm form reproduces m ← βm − η∇C(θ + βm), θ ← θ + m."""
    beta, lr = 0.7, 0.05
    theta, m = np.array([1.0, 1.0]), np.zeros(2)
    phi = theta.copy()
    opt = optim.Nesterov(lr, beta)
    for _ in range(20):
        m = beta * m - lr * grad(theta + beta * m)
        theta = theta + m
        opt.step([phi], [grad(phi)])
    np.testing.assert_allclose(phi, theta + beta * m, atol=1e-12)


def test_adam_first_step_has_size_lr():
    theta = np.array([0.0, 0.0])
    optim.Adam(lr=0.1).step([theta], [np.array([3.0, -1e-3])])
    np.testing.assert_allclose(theta, [-0.1, 0.1], rtol=1e-4)


def test_newton_solves_a_quadratic_in_one_step():
    path = optim.minimise(grad, np.array([3.0, -2.0]), optim.Newton(lambda th: A), 1)
    np.testing.assert_allclose(path[-1], 0, atol=1e-12)


def test_newton_goes_to_a_saddle():
    S = np.diag([1.0, -1.0])  # f = ½(x² − y²): saddle at 0
    path = optim.minimise(lambda th: S @ th, np.array([0.3, 0.2]), optim.Newton(lambda th: S), 1)
    np.testing.assert_allclose(path[-1], 0, atol=1e-12)


def test_newton_singular_hessian_message():
    with pytest.raises(ValueError, match="singular .* damping > 0"):
        optim.minimise(grad, np.ones(2), optim.Newton(lambda th: np.zeros((2, 2))), 1)


def test_schedules():
    assert optim.constant(0.3)(100) == 0.3
    assert optim.inverse_time(1.0, 10.0)(5) == pytest.approx(1 / 15)
    assert optim.exponential(1.0, 0.5)(3) == pytest.approx(0.125)


@pytest.mark.parametrize("bad", [0, -0.1, float("nan")])
def test_non_positive_step_size(bad):
    with pytest.raises(ValueError, match="lr must be a finite positive number"):
        optim.GradientDescent(bad)


def test_schedule_that_becomes_negative():
    opt = optim.GradientDescent(lambda k: 0.1 - k)
    opt.step([np.zeros(1)], [np.ones(1)])
    with pytest.raises(ValueError, match="step size must be positive, got η_1"):
        opt.step([np.zeros(1)], [np.ones(1)])


def test_shape_mismatch_between_params_and_grads():
    with pytest.raises(ValueError, match=r"params\[0\] has shape \(2,\) but grads\[0\] has \(3,\)"):
        optim.GradientDescent(0.1).step([np.zeros(2)], [np.zeros(3)])


def test_bad_momentum_coefficient():
    with pytest.raises(ValueError, match=r"beta must be in \[0, 1\), got 1.5"):
        optim.Momentum(0.1, beta=1.5)


def test_apply_steps_adds_precomputed_steps_and_counts():
    opt = optim.GradientDescent(0.1)
    theta = np.array([1.0, 2.0])
    opt.apply_steps([theta], [np.array([-0.5, 0.25])])
    np.testing.assert_allclose(theta, [0.5, 2.25])
    assert opt.k == 1 and opt.current_lr() == 0.1
    with pytest.raises(ValueError, match="got 1 parameter arrays but 2 steps"):
        opt.apply_steps([theta], [theta, theta])
