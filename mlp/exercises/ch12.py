"""Auto-checked exercises of chapter 12 (making training work).

* :data:`check_minibatch_variance` — the expected squared error E‖g_B − g‖² of a
  mini-batch mean gradient, from the per-example variance σ², the number of examples
  N and the batch size B, with (``replace=True``) or without replacement.
* :data:`check_two_loop` — the L-BFGS direction −H_k g by the two-loop recursion,
  from the gradient g and the lists of the last m pairs (sᵢ, yᵢ), oldest first, with
  H⁰ = γI, γ = sᵀy / yᵀy of the newest pair (the identity if there is none).

Usage in a notebook::

    from mlp.exercises import ch12
    ch12.check_minibatch_variance(minibatch_variance)
    ch12.check_two_loop(two_loop)
"""

from __future__ import annotations

import numpy as np

from ..optim import lbfgs_direction
from .checker import Case, Checker, Mistake

__all__ = ["minibatch_variance_reference", "two_loop_reference", "check_minibatch_variance", "check_two_loop"]


def minibatch_variance_reference(sigma2: float, N: int, B: int, replace: bool) -> float:
    """σ²/B with replacement; σ²/B · (N − B)/(N − 1) without (the finite-population correction)."""
    if replace:
        return sigma2 / B
    return sigma2 / B * (N - B) / (N - 1)


check_minibatch_variance = Checker(
    "minibatch_variance(sigma2, N, B, replace)",
    minibatch_variance_reference,
    [
        Case((2.0, 100, 10, True), "with replacement"),
        Case((2.0, 100, 10, False), "without replacement"),
        Case((0.5, 50, 50, False), "the full batch without replacement"),
        Case((3.0, 7, 1, False), "B = 1: no correction"),
        Case((1.5, 1000, 250, False), "a quarter of the data"),
        Case((1.5, 1000, 2000, True), "with replacement, B > N"),
    ],
    mistakes=[
        Mistake(lambda s, N, B, r: s / B, "without replacement the batch cannot repeat examples, and the "
                "variance is smaller by the finite-population correction (N − B)/(N − 1)."),
        Mistake(lambda s, N, B, r: s / B if r else s / B * (N - B) / N, "the correction is (N − B)/(N − 1), "
                "not (N − B)/N: check B = 1, where sampling with and without replacement coincide."),
        Mistake(lambda s, N, B, r: s * B if r else s * B * (N - B) / (N - 1), "the mean of B independent "
                "terms has variance σ²/B, not σ²·B: averaging reduces the noise."),
        Mistake(lambda s, N, B, r: s / np.sqrt(B) if r else s / np.sqrt(B) * (N - B) / (N - 1),
                "σ/√B is the standard deviation; the variance E‖g_B − g‖² is σ²/B."),
        Mistake(lambda s, N, B, r: s / B * (N - B) / (N - 1) if r else s / B, "the two cases are swapped: "
                "with replacement σ²/B, without replacement σ²/B · (N − B)/(N − 1)."),
    ],
)


def two_loop_reference(g, s_list, y_list) -> np.ndarray:
    """−H_k g by the two-loop recursion (the same as :func:`mlp.optim.lbfgs_direction`)."""
    return lbfgs_direction(np.asarray(g, dtype=float), list(s_list), list(y_list))


def _two_loop_variant(scale=True, sign=-1.0, newest_first_in_second=False):
    def wrong(g, s_list, y_list):
        q = np.array(g, dtype=float)
        rhos = [1.0 / (y @ s) for s, y in zip(s_list, y_list)]
        alphas = []
        for s, y, rho in reversed(list(zip(s_list, y_list, rhos))):
            a = rho * (s @ q)
            alphas.append(a)
            q = q - a * y
        if scale and s_list:
            q = q * (s_list[-1] @ y_list[-1]) / (y_list[-1] @ y_list[-1])
        pairs = list(zip(zip(s_list, y_list, rhos), reversed(alphas)))
        if newest_first_in_second:
            pairs = list(zip(reversed(list(zip(s_list, y_list, rhos))), alphas))
        for (s, y, rho), a in pairs:
            q = q + (a - rho * (y @ q)) * s
        return sign * q

    return wrong


def _pairs(seed, dim, m):
    rng = np.random.default_rng(seed)
    M = rng.normal(size=(dim, dim))
    A = M @ M.T + dim * np.eye(dim) * np.linspace(0.2, 3.0, dim)
    s_list = [rng.normal(size=dim) for _ in range(m)]
    return rng.normal(size=dim), s_list, [A @ s for s in s_list]


check_two_loop = Checker(
    "two_loop(g, s_list, y_list)",
    two_loop_reference,
    [
        Case((np.array([1.0, -2.0]), [], []), "no pairs yet: steepest descent"),
        Case((np.array([1.0, 1.0]), [np.array([1.0, 0.0])], [np.array([4.0, 0.0])]), "one pair"),
        Case(_pairs(1, 3, 2), "two pairs in 3 dimensions"),
        Case(_pairs(2, 5, 4), "four pairs in 5 dimensions"),
        Case(_pairs(3, 6, 6), "six pairs in 6 dimensions"),
    ],
    mistakes=[
        Mistake(_two_loop_variant(sign=1.0), "the search direction is −H g, a descent direction: "
                "return the negative of the two-loop result."),
        Mistake(_two_loop_variant(scale=False), "between the two loops, multiply q by "
                "γ = sᵀy / yᵀy of the newest pair (the initial H⁰ = γI); without it the steps have "
                "the wrong scale."),
        Mistake(_two_loop_variant(newest_first_in_second=True), "the first loop runs from the newest "
                "pair to the oldest, the second from the oldest to the newest, using the α of the "
                "same pair."),
    ],
)
