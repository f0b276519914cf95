"""Small two-dimensional data sets for experiments you can see.

Every function returns a pair ``(X, y)``:

* ``X`` is a float64 array of shape ``(n, 2)``, one example per **row**;
* ``y`` is an int64 array of shape ``(n,)`` holding class labels ``0, 1, ..., K-1``.

Anything random takes an explicit keyword argument ``rng``, a
:class:`numpy.random.Generator`, so the same generator seed always gives the same
data and nothing depends on hidden global state::

    rng = np.random.default_rng(0)
    X, y = moons(200, rng=rng, noise=0.1)

Classes are as balanced as possible (their sizes differ by at most one) and the
rows are shuffled, so a minibatch taken from the front is not all one class.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import numpy as np

from ._validate import as_float_array, check_int, check_positive, check_rng, check_same_length

__all__ = [
    "xor",
    "xor_noisy",
    "blobs",
    "circles",
    "moons",
    "spirals",
    "higham_points",
    "higham_targets",
    "train_val_test_split",
]


# ---- helpers ----


def _class_sizes(n: int, n_classes: int) -> np.ndarray:
    """Split ``n`` examples into ``n_classes`` sizes differing by at most one."""
    sizes = np.full(n_classes, n // n_classes, dtype=np.int64)
    sizes[: n % n_classes] += 1
    return sizes


def _labels(sizes: np.ndarray) -> np.ndarray:
    return np.repeat(np.arange(len(sizes), dtype=np.int64), sizes)


def _shuffled(
    X: np.ndarray, y: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    order = rng.permutation(len(y))
    return np.ascontiguousarray(X[order], dtype=np.float64), y[order].astype(np.int64)


def _check_n(n: object, n_classes: int = 1) -> int:
    """``n`` must be an integer and leave every class at least one example."""
    return check_int("n", n, low=max(1, n_classes))


# ---- XOR ----


def xor() -> tuple[np.ndarray, np.ndarray]:
    """The four corners of the unit square, labelled by exclusive or.

    XOR is the classic problem a single perceptron cannot solve: no straight line
    separates label 1 (one coordinate is 1) from label 0 (both or neither).

    Returns
    -------
    X : ndarray of shape (4, 2), float64
        The points ``(0, 0), (0, 1), (1, 0), (1, 1)``.
    y : ndarray of shape (4,), int64
        ``x1 XOR x2``, that is ``[0, 1, 1, 0]``.
    """
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 1, 1, 0], dtype=np.int64)
    return X, y


def xor_noisy(
    n: int, *, rng: np.random.Generator, noise: float = 0.1
) -> tuple[np.ndarray, np.ndarray]:
    """``n`` XOR examples: random corners of the unit square plus Gaussian noise.

    Parameters
    ----------
    n : int
        Number of examples (at least 1).
    rng : numpy.random.Generator
        Source of randomness.
    noise : float, default 0.1
        Standard deviation of the noise added to each coordinate (>= 0).

    Returns
    -------
    X : ndarray of shape (n, 2), float64
    y : ndarray of shape (n,), int64
        The XOR label of the corner each point was drawn around.
    """
    n = _check_n(n)
    noise = check_positive("noise", noise, allow_zero=True)
    rng = check_rng(rng)
    corners = rng.integers(0, 2, size=(n, 2))
    y = (corners[:, 0] ^ corners[:, 1]).astype(np.int64)
    X = corners + noise * rng.standard_normal((n, 2))
    return X.astype(np.float64), y


# ---- blobs, circles, moons, spirals ----


def blobs(
    n: int,
    *,
    rng: np.random.Generator,
    centers: int | Sequence[Sequence[float]] | np.ndarray = 2,
    std: float = 1.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian clusters ("blobs"), one class per centre.

    Parameters
    ----------
    n : int
        Number of examples (at least one per class).
    rng : numpy.random.Generator
        Source of randomness.
    centers : int or array_like of shape (K, 2), default 2
        Either the number of classes ``K`` -- the centres are then placed evenly on
        a circle of radius 3 around the origin -- or the centres themselves.
    std : float, default 1.0
        Standard deviation of each cluster in every direction (>= 0).

    Returns
    -------
    X : ndarray of shape (n, 2), float64
    y : ndarray of shape (n,), int64
        Label ``k`` marks points drawn around ``centers[k]``.
    """
    if isinstance(centers, numbers.Integral) and not isinstance(centers, bool):
        k = check_int("centers", centers, low=1)
        angles = 2 * np.pi * np.arange(k) / k
        c = 3.0 * np.column_stack([np.cos(angles), np.sin(angles)])
    else:
        c = as_float_array("centers", centers, ndim=2, dtype=np.float64)
        if c.shape[1] != 2 or c.shape[0] < 1:
            raise ValueError(
                "centers must be an int or an array of shape (K, 2) with K >= 1, "
                f"got shape {c.shape}"
            )
    n = _check_n(n, len(c))
    std = check_positive("std", std, allow_zero=True)
    rng = check_rng(rng)
    y = _labels(_class_sizes(n, len(c)))
    X = c[y] + std * rng.standard_normal((n, 2))
    return _shuffled(X, y, rng)


