"""Checkers of chapter 1: the reference passes; stubs, known mistakes and crashes fail clearly."""

import itertools

import numpy as np
import pytest

from mlp.classic import McCullochPitts, heaviside, mp_or
from mlp.exercises import ch01

# ----------------------------------------------------------------------------- the M–P unit


@pytest.mark.parametrize("case", ch01.check_mp_output.cases, ids=lambda c: c.description)
def test_mp_reference_agrees_with_mlp_classic(case):
    x_exc, x_inh, theta = case.args
    unit = McCullochPitts(x_exc.shape[1], threshold=theta, n_inhibitory=x_inh.shape[1])
    expected = unit(x_exc if x_exc.shape[1] else None, x_inh if x_inh.shape[1] else None)
    np.testing.assert_array_equal(ch01.mp_output_reference(x_exc, x_inh, theta), expected)


def test_mp_reference_passes():
    result = ch01.check_mp_output(ch01.mp_output_reference)
    assert result and "all 7 cases pass" in str(result)


def test_mp_loop_with_booleans_passes():
    def mp_output(x_exc, x_inh, theta):
        out = []
        for e, u in zip(x_exc, x_inh):
            out.append(bool(sum(e) >= theta and not any(u)))
        return out

    assert ch01.check_mp_output(mp_output)


def test_mp_stub_fails_with_stub_message():
    def mp_output(x_exc, x_inh, theta): ...

    result = ch01.check_mp_output(mp_output)
    assert not result and "still a stub" in result.message


def mp_wrong(kind):
    def mp_output(x_exc, x_inh, theta):
        E, U = np.sum(x_exc, axis=1), np.sum(x_inh, axis=1)
        if kind == "strict":
            return ((E > theta) & (U == 0)).astype(int)
        if kind == "heaviside-zero-at-zero":
            return np.where(E - theta > 0, 1, 0) * (U == 0)
        if kind == "below":
            return ((E >= theta - 1) & (U == 0)).astype(int)
        if kind == "no-inhibition":
            return (E >= theta).astype(int)
        if kind == "subtractive":
            return heaviside(E - U - theta)
        if kind == "all":
            n_inh = np.shape(x_inh)[1]
            return ((E >= theta) & ~((U == n_inh) & (n_inh > 0))).astype(int)
        if kind == "inverted":
            return 1 - ((E >= theta) & (U == 0)).astype(int)
        raise ValueError(kind)

    return mp_output


@pytest.mark.parametrize(
    "kind, hint",
    [
        ("strict", "use ≥ θ, not > θ"),
        ("heaviside-zero-at-zero", "step(0) = 0"),
        ("below", "off by one"),
        ("no-inhibition", "inhibitory inputs are ignored"),
        ("subtractive", "inhibition is absolute"),
        ("all", "*any* active inhibitory input"),
        ("inverted", "outputs are inverted"),
    ],
)
def test_mp_known_mistakes_get_their_hint(kind, hint):
    result = ch01.check_mp_output(mp_wrong(kind))
    assert not result
    assert hint in result.message, result.message


def test_mp_subtractive_is_caught_where_the_models_differ():
    message = ch01.check_mp_output(mp_wrong("subtractive")).message
    assert "case 5 (three excitatory inputs, one inhibitory" in message


def test_mp_exception_is_reported():
    def mp_output(x_exc, x_inh, theta):
        return x_exc[:, 5]

    result = ch01.check_mp_output(mp_output)
    assert not result and "IndexError" in result.message


def test_mp_wrong_shape_is_reported():
    result = ch01.check_mp_output(lambda x_exc, x_inh, theta: np.zeros(3))
    assert not result and "shape" in result.message


# ----------------------------------------------------------------------------- XOR


def xor_from_units(X):
    h1 = McCullochPitts(1, threshold=1, n_inhibitory=1)
    h2 = McCullochPitts(1, threshold=1, n_inhibitory=1)
    a1 = h1(X[:, [0]], X[:, [1]])
    a2 = h2(X[:, [1]], X[:, [0]])
    return mp_or(2)(np.column_stack([a1, a2]))


def test_xor_reference_passes_and_units_agree():
    assert ch01.check_xor_network(ch01.xor_network_reference)
    result = ch01.check_xor_network(xor_from_units)
    assert result and "all 4 cases pass" in str(result)


def test_xor_stub_fails_with_stub_message():
    def xor_network(X): ...

    result = ch01.check_xor_network(xor_network)
    assert not result and "still a stub" in result.message


