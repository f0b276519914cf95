"""Tests for the historical units: McCulloch–Pitts, perceptron and Adaline."""

import numpy as np
import pytest

from mlp.classic import (
    Adaline,
    McCullochPitts,
    Perceptron,
    heaviside,
    lms_solution,
    mp_and,
    mp_not,
    mp_or,
    truth_table,
)

INPUTS2 = np.array([[0, 0], [0, 1], [1, 0], [1, 1]])
AND = np.array([0, 0, 0, 1])
OR = np.array([0, 1, 1, 1])
XOR = np.array([0, 1, 1, 0])


def separable_data(rng, n=200, margin=0.2):
    """Points on both sides of a random line, none closer to it than ``margin``."""
    normal = rng.normal(size=2)
    normal /= np.linalg.norm(normal)
    offset = rng.uniform(-0.5, 0.5)
    X = rng.uniform(-3, 3, size=(4 * n, 2))
    dist = X @ normal + offset
    keep = np.abs(dist) > margin
    X, dist = X[keep][:n], dist[keep][:n]
    return X, (dist > 0).astype(int)


# --------------------------------------------------------------------------- McCulloch–Pitts


def test_heaviside_convention_at_zero():
    np.testing.assert_array_equal(heaviside([-1e-12, 0.0, 2.0]), [0, 1, 1])


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_mp_and_or_truth_tables(n):
    X, out = truth_table(mp_and(n))
    np.testing.assert_array_equal(out, X.all(axis=1).astype(int))
    X, out = truth_table(mp_or(n))
    np.testing.assert_array_equal(out, X.any(axis=1).astype(int))


def test_mp_two_input_tables_in_counting_order():
    X, out = truth_table(mp_and(2))
    np.testing.assert_array_equal(X, INPUTS2)
    np.testing.assert_array_equal(out, AND)
    np.testing.assert_array_equal(truth_table(mp_or(2))[1], OR)


def test_mp_not():
    unit = mp_not()
    assert unit.n_excitatory == 0 and unit.n_inhibitory == 1 and unit.threshold == 0
    assert unit(x_inh=[0]) == 1
    assert unit(x_inh=[1]) == 0
    X, out = truth_table(unit)
    np.testing.assert_array_equal(X.ravel(), [0, 1])
    np.testing.assert_array_equal(out, [1, 0])


def test_mp_inhibition_is_absolute():
    unit = McCullochPitts(3, threshold=1, n_inhibitory=2)
    assert unit([1, 1, 1], [0, 0]) == 1
    # One active inhibitory input vetoes the unit, however many excitatory inputs fire.
    assert unit([1, 1, 1], [1, 0]) == 0
    assert unit([1, 1, 1], [0, 1]) == 0
    X, out = truth_table(unit)
    inhibited = X[:, 3:].any(axis=1)
    assert np.all(out[inhibited] == 0)
    np.testing.assert_array_equal(out[~inhibited], X[~inhibited, :3].sum(axis=1) >= 1)


def test_mp_batch_and_single_outputs():
    unit = McCullochPitts(2, threshold=1, n_inhibitory=1)
    assert isinstance(unit([1, 0], [0]), int)
    out = unit([[1, 1], [1, 0], [0, 0]], [[1], [0], [0]])
    assert isinstance(out, np.ndarray)
    np.testing.assert_array_equal(out, [0, 1, 0])
    # Booleans are binary too.
    assert mp_and(2)(np.array([True, True])) == 1


def test_mp_threshold_zero_without_inhibition_always_fires():
    _, out = truth_table(McCullochPitts(2, threshold=0))
    np.testing.assert_array_equal(out, [1, 1, 1, 1])


def test_mp_rejects_bad_input():
    unit = McCullochPitts(2, threshold=1, n_inhibitory=1)
    with pytest.raises(ValueError, match=r"x_exc must be binary.*0\.5"):
        unit([0.5, 1], [0])
    with pytest.raises(ValueError, match=r"x_inh must be binary.*2"):
        unit([1, 1], [2])
    with pytest.raises(ValueError, match=r"x_exc must have 2 entries.*shape \(3,\)"):
        unit([1, 1, 1], [0])
    with pytest.raises(ValueError, match="pass x_inh"):
        unit([1, 1])
    with pytest.raises(ValueError, match="same number of rows"):
        unit([[1, 1], [0, 1]], [[0]])
    with pytest.raises(ValueError, match="threshold must be an integer"):
        McCullochPitts(2, threshold=-1)
    with pytest.raises(TypeError, match="threshold must be an integer"):
        McCullochPitts(2, threshold=1.5)
    with pytest.raises(ValueError, match="at least one input"):
        McCullochPitts(0, threshold=0)


