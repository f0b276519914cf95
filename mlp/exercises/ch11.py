"""Auto-checked exercises of chapter 11 (initialisation and signal propagation).

* :data:`check_relu_variances` — ``relu_variances(var_z1, widths, weight_vars)``: the
  ReLU variance recursion Var z⁽ˡ⁾ = ½ d_{l−1} v_l Var z⁽ˡ⁻¹⁾.
* :data:`check_init_std` — ``init_std(kind, d_in, d_out)``: the standard deviation of the
  fan-in, Glorot and He initialisations.

Usage in a notebook::

    from mlp.exercises import ch11
    ch11.check_relu_variances(relu_variances)
    ch11.check_init_std(init_std)
"""

from __future__ import annotations

import numpy as np

from .checker import Case, Checker, Mistake

__all__ = ["relu_variances_reference", "init_std_reference", "check_relu_variances", "check_init_std"]


# --------------------------------------------------------------------------- relu_variances


def _recursion(var_z1, widths, weight_vars, *, factor=0.5, fan="in"):
    L = len(widths) - 1
    out = np.empty(L)
    out[0] = var_z1
    for l in range(2, L + 1):
        d = widths[l - 1] if fan == "in" else widths[l]
        out[l - 1] = factor * d * weight_vars[l - 1] * out[l - 2]
    return out


def relu_variances_reference(var_z1, widths, weight_vars):
    """[Var z⁽¹⁾, …, Var z⁽ᴸ⁾] with Var z⁽ˡ⁾ = ½ d_{l−1} v_l Var z⁽ˡ⁻¹⁾ (widths = (d₀, …, d_L))."""
    return _recursion(var_z1, widths, weight_vars)


def _shifted(var_z1, widths, weight_vars):
    L = len(widths) - 1
    out = np.empty(L)
    out[0] = var_z1
    for l in range(2, L + 1):
        out[l - 1] = 0.5 * widths[l - 2] * weight_vars[l - 2] * out[l - 2]
    return out


check_relu_variances = Checker(
    "relu_variances(var_z1, widths, weight_vars)",
    relu_variances_reference,
    [
        Case((2.0, [100, 100, 100, 100], [0.02, 0.02, 0.02]), "He weights, equal widths: constant"),
        Case((1.0, [10, 50, 20, 40, 5], [0.1, 0.04, 0.1, 0.05]), "widths that differ"),
        Case((0.5, [30, 60, 15, 90, 45, 10], [0.2, 0.01, 0.3, 0.02, 0.04]), "five layers"),
    ],
    mistakes=[
        Mistake(
            lambda v, w, s: _recursion(v, w, s, factor=1.0),
            "ReLU zeroes half of a symmetric z: E[relu(z)²] = ½ Var z, so each layer carries a factor ½.",
        ),
        Mistake(
            lambda v, w, s: _recursion(v, w, s, fan="out"),
            "the sum z⁽ˡ⁾ⱼ = Σₖ wⱼₖ a⁽ˡ⁻¹⁾ₖ has d_{l−1} terms: use the fan-in widths[l − 1], "
            "not the fan-out widths[l].",
        ),
        Mistake(
            _shifted,
            "layer l uses its own weights and fan-in: v_l = weight_vars[l − 1] and d_{l−1} = widths[l − 1] "
            "(Python indices start at 0); you used the previous layer's.",
        ),
        Mistake(
            lambda v, w, s: _recursion(v, w, s, factor=2.0),
            "the ReLU halves the mean square: multiply by ½ d_{l−1} v_l, not 2 d_{l−1} v_l.",
        ),
    ],
)


# --------------------------------------------------------------------------------- init_std


def init_std_reference(kind: str, d_in: int, d_out: int) -> float:
    """Standard deviation of fan-in (1/d_in), Glorot (2/(d_in + d_out)) and He (2/d_in) variances."""
    variance = {"fan_in": 1 / d_in, "glorot": 2 / (d_in + d_out), "he": 2 / d_in}[kind]
    return float(np.sqrt(variance))


def _variance(kind, d_in, d_out):
    return init_std_reference(kind, d_in, d_out) ** 2


def _fan_out(kind, d_in, d_out):
    return float(np.sqrt({"fan_in": 1 / d_out, "glorot": 2 / (d_in + d_out), "he": 2 / d_out}[kind]))


def _glorot_no_two(kind, d_in, d_out):
    return float(np.sqrt(1 / (d_in + d_out))) if kind == "glorot" else init_std_reference(kind, d_in, d_out)


def _glorot_mean(kind, d_in, d_out):
    return float(np.sqrt(2 / (d_in * d_out))) if kind == "glorot" else init_std_reference(kind, d_in, d_out)


check_init_std = Checker(
    "init_std(kind, d_in, d_out)",
    init_std_reference,
    [
        Case(("fan_in", 100, 100), "fan-in, equal widths"),
        Case(("he", 100, 100), "He, equal widths"),
        Case(("fan_in", 400, 25), "fan-in, d_in ≠ d_out"),
        Case(("he", 784, 225), "He, d_in ≠ d_out"),
        Case(("glorot", 784, 225), "Glorot"),
        Case(("glorot", 10, 90), "Glorot, d_in < d_out"),
    ],
    mistakes=[
        Mistake(_variance, "return the standard deviation, the square root of the variance."),
        Mistake(
            _fan_out, "fan-in and He divide by the fan-in d_in, the number of inputs of a unit, not by d_out."
        ),
        Mistake(_glorot_no_two, "Glorot's variance is 2/(d_in + d_out): the compromise keeps the 2."),
        Mistake(_glorot_mean, "Glorot's variance is 2/(d_in + d_out), with a sum in the denominator."),
    ],
)