def circles(
    n: int, *, rng: np.random.Generator, noise: float = 0.05, factor: float = 0.5
) -> tuple[np.ndarray, np.ndarray]:
    """Two concentric circles: label 0 on the outer one, label 1 on the inner one.

    No straight line separates the classes, but a network with one hidden layer can.

    Parameters
    ----------
    n : int
        Number of examples (at least 2).
    rng : numpy.random.Generator
        Source of randomness.
    noise : float, default 0.05
        Standard deviation of the Gaussian noise added to each coordinate (>= 0).
    factor : float, default 0.5
        Radius of the inner circle; the outer circle has radius 1. Must lie in (0, 1).

    Returns
    -------
    X : ndarray of shape (n, 2), float64
    y : ndarray of shape (n,), int64
    """
    n = _check_n(n, 2)
    noise = check_positive("noise", noise, allow_zero=True)
    factor = check_positive("factor", factor)
    if not factor < 1:
        raise ValueError(f"factor must lie strictly between 0 and 1, got {factor!r}")
    rng = check_rng(rng)
    y = _labels(_class_sizes(n, 2))
    radius = np.where(y == 0, 1.0, factor)
    theta = rng.uniform(0.0, 2 * np.pi, size=n)
    X = radius[:, None] * np.column_stack([np.cos(theta), np.sin(theta)])
    X += noise * rng.standard_normal((n, 2))
    return _shuffled(X, y, rng)


def moons(n: int, *, rng: np.random.Generator, noise: float = 0.1) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles ("moons").

    Label 0 lies on the upper half of the unit circle; label 1 on a lower half
    circle shifted to ``(1, 0.5)``, so that each moon reaches into the other.

    Parameters
    ----------
    n : int
        Number of examples (at least 2).
    rng : numpy.random.Generator
        Source of randomness.
    noise : float, default 0.1
        Standard deviation of the Gaussian noise added to each coordinate (>= 0).

    Returns
    -------
    X : ndarray of shape (n, 2), float64
    y : ndarray of shape (n,), int64
    """
    n = _check_n(n, 2)
    noise = check_positive("noise", noise, allow_zero=True)
    rng = check_rng(rng)
    y = _labels(_class_sizes(n, 2))
    theta = rng.uniform(0.0, np.pi, size=n)
    upper = np.column_stack([np.cos(theta), np.sin(theta)])
    lower = np.column_stack([1.0 - np.cos(theta), 0.5 - np.sin(theta)])
    X = np.where((y == 0)[:, None], upper, lower)
    X += noise * rng.standard_normal((n, 2))
    return _shuffled(X, y, rng)


def spirals(
    n: int,
    *,
    rng: np.random.Generator,
    n_classes: int = 2,
    noise: float = 0.05,
    turns: float = 1.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Interleaved spiral arms, one class per arm.

    A point on arm ``k`` at parameter ``s`` in [0, 1] sits at radius ``s`` and
    angle ``2*pi*(turns*s + k/n_classes)``. More turns make the problem harder.

    Parameters
    ----------
    n : int
        Number of examples (at least one per class).
    rng : numpy.random.Generator
        Source of randomness.
    n_classes : int, default 2
        Number of arms (classes), at least 2.
    noise : float, default 0.05
        Standard deviation of the Gaussian noise added to each coordinate (>= 0).
    turns : float, default 1.0
        How many full turns each arm makes (> 0).

    Returns
    -------
    X : ndarray of shape (n, 2), float64
        Points within about ``1 + 3*noise`` of the origin.
    y : ndarray of shape (n,), int64
    """
    n_classes = check_int("n_classes", n_classes, low=2)
    n = _check_n(n, n_classes)
    noise = check_positive("noise", noise, allow_zero=True)
    turns = check_positive("turns", turns)
    rng = check_rng(rng)
    y = _labels(_class_sizes(n, n_classes))
    s = rng.uniform(0.0, 1.0, size=n)
    angle = 2 * np.pi * (turns * s + y / n_classes)
    X = s[:, None] * np.column_stack([np.cos(angle), np.sin(angle)])
    X += noise * rng.standard_normal((n, 2))
    return _shuffled(X, y, rng)