def test_truth_table_of_a_function():
    X, out = truth_table(lambda Z: Z[:, 0] ^ Z[:, 1], 2)
    np.testing.assert_array_equal(X, INPUTS2)
    np.testing.assert_array_equal(out, XOR)
    with pytest.raises(ValueError, match="n_inputs is required"):
        truth_table(lambda Z: Z[:, 0])
    with pytest.raises(ValueError, match="n_inputs must equal"):
        truth_table(mp_and(2), 3)


# --------------------------------------------------------------------------- perceptron


def test_perceptron_update_one_step_by_hand():
    p = Perceptron(3, lr=0.5)
    p.w[:] = [1.0, -2.0, 0.5]
    p.b = -1.0
    x = np.array([2.0, 1.0, 4.0])
    # z = 2 - 2 + 2 - 1 = 1 >= 0, so ŷ = 1; with y = 0 the error is -1.
    assert p.update(x, 0) is True
    np.testing.assert_allclose(p.w, [1.0 - 0.5 * 2, -2.0 - 0.5 * 1, 0.5 - 0.5 * 4])
    assert p.b == pytest.approx(-1.5)
    # z = 0 - 2.5 - 6 - 1.5 = -10 < 0: ŷ = 0 = y, no change.
    w_before, b_before = p.w.copy(), p.b
    assert p.update(x, 0) is False
    np.testing.assert_array_equal(p.w, w_before)
    assert p.b == b_before


def test_perceptron_step_at_zero_predicts_one():
    p = Perceptron(2)  # zero weights: z = 0 everywhere
    np.testing.assert_array_equal(p.predict(INPUTS2), [1, 1, 1, 1])
    np.testing.assert_array_equal(p.decision_function(INPUTS2), [0, 0, 0, 0])
    # y = 1 and ŷ = step(0) = 1: not a mistake.
    assert p.update([1.0, 1.0], 1) is False


@pytest.mark.parametrize("y", [AND, OR], ids=["AND", "OR"])
def test_perceptron_learns_and_or(y):
    p = Perceptron(2)
    history = p.fit(INPUTS2, y, epochs=20)
    assert history.converged
    assert history.epochs <= 10
    assert history.mistakes[-1] == 0
    assert len(history.weights) == len(history.biases) == history.epochs
    np.testing.assert_array_equal(p.predict(INPUTS2), y)
    np.testing.assert_array_equal(history.weights[-1], p.w)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_perceptron_separable_data_reaches_zero_mistakes(seed):
    rng = np.random.default_rng(seed)
    X, y = separable_data(rng)
    p = Perceptron(2, rng=rng)
    history = p.fit(X, y, epochs=200, rng=rng, shuffle=True)
    assert history.converged
    assert history.mistakes[-1] == 0
    np.testing.assert_array_equal(p.predict(X), y)


def test_perceptron_fit_is_reproducible_with_same_seed():
    X, y = separable_data(np.random.default_rng(5))
    h1 = Perceptron(2).fit(X, y, epochs=50, rng=np.random.default_rng(7), shuffle=True)
    h2 = Perceptron(2).fit(X, y, epochs=50, rng=np.random.default_rng(7), shuffle=True)
    assert h1.mistakes == h2.mistakes


def test_perceptron_never_solves_xor():
    p = Perceptron(2)
    history = p.fit(INPUTS2, XOR, epochs=100)
    assert not history.converged
    assert history.epochs == 100
    assert min(history.mistakes) > 0
    assert np.any(p.predict(INPUTS2) != XOR)


def test_perceptron_lr_does_not_change_predictions_from_zero_start():
    X, y = separable_data(np.random.default_rng(3))
    p1, p2 = Perceptron(2, lr=1.0), Perceptron(2, lr=0.01)
    h1, h2 = p1.fit(X, y, epochs=100), p2.fit(X, y, epochs=100)
    assert h1.mistakes == h2.mistakes
    np.testing.assert_allclose(p2.w, 0.01 * p1.w)


def test_perceptron_rejects_bad_input():
    p = Perceptron(2)
    with pytest.raises(ValueError, match=r"X must have n_features=2 columns.*\(4, 3\)"):
        p.fit(np.zeros((4, 3)), AND, epochs=1)
    with pytest.raises(ValueError, match=r"X must have 2 dimension\(s\).*\(4,\)"):
        p.predict(np.zeros(4))
    with pytest.raises(ValueError, match=r"labels 0 and 1.*\[-1, 2\]"):
        p.fit(INPUTS2, [0, -1, 2, 1], epochs=1)
    with pytest.raises(ValueError, match="same number of rows.*4 and 3"):
        p.fit(INPUTS2, [0, 1, 1], epochs=1)
    with pytest.raises(ValueError, match="lr must be a finite positive number"):
        Perceptron(2, lr=0.0)
    with pytest.raises(ValueError, match="lr must be a finite positive number"):
        Perceptron(2, lr=-1)
    with pytest.raises(ValueError, match="NaN or infinite"):
        p.predict([[np.nan, 0.0]])
    with pytest.raises(ValueError, match=r"x must be one example with n_features=2"):
        p.update([1.0, 2.0, 3.0], 1)
    with pytest.raises(ValueError, match="y must be the label 0 or 1, got -1"):
        p.update([1.0, 2.0], -1)
    with pytest.raises(TypeError, match="rng must be a numpy.random.Generator"):
        p.fit(INPUTS2, AND, epochs=1, shuffle=True)
    with pytest.raises(ValueError, match="epochs must be an integer"):
        p.fit(INPUTS2, AND, epochs=0)


