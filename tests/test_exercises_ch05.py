"""Checkers of chapter 5: the reference passes; stubs, known mistakes and crashes fail clearly."""

import numpy as np
import pytest

from mlp.exercises import ch05
from mlp.gradcheck import numerical_gradient

# ----------------------------------------------------------------------------- the gradient


def linreg_cost(w, x, y):
    return np.mean(0.5 * (w[0] + w[1] * x - y) ** 2)


@pytest.mark.parametrize("case", ch05.check_linreg_gradient.cases, ids=lambda c: c.description)
def test_gradient_reference_matches_finite_differences(case):
    w, x, y = case.args
    fd = numerical_gradient(lambda v: linreg_cost(v, x, y), w)
    assert np.allclose(ch05.linreg_gradient_reference(w, x, y), fd, rtol=1e-7, atol=1e-8)


def test_gradient_reference_passes():
    result = ch05.check_linreg_gradient(ch05.linreg_gradient_reference)
    assert result and "all 4 cases pass" in str(result)


@pytest.mark.parametrize("wrap", [tuple, list, np.array], ids=["tuple", "list", "array"])
def test_gradient_accepts_tuples_lists_and_arrays(wrap):
    def linreg_gradient(w, x, y):
        r = w[0] + w[1] * x - y
        return wrap([r.sum() / len(x), (r * x).sum() / len(x)])

    assert ch05.check_linreg_gradient(linreg_gradient)


def test_gradient_stub_fails_with_stub_message():
    def linreg_gradient(w, x, y): ...

    result = ch05.check_linreg_gradient(linreg_gradient)
    assert not result and "still a stub" in result.message


def make_gradient(reduce=np.mean, factor=1.0, sign=1.0, x_for_w1=True, x_for_w0=False, swap=False):
    def linreg_gradient(w, x, y):
        r = sign * (w[0] + w[1] * x - y)
        g = factor * np.array([reduce(r * (x if x_for_w0 else 1)), reduce(r * (x if x_for_w1 else 1))])
        return g[::-1] if swap else g

    return linreg_gradient


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (make_gradient(factor=2.0), "cancels the 2"),
        (make_gradient(reduce=np.sum), "divide the sums by N"),
        (make_gradient(sign=-1.0), "sign of the residual"),
        (make_gradient(x_for_w1=False), "∂ŷₙ/∂w₁ = xₙ"),
        (make_gradient(x_for_w0=True), "∂ŷₙ/∂w₀ = 1"),
        (make_gradient(swap=True), "in the order"),
    ],
    ids=["factor-2", "sum", "sign", "no-x", "x-for-w0", "swapped"],
)
def test_gradient_known_mistakes_get_their_hint(wrong, hint):
    result = ch05.check_linreg_gradient(wrong)
    assert not result
    assert hint in result.message, result.message


def test_gradient_exception_is_reported():
    def linreg_gradient(w, x, y):
        return w[2]

    result = ch05.check_linreg_gradient(linreg_gradient)
    assert not result and "IndexError" in result.message


def test_gradient_unknown_wrong_answer_has_no_hint():
    result = ch05.check_linreg_gradient(lambda w, x, y: (3.0, 3.0))
    assert not result and "expected" in result.message and "hint" not in result.message


def test_gradient_wrong_shape_is_reported():
    result = ch05.check_linreg_gradient(lambda w, x, y: np.zeros(3))
    assert not result and "shape" in result.message


# ----------------------------------------------------------------------------- one SGD epoch


def test_epoch_reference_passes():
    result = ch05.check_sgd_epoch(ch05.sgd_epoch_reference)
    assert result and "all 5 cases pass" in str(result)


def test_epoch_reference_agrees_with_mlp_minibatches():
    from mlp.training import minibatches

    w, x, y, eta, B, rng = ch05.check_sgd_epoch.cases[2].args
    rng_a, rng_b = np.random.default_rng(2), np.random.default_rng(2)
    expected = ch05.sgd_epoch_reference(w, x, y, eta, B, rng_a)
    w_loop = np.array(w, dtype=float)
    for idx in minibatches(len(x), B, rng=rng_b):
        w_loop = w_loop - eta * ch05.linreg_gradient_reference(w_loop, x[idx], y[idx])
    assert np.allclose(expected, w_loop)


