"""Weight initialisers for a matrix W⁽ˡ⁾ of shape (d_l, d_{l−1}) = (out, in).

* ``normal``  N(0, σ²) with a fixed σ;
* ``fan_in``  N(0, σ²/d_{l−1}) (LeCun): keeps the variance of z⁽ˡ⁾ ≈ σ² × var(a⁽ˡ⁻¹⁾);
* ``glorot``  N(0, 2/(d_{l−1} + d_l)) (Glorot & Bengio, 2010), for tanh/sigmoid;
* ``he``      N(0, 2/d_{l−1}) (He et al., 2015), for ReLU, which zeroes half its inputs.

Biases start at zero. Each function is ``f(shape, *, rng, dtype)``; ``fan_in``, ``glorot`` and
``he`` also take a ``gain`` γ that multiplies the standard deviation (:func:`with_gain` fixes it).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._validate import check_positive, check_rng

__all__ = ["normal", "fan_in", "glorot", "he", "with_gain", "INITIALISERS", "get_initialiser"]

Initialiser = Callable[..., np.ndarray]


def _check_shape(shape: tuple[int, int]) -> tuple[int, int]:
    if len(shape) != 2 or any(int(s) != s or s < 1 for s in shape):
        raise ValueError(f"shape must be (out, in) with positive integers, got {shape!r}")
    return int(shape[0]), int(shape[1])


def normal(
    shape: tuple[int, int], *, rng: np.random.Generator, std: float = 0.01, dtype=np.float64
) -> np.ndarray:
    """Entries drawn from N(0, std²)."""
    shape = _check_shape(shape)
    check_rng(rng)
    std = check_positive("std", std)
    return (std * rng.standard_normal(shape)).astype(dtype, copy=False)


def fan_in(
    shape: tuple[int, int], *, rng: np.random.Generator, gain: float = 1.0, dtype=np.float64
) -> np.ndarray:
    """Entries drawn from N(0, gain²/d_in), d_in = shape[1] (the fan-in)."""
    shape = _check_shape(shape)
    return normal(shape, rng=rng, std=gain / np.sqrt(shape[1]), dtype=dtype)


def glorot(
    shape: tuple[int, int], *, rng: np.random.Generator, gain: float = 1.0, dtype=np.float64
) -> np.ndarray:
    """Glorot/Xavier normal: N(0, gain² · 2/(d_in + d_out))."""
    out, inp = _check_shape(shape)
    gain = check_positive("gain", gain)
    return normal(shape, rng=rng, std=gain * np.sqrt(2.0 / (inp + out)), dtype=dtype)


def he(
    shape: tuple[int, int], *, rng: np.random.Generator, gain: float = 1.0, dtype=np.float64
) -> np.ndarray:
    """He/Kaiming normal: N(0, gain² · 2/d_in)."""
    gain = check_positive("gain", gain)
    return fan_in(shape, rng=rng, gain=gain * np.sqrt(2.0), dtype=dtype)


def with_gain(init: str | Initialiser, gain: float) -> Initialiser:
    """The initialiser ``init`` (a name or a function with a ``gain`` argument) at a fixed gain.

    ``Network(..., init=with_gain("fan_in", 0.5))`` draws W⁽ˡ⁾ from N(0, 0.25/d_{l−1}).
    For ``"normal"`` the gain multiplies the default standard deviation 0.01.
    """
    make = get_initialiser(init)
    gain = check_positive("gain", gain)
    if make is normal:
        def scaled(shape, *, rng, dtype=np.float64):
            return normal(shape, rng=rng, std=0.01 * gain, dtype=dtype)
    else:
        def scaled(shape, *, rng, dtype=np.float64):
            return make(shape, rng=rng, gain=gain, dtype=dtype)
    scaled.__name__ = f"{getattr(make, '__name__', 'init')}_gain_{gain:g}"
    return scaled


INITIALISERS: dict[str, Initialiser] = {
    "normal": normal,
    "fan_in": fan_in,
    "lecun": fan_in,
    "glorot": glorot,
    "xavier": glorot,
    "he": he,
}


def get_initialiser(init: str | Initialiser) -> Initialiser:
    """Look an initialiser up by name or pass a callable through."""
    if callable(init):
        return init
    if isinstance(init, str) and init in INITIALISERS:
        return INITIALISERS[init]
    raise ValueError(f"unknown initialiser {init!r}; expected one of {sorted(INITIALISERS)} or a callable")
