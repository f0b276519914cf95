"""Checkers of chapter 4: the reference passes; stubs, known mistakes and crashes fail clearly."""

import numpy as np
import pytest

from mlp.activations import sigmoid
from mlp.exercises import ch04
from mlp.gradcheck import numerical_gradient
from mlp.losses import binary_cross_entropy, cross_entropy, one_hot

# ----------------------------------------------------------------------------- logistic regression


def logistic_cost(theta, X, y):
    w, b = theta[:-1], theta[-1]
    return binary_cross_entropy.from_logits((X @ w + b)[:, None], y[:, None].astype(float))


@pytest.mark.parametrize("case", ch04.check_logistic_gradient.cases, ids=lambda c: c.description)
def test_logistic_reference_matches_finite_differences(case):
    w, b, X, y = case.args
    fd = numerical_gradient(lambda th: logistic_cost(th, X, y), np.append(w, b))
    gw, gb = ch04.logistic_gradient_reference(w, b, X, y)
    assert np.allclose(np.append(gw, gb), fd, rtol=1e-6, atol=1e-8)


def test_logistic_reference_passes():
    result = ch04.check_logistic_gradient(ch04.logistic_gradient_reference)
    assert result and "all 5 cases pass" in str(result)


def test_logistic_loop_over_examples_passes():
    def logistic_gradient(w, b, X, y):
        gw, gb = np.zeros(len(w)), 0.0
        for xn, yn in zip(X, y):
            r = 1 / (1 + np.exp(-(xn @ w + b))) - yn
            gw += r * xn
            gb += r
        return gw / len(y), gb / len(y)

    assert ch04.check_logistic_gradient(logistic_gradient)


def test_logistic_stub_fails_with_stub_message():
    def logistic_gradient(w, b, X, y): ...

    result = ch04.check_logistic_gradient(logistic_gradient)
    assert not result and "still a stub" in result.message


def make_logistic(residual=lambda y_hat, y, z: y_hat - y, reduce="mean", use_b=True):
    def logistic_gradient(w, b, X, y):
        z = X @ w + (b if use_b else 0.0)
        r = residual(sigmoid(z), y, z)
        if reduce == "sum":
            return X.T @ r, r.sum()
        if reduce == "split":
            return r.mean() * X.mean(axis=0), r.mean()
        return X.T @ r / len(y), r.mean()

    return logistic_gradient


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (make_logistic(residual=lambda y_hat, y, z: y - y_hat), "check the sign"),
        (make_logistic(residual=lambda y_hat, y, z: y * (y_hat - y)), "no factor yₙ"),
        (make_logistic(residual=lambda y_hat, y, z: (y_hat - y) * y_hat * (1 - y_hat)), "canonical pair"),
        (make_logistic(reduce="sum"), "divide the sum"),
        (make_logistic(reduce="split"), "enclose the whole product"),
        (make_logistic(use_b=False), "include the bias"),
        (make_logistic(residual=lambda y_hat, y, z: z - y), "not the pre-activation"),
    ],
    ids=["sign", "factor-y", "sigma-prime", "sum", "split", "no-bias", "linear"],
)
def test_logistic_known_mistakes_get_their_hint(wrong, hint):
    result = ch04.check_logistic_gradient(wrong)
    assert not result
    assert hint in result.message, result.message


def test_logistic_exception_is_reported():
    def logistic_gradient(w, b, X, y):
        return X @ np.ones(7), 0.0

    result = ch04.check_logistic_gradient(logistic_gradient)
    assert not result and "ValueError" in result.message


def test_logistic_unknown_wrong_answer_has_no_hint():
    result = ch04.check_logistic_gradient(lambda w, b, X, y: (np.full(len(w), 3.0), 3.0))
    assert not result and "expected" in result.message and "hint" not in result.message


# ----------------------------------------------------------------------------- softmax cross-entropy


@pytest.mark.parametrize("case", ch04.check_softmax_cross_entropy.cases, ids=lambda c: c.description)
def test_ce_reference_matches_mlp_losses(case):
    Z, y = case.args
    expected = cross_entropy.from_logits(Z, one_hot(y, Z.shape[1]))
    assert np.isfinite(expected)
    assert np.isclose(ch04.softmax_cross_entropy_reference(Z, y), expected, rtol=1e-12, atol=1e-12)


def test_ce_reference_passes():
    result = ch04.check_softmax_cross_entropy(ch04.softmax_cross_entropy_reference)
    assert result and "all 5 cases pass" in str(result)


