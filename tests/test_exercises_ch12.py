"""Checkers of chapter 12: the reference passes; stubs, known mistakes and crashes fail clearly."""

import numpy as np
import pytest

from mlp.exercises import ch12


def test_variance_reference_passes_and_matches_a_simulation():
    assert ch12.check_minibatch_variance(ch12.minibatch_variance_reference)
    rng = np.random.default_rng(0)
    v = rng.normal(size=40)
    sigma2 = np.mean((v - v.mean()) ** 2)
    for replace in (True, False):
        means = [v[rng.choice(40, 10, replace=replace)].mean() for _ in range(40_000)]
        simulated = np.mean((np.array(means) - v.mean()) ** 2)
        exact = ch12.minibatch_variance_reference(sigma2, 40, 10, replace)
        assert abs(simulated - exact) < 0.03 * exact


def test_variance_stub_fails():
    def minibatch_variance(sigma2, N, B, replace): ...

    result = ch12.check_minibatch_variance(minibatch_variance)
    assert not result and "still a stub" in result.message


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda s, N, B, r: s / B, "finite-population correction"),
        (lambda s, N, B, r: s / B if r else s / B * (N - B) / N, "not (N − B)/N"),
        (lambda s, N, B, r: s * B if r else s * B * (N - B) / (N - 1), "not σ²·B"),
        (lambda s, N, B, r: s / np.sqrt(B) if r else s / np.sqrt(B) * (N - B) / (N - 1),
         "standard deviation"),
        (lambda s, N, B, r: s / B * (N - B) / (N - 1) if r else s / B, "swapped"),
    ],
)
def test_variance_mistakes_get_their_hint(wrong, hint):
    result = ch12.check_minibatch_variance(wrong)
    assert not result and hint in result.message


def test_variance_exceptions_and_odd_answers():
    def crashes(sigma2, N, B, replace):
        raise ZeroDivisionError

    assert "ZeroDivisionError" in ch12.check_minibatch_variance(crashes).message
    assert not ch12.check_minibatch_variance(lambda s, N, B, r: "small")
    assert not ch12.check_minibatch_variance(lambda s, N, B, r: 0.0)


def test_two_loop_reference_passes_and_equals_dense_bfgs():
    assert ch12.check_two_loop(ch12.two_loop_reference)
    g, s_list, y_list = ch12.check_two_loop.cases[3].args
    n = len(g)
    gamma = s_list[-1] @ y_list[-1] / (y_list[-1] @ y_list[-1])
    H = gamma * np.eye(n)
    for s, y in zip(s_list, y_list):
        rho = 1 / (y @ s)
        V = np.eye(n) - rho * np.outer(y, s)
        H = V.T @ H @ V + rho * np.outer(s, s)
    assert np.allclose(ch12.two_loop_reference(g, s_list, y_list), -H @ g)


def test_two_loop_stub_fails():
    def two_loop(g, s_list, y_list): ...

    assert "still a stub" in ch12.check_two_loop(two_loop).message


@pytest.mark.parametrize(
    "kwargs, hint",
    [({"sign": 1.0}, "return the negative"), ({"scale": False}, "γ = sᵀy / yᵀy"),
     ({"newest_first_in_second": True}, "oldest to the newest")],
)
def test_two_loop_mistakes_get_their_hint(kwargs, hint):
    result = ch12.check_two_loop(ch12._two_loop_variant(**kwargs))
    assert not result and hint in result.message


def test_two_loop_exceptions_and_odd_answers():
    def crashes(g, s_list, y_list):
        return s_list[0]  # IndexError on the first case

    assert "IndexError" in ch12.check_two_loop(crashes).message
    assert not ch12.check_two_loop(lambda g, s, y: -np.asarray(g))
