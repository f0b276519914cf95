"""Weight decay, the linear-to-zero schedule, RProp, L-BFGS and translations (chapters 12–13)."""

import numpy as np
import pytest

import mlp
from mlp import augment, optim

# ------------------------------------------------------------------ weight decay


def test_weight_decay_adds_lambda_theta_to_matrices_only():
    W, b = np.ones((2, 3)), np.ones(2)
    gW, gb = np.zeros((2, 3)), np.zeros(2)
    optim.GradientDescent(0.1, weight_decay=0.5).step([W, b], [gW, gb])
    assert np.allclose(W, 1 - 0.1 * 0.5) and np.allclose(b, 1.0)


def test_weight_decay_is_the_gradient_of_half_lambda_norm_squared():
    rng = np.random.default_rng(0)
    W, g = rng.normal(size=(3, 4)), rng.normal(size=(3, 4))
    lam, lr = 0.3, 0.01
    penalty = mlp.numerical_gradient(lambda v: 0.5 * lam * np.sum(v**2), W.ravel()).reshape(3, 4)
    expected = W - lr * (g + penalty)
    optim.GradientDescent(lr, weight_decay=lam).step([W], [g])
    assert np.allclose(W, expected, atol=1e-8)


def test_weight_decay_in_momentum_shrinks_weights_without_gradient():
    W = np.full((2, 2), 2.0)
    opt = optim.Momentum(0.1, beta=0.5, weight_decay=1.0)
    for _ in range(50):
        opt.step([W], [np.zeros_like(W)])
    assert np.all(np.abs(W) < 0.01)


def test_train_with_weight_decay_uses_the_decay():
    rng = np.random.default_rng(1)
    X, y = rng.normal(size=(40, 3)), rng.integers(0, 2, 40)
    nets = []
    for wd in (0.0, 0.5):
        net = mlp.Network([3, 5, 2], rng=np.random.default_rng(2))
        mlp.train(net, X, y, optimiser=optim.GradientDescent(0.1, weight_decay=wd), epochs=20,
                  batch_size=10, rng=np.random.default_rng(3), evaluate=False)
        nets.append(sum(np.sum(W**2) for W in net.weights))
    assert nets[1] < 0.7 * nets[0]


@pytest.mark.parametrize("bad", [-0.1, float("nan")])
def test_weight_decay_rejects_bad_values(bad):
    with pytest.raises(ValueError, match="weight_decay"):
        optim.Momentum(0.1, weight_decay=bad)


# ------------------------------------------------------------------ schedule


def test_linear_to_zero():
    s = optim.linear_to_zero(0.4, 4)
    assert [s(k) for k in range(4)] == pytest.approx([0.4, 0.3, 0.2, 0.1])
    assert 0 < s(4) < 1e-6 and 0 < s(100) < 1e-6
    with pytest.raises(ValueError, match="n_steps"):
        optim.linear_to_zero(0.1, 0)


# ------------------------------------------------------------------ RProp


def test_rprop_grows_steps_while_the_sign_holds_and_halves_them_when_it_flips():
    theta = np.array([0.0])
    opt = optim.RProp(lr=0.1, eta_plus=1.2, eta_minus=0.5)
    opt.step([theta], [np.array([1.0])])  # first step: Δ₀
    assert theta[0] == pytest.approx(-0.1)
    opt.step([theta], [np.array([1.0])])  # same sign: Δ = 0.12
    assert theta[0] == pytest.approx(-0.22)
    opt.step([theta], [np.array([-3.0])])  # flip: Δ = 0.06, no step this time
    assert theta[0] == pytest.approx(-0.22)
    opt.step([theta], [np.array([-3.0])])  # remembered gradient was reset: step Δ = 0.06
    assert theta[0] == pytest.approx(-0.16)


def test_rprop_minimises_an_ill_conditioned_quadratic():
    A = np.diag([100.0, 1.0])
    path = optim.minimise(lambda v: A @ v, np.array([1.0, 1.0]), optim.RProp(lr=0.1), 200)
    assert np.linalg.norm(path[-1]) < 1e-4


def test_rprop_checks_its_factors():
    with pytest.raises(ValueError, match="eta_minus"):
        optim.RProp(eta_plus=0.9)


# ------------------------------------------------------------------ L-BFGS