# ---- Higham & Higham ----

_HIGHAM_X1 = [0.1, 0.3, 0.1, 0.6, 0.4, 0.6, 0.5, 0.9, 0.4, 0.7]
_HIGHAM_X2 = [0.1, 0.4, 0.5, 0.9, 0.2, 0.3, 0.6, 0.2, 0.4, 0.6]


def higham_points() -> tuple[np.ndarray, np.ndarray]:
    """The ten labelled points of Higham & Higham's small classification example.

    C. F. Higham and D. J. Higham, "Deep learning: an introduction for applied
    mathematicians", SIAM Review 61(4), 2019, use these points in the unit square
    to train a 2-2-3-2 network of sigmoid units by stochastic gradient descent
    (their Figure 2.1, and the MATLAB code ``netbp.m`` accompanying the paper).
    The first five points are category A, the last five category B.

    Returns
    -------
    X : ndarray of shape (10, 2), float64
        Row ``i`` is the point ``(x1[i], x2[i])``.
    y : ndarray of shape (10,), int64
        0 for category A, 1 for category B: ``[0, 0, 0, 0, 0, 1, 1, 1, 1, 1]``.

    See Also
    --------
    higham_targets : the same labels as the one-hot targets used in the paper.
    """
    X = np.column_stack([_HIGHAM_X1, _HIGHAM_X2]).astype(np.float64)
    y = np.repeat(np.array([0, 1], dtype=np.int64), 5)
    return X, y


def higham_targets() -> np.ndarray:
    """One-hot targets for :func:`higham_points`, as in the paper.

    Category A has target ``(1, 0)`` and category B has ``(0, 1)``; the network's
    two sigmoid outputs are trained towards these with the squared-error cost.

    Returns
    -------
    ndarray of shape (10, 2), float64
        Row ``i`` is the target for point ``i`` (examples as rows, like ``X``).
    """
    _, y = higham_points()
    return np.eye(2)[y]


# ---- splitting ----


def train_val_test_split(
    X: np.ndarray,
    y: np.ndarray,
    *,
    rng: np.random.Generator,
    fractions: Sequence[float] = (0.6, 0.2, 0.2),
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Shuffle the examples and cut them into training, validation and test sets.

    Parameters
    ----------
    X : array_like of shape (n, ...)
        Examples as rows (any number of trailing feature dimensions).
    y : array_like of shape (n,)
        Labels or targets, one per row of ``X``.
    rng : numpy.random.Generator
        Decides the shuffle.
    fractions : sequence of three floats, default (0.6, 0.2, 0.2)
        Shares of training, validation and test examples. Each is >= 0, they sum to
        1 and the training share is > 0. The validation and test sizes are rounded
        to the nearest integer; the training set gets the rest.

    Returns
    -------
    X_train, y_train, X_val, y_val, X_test, y_test : ndarray
        Disjoint parts of the shuffled data; together they hold every example once.
        Array dtypes are kept.
    """
    X = np.asarray(X)
    y = np.asarray(y)
    if X.ndim < 1:
        raise ValueError(
            f"X must have at least 1 dimension (examples as rows), got shape {X.shape}"
        )
    if y.ndim != 1:
        raise ValueError(f"y must have 1 dimension (one label per example), got shape {y.shape}")
    check_same_length("X", X, "y", y)
    rng = check_rng(rng)
    if isinstance(fractions, (str, bytes)) or not isinstance(fractions, Sequence | np.ndarray):
        raise TypeError(f"fractions must be a sequence of three numbers, got {fractions!r}")
    if len(fractions) != 3:
        raise ValueError(
            f"fractions must hold three numbers (train, validation, test), got {len(fractions)}"
        )
    f_train, f_val, f_test = (
        check_positive(f"fractions[{i}]", f, allow_zero=True) for i, f in enumerate(fractions)
    )
    if abs(f_train + f_val + f_test - 1.0) > 1e-8:
        raise ValueError(
            f"fractions must sum to 1, got {tuple(fractions)!r} "
            f"(sum {f_train + f_val + f_test:.6g})"
        )
    n = len(y)
    n_val = int(round(f_val * n))
    n_test = int(round(f_test * n))
    n_train = n - n_val - n_test
    if f_train == 0 or n_train < 1:
        raise ValueError(
            f"fractions {tuple(fractions)!r} leave no training examples out of n = {n}; "
            "use a larger training fraction or more data"
        )
    order = rng.permutation(n)
    tr, va, te = order[:n_train], order[n_train : n_train + n_val], order[n_train + n_val :]
    return X[tr], y[tr], X[va], y[va], X[te], y[te]
