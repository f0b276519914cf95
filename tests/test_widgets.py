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


# ----------------------------------------------------------------------------- activation explorer


@pytest.mark.parametrize("name", widgets.EXPLORER_ACTIVATIONS)
def test_activation_curves_derivative_is_gain_times_phi_prime(name):
    z = np.array([-2.3, -0.7, 0.4, 1.9])  # away from the kinks
    zz, g, dg = widgets.activation_curves(name, gain=2.5, slope=0.2, z=z)
    assert np.array_equal(zz, z)
    eps = 1e-6
    fd = (widgets.activation_curves(name, gain=2.5, slope=0.2, z=z + eps)[1]
          - widgets.activation_curves(name, gain=2.5, slope=0.2, z=z - eps)[1]) / (2 * eps)
    assert np.allclose(dg, fd, atol=1e-6)


def test_activation_curves_leaky_slope_and_errors():
    _, g, dg = widgets.activation_curves("leaky_relu", slope=0.3, z=np.array([-2.0, 0.0, 3.0]))
    assert np.allclose(g, [-0.6, 0.0, 3.0]) and np.allclose(dg, [0.3, 0.3, 1.0])
    with pytest.raises(ValueError):
        widgets.activation_curves("softmax")
    with pytest.raises(ValueError):
        widgets.activation_curves("tanh", gain=0.0)


def test_draw_activation_shades_the_saturated_region():
    fig, axes = plt.subplots(1, 2)
    widgets.draw_activation(axes, "sigmoid", gain=4.0)
    assert len(axes[0].lines) >= 1 and axes[1].collections
    assert "gain 4" in axes[0].get_title()


def test_activation_explorer_builds_and_updates():
    ipywidgets = pytest.importorskip("ipywidgets")
    box = widgets.activation_explorer(name="tanh", gain=2.0, slope=0.1)
    assert isinstance(box, ipywidgets.VBox)
    controls = box.children[0].children
    assert [c.description for c in controls] == ["activation φ", "gain (z ↦ gain·z)", "leaky slope a"]
    fig = box.update()
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    controls[0].value = "leaky_relu"  # a change triggers a redraw without error
    controls[2].value = 0.3


# ----------------------------------------------------------------------------- gradient descent explorer

GD_H = np.array([[1.0, 1.0], [1.0, 1.5]])
GD_W_STAR = np.array([0.8, 2.1])
GD_W0 = np.array([3.5, 2.0])


def test_gd_quadratic_path_is_gradient_descent():
    path = widgets.gd_quadratic_path(GD_H, GD_W_STAR, GD_W0, 0.3, 5)
    assert path.shape == (6, 2)
    w = GD_W0.copy()
    for k in range(5):
        w = w - 0.3 * GD_H @ (w - GD_W_STAR)
        assert np.allclose(path[k + 1], w)


def test_gd_quadratic_path_converges_below_and_diverges_above_the_critical_step():
    eta_crit = 2 / np.linalg.eigvalsh(GD_H)[-1]
    below = widgets.gd_quadratic_path(GD_H, GD_W_STAR, GD_W0, 0.98 * eta_crit, 3000)
    above = widgets.gd_quadratic_path(GD_H, GD_W_STAR, GD_W0, 1.02 * eta_crit, 3000)
    assert np.allclose(below[-1], GD_W_STAR)
    assert np.linalg.norm(above[-1] - GD_W_STAR) > 1e6


def test_gd_quadratic_path_rejects_bad_arguments():
    with pytest.raises(ValueError, match="positive definite"):
        widgets.gd_quadratic_path(np.diag([1.0, -1.0]), GD_W_STAR, GD_W0, 0.1, 3)
    with pytest.raises(ValueError, match="symmetric"):
        widgets.gd_quadratic_path(np.ones((3, 3)), GD_W_STAR, GD_W0, 0.1, 3)
    with pytest.raises(ValueError, match="shape"):
        widgets.gd_quadratic_path(GD_H, [1.0, 2.0, 3.0], GD_W0, 0.1, 3)
    with pytest.raises(ValueError):
        widgets.gd_quadratic_path(GD_H, GD_W_STAR, GD_W0, -0.1, 3)


def test_draw_gd_quadratic_draws_path_and_title():
    fig, ax = plt.subplots()
    path = widgets.draw_gd_quadratic(ax, GD_H, GD_W_STAR, GD_W0, 0.5, 10)
    assert path.shape == (11, 2)
    assert ax.collections and len(ax.lines) >= 2
    assert "ρ" in ax.get_title() and "2/λ_max" in ax.get_title()


def test_gd_explorer_builds_and_updates():
    ipywidgets = pytest.importorskip("ipywidgets")
    box = widgets.gd_explorer(GD_H, GD_W_STAR, GD_W0, n_steps=20)
    assert isinstance(box, ipywidgets.VBox)
    sliders = box.children[0].children
    assert [s.description for s in sliders] == ["step size η", "steps"]
    fig = box.update()
    assert isinstance(fig, Figure) and len(fig.axes) == 1
    sliders[0].value = sliders[0].max  # above the critical step: diverges, still draws
    sliders[1].value = 50


# --------------------------------------------------------------------------- playground


def test_playground_run_is_reproducible_and_learns():
    a = widgets.playground_run("circles", width=8, depth=1, epochs=150)
    b = widgets.playground_run("circles", width=8, depth=1, epochs=150)
    assert a.net.sizes == [2, 8, 1]
    assert all(np.array_equal(Wa, Wb) for Wa, Wb in zip(a.net.weights, b.net.weights))
    assert a.net.accuracy(a.X, a.y) > 0.95
    logistic = widgets.playground_run("circles", width=8, depth=0, epochs=150)
    assert logistic.net.sizes == [2, 1] and logistic.net.accuracy(logistic.X, logistic.y) < 0.75


@pytest.mark.parametrize("dataset", widgets.PLAYGROUND_DATASETS)
def test_playground_data_sets_have_two_classes(dataset):
    X, y = widgets.playground_data(dataset, 50, rng=np.random.default_rng(0))
    assert X.shape == (50, 2) and set(np.unique(y)) == {0, 1}


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"dataset": "swiss roll"}, ValueError, "dataset must be one of"),
        ({"activation": "softmax"}, ValueError, "activation must be one of"),
        ({"width": 0}, ValueError, "width"),
        ({"depth": 1.5}, TypeError, "depth must be an integer"),
        ({"eta": -0.1}, ValueError, "eta"),
    ],
)
def test_playground_run_rejects_bad_settings(kwargs, error, message):
    with pytest.raises(error, match=message):
        widgets.playground_run(**{"epochs": 1, **kwargs})


def test_playground_builds_and_updates():
    ipywidgets = pytest.importorskip("ipywidgets")
    box = widgets.playground(dataset="xor", width=4, depth=1, epochs=20)
    assert isinstance(box, ipywidgets.VBox)
    controls = box.children[0].children
    names = ["data", "width", "hidden layers", "φ", "step size η", "epochs"]
    assert [c.description for c in controls] == names
    fig = box.update()
    assert isinstance(fig, Figure) and len(fig.axes) >= 1
    controls[2].value = 0  # no hidden layer: still draws
    assert isinstance(box.update(), Figure)
    plt.close("all")
