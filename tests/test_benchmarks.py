"""The benchmark's hand-written loops must train exactly as ``mlp.train`` does.

A yardstick that did less work than ``mlp`` (a forgotten bias update, a missing mask)
would make ``mlp`` look slow; one that did different work would compare nothing.
"""

import importlib.util

import numpy as np
import pytest
from conftest import ROOT

import mlp

spec = importlib.util.spec_from_file_location("handwritten", ROOT / "benchmarks" / "handwritten.py")
handwritten = importlib.util.module_from_spec(spec)
spec.loader.exec_module(handwritten)

SIZES = [6, 5, 4, 3]
N, BATCH, LR = 250, 100, 0.5  # 250 = two full batches and a partial one


def trained_by_mlp(dtype):
    """A network, its initial parameters, the data, and the parameters after one epoch of mlp.train."""
    data_rng = np.random.default_rng(1)
    X = data_rng.standard_normal((N, SIZES[0])).astype(dtype)
    y = data_rng.integers(0, SIZES[-1], N)
    net = mlp.Network(SIZES, "relu", "softmax", "cross_entropy", rng=np.random.default_rng(2), dtype=dtype)
    net.biases = [data_rng.standard_normal(b.shape).astype(dtype) for b in net.biases]
    start = ([W.copy() for W in net.weights], [b.copy() for b in net.biases])
    mlp.train(net, X, y, optimiser=mlp.GradientDescent(LR), epochs=1, batch_size=BATCH,
              rng=np.random.default_rng(3), evaluate=False)
    order = np.random.default_rng(3).permutation(N)  # the order mlp.train drew
    return start, X, y, order, (net.weights, net.biases)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_numpy_loop_matches_mlp_train(dtype):
    (Ws, bs), X, y, order, (W_mlp, b_mlp) = trained_by_mlp(dtype)
    W0 = [W.copy() for W in Ws]
    handwritten.numpy_loop(Ws, bs, X, y, order, LR, BATCH)
    tol = 1e-12 if dtype == np.float64 else 1e-5
    for W, b, Wm, bm, Wi in zip(Ws, bs, W_mlp, b_mlp, W0):
        assert not np.allclose(W, Wi)  # the epoch changed every layer
        np.testing.assert_allclose(W, Wm, rtol=tol, atol=tol)
        np.testing.assert_allclose(b, bm, rtol=tol, atol=tol)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_fused_blas_loop_matches_mlp_train(dtype):
    gemm = handwritten.bundled_gemm(dtype)
    if gemm is None:
        pytest.skip("this NumPy does not bundle OpenBLAS (only its Linux wheels do)")
    (Ws, bs), X, y, order, (W_mlp, b_mlp) = trained_by_mlp(dtype)
    Wbs = [np.hstack([W, b[:, None]]) for W, b in zip(Ws, bs)]
    handwritten.fused_blas_loop(Wbs, X, y, order, LR, BATCH, gemm)
    tol = 1e-12 if dtype == np.float64 else 1e-5
    for Wb, Wm, bm in zip(Wbs, W_mlp, b_mlp):
        np.testing.assert_allclose(Wb[:, :-1], Wm, rtol=tol, atol=tol)
        np.testing.assert_allclose(Wb[:, -1], bm, rtol=tol, atol=tol)


def test_elementwise_only_leaves_the_weights_and_moves_the_biases():
    (Ws, bs), X, y, order, _ = trained_by_mlp(np.float64)
    W0, b0 = [W.copy() for W in Ws], [b.copy() for b in bs]
    handwritten.elementwise_only(Ws, bs, X, y, order, LR, BATCH)
    for W, Wi in zip(Ws, W0):
        np.testing.assert_array_equal(W, Wi)
    assert not np.allclose(bs[-1], b0[-1])


def test_matrix_products_runs_on_the_benchmark_shapes():
    rng = np.random.default_rng(0)
    Ws = [rng.standard_normal((o, i)) for i, o in zip(SIZES[:-1], SIZES[1:])]
    saved = [W.copy() for W in Ws]
    handwritten.matrix_products(Ws, N, BATCH, rng)
    for W, Wi in zip(Ws, saved):
        np.testing.assert_array_equal(W, Wi)
