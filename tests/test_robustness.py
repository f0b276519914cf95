"""`mlp` under unusual and wrong input: exact gradients, stable costs, clear outcomes, clear errors.

Grouped by the kind of defect each test guards against:

1. softmax + cross-entropy with target rows that are not probability vectors;
2. the decision rule of a single output unit that is not a sigmoid;
3. non-canonical output/loss pairs at large logits, and pairs that make no sense;
4. diverging runs (NaN costs) with and without early stopping;
5. early stopping returns the best parameters however the run ends;
6. bad arguments: each error names the argument, what was expected and what arrived.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from mlp import GradientDescent, Network, train
from mlp.gradcheck import check_gradients, numerical_gradient
from mlp.losses import one_hot
from mlp.optim import Adam, Momentum


def blobs(n=40, seed=0, labels=(0, 1)):
    """Two linearly separable clouds in the plane, labelled ``labels``."""
    rng = np.random.default_rng(seed)
    X = np.vstack([rng.normal(-2.0, 0.5, size=(n // 2, 2)), rng.normal(2.0, 0.5, size=(n // 2, 2))])
    y = np.array([labels[0]] * (n // 2) + [labels[1]] * (n // 2))
    return X, y


def linear_net(output, loss="squared_error", w=(1.0, 0.0), b=0.0):
    """A 2-1 network ŷ = φ_out(w·x + b) with given weights."""
    return Network.from_weights([np.array([w])], [np.array([b])], output=output, loss=loss, hidden=[])


# ---------------------------------------------------------------- 1. softmax + CE


@pytest.mark.parametrize(
    "rows",
    [
        [[1.0, 1.0, 0.0], [0.0, 1.0, 0.0]],  # multi-hot
        [[0.0, 0.0, 0.0], [0.0, 1.0, 0.0]],  # all zero
        [[0.5, 0.0, 0.0], [0.0, 1.0, 0.0]],  # sums to 1/2
    ],
)
def test_softmax_cross_entropy_refuses_targets_that_are_not_distributions(rows):
    rng = np.random.default_rng(0)
    net = Network([2, 4, 3], "tanh", "softmax", "cross_entropy", rng=rng)
    X, Y = rng.normal(size=(2, 2)), np.array(rows)
    for call in (net.loss, net.gradients):
        with pytest.raises(ValueError, match=r"probability vector.*row 0 sums to"):
            call(X, Y)
    with pytest.raises(ValueError, match="probability vector"):
        train(net, X, Y, optimiser=GradientDescent(0.1), epochs=1, batch_size=2, rng=rng)


def test_soft_targets_that_sum_to_one_have_exact_gradients():
    rng = np.random.default_rng(1)
    net = Network([3, 5, 4], "tanh", "softmax", "cross_entropy", rng=rng)
    X = rng.normal(size=(6, 3))
    Y = rng.dirichlet(np.ones(4), size=6)  # label smoothing / soft labels
    assert check_gradients(net, X, Y).passed(1e-7)


def test_multi_label_targets_work_with_sigmoid_and_binary_cross_entropy():
    rng = np.random.default_rng(2)
    net = Network([3, 5, 3], "tanh", "sigmoid", "binary_cross_entropy", rng=rng)
    X, Y = rng.normal(size=(5, 3)), np.array([[1, 1, 0], [0, 0, 0], [1, 0, 1], [0, 1, 1], [1, 1, 1]])
    assert check_gradients(net, X, Y).passed(1e-7)


# ------------------------------------------------- 2. decision rule, one output


def test_tanh_output_predicts_plus_minus_one_by_the_sign():
    X, y = blobs(labels=(-1, 1))
    net = linear_net("tanh")
    np.testing.assert_array_equal(net.predict(X), y)
    assert net.accuracy(X, y) == 1.0
    assert net.accuracy(X, y.reshape(-1, 1)) == 1.0


def test_identity_output_with_zero_one_labels_cuts_at_one_half():
    # ŷ = x₁: a regression onto 0/1 targets, classified at the midpoint 0.5
    X = np.array([[0.1, 0.0], [0.3, 0.0], [0.7, 0.0], [0.9, 0.0]])
    y = np.array([0, 0, 1, 1])
    net = linear_net("identity")
    assert net.accuracy(X, y) == 1.0
    assert net.accuracy(X, 2 * y - 1) == 0.5  # the same outputs against ±1 labels: cut at 0


def test_history_accuracy_follows_the_same_rule_for_an_adaline():
    X, y = blobs(labels=(-1, 1))
    rng = np.random.default_rng(3)
    net = Network([2, 1], [], "identity", "squared_error", rng=rng)
    history = train(net, X, y, optimiser=GradientDescent(0.05), epochs=20, batch_size=8, rng=rng)
    assert history.accuracy[-1] == net.accuracy(X, y) > 0.95


def test_sigmoid_output_refuses_plus_minus_one_labels():
    X, y = blobs(labels=(-1, 1))
    net = linear_net("sigmoid", "binary_cross_entropy")
    with pytest.raises(ValueError, match=r"labels 0/1 for a single sigmoid output, got value\(s\) \[-1"):
        net.accuracy(X, y)


def test_regression_targets_have_no_accuracy():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(20, 2))
    y = X @ np.array([0.3, -0.7])
    net = Network([2, 1], [], "identity", "squared_error", rng=rng)
    history = train(net, X, y, optimiser=GradientDescent(0.1), epochs=2, batch_size=5, rng=rng)
    assert np.isnan(history.accuracy).all()
    with pytest.raises(ValueError, match=r"labels 0/1 or -1/\+1"):
        net.accuracy(X, y)


# --------------------------------------------------- 3. output/loss pairings


@pytest.mark.parametrize(
    ("output", "loss", "dtype", "z"),
    [
        ("sigmoid", "cross_entropy", np.float64, 1000.0),
        ("sigmoid", "cross_entropy", np.float32, 120.0),
        ("softmax", "binary_cross_entropy", np.float64, 1000.0),
        ("softmax", "binary_cross_entropy", np.float32, 120.0),
    ],
)
def test_non_canonical_probability_pairs_are_stable_at_large_logits(output, loss, dtype, z):
    # logits ±z, with targets on both the right and the wrong side
    W = np.array([[z, 0.0], [-z, 0.0], [0.0, z]])
    net = Network.from_weights([W], [np.zeros(3)], hidden=[], output=output, loss=loss, dtype=dtype)
    X = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]], dtype=dtype)
    Y = np.eye(3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cost, grads = net.gradients(X, Y)
    assert np.isfinite(cost) and cost > z / 4  # the confidently wrong row costs about z
    assert all(np.isfinite(g).all() for g in (*grads.weights, *grads.biases))


@pytest.mark.parametrize(
    ("output", "loss"), [("sigmoid", "cross_entropy"), ("softmax", "binary_cross_entropy")]
)
def test_non_canonical_probability_pairs_have_exact_gradients(output, loss):
    rng = np.random.default_rng(5)
    net = Network([3, 4, 3], "tanh", output, loss, rng=rng)
    net.weights[-1] *= 8  # logits of size ~10, where the naive formulas lose digits
    X = rng.normal(size=(6, 3))
    Y = (rng.random((6, 3)) < 0.5).astype(float)
    if loss == "cross_entropy":
        Y = one_hot(rng.integers(0, 3, 6), 3)
    assert check_gradients(net, X, Y).passed(1e-7)


@pytest.mark.parametrize("output", ["identity", "tanh", "relu", "step"])
@pytest.mark.parametrize("loss", ["cross_entropy", "binary_cross_entropy"])
def test_cross_entropy_needs_a_probability_output(output, loss):
    with pytest.raises(
        ValueError, match=rf"output must be one of \['sigmoid', 'softmax'\], got output='{output}'"
    ):
        Network([2, 3, 2], "tanh", output, loss, rng=np.random.default_rng(0))


# ---------------------------------------------------- 4. diverging runs


def diverging_problem(n=200):
    rng = np.random.default_rng(6)
    X = rng.normal(0, 10, size=(n, 2))
    y = X @ np.array([1.0, -1.0])
    return X, y


@pytest.mark.parametrize("patience", [None, 2])
def test_a_diverging_run_stops_and_says_why(patience):
    X, y = diverging_problem()
    rng = np.random.default_rng(7)
    net = Network([2, 1], [], "identity", "squared_error", rng=rng)
    history = train(
        net,
        X,
        y,
        optimiser=GradientDescent(10.0),
        epochs=50,
        batch_size=1,
        rng=rng,
        validation=(X, y),
        patience=patience,
    )
    assert history.diverged and not history.stopped_early
    assert history.epochs == 1 and len(history.val_loss) == 1
    assert "diverged in epoch 0" in history.stop_reason and "η = 10" in history.stop_reason
    assert history.best_epoch is None


def test_a_run_diverging_later_keeps_the_best_parameters():
    # a decaying step size that then grows again: a few good epochs, then divergence
    X, y = diverging_problem()
    rng = np.random.default_rng(8)
    net = Network([2, 1], [], "identity", "squared_error", rng=rng)
    schedule = lambda k: 1e-3 if k < 3 * len(X) else 10.0  # noqa: E731
    history = train(
        net,
        X,
        y,
        optimiser=GradientDescent(schedule),
        epochs=20,
        batch_size=1,
        rng=rng,
        validation=(X, y),
        patience=5,
    )
    assert history.diverged and history.epochs == 4 and "epoch 3" in history.stop_reason
    assert history.best_epoch == 2
    assert np.isfinite(net.get_params()).all()
    assert net.loss(X, y) == pytest.approx(history.val_loss[2])


# ------------------------------------------- 5. early stopping: best parameters


def test_patience_restores_the_best_epoch_when_the_epoch_budget_ends_first():
    # Validate on the training inputs with flipped labels: the validation cost is lowest
    # early and then rises, but patience=10 never stops a 6-epoch run.
    X, y = blobs(n=20)
    rng = np.random.default_rng(9)
    net = Network([2, 3, 1], "tanh", "sigmoid", "binary_cross_entropy", rng=rng)
    history = train(
        net,
        X,
        y,
        optimiser=GradientDescent(0.5),
        epochs=6,
        batch_size=5,
        rng=rng,
        validation=(X, 1 - y),
        patience=10,
    )
    assert not history.stopped_early and history.epochs == 6
    best = int(np.argmin(history.val_loss))
    assert history.best_epoch == best < 5
    assert net.loss(X, 1 - y) == pytest.approx(history.val_loss[best], rel=1e-12)


def test_patience_restores_the_best_epoch_when_the_callback_stops():
    X, y = blobs(n=20)
    rng = np.random.default_rng(9)
    net = Network([2, 3, 1], "tanh", "sigmoid", "binary_cross_entropy", rng=rng)
    history = train(
        net,
        X,
        y,
        optimiser=GradientDescent(0.5),
        epochs=50,
        batch_size=5,
        rng=rng,
        validation=(X, 1 - y),
        patience=10,
        callback=lambda epoch, net, h: epoch == 3,
    )
    assert history.epochs == 4
    assert net.loss(X, 1 - y) == pytest.approx(min(history.val_loss), rel=1e-12)


# ---------------------------------------------------------- 6. bad arguments


@pytest.fixture
def net3():
    return Network([2, 4, 3], "tanh", "softmax", "cross_entropy", rng=np.random.default_rng(0))


def test_empty_data(net3):
    X, y = np.empty((0, 2)), np.empty(0, dtype=int)
    for call in (net3.loss, net3.accuracy, net3.gradients):
        with pytest.raises(
            ValueError, match=r"X must have at least 1 row\(s\) \(examples\), got shape \(0, 2\)"
        ):
            call(X, y)
    with pytest.raises(ValueError, match=r"X must have at least 1 row"):
        train(
            net3, X, y, optimiser=GradientDescent(0.1), epochs=1, batch_size=1, rng=np.random.default_rng(0)
        )
    Xv = np.ones((3, 2))
    with pytest.raises(ValueError, match=r"validation\[0\]: X must have at least 1 row"):
        train(
            net3,
            Xv,
            [0, 1, 2],
            optimiser=GradientDescent(0.1),
            epochs=1,
            batch_size=1,
            rng=np.random.default_rng(0),
            validation=(X, y),
        )


def test_accuracy_labels_out_of_range_or_wrong_width(net3):
    X = np.ones((3, 2))
    with pytest.raises(
        ValueError, match=r"y must hold class labels 0\.\.2 \(K = 3 outputs\), got value\(s\) \[5"
    ):
        net3.accuracy(X, [0, 1, 5])
    with pytest.raises(ValueError, match=r"y must hold class labels 0\.\.2.*\[-1"):
        net3.accuracy(X, [0, -1, 2])
    with pytest.raises(ValueError, match=r"y has 4 columns but the network has d_L = 3 output\(s\)"):
        net3.accuracy(X, np.eye(4)[:3])
    with pytest.raises(ValueError, match=r"same number of rows \(examples\), got 3 and 2"):
        net3.accuracy(X, [0, 1])


def test_backward_refuses_targets_that_would_broadcast(net3):
    X = np.ones((4, 2))
    cache = net3.forward(X)
    for Y in (np.ones((1, 3)) / 3, np.zeros(4), one_hot([0, 1, 2, 0], 3)[:, :1]):
        with pytest.raises(ValueError, match=r"Y must be a target array of shape \(4, 3\)"):
            net3.backward(cache, Y)
    other = Network([2, 3], [], "softmax", "cross_entropy", rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="cache must hold the 2 layer"):
        net3.backward(other.forward(X), one_hot([0, 1, 2, 0], 3))


def test_apply_steps_refuses_steps_that_would_broadcast():
    p = np.zeros(3)
    with pytest.raises(ValueError, match=r"params\[0\] has shape \(3,\) but steps\[0\] has \(1,\)"):
        GradientDescent(0.1).apply_steps([p], [np.ones(1)])
    np.testing.assert_array_equal(p, 0)


def test_hidden_none():
    with pytest.raises(TypeError, match=r"hidden must be an activation name.*got NoneType None"):
        Network([2, 3, 1], hidden=None, output="sigmoid", loss="bce", rng=np.random.default_rng(0))


@pytest.mark.parametrize("name", ["beta"])
def test_momentum_coefficient_none(name):
    with pytest.raises(TypeError, match=r"beta must be a real number in \[0, 1\), got NoneType None"):
        Momentum(0.1, beta=None)
    with pytest.raises(TypeError, match=r"beta1 must be a real number"):
        Adam(0.1, beta1="0.9")


def test_one_hot_float_class_count():
    with pytest.raises(TypeError, match=r"n_classes must be an integer, got float 3\.0"):
        one_hot([0, 1], 3.0)


def test_numerical_gradient_of_a_vector_valued_function():
    with pytest.raises(ValueError, match=r"f\(x\) must return a single number.*shape \(3,\)"):
        numerical_gradient(lambda x: x**2, np.ones(3))


@pytest.mark.parametrize("validation", ["pair", (np.ones((2, 2)),), np.ones((2, 2)), None])
def test_validation_not_a_pair(validation):
    X, y = blobs(n=4)
    net = linear_net("sigmoid", "bce")
    def run():
        train(net, X, y, optimiser=GradientDescent(0.1), epochs=1, batch_size=2,
              rng=np.random.default_rng(0), validation=validation)

    if validation is None:
        run()  # no validation set is fine
        return
    with pytest.raises(TypeError, match=r"validation must be a pair \(X_val, y_val\), got"):
        run()


def test_one_dimensional_real_targets_for_several_outputs():
    rng = np.random.default_rng(0)
    net = Network([2, 4, 3], "tanh", "identity", "squared_error", rng=rng)
    X, y = rng.normal(size=(5, 2)), rng.normal(size=5)
    with pytest.raises(
        ValueError, match=r"y is 1-D \(shape \(5,\)\).*For real-valued targets pass y with shape \(B, 3\)"
    ):
        net.loss(X, y)


def test_an_optimiser_is_not_silently_reused_on_other_parameters():
    opt = Momentum(0.1, beta=0.9)
    W = np.zeros((2, 2))
    opt.step([W], [np.ones((2, 2))])
    W2, b2 = np.zeros((2, 2)), np.zeros(2)
    with pytest.raises(
        ValueError, match=r"already made 1 step\(s\) on parameters of shapes \[\(2, 2\)\].*\.reset\(\)"
    ):
        opt.step([W2, b2], [np.ones((2, 2)), np.ones(2)])
    opt.reset()
    opt.step([W2, b2], [np.ones((2, 2)), np.ones(2)])
    np.testing.assert_allclose(W2, -0.1)  # a fresh start: no velocity carried over


def test_an_optimiser_reused_by_train_on_another_network():
    X, y = blobs(n=8)
    rng = np.random.default_rng(0)
    opt = Adam(0.01)
    train(
        Network([2, 3, 1], "tanh", "sigmoid", "bce", rng=rng),
        X,
        y,
        optimiser=opt,
        epochs=1,
        batch_size=4,
        rng=rng,
    )
    with pytest.raises(ValueError, match="Create a new optimiser for each network"):
        train(
            Network([2, 5, 1], "tanh", "sigmoid", "bce", rng=rng),
            X,
            y,
            optimiser=opt,
            epochs=1,
            batch_size=4,
            rng=rng,
        )


def test_weights_assigned_with_an_integer_dtype_or_a_wrong_shape(net3):
    X, y = np.ones((2, 2)), [0, 1]
    saved = net3.weights[0]
    net3.weights[0] = np.ones((4, 2), dtype=int)
    with pytest.raises(
        TypeError, match=r"net.weights\[0\] must have the network's dtype float64, got dtype int64"
    ):
        net3.loss(X, y)
    with pytest.raises(TypeError, match=r"net.weights\[0\]"):
        train(
            net3, X, y, optimiser=GradientDescent(0.1), epochs=1, batch_size=1, rng=np.random.default_rng(0)
        )
    net3.weights[0] = np.ones((2, 4))
    with pytest.raises(
        ValueError, match=r"net.weights\[0\] must have shape \(4, 2\) for layer 1.*got shape \(2, 4\)"
    ):
        net3.predict(X)
    net3.weights[0] = saved
    net3.biases[1] = np.zeros(4)
    with pytest.raises(ValueError, match=r"net.biases\[1\] must have shape \(3,\)"):
        net3.gradients(X, y)


def test_leaky_relu_slope_as_a_numpy_scalar():
    from mlp.activations import leaky_relu

    z = np.array([-2.0, 3.0])
    np.testing.assert_allclose(leaky_relu(np.float32(0.1))(z), [-0.2, 3.0], rtol=1e-7)
    np.testing.assert_allclose(leaky_relu(np.float64(0.2))(z), [-0.4, 3.0])
    with pytest.raises(TypeError, match=r"leaky_relu slope a must be a real number in \(0, 1\), got str"):
        leaky_relu("0.1")
    with pytest.raises(ValueError, match=r"leaky_relu slope a must be a number in \(0, 1\), got 1\.5"):
        leaky_relu(np.float32(1.5))


def test_softmax_binary_cross_entropy_from_logits_is_linear_in_memory_and_exact():
    # The stable formulas need O(B K) memory (no K×K per example) and agree with the
    # textbook formulas where those are accurate, also for many classes.
    from mlp.activations import softmax
    from mlp.losses import _softmax_bce, _softmax_bce_delta

    rng = np.random.default_rng(10)
    z = rng.normal(size=(64, 500))
    y = (rng.random((64, 500)) < 0.1).astype(float)
    s = softmax(z)
    naive_cost = -np.sum(y * np.log(s) + (1 - y) * np.log(1 - s), axis=1)
    v = -y / s + (1 - y) / (1 - s)
    naive_delta = s * (v - np.sum(s * v, axis=1, keepdims=True))
    np.testing.assert_allclose(_softmax_bce(z, y), naive_cost, rtol=1e-12)
    np.testing.assert_allclose(_softmax_bce_delta(z, y), naive_delta, rtol=1e-9, atol=1e-12)


def test_predict_can_use_zero_one_labels_for_a_tanh_output():
    X = np.array([[0.1, 0.0], [0.3, 0.0], [0.7, 0.0], [0.9, 0.0]])
    net = linear_net("tanh")
    np.testing.assert_array_equal(net.predict(X), [1, 1, 1, 1])  # default ±1, cut at 0
    np.testing.assert_array_equal(net.predict(X, labels=(0, 1)), [0, 0, 1, 1])  # cut at 0.5
    with pytest.raises(ValueError, match=r"labels must be one of \[\(0, 1\)\] for a single sigmoid output"):
        linear_net("sigmoid", "bce").predict(X, labels=(-1, 1))
