"""Initialisers: shapes and variances."""

import numpy as np
import pytest

from mlp import init


@pytest.mark.parametrize(
    "name, var",
    [("fan_in", 1 / 400), ("he", 2 / 400), ("glorot", 2 / (400 + 300)), ("normal", 0.01**2)],
)
def test_variance(name, var):
    W = init.get_initialiser(name)((300, 400), rng=np.random.default_rng(0))
    assert W.shape == (300, 400)
    assert np.var(W) == pytest.approx(var, rel=0.02)
    assert abs(np.mean(W)) < 0.01 * np.sqrt(var) * 10


def test_dtype():
    assert init.he((3, 4), rng=np.random.default_rng(0), dtype=np.float32).dtype == np.float32


def test_bad_arguments():
    with pytest.raises(ValueError, match=r"shape must be \(out, in\)"):
        init.he((3,), rng=np.random.default_rng(0))
    with pytest.raises(TypeError, match="rng must be a numpy.random.Generator"):
        init.he((3, 4), rng=None)
    with pytest.raises(ValueError, match="unknown initialiser 'zeros'"):
        init.get_initialiser("zeros")
