"""Checkers of chapter 14: the reference passes; stubs, known mistakes and crashes fail clearly."""

import numpy as np
import pytest

from mlp.approximation import relu_interpolant, sawtooth
from mlp.exercises import ch14

# ------------------------------------------------------------------ the interpolating network


@pytest.mark.parametrize("case", ch14.check_interpolant_at.cases, ids=lambda c: c.description)
def test_interpolant_reference_agrees_with_mlp_and_np_interp(case):
    x, knots, values = case.args
    net = relu_interpolant(knots, values)
    got = ch14.relu_interpolant_reference(x, knots, values)
    assert np.allclose(got, net(x[:, None])[:, 0], atol=1e-12)
    inside = (x >= knots[0]) & (x <= knots[-1])
    assert np.allclose(got[inside], np.interp(x[inside], knots, values), atol=1e-12)


def test_interpolant_reference_passes():
    result = ch14.check_interpolant_at(ch14.relu_interpolant_reference)
    assert result and "all 4 cases pass" in str(result)


def test_interpolant_written_differently_passes():
    def interpolant_at(x, knots, values):  # a loop over the units, relu as np.maximum
        g = np.full(len(x), float(values[0]))
        previous = 0.0
        for i in range(len(knots) - 1):
            slope = (values[i + 1] - values[i]) / (knots[i + 1] - knots[i])
            g += (slope - previous) * np.maximum(0, np.asarray(x) - knots[i])
            previous = slope
        return list(g)

    assert ch14.check_interpolant_at(interpolant_at)


def test_interpolant_via_mlp_passes():
    assert ch14.check_interpolant_at(lambda x, k, v: relu_interpolant(k, v)(np.asarray(x)[:, None])[:, 0])


def test_interpolant_stub_fails_with_stub_message():
    def interpolant_at(x, knots, values): ...

    result = ch14.check_interpolant_at(interpolant_at)
    assert not result and "still a stub" in result.message


@pytest.mark.parametrize(
    "mistake, hint",
    [
        (0, "change* of slope"),
        (1, "output bias y₀"),
        (2, "relu(xᵢ − x)"),
        (3, "one unit per segment"),
    ],
)
def test_interpolant_mistakes_get_their_hint(mistake, hint):
    result = ch14.check_interpolant_at(ch14._INTERPOLANT_MISTAKES[mistake].fn)
    assert not result and "hint:" in result.message and hint in result.message


def test_np_interp_gets_the_flat_extrapolation_hint():
    result = ch14.check_interpolant_at(lambda x, knots, values: np.interp(x, knots, values))
    assert not result and "np.interp" in result.message and "keeps the last slope" in result.message


def test_interpolant_crash_is_reported():
    def interpolant_at(x, knots, values):
        return 1 / 0

    result = ch14.check_interpolant_at(interpolant_at)
    assert not result and "ZeroDivisionError" in result.message


def test_interpolant_wrong_shape_is_reported():
    result = ch14.check_interpolant_at(lambda x, k, v: np.zeros((len(x), 1)))
    assert not result and "shape" in result.message


# ------------------------------------------------------------------ the tent map


@pytest.mark.parametrize("case", ch14.check_tent_power.cases, ids=lambda c: c.description)
def test_tent_reference_is_the_sawtooth(case):
    x, k = case.args
    assert np.allclose(ch14.tent_power_reference(x, k), sawtooth(x, k), atol=1e-12)


def test_tent_reference_passes():
    result = ch14.check_tent_power(ch14.tent_power_reference)
    assert result and "all 5 cases pass" in str(result)


def test_tent_closed_form_passes():
    def tent_power(x, k):
        for _ in range(k):
            x = 1 - np.abs(2 * np.asarray(x) - 1)
        return x

    assert ch14.check_tent_power(tent_power)


def test_tent_stub_fails_with_stub_message():
    def tent_power(x, k): ...

    result = ch14.check_tent_power(tent_power)
    assert not result and "still a stub" in result.message


@pytest.mark.parametrize(
    "mistake, hint",
    [(0, "one time too few"), (1, "one time too many"), (2, "its weight is −4"), (3, "single tooth")],
)
def test_tent_mistakes_get_their_hint(mistake, hint):
    result = ch14.check_tent_power(ch14._TENT_MISTAKES[mistake].fn)
    assert not result and "hint:" in result.message and hint in result.message


def test_tent_crash_is_reported():
    def tent_power(x, k):
        raise RuntimeError("not yet")

    result = ch14.check_tent_power(tent_power)
    assert not result and "RuntimeError" in result.message
