"""The interactive explorers and the simulations behind them (headless, Agg backend)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from mlp import widgets  # noqa: E402
from mlp.datasets import higham_points, higham_targets  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_higham_sgd_records_the_cost_and_is_reproducible():
    run = widgets.higham_sgd(0.5, 2500, rng=np.random.default_rng(3), record_every=1000)
    assert list(run.iterations) == [0, 1000, 2000, 2500]
    assert run.costs.shape == (4,) and np.all(np.isfinite(run.costs))
    again = widgets.higham_sgd(0.5, 2500, rng=np.random.default_rng(3), record_every=1000)
    assert np.array_equal(run.net.get_params(), again.net.get_params())
    X, _ = higham_points()
    assert np.isclose(run.costs[-1], run.net.loss(X, higham_targets()))


def test_higham_sgd_steps_are_minus_eta_times_the_gradient():
    # One step from the initial parameters equals θ − η ∇Cₙ with mlp's backprop.
    rng = np.random.default_rng(7)
    start = widgets.higham_sgd(0.1, 0, rng=np.random.default_rng(7)).net
    one = widgets.higham_sgd(0.1, 1, rng=rng).net
    rng = np.random.default_rng(7)
    for shape in [(2, 2), (2,), (3, 2), (3,), (2, 3), (2,)]:
        rng.standard_normal(shape)
    n = rng.integers(0, 10, size=1)[0]
    X, _ = higham_points()
    Y = higham_targets()
    _, grads = start.gradients(X[n : n + 1], Y[n : n + 1])
    assert np.allclose(one.get_params(), start.get_params() - 0.1 * grads.flat())


def test_higham_sgd_learns_the_example():
    run = widgets.higham_sgd(0.5, 20000, rng=np.random.default_rng(2))
    X, y = higham_points()
    assert run.costs[-1] < 0.01 < run.costs[0]
    assert run.net.accuracy(X, y) == 1.0


def test_higham_sgd_rejects_bad_arguments():
    with pytest.raises(ValueError):
        widgets.higham_sgd(-1.0, 10, rng=np.random.default_rng(0))
    with pytest.raises(ValueError):
        widgets.higham_sgd(0.1, 10, rng=np.random.default_rng(0), sizes=(3, 2))
    with pytest.raises(TypeError):
        widgets.higham_sgd(0.1, 10, rng=0)


def test_draw_higham_run_draws_cost_and_regions():
    run = widgets.higham_sgd(0.5, 1000, rng=np.random.default_rng(0))
    fig, axes = plt.subplots(1, 2)
    widgets.draw_higham_run(run, axes, title="η = 0.5")
    assert len(axes[0].lines) == 1 and axes[0].get_title() == "η = 0.5"
    assert axes[1].collections and "correct" in axes[1].get_title()


def test_higham_explorer_builds_and_updates():
    ipywidgets = pytest.importorskip("ipywidgets")
    box = widgets.higham_explorer(eta=0.5, n_iter=2000, seed=1)
    assert isinstance(box, ipywidgets.VBox)
    sliders = box.children[0].children
    assert [s.description for s in sliders] == ["step size η", "SGD steps", "seed"]
    fig = box.update()
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    assert len(fig.axes[0].lines) == 1
    sliders[1].value = 3000  # a slider change triggers a redraw without error
