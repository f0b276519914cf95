"""Initialisers: shapes and variances."""

import numpy as np
import pytest

from mlp import Network, init


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


def test_gain_scales_the_standard_deviation_of_every_initialiser():
    import mlp.init as mi

    shape = (400, 300)
    for name, var in (("fan_in", 1 / 300), ("glorot", 2 / 700), ("he", 2 / 300)):
        W = mi.get_initialiser(name)(shape, rng=np.random.default_rng(0), gain=0.5)
        assert abs(W.var() / (0.25 * var) - 1) < 0.02, name
        W2 = mi.with_gain(name, 3.0)(shape, rng=np.random.default_rng(0))
        assert abs(W2.var() / (9 * var) - 1) < 0.02, name
    assert np.isclose(mi.with_gain("normal", 2.0)(shape, rng=np.random.default_rng(0)).std(), 0.02, rtol=0.02)
    with pytest.raises(ValueError, match="gain"):
        mi.he(shape, rng=np.random.default_rng(0), gain=-1.0)
    net = Network([5, 4, 2], rng=np.random.default_rng(0), init=mi.with_gain("he", 1.0))
    assert net.weights[0].shape == (4, 5)
