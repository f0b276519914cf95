"""Hand-written epochs of plain SGD: the yardsticks ``mlp.train`` is measured against.

Each function trains a ReLU network with a softmax output and cross-entropy, weights
``Ws[l]`` shaped (out, in) and biases ``bs[l]``, for one epoch over ``X`` (rows) with
integer labels ``y``, in the mini-batch order ``order``, updating the parameters in
place exactly as ``mlp.train(..., optimiser=mlp.GradientDescent(lr))`` does:

* :func:`matrix_products` – only the 8 matrix products of each batch, on fixed arrays of
  the right shapes: the denominator of the design budget.
* :func:`numpy_loop` – the whole epoch written out in NumPy with nothing else: no checks,
  no classes, no allocation that can be avoided. No NumPy code does less per batch.
* :func:`fused_blas_loop` – :func:`numpy_loop` with the biases folded into the products
  (a column of ones appended to every activation) and each weight update done by BLAS
  inside the product that computes it (``gemm`` with β = 1), called through ``ctypes`` in
  the OpenBLAS that NumPy's Linux wheels bundle. ``mlp`` must not do this; it measures
  how much of the gap any NumPy code could close.
* :func:`elementwise_only` – :func:`numpy_loop` with its matrix products removed.
"""

from __future__ import annotations

import ctypes
import glob
import os

import numpy as np

Array = np.ndarray


def matrix_products(Ws: list[Array], n: int, batch: int, rng: np.random.Generator) -> None:
    """Per batch: A W⁽ˡ⁾ᵀ (forward), Δᵀ A (weight gradients) and Δ W⁽ˡ⁾ (δ carried back)."""
    sizes = [Ws[0].shape[1]] + [W.shape[0] for W in Ws]
    As = [rng.standard_normal((batch, d)).astype(Ws[0].dtype) for d in sizes]
    L = len(Ws)
    for _ in range(n // batch):
        for l in range(L):
            As[l] @ Ws[l].T
        for l in range(L):  # Δ⁽ˡ⁺¹⁾ has the shape of A⁽ˡ⁺¹⁾
            As[l + 1].T @ As[l]
        for l in range(L - 1, 0, -1):
            As[l + 1] @ Ws[l]


def _softmax_delta(Z: Array, labels: Array, scale: float) -> Array:
    """Δ⁽ᴸ⁾ = scale · (softmax(Z) − Y), computed in place in the logits Z."""
    Z -= Z.max(axis=1, keepdims=True)
    np.exp(Z, out=Z)
    Z /= Z.sum(axis=1, keepdims=True)
    Z[np.arange(len(labels)), labels] -= 1.0
    Z *= scale
    return Z


def numpy_loop(Ws, bs, X, y, order, lr: float, batch: int) -> None:
    """One epoch of plain SGD in NumPy, every δ computed before its W changes."""
    L = len(Ws)
    for start in range(0, len(order), batch):
        idx = order[start : start + batch]
        A = X[idx]
        As, Zs = [A], []
        for l in range(L):
            Z = A @ Ws[l].T
            Z += bs[l]
            Zs.append(Z)
            A = np.maximum(Z, 0.0) if l < L - 1 else Z
            As.append(A)
        D = _softmax_delta(Zs[-1], y[idx], -lr / len(idx))  # the step −η ∂C/∂Z⁽ᴸ⁾
        for l in range(L - 1, -1, -1):
            back = D @ Ws[l] if l > 0 else None
            Ws[l] += D.T @ As[l]
            bs[l] += D.sum(axis=0)
            if l > 0:
                back *= Zs[l - 1] > 0
                D = back


def elementwise_only(Ws, bs, X, y, order, lr: float, batch: int) -> None:
    """:func:`numpy_loop` without its matrix products (arrays of the products' shapes stand in)."""
    L = len(Ws)
    Z_like = [np.zeros((batch, W.shape[0]), W.dtype) for W in Ws]
    back_like = [np.zeros((batch, W.shape[1]), W.dtype) for W in Ws]
    G_like = [np.zeros_like(W) for W in Ws]
    for start in range(0, len(order), batch):
        idx = order[start : start + batch]
        n = len(idx)
        As, Zs = [X[idx]], []
        for l in range(L):
            Z = Z_like[l][:n].copy()
            Z += bs[l]
            Zs.append(Z)
            As.append(np.maximum(Z, 0.0) if l < L - 1 else Z)
        D = _softmax_delta(Zs[-1], y[idx], -lr / n)
        for l in range(L - 1, -1, -1):
            Ws[l] += G_like[l]  # the update's pass over W (adding zeros)
            bs[l] += D.sum(axis=0)
            if l > 0:
                back = back_like[l][:n].copy()
                back *= Zs[l - 1] > 0
                D = back


def bundled_gemm(dtype) -> object | None:
    """``cblas_?gemm`` of the OpenBLAS inside NumPy's Linux wheels, or None if there is none."""
    libs = os.path.join(os.path.dirname(np.__file__), os.pardir, "numpy.libs", "libscipy_openblas*.so")
    found = glob.glob(libs)
    if not found:
        return None
    lib = ctypes.CDLL(found[0])
    name = "scipy_cblas_sgemm64_" if np.dtype(dtype) == np.float32 else "scipy_cblas_dgemm64_"
    gemm = getattr(lib, name, None)
    if gemm is None:
        return None
    i64, ptr = ctypes.c_int64, ctypes.c_void_p
    real = ctypes.c_float if np.dtype(dtype) == np.float32 else ctypes.c_double
    gemm.argtypes = [ctypes.c_int] * 3 + [i64] * 3 + [real, ptr, i64, ptr, i64, real, ptr, i64]
    gemm.restype = None
    return gemm


_ROW_MAJOR, _NO_TRANS, _TRANS = 101, 111, 112


def fused_blas_loop(Wbs, X, y, order, lr: float, batch: int, gemm) -> None:
    """One epoch with ``Wbs[l] = [W⁽ˡ⁾ | b⁽ˡ⁾]`` (out, in + 1) and every update inside BLAS.

    Activations carry a last column of ones, so Z = [A | 𝟏] [W | b]ᵀ needs no bias
    addition, and [W | b] += Δᵀ [A | 𝟏] updates weights and biases in one ``gemm``.
    """
    L = len(Wbs)
    dtype = Wbs[0].dtype
    ones_A = [np.ones((batch, Wb.shape[1]), dtype) for Wb in Wbs]  # [A⁽ˡ⁾ | 𝟏], l = 0 … L−1
    for start in range(0, len(order), batch):
        idx = order[start : start + batch]
        n = len(idx)
        As = [A[:n] for A in ones_A]
        np.take(X, idx, axis=0, out=As[0][:, :-1])
        Zs = []
        for l in range(L):
            Z = As[l] @ Wbs[l].T
            Zs.append(Z)
            if l < L - 1:
                np.maximum(Z, 0.0, out=As[l + 1][:, :-1])
        D = _softmax_delta(Zs[-1], y[idx], -lr / n)
        for l in range(L - 1, -1, -1):
            back = D @ Wbs[l][:, :-1] if l > 0 else None
            Wb, A = Wbs[l], As[l]  # Wb += Dᵀ A, in place, by BLAS
            gemm(_ROW_MAJOR, _TRANS, _NO_TRANS, Wb.shape[0], Wb.shape[1], n, 1.0,
                 D.ctypes.data, D.shape[1], A.ctypes.data, A.strides[0] // A.itemsize, 1.0,
                 Wb.ctypes.data, Wb.shape[1])
            if l > 0:
                back *= Zs[l - 1] > 0
                D = back
