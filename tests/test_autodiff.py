"""The autodiff engine: every VJP and JVP against finite differences, graphs, errors."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mlp
from mlp import autodiff as ad
from mlp.gradcheck import numerical_gradient, relative_error

RNG = np.random.default_rng(1234)
X23 = RNG.normal(size=(2, 3))
POS23 = RNG.uniform(0.5, 2.0, size=(2, 3))
W43 = RNG.normal(size=(4, 3))
B3 = RNG.normal(size=3)
Y_ONEHOT = np.eye(3)[[0, 2]]
Y_UNIT = RNG.uniform(size=(2, 3))

# name → (function of the inputs, inputs); every function works on Tensor and on Dual.
OPS = {
    "add": (lambda a, b: a + b, [X23, X23[::-1].copy()]),
    "add_bias": (lambda a, b: a + b, [X23, B3]),
    "add_scalar": (lambda a, c: a + c, [X23, np.array(0.7)]),
    "sub": (lambda a, b: a - b, [X23, POS23]),
    "rsub_array": (lambda a: POS23 - a, [X23]),
    "mul": (lambda a, b: a * b, [X23, POS23]),
    "mul_bias": (lambda a, b: a * b, [X23, B3]),
    "neg": (lambda a: -a, [X23]),
    "matmul": (lambda a, w: a @ w.T, [X23, W43]),
    "matvec": (lambda w, x: w @ x, [W43, B3]),
    "vecmat": (lambda x, w: x @ w, [B3, W43.T.copy()]),
    "dot": (lambda x, v: x @ v, [B3, B3[::-1].copy()]),
    "transpose": (lambda a: a.T, [X23]),
    "sum": (lambda a: a.sum(), [X23]),
    "sum_axis0": (lambda a: a.sum(axis=0), [X23]),
    "sum_axis1": (lambda a: a.sum(axis=1), [X23]),
    "mean": (lambda a: a.mean(), [X23]),
    "mean_axis0": (lambda a: a.mean(axis=0), [X23]),
    "tanh": (ad.tanh, [X23]),
    "sigmoid": (ad.sigmoid, [X23]),
    "relu": (ad.relu, [X23 + 0.05]),  # keep away from the kink at 0
    "exp": (ad.exp, [X23]),
    "log": (ad.log, [POS23]),
    "softmax": (ad.softmax, [X23]),
    "log_softmax": (ad.log_softmax, [X23]),
    "softmax_ce": (lambda z: ad.softmax_cross_entropy(z, Y_ONEHOT), [X23]),
    "sigmoid_bce": (lambda z: ad.sigmoid_binary_cross_entropy(z, Y_UNIT), [X23]),
    "squared_error": (lambda y: ad.squared_error(y, Y_UNIT), [X23]),
}


def _value(f, args):
    return np.asarray(f(*[ad.Tensor(a) for a in args]).value)


@pytest.mark.parametrize("name", sorted(OPS))
def test_vjp_matches_finite_differences(name):
    f, args = OPS[name]
    rng = np.random.default_rng(0)
    u = rng.normal(size=_value(f, args).shape)  # the row vector in uᵀJ
    inputs = [ad.Tensor(a) for a in args]
    out = f(*inputs)
    out.backward(seed=u)
    for i, a in enumerate(args):

        def scalar(x, i=i):
            xs = list(args)
            xs[i] = x
            return float(np.sum(_value(f, xs) * u))

        numeric = numerical_gradient(scalar, a)
        assert inputs[i].grad.shape == a.shape
        assert relative_error(inputs[i].grad, numeric) < 1e-7, (name, i)


@pytest.mark.parametrize("name", sorted(OPS))
def test_jvp_matches_finite_differences(name):
    f, args = OPS[name]
    rng = np.random.default_rng(1)
    tangents = [rng.normal(size=np.shape(a)) for a in args]
    value, tangent = ad.jvp(f, args, tangents)
    eps = 1e-6
    plus = _value(f, [a + eps * v for a, v in zip(args, tangents)])
    minus = _value(f, [a - eps * v for a, v in zip(args, tangents)])
    np.testing.assert_allclose(value, _value(f, args))
    assert relative_error(tangent, (plus - minus) / (2 * eps)) < 1e-7


@pytest.mark.parametrize("name", sorted(OPS))
def test_dot_product_test_jvp_equals_vjp(name):
    """uᵀ(J v) from forward mode equals (uᵀJ) v from reverse mode."""
    f, args = OPS[name]
    rng = np.random.default_rng(2)
    tangents = [rng.normal(size=np.shape(a)) for a in args]
    _, Jv = ad.jvp(f, args, tangents)
    u = rng.normal(size=np.shape(Jv))
    inputs = [ad.Tensor(a) for a in args]
    f(*inputs).backward(seed=u)
    uJv = sum(float(np.sum(t.grad * v)) for t, v in zip(inputs, tangents))
    assert np.isclose(float(np.sum(u * Jv)), uJv, rtol=1e-12, atol=1e-12)


def test_losses_match_mlp_losses():
    Z = ad.Tensor(X23)
    assert np.isclose(ad.softmax_cross_entropy(Z, Y_ONEHOT).value, mlp.get_loss("cross_entropy")(
        mlp.activations.softmax(X23), Y_ONEHOT))
    assert np.isclose(ad.squared_error(Z, Y_UNIT).value, mlp.get_loss("squared_error")(X23, Y_UNIT))


# ------------------------------------------------------------ graph structure
def test_node_used_twice_accumulates():
    x = ad.Tensor(np.array([1.5, -2.0]))
    (x * x).sum().backward()
    np.testing.assert_allclose(x.grad, 2 * x.value)
    (x + x).sum().backward()
    np.testing.assert_allclose(x.grad, [2.0, 2.0])


def test_diamond_graph_order_and_gradient():
    a = ad.Tensor(0.3, name="a")
    b = ad.tanh(a)
    c = a * 3.0
    d = b * c
    order = ad.topological_order(d)
    assert order[0] is a and order[-1] is d
    assert len(order) == len({id(n) for n in order})  # every node exactly once
    position = {id(n): i for i, n in enumerate(order)}
    for node in order:
        assert all(position[id(p)] < position[id(node)] for p in node.parents)
    d.backward()
    # d = 3a tanh a, so d′ = 3 tanh a + 3a (1 − tanh² a): both paths through a add up
    assert np.isclose(a.grad, 3 * np.tanh(0.3) + 0.9 * (1 - np.tanh(0.3) ** 2))


def test_deep_graph_has_no_recursion_limit():
    x = ad.Tensor(1.0)
    y = x
    for _ in range(20_000):
        y = y * 1.0001
    y.backward()
    assert np.isclose(x.grad, 1.0001**20_000)


def test_backward_recomputes_rather_than_accumulates_across_calls():
    x = ad.Tensor(2.0)
    y = x * x
    y.backward()
    y.backward()
    assert x.grad == 4.0


def test_jacobians_and_pass_counts():
    A = RNG.normal(size=(3, 5))

    def f(x):
        return ad.tanh(A @ x)

    x = RNG.normal(size=5)
    J_fwd, n_fwd = ad.jacobian_forward(f, x)
    J_rev, n_rev = ad.jacobian_reverse(f, x)
    expected = (1 - np.tanh(A @ x) ** 2)[:, None] * A
    np.testing.assert_allclose(J_fwd, expected, atol=1e-14)
    np.testing.assert_allclose(J_rev, expected, atol=1e-14)
    assert (n_fwd, n_rev) == (5, 3)


def test_grad_helper():
    value, (g,) = ad.grad(lambda x: (x * x).sum(), np.array([1.0, 2.0]))
    assert value == 5.0 and np.allclose(g, [2.0, 4.0])


# ------------------------------------------------------------ errors
@pytest.mark.parametrize("cls", [ad.Tensor, ad.Dual])
def test_silent_broadcast_is_refused(cls):
    with pytest.raises(ValueError, match=r"shapes \(3,\) and \(3, 1\) are not allowed.*\(3, 3\)"):
        cls(np.ones(3)) + cls(np.ones((3, 1)))
    with pytest.raises(ValueError, match="mul: shapes"):
        cls(np.ones((2, 3))) * cls(np.ones(2))


@pytest.mark.parametrize("cls", [ad.Tensor, ad.Dual])
def test_misaligned_matmul_names_the_transpose(cls):
    with pytest.raises(ValueError, match=r"not aligned.*A @ W.T"):
        cls(np.ones((5, 3))) @ cls(np.ones((4, 3)))


def test_backward_on_non_scalar_needs_a_seed():
    with pytest.raises(ValueError, match=r"needs a scalar output, got shape \(2, 3\)"):
        ad.tanh(ad.Tensor(X23)).backward()
    with pytest.raises(ValueError, match="seed has shape"):
        ad.tanh(ad.Tensor(X23)).backward(seed=np.ones(3))


def test_other_errors():
    with pytest.raises(ValueError, match="strictly positive"):
        ad.log(ad.Tensor([1.0, -1.0]))
    with pytest.raises(ValueError, match="tangent shape"):
        ad.Dual(np.ones(3), np.ones(2))
    with pytest.raises(ValueError, match=r"\(B, K\)"):
        ad.softmax_cross_entropy(ad.Tensor(np.ones(3)), np.ones(3))
    net = mlp.Network([2, 3, 2], "leaky_relu", "softmax", "cross_entropy", rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="no activation 'leaky_relu'"):
        ad.network_gradients(net, np.ones((1, 2)), [0])
    with pytest.raises(ValueError, match=r"v must have shape \(17,\)"):
        ad.network_directional_derivative(net, np.ones((1, 2)), [0], np.ones(3))


# ------------------------------------------------------------ the MLP on the engine
ARCHITECTURES = [
    ("tanh", "softmax", "cross_entropy"),
    ("relu", "softmax", "cross_entropy"),
    ("sigmoid", "sigmoid", "binary_cross_entropy"),
    ("tanh", "identity", "squared_error"),
    ("relu", "sigmoid", "squared_error"),
    ("sigmoid", "tanh", "squared_error"),
    ("identity", "softmax", "squared_error"),
]


@settings(max_examples=40, deadline=None)
@given(
    arch=st.sampled_from(ARCHITECTURES),
    widths=st.lists(st.integers(1, 5), min_size=0, max_size=3),
    d0=st.integers(1, 4),
    K=st.integers(2, 4),
    B=st.integers(1, 6),
    seed=st.integers(0, 2**32 - 1),
)
def test_engine_reproduces_lemma1_on_random_networks(arch, widths, d0, K, B, seed):
    hidden, output, loss = arch
    rng = np.random.default_rng(seed)
    net = mlp.Network([d0, *widths, K], hidden, output, loss, rng=rng)
    for b in net.biases:
        b[...] = rng.normal(scale=0.5, size=b.shape)
    X = rng.normal(size=(B, d0))
    y = rng.integers(0, K, size=B) if loss == "cross_entropy" else rng.uniform(size=(B, K))
    cost, grads = net.gradients(X, y)
    cost_ad, gW, gb = ad.network_gradients(net, X, y)
    assert np.isclose(cost, cost_ad, rtol=1e-12, atol=1e-14)
    for g_lemma, g_engine in zip(grads.weights + grads.biases, gW + gb):
        assert g_lemma.shape == g_engine.shape
        np.testing.assert_allclose(g_engine, g_lemma, rtol=1e-9, atol=1e-12)
    v = rng.normal(size=net.n_params)
    cost_fwd, slope = ad.network_directional_derivative(net, X, y, v)
    assert np.isclose(cost_fwd, cost, rtol=1e-12, atol=1e-14)
    assert np.isclose(slope, grads.flat() @ v, rtol=1e-9, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(
    ops=st.lists(st.sampled_from(["tanh", "sigmoid", "exp", "square", "matmul", "shared", "bias"]),
                 min_size=1, max_size=6),
    seed=st.integers(0, 2**32 - 1),
)
def test_random_compositions_match_finite_differences(ops, seed):
    rng = np.random.default_rng(seed)
    M = rng.normal(scale=0.5, size=(3, 3))
    c = rng.normal(size=3)

    def f(x):
        for op in ops:
            if op == "square":
                x = x * x
            elif op == "matmul":
                x = x @ M.T
            elif op == "shared":
                x = ad.tanh(x) * x + x  # x feeds three uses
            elif op == "bias":
                x = x + c
            elif op == "exp":
                x = ad.exp(ad.tanh(x))  # bounded, so a long chain cannot overflow
            else:
                x = getattr(ad, op)(x)
        return x.mean()

    x0 = rng.normal(scale=0.5, size=(2, 3))
    _, (g,) = ad.grad(f, x0)
    numeric = numerical_gradient(lambda x: float(f(ad.Tensor(x)).value), x0)
    assert np.allclose(g, numeric, rtol=1e-5, atol=1e-7)
    _, slope = ad.jvp(f, [x0], [np.ones_like(x0)])
    assert np.isclose(slope, g.sum(), rtol=1e-9, atol=1e-12)
