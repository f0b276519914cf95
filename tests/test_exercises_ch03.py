"""Checkers of chapter 3: the reference passes; stubs, known mistakes and crashes fail clearly."""

import numpy as np
import pytest

from mlp.activations import leaky_relu, softmax
from mlp.exercises import ch03

# ----------------------------------------------------------------------------- stable softmax


@pytest.mark.parametrize("case", ch03.check_stable_softmax.cases, ids=lambda c: c.description)
def test_softmax_reference_agrees_with_mlp(case):
    (z,) = case.args
    s = ch03.stable_softmax_reference(z)
    assert np.allclose(s, softmax(z)) and np.allclose(s.sum(axis=-1), 1.0)


def test_softmax_worked_example():
    s = ch03.stable_softmax_reference([1.60, 0.55, 0.98])
    assert np.allclose(s, [0.5297, 0.1854, 0.2849], atol=5e-5)


def test_softmax_reference_passes():
    result = ch03.check_stable_softmax(ch03.stable_softmax_reference)
    assert result and "all 6 cases pass" in str(result)


def test_softmax_other_correct_solutions_pass():
    def via_logsumexp(z):
        z = np.asarray(z, dtype=float)
        m = z.max(axis=-1, keepdims=True)
        return np.exp(z - m - np.log(np.exp(z - m).sum(axis=-1, keepdims=True)))

    assert ch03.check_stable_softmax(via_logsumexp)
    assert ch03.check_stable_softmax(lambda z: softmax(z))


def test_softmax_stub_fails_with_stub_message():
    def stable_softmax(z): ...

    result = ch03.check_stable_softmax(stable_softmax)
    assert not result and "still a stub" in result.message


def naive(z):
    return np.exp(z) / np.sum(np.exp(z), axis=-1, keepdims=True)


def global_max(z):
    e = np.exp(z - np.max(z))
    return e / e.sum(axis=-1, keepdims=True)


def axis0(z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def sum_axis0(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=0)


def no_keepdims(z):
    e = np.exp(z - z.max(axis=-1))
    return e / e.sum(axis=-1)


def unnormalised(z):
    return np.exp(z - z.max(axis=-1, keepdims=True))


def minimum(z):
    e = np.exp(z - z.min(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
@pytest.mark.parametrize(
    "wrong, hint",
    [
        (naive, "Subtract the maximum of z first"),
        (global_max, "each row's own maximum"),
        (axis0, "wrong axis"),
        (sum_axis0, "the sum runs over axis 0"),
        (no_keepdims, "keepdims=True"),
        (unnormalised, "not normalised"),
        (minimum, "subtracting the minimum"),
    ],
    ids=["naive", "global-max", "axis0", "sum-axis0", "no-keepdims", "unnormalised", "minimum"],
)
def test_softmax_known_mistakes_get_their_hint(wrong, hint):
    result = ch03.check_stable_softmax(wrong)
    assert not result
    assert hint in result.message, result.message


@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_softmax_naive_is_caught_at_z_1000_and_reports_nan():
    message = ch03.check_stable_softmax(naive).message
    assert "large logits" in message and "NaN" in message


def test_softmax_exception_is_reported():
    def stable_softmax(z):
        raise RuntimeError("boom")

    result = ch03.check_stable_softmax(stable_softmax)
    assert not result and "RuntimeError" in result.message


def test_softmax_unknown_wrong_answer_has_no_hint():
    result = ch03.check_stable_softmax(lambda z: np.full(np.shape(z), 0.3))
    assert not result and "expected" in result.message and "hint" not in result.message


# ----------------------------------------------------------------------------- leaky ReLU


@pytest.mark.parametrize("case", ch03.check_leaky_relu_prime.cases, ids=lambda c: c.description)
def test_leaky_reference_agrees_with_mlp(case):
    z, a = case.args
    assert np.array_equal(ch03.leaky_relu_prime_reference(z, a), leaky_relu(a).derivative(z))


def test_leaky_reference_passes():
    result = ch03.check_leaky_relu_prime(ch03.leaky_relu_prime_reference)
    assert result and "all 4 cases pass" in str(result)


def test_leaky_with_a_loop_passes():
    def leaky_relu_prime(z, a=0.01):
        out = np.empty(np.shape(z))
        for i, v in np.ndenumerate(z):
            out[i] = 1.0 if v > 0 else a
        return out

    assert ch03.check_leaky_relu_prime(leaky_relu_prime)


def test_leaky_stub_fails_with_stub_message():
    def leaky_relu_prime(z, a=0.01): ...

    result = ch03.check_leaky_relu_prime(leaky_relu_prime)
    assert not result and "still a stub" in result.message


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda z, a=0.01: np.where(z > 0, 1.0, -a), "+a, not −a"),
        (lambda z, a=0.01: np.where(z > 0, 1.0, 0.0), "the ReLU's derivative"),
        (lambda z, a=0.01: np.where(z > 0, z, a * z), "the leaky ReLU itself"),
        (lambda z, a=0.01: np.where(z > 0, 1.0, a * z), "the constant a"),
        (lambda z, a=0.01: np.where(z >= 0, 1.0, a), "convention φ′(0) = a"),
        (lambda z, a=0.01: np.where(z > 0, 1.0, 0.01), "not a fixed 0.01"),
    ],
    ids=["minus-a", "relu", "function", "a-times-z", "at-zero", "fixed-slope"],
)
def test_leaky_known_mistakes_get_their_hint(wrong, hint):
    result = ch03.check_leaky_relu_prime(wrong)
    assert not result
    assert hint in result.message, result.message


def test_leaky_exception_is_reported():
    def leaky_relu_prime(z, a=0.01):
        return z[99]

    result = ch03.check_leaky_relu_prime(leaky_relu_prime)
    assert not result and "IndexError" in result.message


# ----------------------------------------------------------------------------- issue 8


def test_softmax_subtracting_the_row_mean_gets_its_own_hint():
    def mean_shifted(z):
        z = np.asarray(z, dtype=float)
        e = np.exp(z - np.mean(z, axis=-1, keepdims=True))
        return e / np.sum(e, axis=-1, keepdims=True)

    with np.errstate(all="ignore"):
        result = ch03.check_stable_softmax(mean_shifted)
    assert not result and "±1000" in result.message
    assert "subtracting the row mean is not enough" in result.message


def test_softmax_shifting_in_place_changes_the_callers_logits_and_fails():
    def in_place(z):
        z -= np.max(z, axis=-1, keepdims=True)
        e = np.exp(z)
        return e / np.sum(e, axis=-1, keepdims=True)

    result = ch03.check_stable_softmax(in_place)
    assert not result and "changed its argument `z`" in result.message


def test_leaky_relu_prime_in_float32_is_told_to_use_float64():
    def in_float32(z, a=0.01):
        return np.where(np.asarray(z) > 0, 1.0, a).astype(np.float32)

    result = ch03.check_leaky_relu_prime(in_float32)
    assert not result and "float32" in result.message and "compute in float64" in result.message
