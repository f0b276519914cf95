"""The training loop: batching, learning, early stopping, statistics."""

import numpy as np
import pytest

from mlp import GradientDescent, Network, train
from mlp.training import minibatches


def xor_data():
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    return X, np.array([0, 1, 1, 0])


def test_minibatches_without_replacement_cover_every_example_once():
    batches = list(minibatches(10, 3, rng=np.random.default_rng(0)))
    assert [len(b) for b in batches] == [3, 3, 3, 1]
    np.testing.assert_array_equal(np.sort(np.concatenate(batches)), np.arange(10))


def test_minibatches_with_replacement_repeat_examples():
    batches = list(minibatches(100, 100, rng=np.random.default_rng(0), replace=True))
    assert len(batches) == 1 and len(np.unique(batches[0])) < 100


def test_training_solves_xor():
    X, y = xor_data()
    rng = np.random.default_rng(1)
    net = Network([2, 4, 2], "tanh", rng=rng)
    history = train(net, X, y, optimiser=GradientDescent(0.5), epochs=500, batch_size=4, rng=rng,
                    record_batch_loss=True)
    assert history.loss[-1] < 0.05 < history.loss[0]
    assert history.loss[-1] == pytest.approx(net.loss(X, y))  # end-of-epoch cost on all data
    assert history.accuracy[-1] == 1.0
    assert len(history.batch_loss) == 500
    assert history.batch_loss[0] == pytest.approx(history.loss[0], rel=0.5)


def test_one_epoch_of_full_batch_gd_is_one_gradient_step():
    X, y = xor_data()
    rng = np.random.default_rng(2)
    net = Network([2, 3, 2], "sigmoid", rng=rng)
    expected = net.get_params() - 0.1 * net.gradients(X, y)[1].flat()
    train(net, X, y, optimiser=GradientDescent(0.1), epochs=1, batch_size=4, rng=rng)
    np.testing.assert_allclose(net.get_params(), expected, atol=1e-15)


def test_early_stopping_restores_the_best_epoch():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(40, 2))
    y = (X[:, 0] > 0).astype(int)
    Xv, yv = rng.normal(size=(20, 2)), rng.integers(0, 2, 20)  # labels unrelated to X
    net = Network([2, 16, 2], "tanh", rng=rng)
    history = train(net, X, y, optimiser=GradientDescent(0.5), epochs=200, batch_size=8,
                    rng=rng, validation=(Xv, yv), patience=5)
    assert history.stopped_early and history.epochs < 200
    assert net.loss(Xv, yv) == pytest.approx(min(history.val_loss))


def test_evaluation_in_chunks_equals_one_pass():
    from mlp.training import evaluate_in_chunks

    rng = np.random.default_rng(10)
    net = Network([3, 4, 3], "tanh", rng=rng)
    X, y = rng.normal(size=(37, 3)), rng.integers(0, 3, 37)
    cost, accuracy = evaluate_in_chunks(net, X, net.check_targets(y), chunk=5)
    assert cost == pytest.approx(net.loss(X, y), rel=1e-12)
    assert accuracy == pytest.approx(net.accuracy(X, y))


def test_without_evaluation_nothing_is_recorded():
    X, y = xor_data()
    rng = np.random.default_rng(11)
    history = train(Network([2, 2, 2], rng=rng), X, y, optimiser=GradientDescent(0.1), epochs=3,
                    batch_size=2, rng=rng, evaluate=False)
    assert history.loss == [] and history.accuracy == [] and history.batch_loss == []


def test_record_stats():
    X, y = xor_data()
    rng = np.random.default_rng(4)
    net = Network([2, 3, 3, 2], "relu", rng=rng)
    history = train(net, X, y, optimiser=GradientDescent(0.1), epochs=2, batch_size=2,
                    rng=rng, record_stats=True)
    assert len(history.stats) == 2
    assert len(history.stats[0]["grad_norm"]) == 3
    assert all(0 <= f <= 1 for f in history.stats[0]["active_fraction"])


def test_callback_can_stop_training():
    X, y = xor_data()
    rng = np.random.default_rng(5)
    net = Network([2, 2, 2], rng=rng)
    history = train(net, X, y, optimiser=GradientDescent(0.1), epochs=50, batch_size=4, rng=rng,
                    callback=lambda epoch, net, h: epoch == 2)
    assert history.epochs == 3


def test_bad_arguments():
    X, y = xor_data()
    rng = np.random.default_rng(6)
    net = Network([2, 2, 2], rng=rng)
    with pytest.raises(TypeError, match="optimiser must be an mlp.optim.Optimiser"):
        train(net, X, y, optimiser=0.1, epochs=1, batch_size=2, rng=rng)
    with pytest.raises(ValueError, match="batch_size must be an integer in"):
        train(net, X, y, optimiser=GradientDescent(0.1), epochs=1, batch_size=0, rng=rng)
    with pytest.raises(ValueError, match="patience.* needs a validation set"):
        train(net, X, y, optimiser=GradientDescent(0.1), epochs=1, batch_size=2, rng=rng, patience=3)
    with pytest.raises(ValueError, match="same number of rows"):
        train(net, X, y[:3], optimiser=GradientDescent(0.1), epochs=1, batch_size=2, rng=rng)


def test_fused_sgd_path_equals_the_generic_optimiser_step():
    """train() folds −η into backprop for plain SGD; the result must be the same update."""

    class PlainStep(GradientDescent):  # a subclass takes the generic optimiser.step path
        pass

    rng = np.random.default_rng(7)
    X, y = rng.normal(size=(50, 3)), rng.integers(0, 3, 50)
    nets = [Network([3, 5, 4, 3], "relu", rng=np.random.default_rng(8)) for _ in range(2)]
    for net, opt in zip(nets, [GradientDescent(lambda k: 0.3 / (k + 1)), PlainStep(lambda k: 0.3 / (k + 1))]):
        history = train(net, X, y, optimiser=opt, epochs=3, batch_size=7,
                        rng=np.random.default_rng(9), record_stats=True)
        assert opt.k == 3 * 8
    np.testing.assert_allclose(nets[0].get_params(), nets[1].get_params(), rtol=1e-12, atol=1e-14)
    assert history.stats[-1]["grad_norm"][0] > 0