def test_epoch_in_place_update_passes():
    def sgd_epoch(w, x, y, eta, batch_size, rng):
        order = rng.permutation(len(x))
        for start in range(0, len(x), batch_size):
            idx = order[start : start + batch_size]
            r = w[0] + w[1] * x[idx] - y[idx]
            w -= eta * np.array([r.mean(), (r * x[idx]).mean()])
        return w

    assert ch05.check_sgd_epoch(sgd_epoch)


def test_epoch_stub_fails_with_stub_message():
    def sgd_epoch(w, x, y, eta, batch_size, rng): ...

    result = ch05.check_sgd_epoch(sgd_epoch)
    assert not result and "still a stub" in result.message


def make_epoch(sampling="permutation", last=True, reduce=np.mean, stale=False):
    def sgd_epoch(w, x, y, eta, batch_size, rng):
        n = len(x)
        w = np.array(w, dtype=float)
        w0 = w.copy()
        if sampling == "integers":
            batches = [rng.integers(0, n, size=batch_size) for _ in range(-(-n // batch_size))]
        elif sampling == "choice":
            batches = [rng.choice(n, size=batch_size) for _ in range(-(-n // batch_size))]
        else:
            order = np.arange(n) if sampling == "none" else rng.permutation(n)
            stop = n if last else n - batch_size + 1
            batches = [order[s : s + batch_size] for s in range(0, stop, batch_size)]
        for idx in batches:
            v = w0 if stale else w
            r = v[0] + v[1] * x[idx] - y[idx]
            w = w - eta * np.array([reduce(r), reduce(r * x[idx])])
        return w

    return sgd_epoch


def sgd_epoch_choice_without_replacement(w, x, y, eta, batch_size, rng):
    order = rng.choice(len(x), len(x), replace=False)  # correct sampling, other random numbers
    for start in range(0, len(x), batch_size):
        idx = order[start : start + batch_size]
        r = w[0] + w[1] * x[idx] - y[idx]
        w = w - eta * np.array([r.mean(), (r * x[idx]).mean()])
    return w


def sgd_epoch_divides_by_B(w, x, y, eta, batch_size, rng):
    order = rng.permutation(len(x))
    for start in range(0, len(x), batch_size):
        idx = order[start : start + batch_size]
        r = w[0] + w[1] * x[idx] - y[idx]
        w = w - eta * np.array([r.sum(), (r * x[idx]).sum()]) / batch_size  # wrong for a short batch
    return w


def sgd_epoch_floor_division(w, x, y, eta, batch_size, rng):
    order = rng.permutation(len(x))
    for b in range(len(x) // batch_size):  # drops the remainder
        idx = order[b * batch_size : (b + 1) * batch_size]
        r = w[0] + w[1] * x[idx] - y[idx]
        w = w - eta * np.array([r.mean(), (r * x[idx]).mean()])
    return w


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (make_epoch(sampling="integers"), "with replacement"),
        (make_epoch(sampling="choice"), "with replacement"),
        (make_epoch(last=False), "last, smaller batch"),
        (sgd_epoch_floor_division, "last, smaller batch"),
        (make_epoch(reduce=np.sum), "gradient of the mean cost over the batch"),
        (make_epoch(stale=True), "evaluated at the current w"),
        (make_epoch(sampling="none"), "shuffle first"),
        (sgd_epoch_choice_without_replacement, "replays the same random numbers"),
        (sgd_epoch_divides_by_B, "divide its sum by its length"),
    ],
    ids=["integers", "choice", "no-last-batch", "floor-division", "sum", "stale", "no-shuffle",
         "choice-without-replacement", "last-batch-divided-by-B"],
)
def test_epoch_known_mistakes_get_their_hint(wrong, hint):
    result = ch05.check_sgd_epoch(wrong)
    assert not result
    assert hint in result.message, result.message


def test_epoch_exception_is_reported():
    def sgd_epoch(w, x, y, eta, batch_size, rng):
        raise RuntimeError("not yet")

    result = ch05.check_sgd_epoch(sgd_epoch)
    assert not result and "RuntimeError" in result.message


def test_epoch_global_random_state_gets_generic_message():
    def sgd_epoch(w, x, y, eta, batch_size, rng):
        order = np.random.default_rng(12345).permutation(len(x))  # ignores the given rng
        for start in range(0, len(x), batch_size):
            idx = order[start : start + batch_size]
            r = w[0] + w[1] * x[idx] - y[idx]
            w = w - eta * np.array([r.mean(), (r * x[idx]).mean()])
        return w

    result = ch05.check_sgd_epoch(sgd_epoch)
    assert not result and "expected" in result.message
