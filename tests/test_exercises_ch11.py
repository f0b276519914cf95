"""Checkers of chapter 11: the reference passes; stubs, known mistakes and crashes fail clearly."""

import numpy as np
import pytest

import mlp
from mlp.exercises import ch11
from mlp.signal import predicted_variances

# --------------------------------------------------------------------------- relu_variances


@pytest.mark.parametrize("case", ch11.check_relu_variances.cases, ids=lambda c: c.description)
def test_relu_reference_agrees_with_the_quadrature_recursion(case):
    var_z1, widths, weight_vars = case.args
    # predicted_variances starts from E[x²]: choose it so that Var z⁽¹⁾ = var_z1
    input_sq = var_z1 / (widths[0] * weight_vars[0])
    expected = predicted_variances(widths, weight_vars, "relu", input_sq)
    assert np.allclose(ch11.relu_variances_reference(*case.args), expected, rtol=1e-6)


def test_relu_reference_passes():
    result = ch11.check_relu_variances(ch11.relu_variances_reference)
    assert result and "all 3 cases pass" in str(result)


def test_relu_closed_form_product_passes():
    def relu_variances(var_z1, widths, weight_vars):
        factors = [0.5 * widths[l - 1] * weight_vars[l - 1] for l in range(2, len(widths))]
        return var_z1 * np.concatenate([[1.0], np.cumprod(factors)])

    assert ch11.check_relu_variances(relu_variances)


def test_relu_stub_and_crash_fail():
    def stub(var_z1, widths, weight_vars): ...

    def crash(var_z1, widths, weight_vars):
        return widths[100]

    assert "still a stub" in ch11.check_relu_variances(stub).message
    result = ch11.check_relu_variances(crash)
    assert not result and "raised an exception" in result.message


def _wrong(factor=0.5, fan_offset=1, v_offset=1):
    def relu_variances(var_z1, widths, weight_vars):
        out = [var_z1]
        for l in range(2, len(widths)):
            out.append(factor * widths[l - fan_offset] * weight_vars[l - v_offset] * out[-1])
        return np.array(out)

    return relu_variances


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (_wrong(factor=1.0), "factor ½"),
        (_wrong(fan_offset=0), "not the fan-out"),
        (_wrong(fan_offset=2, v_offset=2), "the previous layer's"),
        (_wrong(factor=2.0), "not 2 d_{l−1} v_l"),
    ],
    ids=["no-half", "fan-out", "shifted", "two"],
)
def test_relu_known_mistakes_get_their_hint(wrong, hint):
    result = ch11.check_relu_variances(wrong)
    assert not result
    assert hint in result.message, result.message


# --------------------------------------------------------------------------------- init_std


@pytest.mark.parametrize("kind", ["fan_in", "glorot", "he"])
def test_init_std_reference_matches_mlp_init(kind):
    W = mlp.init.get_initialiser(kind)((300, 700), rng=np.random.default_rng(0))
    assert np.isclose(W.std(), ch11.init_std_reference(kind, 700, 300), rtol=0.01)


def test_init_std_reference_passes_and_stub_fails():
    assert ch11.check_init_std(ch11.init_std_reference)

    def init_std(kind, d_in, d_out): ...

    assert "still a stub" in ch11.check_init_std(init_std).message


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda k, i, o: {"fan_in": 1 / i, "glorot": 2 / (i + o), "he": 2 / i}[k], "square root"),
        (lambda k, i, o: np.sqrt({"fan_in": 1 / o, "glorot": 2 / (i + o), "he": 2 / o}[k]), "not by d_out"),
        (lambda k, i, o: np.sqrt({"fan_in": 1 / i, "glorot": 1 / (i + o), "he": 2 / i}[k]), "keeps the 2"),
        (lambda k, i, o: np.sqrt({"fan_in": 1 / i, "glorot": 2 / (i * o), "he": 2 / i}[k]), "with a sum"),
    ],
    ids=["variance", "fan-out", "glorot-no-2", "glorot-product"],
)
def test_init_std_known_mistakes_get_their_hint(wrong, hint):
    result = ch11.check_init_std(wrong)
    assert not result
    assert hint in result.message, result.message
