"""The checker mechanism: passes the solution, fails stubs, wrong answers and crashes."""

import numpy as np
import pytest

from mlp.exercises import Case, Checker, Mistake


def square_error_grad(y_hat, y):  # d/dŷ (y − ŷ)²
    return -2 * (y - y_hat)


checker = Checker(
    "grad(y_hat, y)",
    square_error_grad,
    [Case((1.0, 0.0), "scalars"), Case((np.array([1.0, 2.0]), np.array([0.5, 3.0])), "vectors")],
    mistakes=[Mistake(lambda y_hat, y: -(y - y_hat), "the square brings down a factor 2")],
)


def test_correct_answer_passes():
    result = checker(square_error_grad)
    assert result and "all 2 cases pass" in str(result)


def test_stub_fails_with_stub_message():
    def stub(y_hat, y): ...

    result = checker(stub)
    assert not result and "still a stub" in result.message


def test_known_mistake_gets_its_hint():
    result = checker(lambda y_hat, y: y_hat - y)
    assert not result
    assert "case 1 (scalars)" in result.message and "factor 2" in result.message


def test_unknown_wrong_answer_gets_values_but_no_hint():
    result = checker(lambda y_hat, y: 3 * (y_hat - y))
    assert not result and "expected" in result.message and "hint" not in result.message


def test_exception_is_reported_not_raised():
    def broken(y_hat, y):
        raise ZeroDivisionError("oops")

    result = checker(broken)
    assert not result and "ZeroDivisionError: oops" in result.message


def test_wrong_shape_is_named():
    result = checker(lambda y_hat, y: np.atleast_1d(square_error_grad(y_hat, y))[:1])
    assert not result and "returned shape (1,), expected shape ()" in result.message


def test_inputs_are_not_shared_with_the_student():
    def mutating(y_hat, y):
        if isinstance(y_hat, np.ndarray):
            y_hat[...] = 0
        return square_error_grad(y_hat, y)

    assert not checker(mutating)  # it returns wrong values for its own mutated input...
    assert checker(square_error_grad)  # ...and the checker's cases are unharmed


def test_not_a_function():
    assert "expected a function" in checker(3).message


def test_needs_cases():
    with pytest.raises(ValueError, match="at least one case"):
        Checker("f", abs, [])


def softmax_rows(Z):
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def naive_softmax_rows(Z):
    with np.errstate(over="ignore", invalid="ignore"):
        return np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)


softmax_checker = Checker(
    "softmax(Z)",
    softmax_rows,
    [Case((np.array([[0.0, 1.0]]),), "small"), Case((np.array([[1000.0, 0.0], [0.0, 1.0]]),), "large")],
    mistakes=[Mistake(naive_softmax_rows, "subtract the maximum first")],
)


def test_a_list_answer_counts_as_the_one_array_the_reference_returns():
    result = softmax_checker(lambda Z: softmax_rows(Z).tolist())
    assert result, result.message


def test_an_overflowing_answer_gets_the_hint_of_the_mistake_that_overflows_alike():
    def overflows_to_inf(Z):  # inf where the naive mistake has NaN: the same overflow
        out = naive_softmax_rows(Z)
        return np.where(np.isnan(out), np.inf, out)

    result = softmax_checker(overflows_to_inf)
    assert not result and "case 2 (large)" in result.message
    assert "returned NaN or inf" in result.message and "maximum first" in result.message


def test_a_nan_answer_matching_no_mistake_gets_no_hint():
    result = softmax_checker(lambda Z: np.full(Z.shape, np.nan))
    assert not result and "case 1 (small)" in result.message and "hint" not in result.message
