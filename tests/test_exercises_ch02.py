"""Checkers of chapter 2: the reference passes; stubs, known mistakes and crashes fail clearly."""

import numpy as np
import pytest

from mlp.classic import Adaline, Perceptron
from mlp.exercises import ch02

# ----------------------------------------------------------------------------- perceptron epoch


@pytest.mark.parametrize("case", ch02.check_perceptron_epoch.cases, ids=lambda c: c.description)
def test_perceptron_reference_matches_mlp_classic(case):
    w, b, X, y, eta = case.args
    unit = Perceptron(X.shape[1], lr=eta)
    unit.w, unit.b = np.array(w, dtype=float), float(b)
    for x_n, y_n in zip(X, y):
        unit.update(x_n, y_n)
    w_ref, b_ref = ch02.perceptron_epoch_reference(w, b, X, y, eta)
    assert np.allclose(w_ref, unit.w) and np.isclose(b_ref, unit.b)


def test_perceptron_reference_passes():
    result = ch02.check_perceptron_epoch(ch02.perceptron_epoch_reference)
    assert result and "all 4 cases pass" in str(result)


def test_perceptron_vectorised_misclassification_test_passes():
    def perceptron_epoch(w, b, X, y, eta):
        w = w.copy()
        for x, target in zip(X, y):
            y_hat = int(np.dot(w, x) + b >= 0)
            if y_hat != target:
                w += eta * (target - y_hat) * x
                b += eta * (target - y_hat)
        return w, b

    assert ch02.check_perceptron_epoch(perceptron_epoch)


def test_perceptron_stub_fails_with_stub_message():
    def perceptron_epoch(w, b, X, y, eta): ...

    result = ch02.check_perceptron_epoch(perceptron_epoch)
    assert not result and "still a stub" in result.message


def make_perceptron(output="step", sign=1.0, bias=True, always=False, batch=False):
    def perceptron_epoch(w, b, X, y, eta):
        w_start, b_start = w.copy(), b
        w = w.copy()
        for x, target in zip(X, y):
            z = x @ (w_start if batch else w) + (b_start if batch else b)
            y_hat = {"step": float(z >= 0), "strict": float(z > 0), "linear": z}[output]
            factor = (2 * target - 1) if always else (target - y_hat)
            w = w + sign * eta * factor * x
            if bias:
                b = b + sign * eta * factor
        return w, b

    return perceptron_epoch


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (make_perceptron(output="linear"), "Adaline's rule"),
        (make_perceptron(sign=-1.0), "check the sign"),
        (make_perceptron(always=True), "only on misclassified examples"),
        (make_perceptron(bias=False), "the bias learns too"),
        (make_perceptron(batch=True), "example by example"),
        (make_perceptron(output="strict"), "step(0) = 1"),
    ],
    ids=["linear", "sign", "always", "no-bias", "batch", "strict"],
)
def test_perceptron_known_mistakes_get_their_hint(wrong, hint):
    result = ch02.check_perceptron_epoch(wrong)
    assert not result
    assert hint in result.message, result.message


def test_perceptron_exception_is_reported():
    def perceptron_epoch(w, b, X, y, eta):
        return w @ X  # shapes do not match

    result = ch02.check_perceptron_epoch(perceptron_epoch)
    assert not result and "ValueError" in result.message


def test_perceptron_unknown_wrong_answer_has_no_hint():
    result = ch02.check_perceptron_epoch(lambda w, b, X, y, eta: (w + 1.0, b))
    assert not result and "expected" in result.message and "hint" not in result.message


# ----------------------------------------------------------------------------- LMS step


@pytest.mark.parametrize("case", ch02.check_lms_step.cases, ids=lambda c: c.description)
def test_lms_reference_matches_mlp_classic(case):
    w, b, x, y, eta = case.args
    unit = Adaline(len(x), lr=eta)
    unit.w, unit.b = np.array(w, dtype=float), float(b)
    unit.update(x, y)
    w_ref, b_ref = ch02.lms_step_reference(w, b, x, y, eta)
    assert np.allclose(w_ref, unit.w) and np.isclose(b_ref, unit.b)


