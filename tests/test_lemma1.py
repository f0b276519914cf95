"""Each of the four equations of Lemma 1, checked on its own over random architectures.

The error signals δ⁽ˡ⁾ = ∂Cₙ/∂z⁽ˡ⁾ are obtained here by central differences — perturb
z⁽ˡ⁾ and rerun the rest of the forward pass — so every equation is compared with
independent finite-difference quantities on both sides, for one example (B = 1):

* (output)     δ⁽ᴸ⁾ = φ_out′(z⁽ᴸ⁾) ⊙ ∂Cₙ/∂ŷ, and ŷ − y for the canonical pairs
* (recursion)  δ⁽ˡ⁾ = φ′(z⁽ˡ⁾) ⊙ (W⁽ˡ⁺¹⁾)ᵀ δ⁽ˡ⁺¹⁾
* (bias)       ∂Cₙ/∂b⁽ˡ⁾ = δ⁽ˡ⁾
* (weights)    ∂Cₙ/∂W⁽ˡ⁾ = δ⁽ˡ⁾ (a⁽ˡ⁻¹⁾)ᵀ
"""

import numpy as np
from conftest import HEADS
from hypothesis import given, settings
from hypothesis import strategies as st

from mlp import Network, numerical_gradient


def assert_agree(a, b, what=""):
    """Equal up to finite-difference error: about 1e-10 absolute for costs of order one."""
    np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-9, err_msg=what)


def cost_from_layer(net, l, z, y):
    """Cₙ as a function of z⁽ˡ⁾ (one example, 1-D), running layers l, …, L."""
    phis = [*net.hidden, net.output]
    a = phis[l - 1](z[None])
    for W, b, phi in zip(net.weights[l:], net.biases[l:], phis[l:]):
        a = phi(a @ W.T + b)
    return net.loss_fn(a, y)


def fd_deltas(net, cache, y):
    """δ⁽¹⁾, …, δ⁽ᴸ⁾ by central differences of Cₙ with respect to each z⁽ˡ⁾."""
    return [
        numerical_gradient(lambda z, l=l: cost_from_layer(net, l, z, y), cache.zs[l - 1][0])
        for l in range(1, net.n_layers + 1)
    ]


@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    widths=st.lists(st.integers(1, 5), min_size=1, max_size=4),
    hidden=st.sampled_from(["sigmoid", "tanh", "identity"]),
    head=st.sampled_from(HEADS),
)
def test_each_equation_of_lemma_1(seed, widths, hidden, head):
    output, loss = head
    rng = np.random.default_rng(seed)
    k = 3 if output == "softmax" else 2
    net = Network([3, *widths, k], hidden, output, loss, rng=rng)
    for b in net.biases:
        b[...] = rng.normal(scale=0.5, size=b.shape)
    x = rng.normal(size=(1, 3))
    y = net.check_targets(rng.integers(0, k, 1) if loss == "cross_entropy"
                          else rng.uniform(0.05, 0.95, size=(1, k)))
    cache = net.forward(x)
    L = net.n_layers
    delta = fd_deltas(net, cache, y)

    # (output): the general form, and ŷ − y for a canonical pair
    y_hat, z_L = cache.output, cache.zs[-1]
    general = net.output.vjp(z_L, net.loss_fn.grad(y_hat, y))[0]
    assert_agree(delta[-1], general, "output")
    if net.canonical:
        assert_agree(delta[-1], (y_hat - y)[0], "canonical output")

    # (recursion): δ⁽ˡ⁾ from the finite-difference δ⁽ˡ⁺¹⁾
    for l in range(1, L):
        phi_prime = net.hidden[l - 1].derivative(cache.zs[l - 1][0])
        recursion = phi_prime * (net.weights[l].T @ delta[l])
        assert_agree(delta[l - 1], recursion, f"recursion, layer {l}")

    # (bias) and (weights): finite differences of Cₙ in b⁽ˡ⁾ and W⁽ˡ⁾
    for l in range(1, L + 1):
        W, b = net.weights[l - 1], net.biases[l - 1]

        def cost_in(p, values):
            saved = p.copy()
            p[...] = values
            try:
                return net.loss(x, y)
            finally:
                p[...] = saved

        dC_db = numerical_gradient(lambda v, p=b: cost_in(p, v), b)
        dC_dW = numerical_gradient(lambda v, p=W: cost_in(p, v), W)
        a_prev = cache.activations[l - 1][0]
        assert_agree(dC_db, delta[l - 1], f"bias, layer {l}")
        assert_agree(dC_dW, np.outer(delta[l - 1], a_prev), f"weights, layer {l}")

    # and mlp's backward pass is exactly these equations
    grads = net.backward(cache, y)
    for l in range(1, L + 1):
        np.testing.assert_allclose(grads.biases[l - 1], delta[l - 1], rtol=1e-5, atol=1e-9)
        np.testing.assert_allclose(
            grads.weights[l - 1], np.outer(delta[l - 1], cache.activations[l - 1][0]),
            rtol=1e-5, atol=1e-9,
        )