def test_ce_one_hot_solution_passes():
    def softmax_cross_entropy(Z, y):
        m = Z.max(axis=1, keepdims=True)
        lse = m[:, 0] + np.log(np.exp(Z - m).sum(axis=1))
        return float(np.mean(lse - np.sum(one_hot(y, Z.shape[1]) * Z, axis=1)))

    assert ch04.check_softmax_cross_entropy(softmax_cross_entropy)


def test_ce_stub_fails_with_stub_message():
    def softmax_cross_entropy(Z, y): ...

    result = ch04.check_softmax_cross_entropy(softmax_cross_entropy)
    assert not result and "still a stub" in result.message


def naive_ce(Z, y):
    P = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
    return -np.mean(np.log(P[np.arange(len(y)), y]))


def naive_lse_ce(Z, y):
    return np.mean(np.log(np.exp(Z).sum(axis=1)) - Z[np.arange(len(y)), y])


def unshifted_ce(Z, y):
    m = Z.max(axis=1, keepdims=True)
    return np.mean(np.log(np.exp(Z - m).sum(axis=1)) - Z[np.arange(len(y)), y])


def probabilities_ce(Z, y):
    return -np.mean(np.log(Z[np.arange(len(y)), y]))


def softmax_twice_ce(Z, y):
    P = np.exp(Z - Z.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    Q = np.exp(P - P.max(axis=1, keepdims=True))
    Q /= Q.sum(axis=1, keepdims=True)
    return -np.mean(np.log(Q[np.arange(len(y)), y]))


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda Z, y: -ch04.softmax_cross_entropy_reference(Z, y), "check the sign"),
        (lambda Z, y: len(y) * ch04.softmax_cross_entropy_reference(Z, y), "not the sum"),
        (unshifted_ce, "add it back"),
        (probabilities_ce, "not probabilities"),
        (softmax_twice_ce, "applied twice"),
        (naive_ce, "overflows"),
        (naive_lse_ce, "overflows"),
    ],
    ids=["sign", "sum", "unshifted", "probabilities", "softmax-twice", "naive", "naive-lse"],
)
def test_ce_known_mistakes_get_their_hint(wrong, hint):
    result = ch04.check_softmax_cross_entropy(wrong)
    assert not result
    assert hint in result.message, result.message


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_ce_naive_passes_moderate_cases_and_fails_on_overflow():
    message = ch04.check_softmax_cross_entropy(naive_ce).message
    assert "case 4 (huge logits: overflow)" in message


def test_ce_exception_is_reported():
    def softmax_cross_entropy(Z, y):
        return Z[:, y.max() + 10].mean()

    result = ch04.check_softmax_cross_entropy(softmax_cross_entropy)
    assert not result and "IndexError" in result.message


def test_ce_unknown_wrong_answer_has_no_hint():
    result = ch04.check_softmax_cross_entropy(lambda Z, y: 42.0)
    assert not result and "expected" in result.message and "hint" not in result.message


def test_ce_nan_on_a_simple_case_gets_no_overflow_hint():
    result = ch04.check_softmax_cross_entropy(lambda Z, y: float("nan"))
    assert not result and "case 1" in result.message and "overflow" not in result.message


# ----------------------------------------------------------------------------- issue 8


def test_cross_entropy_subtracting_the_row_mean_gets_its_own_hint():
    def mean_shifted(Z, y):
        S = Z - Z.mean(axis=1, keepdims=True)
        return float(np.mean(np.log(np.sum(np.exp(S), axis=1)) - S[np.arange(len(y)), y]))

    with np.errstate(all="ignore"):
        result = ch04.check_softmax_cross_entropy(mean_shifted)
    assert not result and "case 5" in result.message and "±1000" in result.message
    assert "subtracting the row mean (here 0)" in result.message


def test_cross_entropy_naive_still_gets_the_overflow_hint():
    def naive(Z, y):
        P = np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
        return float(-np.mean(np.log(P[np.arange(len(y)), y])))

    with np.errstate(all="ignore"):
        result = ch04.check_softmax_cross_entropy(naive)
    assert not result and "case 4" in result.message and "exp(z) overflows" in result.message


def test_logistic_gradient_in_float32_within_the_tolerance_passes():
    def in_float32(w, b, X, y):
        g_w, g_b = ch04.logistic_gradient_reference(w, b, X, y)
        return g_w.astype(np.float32), np.float32(g_b)

    assert ch04.check_logistic_gradient(in_float32)  # rtol = 1e-6: float32 is close enough


def test_cross_entropy_in_float32_is_accepted_at_the_course_tolerance():
    def in_float32(Z, y):
        return np.float32(ch04.softmax_cross_entropy_reference(Z, y))

    assert ch04.check_softmax_cross_entropy(in_float32)