@pytest.mark.parametrize("case", ch02.check_lms_step.cases, ids=lambda c: c.description)
def test_lms_reference_is_a_gradient_step(case):
    from mlp.gradcheck import numerical_gradient

    w, b, x, y, eta = case.args
    theta = np.append(w, b)

    def cost(th):
        return 0.5 * (y - (x @ th[:-1] + th[-1])) ** 2

    g = numerical_gradient(cost, theta)
    w_ref, b_ref = ch02.lms_step_reference(w, b, x, y, eta)
    assert np.allclose(np.append(w_ref, b_ref), theta - eta * g, atol=1e-9)


def test_lms_reference_passes():
    result = ch02.check_lms_step(ch02.lms_step_reference)
    assert result and "all 4 cases pass" in str(result)


def test_lms_stub_fails_with_stub_message():
    def lms_step(w, b, x, y, eta): ...

    result = ch02.check_lms_step(lms_step)
    assert not result and "still a stub" in result.message


def make_lms(output="linear", sign=1.0, bias=True, factor=1.0, gate=False):
    def lms_step(w, b, x, y, eta):
        z = np.dot(w, x) + b
        y_hat = {"linear": z, "sign": 1.0 if z >= 0 else -1.0, "step": float(z >= 0)}[output]
        error = y - y_hat
        if gate and np.sign(z) == np.sign(y):
            error = 0.0
        return w + sign * factor * eta * error * x, b + (sign * factor * eta * error if bias else 0.0)

    return lms_step


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (make_lms(output="sign"), "perceptron rule"),
        (make_lms(output="step"), "not step(w·x + b)"),
        (make_lms(sign=-1.0), "check the sign"),
        (make_lms(bias=False), "updated too"),
        (make_lms(factor=2.0), "without a factor 2"),
        (make_lms(gate=True), "updates on every example"),
    ],
    ids=["sign-output", "step-output", "sign", "no-bias", "factor-2", "gated"],
)
def test_lms_known_mistakes_get_their_hint(wrong, hint):
    result = ch02.check_lms_step(wrong)
    assert not result
    assert hint in result.message, result.message


def test_lms_exception_is_reported():
    def lms_step(w, b, x, y, eta):
        raise RuntimeError("not finished")

    result = ch02.check_lms_step(lms_step)
    assert not result and "RuntimeError" in result.message


def test_lms_unknown_wrong_answer_has_no_hint():
    result = ch02.check_lms_step(lambda w, b, x, y, eta: (w, b + 1.0))
    assert not result and "expected" in result.message and "hint" not in result.message


# ----------------------------------------------------------------------------- inputs (issue 8)


def test_perceptron_epoch_updating_w_in_place_fails():
    """The exercise says: do not modify the arrays you are given."""

    def perceptron_epoch(w, b, X, y, eta):
        for x_n, y_n in zip(X, y):
            y_hat = 1 if x_n @ w + b >= 0 else 0
            w += eta * (y_n - y_hat) * x_n
            b = b + eta * (y_n - y_hat)
        return w, b

    result = ch02.check_perceptron_epoch(perceptron_epoch)
    assert not result and "right values but changed its argument `w`" in result.message
    assert "W = W.copy()" in result.message


def test_lms_step_updating_w_in_place_fails():
    def lms_step(w, b, x, y, eta):
        error = y - (x @ w + b)
        w += eta * error * x
        return w, b + eta * error

    result = ch02.check_lms_step(lms_step)
    assert not result and "changed its argument `w` (at [0])" in result.message


def test_lms_step_as_one_array_with_the_bias_last_is_named():
    result = ch02.check_lms_step(lambda w, b, x, y, eta: np.append(*ch02.lms_step_reference(w, b, x, y, eta)))
    assert not result and "returned 1 value(s), expected 2" in result.message