def test_two_loop_recursion_equals_the_bfgs_inverse_hessian_product():
    rng = np.random.default_rng(4)
    M = rng.normal(size=(4, 4))
    A = M @ M.T + 4 * np.eye(4)
    s_list = [rng.normal(size=4) for _ in range(3)]
    y_list = [A @ s for s in s_list]
    g = rng.normal(size=4)
    # Dense BFGS inverse update from H0 = γI, oldest pair first.
    gamma = s_list[-1] @ y_list[-1] / (y_list[-1] @ y_list[-1])
    H = gamma * np.eye(4)
    for s, y in zip(s_list, y_list):
        rho = 1 / (y @ s)
        V = np.eye(4) - rho * np.outer(y, s)
        H = V.T @ H @ V + rho * np.outer(s, s)
    assert np.allclose(optim.lbfgs_direction(g, s_list, y_list), -H @ g)
    assert np.allclose(optim.lbfgs_direction(g, [], []), -g)


def test_lbfgs_solves_a_quadratic_in_few_steps_and_rosenbrock():
    A = np.diag([1000.0, 10.0, 1.0])
    path = optim.lbfgs(lambda v: 0.5 * v @ A @ v, lambda v: A @ v, np.ones(3), n_steps=30)
    assert np.linalg.norm(path[-1]) < 1e-6

    def f(v):
        return (1 - v[0]) ** 2 + 100 * (v[1] - v[0] ** 2) ** 2

    def g(v):
        return np.array([-2 * (1 - v[0]) - 400 * v[0] * (v[1] - v[0] ** 2), 200 * (v[1] - v[0] ** 2)])

    path = optim.lbfgs(f, g, np.array([-1.2, 1.0]), n_steps=200)
    assert np.allclose(path[-1], [1.0, 1.0], atol=1e-5)
    assert all(f(b) <= f(a) for a, b in zip(path[:-1], path[1:]))


# ------------------------------------------------------------------ translations


def test_translate_moves_a_pixel_and_fills_the_border():
    img = np.zeros((5, 5))
    img[2, 2] = 1.0
    X = np.stack([img.ravel()] * 3)
    out = augment.translate(X, np.array([[1, 0], [0, -2], [0, 0]]), shape=(5, 5), fill=-1.0)
    imgs = out.reshape(3, 5, 5)
    assert imgs[0, 3, 2] == 1 and imgs[0, 0].tolist() == [-1.0] * 5
    assert imgs[1, 2, 0] == 1 and np.all(imgs[1, :, 3:] == -1)
    assert np.array_equal(imgs[2], img)


def test_translate_agrees_with_a_loop_over_images():
    rng = np.random.default_rng(5)
    X = rng.random((20, 28 * 28)).astype(np.float32)
    shifts = rng.integers(-2, 3, size=(20, 2))
    out = augment.translate(X, shifts)
    for x, (dy, dx), o in zip(X, shifts, out):
        ref = np.zeros((28, 28), dtype=np.float32)
        src = x.reshape(28, 28)
        for i in range(28):
            for j in range(28):
                if 0 <= i - dy < 28 and 0 <= j - dx < 28:
                    ref[i, j] = src[i - dy, j - dx]
        assert np.array_equal(o.reshape(28, 28), ref)
    assert out.dtype == np.float32


def test_translate_rejects_bad_shapes():
    with pytest.raises(ValueError, match="X must have shape"):
        augment.translate(np.zeros((2, 10)), np.zeros((2, 2), int))
    with pytest.raises(ValueError, match="shifts"):
        augment.translate(np.zeros((2, 784)), np.zeros((3, 2), int))


def test_train_applies_the_transform_to_every_batch():
    rng = np.random.default_rng(6)
    X, y = rng.normal(size=(30, 4)), rng.integers(0, 2, 30)
    seen = []

    def transform(Xb, r):
        seen.append(len(Xb))
        return Xb * 0.0

    net = mlp.Network([4, 3, 2], rng=np.random.default_rng(7))
    before = [W.copy() for W in net.weights]
    mlp.train(net, X, y, optimiser=optim.GradientDescent(0.5), epochs=2, batch_size=10,
              rng=rng, transform=transform)
    assert seen == [10] * 6
    assert np.allclose(net.weights[0], before[0])  # zero inputs: the first layer gets no gradient


def test_translate_transform_draws_from_the_given_rng():
    X = np.random.default_rng(8).random((4, 784))
    a = augment.Translate(2)(X, np.random.default_rng(9))
    b = augment.Translate(2)(X, np.random.default_rng(9))
    assert np.array_equal(a, b) and not np.array_equal(a, X)
