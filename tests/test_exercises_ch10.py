"""Checkers of chapter 10: the reference passes; stubs, known mistakes and crashes fail clearly."""

import numpy as np
import pytest

from mlp.exercises import ch10
from mlp.gradcheck import numerical_hessian

# ------------------------------------------------------------------------------ eigen_signs


def test_eigen_signs_reference_passes():
    result = ch10.check_eigen_signs(ch10.eigen_signs_reference)
    assert result and "all 6 cases pass" in str(result)


def test_eigen_signs_reference_counts():
    assert ch10.eigen_signs_reference(np.array([[1.0, 2.0], [2.0, 1.0]]), 1e-9) == (1, 0, 1)
    assert ch10.eigen_signs_reference(np.zeros((3, 3)), 0.0) == (0, 3, 0)


def test_eigen_signs_stub_fails():
    def eigen_signs(H, tol): ...

    result = ch10.check_eigen_signs(eigen_signs)
    assert not result and "still a stub" in result.message


def test_eigen_signs_exception_is_reported():
    def eigen_signs(H, tol):
        raise RuntimeError("boom")

    result = ch10.check_eigen_signs(eigen_signs)
    assert not result and "raised an exception" in result.message and "boom" in result.message


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda H, tol: tuple(int(np.sum(f(np.diag(H)))) for f in
                              (lambda d: d < -tol, lambda d: abs(d) <= tol, lambda d: d > tol)), "diagonal"),
        (
            lambda H, tol: tuple(
                int(np.sum(f(np.linalg.eigvalsh(H))))
                for f in (lambda d: d < 0, lambda d: d == 0, lambda d: d > 0)
            ),
            "compare with the tolerance",
        ),
        (lambda H, tol: (int(np.sum(np.linalg.eigvalsh(H) < -tol)), 0,
                         int(np.sum(np.linalg.eigvalsh(H) >= -tol))), "neither positive nor negative"),
        (lambda H, tol: ch10.eigen_signs_reference(H, tol)[::-1], "in the order"),
    ],
    ids=["diagonal", "no-tol", "zero-positive", "reversed"],
)
def test_eigen_signs_known_mistakes_get_their_hint(wrong, hint):
    result = ch10.check_eigen_signs(wrong)
    assert not result
    assert hint in result.message, result.message


def test_eigen_signs_wrong_length_fails():
    result = ch10.check_eigen_signs(lambda H, tol: (0, 0))
    assert not result


# --------------------------------------------------------------------------------------- hvp


@pytest.mark.parametrize("case", ch10.check_hvp.cases, ids=lambda c: c.description)
def test_hvp_reference_is_the_hessian_times_v(case):
    grad, theta, v, eps = case.args
    H = numerical_hessian(grad, theta, eps=1e-5)
    assert np.allclose(ch10.hvp_reference(grad, theta, v, eps), H @ v, rtol=1e-5, atol=1e-6)


def test_hvp_reference_passes():
    result = ch10.check_hvp(ch10.hvp_reference)
    assert result and "all 3 cases pass" in str(result)


def test_hvp_written_differently_passes():
    def hvp(grad, theta, v, eps):
        plus, minus = grad(theta + eps * v), grad(theta - eps * v)
        return 0.5 * (plus - minus) / eps

    assert ch10.check_hvp(hvp)


def test_hvp_stub_fails():
    def hvp(grad, theta, v, eps): ...

    result = ch10.check_hvp(hvp)
    assert not result and "still a stub" in result.message


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda g, t, v, e: (g(t + e * v) - g(t)) / e, "central difference"),
        (lambda g, t, v, e: (g(t + e * v) - g(t - e * v)) / e, "not by ε"),
        (lambda g, t, v, e: g(t + e * v) - g(t - e * v), "divide the difference"),
        (lambda g, t, v, e: (g(t + e * v / np.linalg.norm(v)) - g(t - e * v / np.linalg.norm(v))) / (2 * e),
         "do not normalise v"),
    ],
    ids=["forward", "no-2", "no-eps", "unit-v"],
)
def test_hvp_known_mistakes_get_their_hint(wrong, hint):
    result = ch10.check_hvp(wrong)
    assert not result
    assert hint in result.message, result.message
