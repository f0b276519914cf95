"""Checkers of chapter 6: the reference passes; stubs, known mistakes and crashes fail clearly."""

import math

import numpy as np
import pytest

from mlp.exercises import ch06
from mlp.gradcheck import numerical_gradient

# ----------------------------------------------------------------------------- tiny example I


def tiny_cost(w, x, y):
    return np.mean((y - w[1] * np.maximum(w[0] * x, 0.0)) ** 2)


@pytest.mark.parametrize("case", ch06.check_tiny_gradient.cases, ids=lambda c: c.description)
def test_tiny_reference_matches_finite_differences(case):
    w1, w2, x, y = case.args
    fd = numerical_gradient(lambda w: tiny_cost(w, x, y), np.array([w1, w2]))
    assert np.allclose(ch06.tiny_gradient_reference(w1, w2, x, y), fd, rtol=1e-7, atol=1e-8)


def test_tiny_reference_passes():
    result = ch06.check_tiny_gradient(ch06.tiny_gradient_reference)
    assert result and "all 5 cases pass" in str(result)


def test_tiny_loop_over_examples_passes():
    def tiny_gradient(w1, w2, x, y):
        g1 = g2 = 0.0
        for xn, yn in zip(x, y):
            a1 = max(w1 * xn, 0.0)
            dC = -2 * (yn - w2 * a1)
            g1 += dC * w2 * (1.0 if w1 * xn > 0 else 0.0) * xn
            g2 += dC * a1
        return g1 / len(x), g2 / len(x)

    assert ch06.check_tiny_gradient(tiny_gradient)


@pytest.mark.parametrize("container", [tuple, list, np.array], ids=["tuple", "list", "array"])
def test_tiny_accepts_a_tuple_a_list_or_an_array(container):
    result = ch06.check_tiny_gradient(lambda *args: container(ch06.tiny_gradient_reference(*args)))
    assert result, result.message


def test_tiny_mistake_returned_as_an_array_gets_its_hint():
    def tiny_gradient(w1, w2, x, y):  # the lost factor 2, returned as one array
        a1 = np.maximum(w1 * x, 0.0)
        g = -(y - w2 * a1)
        return np.array([np.mean(g * w2 * (w1 * x > 0) * x), np.mean(g * a1)])

    result = ch06.check_tiny_gradient(tiny_gradient)
    assert not result and "factor 2" in result.message, result.message


def test_tiny_one_number_is_reported_as_a_wrong_shape():
    result = ch06.check_tiny_gradient(lambda w1, w2, x, y: 1.0)
    assert not result and "shape" in result.message, result.message


def test_tiny_stub_fails_with_stub_message():
    def tiny_gradient(w1, w2, x, y): ...

    result = ch06.check_tiny_gradient(tiny_gradient)
    assert not result and "still a stub" in result.message


def make_wrong(factor=-2.0, indicator=lambda w1, x: w1 * x > 0, use_x=True, use_w2=True, reduce=np.mean):
    def tiny_gradient(w1, w2, x, y):
        a1 = np.maximum(w1 * x, 0.0)
        g = factor * (y - w2 * a1)
        dw1 = g * (w2 if use_w2 else 1.0) * indicator(w1, x) * (x if use_x else 1.0)
        return reduce(dw1), reduce(g * a1)

    return tiny_gradient


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (make_wrong(factor=-1.0), "factor 2"),
        (make_wrong(indicator=lambda w1, x: w1 * np.maximum(w1 * x, 0) > 0), "ReLU's own argument"),
        (make_wrong(indicator=lambda w1, x: float(w1 > 0)), "ReLU's own argument"),
        (make_wrong(indicator=lambda w1, x: x > 0), "ReLU's own argument"),
        (make_wrong(indicator=lambda w1, x: 1.0), "relu′ = 0"),
        (make_wrong(factor=2.0), "check the sign"),
        (make_wrong(use_x=False), "∂z⁽¹⁾/∂w₁ = x"),
        (make_wrong(use_w2=False), "∂ŷ/∂a⁽¹⁾ = w₂"),
        (make_wrong(reduce=np.sum), "the mean over the N examples"),
        (lambda w1, w2, x, y: make_wrong()(w1, w2, x, y)[::-1], "in the order"),
    ],
    ids=["no-2", "w1*relu", "w1", "x", "no-indicator", "sign", "no-x", "no-w2", "sum", "swapped"],
)
def test_tiny_known_mistakes_get_their_hint(wrong, hint):
    result = ch06.check_tiny_gradient(wrong)
    assert not result
    assert hint in result.message, result.message


