"""Argument checks shared by the package.

Every public function validates what it is given and raises a ``ValueError`` or
``TypeError`` whose message names the argument, what was expected and what
arrived. A wrong shape must never be "fixed" silently by broadcasting.
"""

from __future__ import annotations

import numbers

import numpy as np


def as_float_array(
    name: str,
    x: object,
    *,
    ndim: int | tuple[int, ...] | None = None,
    dtype: np.dtype | type | None = None,
    allow_nonfinite: bool = False,
) -> np.ndarray:
    """Return ``x`` as a floating-point array after checking it.

    Parameters
    ----------
    name : str
        The argument's name, used in error messages.
    x : array_like
        The value to check.
    ndim : int or tuple of int, optional
        Allowed numbers of dimensions.
    dtype : dtype, optional
        Convert to this floating dtype; by default keep float32/float64 and turn
        anything else (ints, bools) into float64.
    allow_nonfinite : bool
        If False (the default), NaN and infinity are rejected.
    """
    if isinstance(x, (str, bytes)) or x is None:
        raise TypeError(f"{name} must be a numeric array, got {type(x).__name__}")
    arr = np.asarray(x)
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.bool_)
    ):
        raise TypeError(f"{name} must be a numeric array, got dtype {arr.dtype}")
    if np.iscomplexobj(arr):
        raise TypeError(f"{name} must be real, got dtype {arr.dtype}")
    if dtype is not None:
        arr = arr.astype(dtype, copy=False)
    elif arr.dtype not in (np.float32, np.float64):
        arr = arr.astype(np.float64)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(str(d) for d in allowed)
            raise ValueError(
                f"{name} must have {want} dimension(s), got shape {arr.shape} ({arr.ndim} dimension(s))"
            )
    if not allow_nonfinite and not np.all(np.isfinite(arr)):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"{name} contains {bad} NaN or infinite value(s); clean the data first")
    return arr


def check_positive(name: str, value: object, *, allow_zero: bool = False) -> float:
    """Return ``value`` as a float, requiring it to be a finite number > 0 (or >= 0)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    v = float(value)
    ok = v >= 0 if allow_zero else v > 0
    if not np.isfinite(v) or not ok:
        want = "non-negative" if allow_zero else "positive"
        raise ValueError(f"{name} must be a finite {want} number, got {value!r}")
    return v


def check_int(name: str, value: object, *, low: int | None = None, high: int | None = None) -> int:
    """Return ``value`` as an int, requiring ``low <= value <= high`` when those are given."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__} {value!r}")
    v = int(value)
    if (low is not None and v < low) or (high is not None and v > high):
        lo = "-inf" if low is None else low
        hi = "inf" if high is None else high
        raise ValueError(f"{name} must be an integer in [{lo}, {hi}], got {v}")
    return v


def check_rng(rng: object) -> np.random.Generator:
    """Require an explicit ``numpy.random.Generator`` (no hidden global state)."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            "rng must be a numpy.random.Generator, e.g. rng=np.random.default_rng(0); "
            f"got {type(rng).__name__}"
        )
    return rng


def check_same_length(name_a: str, a: np.ndarray, name_b: str, b: np.ndarray) -> None:
    """Require two arrays to describe the same number of examples (rows)."""
    if len(a) != len(b):
        raise ValueError(
            f"{name_a} and {name_b} must have the same number of rows (examples), "
            f"got {len(a)} and {len(b)}"
        )
