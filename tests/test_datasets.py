"""Tests for mlp.datasets: shapes, labels, determinism and argument checks."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlp import datasets
from mlp.datasets import (
    blobs,
    circles,
    higham_points,
    higham_targets,
    moons,
    spirals,
    train_val_test_split,
    xor,
    xor_noisy,
)

# name -> (function, extra keyword arguments, number of classes)
GENERATORS = {
    "xor_noisy": (xor_noisy, {}, 2),
    "blobs": (blobs, {}, 2),
    "blobs3": (blobs, {"centers": 3}, 3),
    "circles": (circles, {}, 2),
    "moons": (moons, {}, 2),
    "spirals": (spirals, {}, 2),
    "spirals4": (spirals, {"n_classes": 4}, 4),
}


def rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


@pytest.mark.parametrize("name", GENERATORS)
def test_shapes_dtypes_and_labels(name):
    f, kwargs, k = GENERATORS[name]
    X, y = f(101, rng=rng(), **kwargs)
    assert X.shape == (101, 2) and X.dtype == np.float64
    assert y.shape == (101,) and y.dtype == np.int64
    assert set(np.unique(y)) == set(range(k))
    assert np.all(np.isfinite(X))


@pytest.mark.parametrize("name", [g for g in GENERATORS if g != "xor_noisy"])
def test_classes_are_balanced_and_shuffled(name):
    f, kwargs, k = GENERATORS[name]
    X, y = f(103, rng=rng(), **kwargs)
    counts = np.bincount(y, minlength=k)
    assert counts.max() - counts.min() <= 1
    assert not np.all(np.diff(y) >= 0), "rows should be shuffled, not sorted by class"


@pytest.mark.parametrize("name", GENERATORS)
def test_same_seed_same_data_different_seed_different_data(name):
    f, kwargs, _ = GENERATORS[name]
    X1, y1 = f(50, rng=rng(7), **kwargs)
    X2, y2 = f(50, rng=rng(7), **kwargs)
    X3, _ = f(50, rng=rng(8), **kwargs)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(X1, X3)


def test_xor_truth_table():
    X, y = xor()
    assert X.shape == (4, 2) and X.dtype == np.float64 and y.dtype == np.int64
    for (x1, x2), label in zip(X, y, strict=True):
        assert label == (int(x1) ^ int(x2))
    assert sorted(map(tuple, X.tolist())) == [(0, 0), (0, 1), (1, 0), (1, 1)]


def test_xor_noisy_without_noise_sits_on_the_corners():
    X, y = xor_noisy(40, rng=rng(), noise=0.0)
    assert set(np.unique(X)) <= {0.0, 1.0}
    np.testing.assert_array_equal(y, X[:, 0].astype(int) ^ X[:, 1].astype(int))


def test_blobs_with_given_centres_and_zero_std():
    centres = np.array([[0.0, 0.0], [5.0, 5.0], [-3.0, 2.0]])
    X, y = blobs(30, rng=rng(), centers=centres, std=0.0)
    np.testing.assert_array_equal(X, centres[y])
    assert np.bincount(y).tolist() == [10, 10, 10]


def test_blobs_points_cluster_around_their_centre():
    centres = np.array([[-4.0, 0.0], [4.0, 0.0]])
    X, y = blobs(2000, rng=rng(), centers=centres, std=0.5)
    for k in range(2):
        np.testing.assert_allclose(X[y == k].mean(axis=0), centres[k], atol=0.1)
        np.testing.assert_allclose(X[y == k].std(axis=0), 0.5, rtol=0.1)


def test_circles_radii_without_noise():
    X, y = circles(200, rng=rng(), noise=0.0, factor=0.3)
    r = np.hypot(X[:, 0], X[:, 1])
    np.testing.assert_allclose(r[y == 0], 1.0)
    np.testing.assert_allclose(r[y == 1], 0.3)


def test_moons_without_noise_lie_on_their_half_circles():
    X, y = moons(200, rng=rng(), noise=0.0)
    upper, lower = X[y == 0], X[y == 1]
    np.testing.assert_allclose(np.hypot(*upper.T), 1.0)
    assert np.all(upper[:, 1] >= 0)
    np.testing.assert_allclose(np.hypot(lower[:, 0] - 1.0, lower[:, 1] - 0.5), 1.0)
    assert np.all(lower[:, 1] <= 0.5)


def test_spirals_stay_in_the_unit_disc_without_noise():
    X, _ = spirals(300, rng=rng(), n_classes=3, noise=0.0, turns=2.0)
    assert np.all(np.hypot(X[:, 0], X[:, 1]) <= 1.0 + 1e-12)


def test_higham_points():
    X, y = higham_points()
    assert X.shape == (10, 2) and X.dtype == np.float64
    assert y.tolist() == [0] * 5 + [1] * 5
    np.testing.assert_array_equal(X[:, 0], [0.1, 0.3, 0.1, 0.6, 0.4, 0.6, 0.5, 0.9, 0.4, 0.7])
    np.testing.assert_array_equal(X[:, 1], [0.1, 0.4, 0.5, 0.9, 0.2, 0.3, 0.6, 0.2, 0.4, 0.6])
    assert np.all((X > 0) & (X < 1))
    T = higham_targets()
    assert T.shape == (10, 2)
    np.testing.assert_array_equal(T[:5], [[1.0, 0.0]] * 5)
    np.testing.assert_array_equal(T[5:], [[0.0, 1.0]] * 5)
    np.testing.assert_array_equal(T.argmax(axis=1), y)


def test_higham_points_returns_fresh_arrays():
    X, y = higham_points()
    X[0, 0] = 99.0
    y[0] = 1
    X2, y2 = higham_points()
    assert X2[0, 0] == 0.1 and y2[0] == 0


# ---- train_val_test_split ----


def test_split_sizes_and_disjointness():
    X, y = blobs(100, rng=rng(), centers=3)
    X_tr, y_tr, X_va, y_va, X_te, y_te = train_val_test_split(X, y, rng=rng(1))
    assert (len(X_tr), len(X_va), len(X_te)) == (60, 20, 20)
    assert (len(y_tr), len(y_va), len(y_te)) == (60, 20, 20)
    rows = [tuple(r) for r in np.concatenate([X_tr, X_va, X_te]).tolist()]
    assert len(set(rows)) == 100
    assert set(rows) == {tuple(r) for r in X.tolist()}
    # each row keeps its own label
    lookup = {tuple(r): lab for r, lab in zip(X.tolist(), y.tolist(), strict=True)}
    for Xp, yp in [(X_tr, y_tr), (X_va, y_va), (X_te, y_te)]:
        assert [lookup[tuple(r)] for r in Xp.tolist()] == yp.tolist()


def test_split_keeps_dtypes_and_trailing_dimensions():
    X = np.arange(20 * 3 * 3, dtype=np.uint8).reshape(20, 3, 3)
    y = np.arange(20, dtype=np.uint8)
    X_tr, y_tr, X_va, _, X_te, _ = train_val_test_split(
        X, y, rng=rng(), fractions=(0.5, 0.25, 0.25)
    )
    assert X_tr.shape == (10, 3, 3) and X_va.shape == (5, 3, 3) and X_te.shape == (5, 3, 3)
    assert X_tr.dtype == np.uint8 and y_tr.dtype == np.uint8
    np.testing.assert_array_equal(X_tr[:, 0, 0], X[y_tr][:, 0, 0])


def test_split_is_deterministic_given_the_seed():
    X, y = moons(50, rng=rng())
    a = train_val_test_split(X, y, rng=rng(3))
    b = train_val_test_split(X, y, rng=rng(3))
    c = train_val_test_split(X, y, rng=rng(4))
    for u, v in zip(a, b, strict=True):
        np.testing.assert_array_equal(u, v)
    assert not np.array_equal(a[0], c[0])


def test_split_with_empty_validation_set():
    X, y = moons(10, rng=rng())
    X_tr, _, X_va, y_va, X_te, _ = train_val_test_split(X, y, rng=rng(), fractions=(0.8, 0.0, 0.2))
    assert (len(X_tr), len(X_va), len(X_te)) == (8, 0, 2)
    assert X_va.shape == (0, 2) and y_va.shape == (0,)


@settings(max_examples=50, deadline=None)
@given(
    n=st.integers(1, 300),
    f=st.tuples(st.floats(0.05, 1.0), st.floats(0.0, 1.0), st.floats(0.0, 1.0)),
    seed=st.integers(0, 2**32 - 1),
)
def test_split_property_partition(n, f, seed):
    total = sum(f)
    fractions = (f[0] / total, f[1] / total, 1.0 - f[0] / total - f[1] / total)
    fractions = (fractions[0], fractions[1], max(fractions[2], 0.0))
    X = np.arange(n, dtype=np.float64)[:, None] * np.ones((1, 2))
    y = np.arange(n)
    try:
        parts = train_val_test_split(X, y, rng=rng(seed), fractions=fractions)
    except ValueError as exc:  # tiny n with a small training share
        assert "no training examples" in str(exc)
        return
    ids = np.concatenate([parts[1], parts[3], parts[5]])
    assert np.array_equal(np.sort(ids), y)  # every example exactly once
    assert len(parts[1]) >= 1
    assert abs(len(parts[3]) - fractions[1] * n) <= 0.5 + 1e-9
    assert abs(len(parts[5]) - fractions[2] * n) <= 0.5 + 1e-9


# ---- property tests for the generators ----


@settings(max_examples=30, deadline=None)
@given(
    name=st.sampled_from(sorted(GENERATORS)),
    n=st.integers(4, 200),
    seed=st.integers(0, 2**32 - 1),
)
def test_generators_property(name, n, seed):
    f, kwargs, k = GENERATORS[name]
    X, y = f(n, rng=rng(seed), **kwargs)
    assert X.shape == (n, 2) and y.shape == (n,)
    assert y.min() >= 0 and y.max() < k
    assert np.all(np.isfinite(X))
    if name != "xor_noisy":
        counts = np.bincount(y, minlength=k)
        assert counts.max() - counts.min() <= 1


@settings(max_examples=30, deadline=None)
@given(n_classes=st.integers(2, 6), per_class=st.integers(1, 20), seed=st.integers(0, 1000))
def test_spirals_every_class_present(n_classes, per_class, seed):
    n = n_classes * per_class
    _, y = spirals(n, rng=rng(seed), n_classes=n_classes)
    assert np.bincount(y).tolist() == [per_class] * n_classes


# ---- bad input ----


@pytest.mark.parametrize("name", GENERATORS)
@pytest.mark.parametrize(
    ("n", "exc", "match"),
    [
        (0, ValueError, r"n must be an integer in \[\d+, inf\], got 0"),
        (-5, ValueError, r"n must be an integer in \[\d+, inf\], got -5"),
        (2.5, TypeError, r"n must be an integer, got float"),
        ("10", TypeError, r"n must be an integer, got str"),
        (True, TypeError, r"n must be an integer, got bool"),
    ],
)
def test_bad_n(name, n, exc, match):
    f, kwargs, _ = GENERATORS[name]
    with pytest.raises(exc, match=match):
        f(n, rng=rng(), **kwargs)


def test_n_smaller_than_number_of_classes():
    with pytest.raises(ValueError, match=r"n must be an integer in \[3, inf\], got 2"):
        blobs(2, rng=rng(), centers=3)
    with pytest.raises(ValueError, match=r"n must be an integer in \[4, inf\], got 3"):
        spirals(3, rng=rng(), n_classes=4)


@pytest.mark.parametrize("name", ["xor_noisy", "circles", "moons", "spirals"])
def test_negative_noise(name):
    f, kwargs, _ = GENERATORS[name]
    with pytest.raises(ValueError, match=r"noise must be a finite non-negative number, got -0\.1"):
        f(10, rng=rng(), noise=-0.1, **kwargs)
    with pytest.raises(ValueError, match="noise"):
        f(10, rng=rng(), noise=float("nan"), **kwargs)


@pytest.mark.parametrize("name", GENERATORS)
def test_rng_must_be_a_generator(name):
    f, kwargs, _ = GENERATORS[name]
    with pytest.raises(TypeError, match=r"rng must be a numpy\.random\.Generator.*got int"):
        f(10, rng=0, **kwargs)
    with pytest.raises(TypeError, match=r"rng must be a numpy\.random\.Generator.*got RandomState"):
        f(10, rng=np.random.RandomState(0), **kwargs)
    with pytest.raises(TypeError, match="rng"):
        f(10, **kwargs)  # missing


def test_other_bad_arguments():
    with pytest.raises(ValueError, match=r"factor must lie strictly between 0 and 1, got 1\.5"):
        circles(10, rng=rng(), factor=1.5)
    with pytest.raises(ValueError, match="factor must be a finite positive number"):
        circles(10, rng=rng(), factor=0)
    with pytest.raises(ValueError, match=r"std must be a finite non-negative number, got -1"):
        blobs(10, rng=rng(), std=-1)
    with pytest.raises(ValueError, match=r"centers must be an integer in \[1, inf\], got 0"):
        blobs(10, rng=rng(), centers=0)
    with pytest.raises(ValueError, match=r"centers must be an int or an array of shape \(K, 2\)"):
        blobs(10, rng=rng(), centers=[[0.0, 0.0, 0.0]])
    with pytest.raises(ValueError, match=r"centers must have 2 dimension\(s\), got shape \(2,\)"):
        blobs(10, rng=rng(), centers=[1.0, 2.0])
    with pytest.raises(ValueError, match=r"n_classes must be an integer in \[2, inf\], got 1"):
        spirals(10, rng=rng(), n_classes=1)
    with pytest.raises(ValueError, match="turns must be a finite positive number, got 0"):
        spirals(10, rng=rng(), turns=0)


def test_split_bad_arguments():
    X, y = moons(20, rng=rng())
    with pytest.raises(
        ValueError, match=r"X and y must have the same number of rows.*got 20 and 19"
    ):
        train_val_test_split(X, y[:-1], rng=rng())
    with pytest.raises(ValueError, match=r"y must have 1 dimension.*got shape \(20, 1\)"):
        train_val_test_split(X, y[:, None], rng=rng())
    with pytest.raises(ValueError, match=r"fractions must sum to 1.*sum 1\.1"):
        train_val_test_split(X, y, rng=rng(), fractions=(0.7, 0.2, 0.2))
    with pytest.raises(ValueError, match=r"fractions must hold three numbers.*got 2"):
        train_val_test_split(X, y, rng=rng(), fractions=(0.8, 0.2))
    with pytest.raises(ValueError, match=r"fractions\[1\] must be a finite non-negative number"):
        train_val_test_split(X, y, rng=rng(), fractions=(1.2, -0.2, 0.0))
    with pytest.raises(TypeError, match="fractions must be a sequence of three numbers"):
        train_val_test_split(X, y, rng=rng(), fractions=0.6)
    with pytest.raises(ValueError, match="leave no training examples out of n = 20"):
        train_val_test_split(X, y, rng=rng(), fractions=(0.0, 0.5, 0.5))
    with pytest.raises(TypeError, match="rng must be a numpy.random.Generator"):
        train_val_test_split(X, y, rng=None)


def test_public_names():
    for name in datasets.__all__:
        assert callable(getattr(datasets, name))
        assert getattr(datasets, name).__doc__