def test_tiny_wrong_indicator_is_caught_where_w1_and_x_are_negative():
    wrong = make_wrong(indicator=lambda w1, x: w1 * np.maximum(w1 * x, 0) > 0)
    assert "case 2 (one example, w₁ < 0, x < 0)" in ch06.check_tiny_gradient(wrong).message


def test_tiny_exception_is_reported():
    def tiny_gradient(w1, w2, x, y):
        return 1 / 0

    result = ch06.check_tiny_gradient(tiny_gradient)
    assert not result and "ZeroDivisionError" in result.message


def test_tiny_unknown_wrong_answer_has_no_hint():
    result = ch06.check_tiny_gradient(lambda w1, w2, x, y: (3.0, 3.0))
    assert not result and "expected" in result.message and "hint" not in result.message


# ----------------------------------------------------------------------------- counting paths


def brute_force_paths(sizes):
    """Walk every path of the layered graph (feasible for small widths)."""
    count = 0

    def walk(layer):
        nonlocal count
        if layer == len(sizes) - 1:
            count += 1
            return
        for _ in range(sizes[layer + 1]):
            walk(layer + 1)

    for _ in range(sizes[0]):
        walk(0)
    return count


@pytest.mark.parametrize("sizes", [[3, 4, 2], [5, 2], [2, 3, 3, 3, 2], [4, 1, 4], [1, 1], [2, 5, 1, 3]])
def test_count_reference_matches_brute_force(sizes):
    assert ch06.count_paths_reference(sizes) == brute_force_paths(sizes)


def test_count_reference_passes():
    result = ch06.check_count_paths(ch06.count_paths_reference)
    assert result and "all 5 cases pass" in str(result)


def test_count_accepts_a_loop_and_numpy_integers():
    def count_paths(sizes):
        total = 1
        for d in np.asarray(sizes):
            total *= d
        return total

    assert ch06.check_count_paths(count_paths)


def test_count_stub_fails_with_stub_message():
    def count_paths(sizes): ...

    result = ch06.check_count_paths(count_paths)
    assert not result and "still a stub" in result.message


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda sizes: sum(sizes), "product, not sum"),
        (lambda sizes: sum(a * b for a, b in zip(sizes[:-1], sizes[1:])), "number of edges"),
        (lambda sizes: math.prod(sizes[1:-1]), "include both end layers"),
        (lambda sizes: math.prod(sizes[1:]), "starting input unit"),
        (lambda sizes: math.prod(sizes[:-1]), "final output unit"),
    ],
    ids=["sum", "edges", "hidden-only", "no-input", "no-output"],
)
def test_count_known_mistakes_get_their_hint(wrong, hint):
    result = ch06.check_count_paths(wrong)
    assert not result
    assert hint in result.message, result.message


def test_count_exception_is_reported():
    def count_paths(sizes):
        return sizes[10]

    result = ch06.check_count_paths(count_paths)
    assert not result and "IndexError" in result.message


# ----------------------------------------------------------------------------- issue 8


def test_tiny_gradient_as_a_1d_array_passes():
    assert ch06.check_tiny_gradient(lambda w1, w2, x, y: np.array(ch06.tiny_gradient_reference(w1, w2, x, y)))


def test_count_paths_is_compared_exactly():
    result = ch06.check_count_paths(lambda sizes: math.prod(sizes) + 0.4)
    assert not result and "returned the wrong value" in result.message


def test_count_paths_true_is_not_a_count():
    result = ch06.check_count_paths(lambda sizes: True)
    assert not result and "True/False where numbers are expected" in result.message


def test_count_paths_an_integer_too_large_for_a_float_is_a_wrong_value_not_a_crash():
    result = ch06.check_count_paths(lambda sizes: 10**400)
    assert not result and "returned the wrong value on case 1" in result.message


def test_count_paths_float_product_passes_when_exact():
    assert ch06.check_count_paths(lambda sizes: float(np.prod(sizes)))