# --------------------------------------------------------------------------- Adaline


def linear_problem(rng, n=100):
    X = rng.normal(size=(n, 3))
    w_true, b_true = np.array([1.5, -2.0, 0.5]), 0.3
    return X, X @ w_true + b_true, w_true, b_true


def test_lms_solution_recovers_noise_free_weights():
    X, y, w_true, b_true = linear_problem(np.random.default_rng(0))
    w, b = lms_solution(X, y)
    np.testing.assert_allclose(w, w_true, atol=1e-10)
    assert b == pytest.approx(b_true, abs=1e-10)


def test_adaline_update_uses_linear_output():
    a = Adaline(2, lr=0.1)
    a.w[:] = [2.0, 0.0]
    # z = 2 * 3 = 6 (thresholded output would be 1 = y, i.e. no perceptron update).
    error = a.update([3.0, 1.0], 1.0)
    assert error == pytest.approx(1.0 - 6.0)
    np.testing.assert_allclose(a.w, [2.0 + 0.1 * (-5.0) * 3.0, 0.1 * (-5.0) * 1.0])
    assert a.b == pytest.approx(0.1 * (-5.0))


def test_adaline_small_lr_approaches_least_squares():
    rng = np.random.default_rng(1)
    X, y, _, _ = linear_problem(rng)
    w_star, b_star = lms_solution(X, y)
    a = Adaline(3, lr=0.01)
    history = a.fit(X, y, epochs=200, rng=rng, shuffle=True)
    assert not history.diverged
    np.testing.assert_allclose(a.w, w_star, atol=1e-3)
    assert a.b == pytest.approx(b_star, abs=1e-3)
    assert history.mse[-1] < 1e-6
    assert history.mse[-1] < history.mse[0]
    assert a.mse(X, y) == pytest.approx(history.mse[-1])


def test_adaline_noisy_targets_with_decaying_step():
    rng = np.random.default_rng(2)
    X, y, _, _ = linear_problem(rng, n=400)
    y = y + 0.3 * rng.normal(size=len(y))
    w_star, b_star = lms_solution(X, y)
    a = Adaline(3, lr=0.02)
    history = a.fit(X, y, epochs=100, rng=rng, shuffle=True, decay=0.5)
    assert history.lrs[0] == pytest.approx(0.02)
    assert history.lrs[-1] == pytest.approx(0.02 / (1 + 0.5 * 99))
    np.testing.assert_allclose(a.w, w_star, atol=0.01)
    assert a.b == pytest.approx(b_star, abs=0.01)


def test_adaline_large_lr_diverges():
    rng = np.random.default_rng(3)
    X, y, _, _ = linear_problem(rng)
    a = Adaline(3, lr=1.0)
    history = a.fit(X, y, epochs=5)
    norms = [np.linalg.norm(w) for w in history.weights]
    assert all(n2 > n1 for n1, n2 in zip(norms, norms[1:], strict=False))
    assert norms[-1] > 1e6
    # Run long enough and the weights overflow: reported, not raised.
    history = Adaline(3, lr=1.0).fit(X, y, epochs=1000)
    assert history.diverged
    assert history.epochs < 1000


def test_adaline_predict_thresholds_at_zero():
    a = Adaline(1, lr=0.1)
    a.w[:] = [1.0]
    np.testing.assert_array_equal(a.predict([[-2.0], [0.0], [3.0]]), [-1, 1, 1])


def test_adaline_rejects_bad_input():
    a = Adaline(3, lr=0.1)
    with pytest.raises(TypeError, match="lr"):
        Adaline(3)  # lr is required
    with pytest.raises(ValueError, match="lr must be a finite positive number, got 0"):
        Adaline(3, lr=0)
    with pytest.raises(ValueError, match=r"X must have n_features=3 columns.*\(5, 2\)"):
        a.fit(np.zeros((5, 2)), np.zeros(5), epochs=1)
    with pytest.raises(ValueError, match="same number of rows.*5 and 4"):
        a.fit(np.zeros((5, 3)), np.zeros(4), epochs=1)
    with pytest.raises(ValueError, match="y contains 1 NaN"):
        a.fit(np.zeros((2, 3)), [0.0, np.inf], epochs=1)
    with pytest.raises(ValueError, match="decay must be a finite non-negative number"):
        a.fit(np.zeros((2, 3)), np.zeros(2), epochs=1, decay=-1)
    with pytest.raises(ValueError, match="same number of rows"):
        lms_solution(np.zeros((5, 3)), np.zeros(4))