def table(values):
    values = np.array(values)
    return lambda X: values[2 * np.asarray(X)[:, 0] + np.asarray(X)[:, 1]]


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda X: mp_or(2)(X), "computes OR"),
        (table([1, 0, 0, 1]), "inverted (that is XNOR"),
        (lambda X: McCullochPitts(1, 1, 1)(X[:, [0]], X[:, [1]]), "only x₁ AND NOT x₂"),
        (lambda X: McCullochPitts(1, 1, 1)(X[:, [1]], X[:, [0]]), "only x₂ AND NOT x₁"),
        (table([0, 0, 0, 1]), "computes AND"),
        (table([1, 1, 1, 0]), "computes NAND"),
        (table([0, 0, 0, 0]), "never fires"),
    ],
    ids=["or", "xnor", "h1", "h2", "and", "nand", "zero"],
)
def test_xor_known_mistakes_get_their_hint(wrong, hint):
    result = ch01.check_xor_network(wrong)
    assert not result
    assert hint in result.message, result.message


def test_xor_exception_is_reported():
    def xor_network(X):
        return McCullochPitts(2, threshold=1)(X[:, 0])  # wrong shape for the unit

    result = ch01.check_xor_network(xor_network)
    assert not result and "ValueError" in result.message


# ----------------------------------------------------------------------------- threshold functions


def brute_force(tab):
    X = np.array(list(itertools.product((0, 1), repeat=2)))
    for w1, w2, b in itertools.product(range(-2, 3), range(-2, 3), range(-3, 4)):
        if np.array_equal(heaviside(X @ np.array([w1, w2]) + b), tab):
            return True
    return False


def test_threshold_reference_matches_brute_force_and_counts_14():
    tables = [np.array(t) for t in itertools.product((0, 1), repeat=4)]
    answers = [ch01.is_threshold_function_reference(t) for t in tables]
    assert answers == [brute_force(t) for t in tables]
    assert sum(answers) == 14


def test_threshold_cases_cover_all_16_functions():
    seen = {tuple(case.args[0]) for case in ch01.check_is_threshold_function.cases}
    assert len(seen) == 16


def test_threshold_reference_and_brute_force_pass():
    result = ch01.check_is_threshold_function(ch01.is_threshold_function_reference)
    assert result and "all 16 cases pass" in str(result)
    assert ch01.check_is_threshold_function(brute_force)


def test_threshold_stub_fails_with_stub_message():
    def is_threshold_function(table): ...

    result = ch01.check_is_threshold_function(is_threshold_function)
    assert not result and "still a stub" in result.message


def small_search(tab):
    X = np.array(list(itertools.product((0, 1), repeat=2)))
    return any(
        np.array_equal(heaviside(X @ np.array([w1, w2]) + b), tab)
        for w1, w2, b in itertools.product((-1, 0, 1), repeat=3)
    )


def monotone(tab):
    X = np.array(list(itertools.product((0, 1), repeat=2)))
    return any(
        np.array_equal(heaviside(X @ np.array([w1, w2]) + b), tab)
        for w1, w2, b in itertools.product(range(0, 3), range(0, 3), range(-3, 4))
    )


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda tab: True, "not every Boolean function"),
        (lambda tab: list(tab) != [0, 1, 1, 0], "XNOR (1, 0, 0, 1)"),
        (monotone, "may be negative"),
        (lambda tab: brute_force(tab) and len(set(tab)) > 1, "constant functions"),
        (small_search, "too small a range"),
        (lambda tab: not brute_force(tab), "answers are inverted"),
    ],
    ids=["always", "xor-only", "monotone", "no-constants", "small-range", "inverted"],
)
def test_threshold_known_mistakes_get_their_hint(wrong, hint):
    result = ch01.check_is_threshold_function(wrong)
    assert not result
    assert hint in result.message, result.message


def test_threshold_exception_is_reported():
    def is_threshold_function(tab):
        return {(0, 1, 1, 1): True}[tuple(tab)]

    result = ch01.check_is_threshold_function(is_threshold_function)
    assert not result and "KeyError" in result.message


def test_xor_list_output_passes_and_non_function_is_reported():
    assert ch01.check_xor_network(lambda X: [int(a != b) for a, b in X])
    result = ch01.check_xor_network(3)
    assert not result and "expected a function" in result.message


# ----------------------------------------------------------------------------- types and inputs (issue 8)


def test_threshold_answer_must_be_true_or_false_not_a_number():
    result = ch01.check_is_threshold_function(lambda t: int(ch01.is_threshold_function_reference(t)))
    assert not result and "where True or False is expected" in result.message
    assert "hint" not in result.message


def test_mp_output_that_clears_its_inputs_fails():
    def mp_output(x_exc, x_inh, theta):
        out = ch01.mp_output_reference(x_exc, x_inh, theta)
        x_exc[...] = 0  # "tidies up" the caller's array
        return out

    result = ch01.check_mp_output(mp_output)
    assert not result and "changed its argument `x_exc`" in result.message
