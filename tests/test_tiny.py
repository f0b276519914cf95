"""The tiny two-weight network, its optimiser paths, animations and explorer."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from mlp.gradcheck import numerical_gradient, numerical_hessian  # noqa: E402
from mlp.plots import animate_paths  # noqa: E402
from mlp.tiny import (  # noqa: E402
    steps_to_tolerance,
    tiny_cost,
    tiny_gradient,
    tiny_hessian,
    tiny_minima,
)
from mlp.widgets import TINY_METHODS, draw_tiny_path, tiny_explorer, tiny_optimiser, tiny_path  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


coords = st.floats(-3, 3, allow_nan=False)


@settings(max_examples=30, deadline=None)
@given(coords, coords, st.sampled_from([0.0, 0.04, 0.3]))
def test_gradient_and_hessian_match_finite_differences(a, b, decay):
    w = np.array([a, b])
    f = lambda v: tiny_cost(v[0], v[1], decay)  # noqa: E731
    assert np.allclose(tiny_gradient(w, decay), numerical_gradient(f, w), atol=1e-6)
    hessian_fd = numerical_hessian(lambda v: tiny_gradient(v, decay), w)
    assert np.allclose(tiny_hessian(w, decay), hessian_fd, atol=1e-5)


def test_minima_and_the_critical_step():
    minima = tiny_minima()
    assert np.allclose(minima, [[np.sqrt(1.46)] * 2, [-np.sqrt(1.46)] * 2])
    for m in minima:
        assert np.linalg.norm(tiny_gradient(m)) < 1e-12
        assert np.allclose(np.linalg.eigvalsh(tiny_hessian(m)), [0.16, 5.84])
    assert np.isclose(2 / 5.84, 0.34246575, atol=1e-8)
    assert np.allclose(np.linalg.eigvalsh(tiny_hessian([0, 0])), [-2.92, 3.08])
    assert tiny_minima(2.0).shape == (1, 2)


def test_step_035_ends_in_the_two_cycle_and_never_converges():
    path = tiny_path("gradient descent", 0.35, (0.5, 1.5), 2000)
    pair = np.sort(path[-2:, 0])
    assert np.allclose(pair, [1.1099, 1.2872], atol=1e-4)
    assert np.allclose(path[-2:, 0], path[-2:, 1])
    assert steps_to_tolerance(path, tiny_minima(), 1e-2) is None
    assert steps_to_tolerance(tiny_path("gradient descent", 0.25, (0.5, 1.5), 400), tiny_minima(), 1e-3)


def test_steps_to_tolerance_requires_staying():
    target = np.zeros((1, 2))
    path = np.array([[1.0, 0], [0.001, 0], [1.0, 0], [0.01, 0], [0.001, 0], [0.0001, 0]])
    assert steps_to_tolerance(path, target, 0.05) == 3
    assert steps_to_tolerance(path[:3], target, 0.05) is None
    assert steps_to_tolerance(np.array([[np.inf, 0.0]]), target, 0.05) is None
    with pytest.raises(ValueError, match="tol"):
        steps_to_tolerance(path, target, 0.0)
    with pytest.raises(ValueError, match="columns"):
        steps_to_tolerance(path, np.zeros((1, 3)), 0.1)


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="shape"):
        tiny_gradient([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="decay"):
        tiny_cost(1.0, 1.0, decay=-1)
    with pytest.raises(ValueError, match="method"):
        tiny_optimiser("sgd", 0.1)
    with pytest.raises(ValueError, match="eta"):
        tiny_path("Adam", -0.1, (0, 1), 3)
    with pytest.raises(ValueError, match="start"):
        tiny_path("Adam", 0.1, (0, 1, 2), 3)


@pytest.mark.parametrize("method", TINY_METHODS)
def test_every_method_runs_and_has_the_right_shape(method):
    path = tiny_path(method, 0.05 if method != "Newton" else 1.0, (0.5, 1.5), 20)
    assert path.shape == (21, 2) and np.all(np.isfinite(path))


def test_newton_goes_to_the_saddle_from_some_starts_and_survives_a_singular_hessian():
    assert np.linalg.norm(tiny_path("Newton", 1.0, (1.0, 0.2), 30)[-1]) < 1e-8
    assert np.linalg.norm(tiny_path("Newton", 1.0, (0.5, 1.5), 30)[-1] - tiny_minima()[0]) < 1e-8
    # without decay H(1, 0.5) = [[0.5, -1], [-1, 2]] is exactly singular: the path stops there
    path = tiny_path("Newton", 1.0, (1.0, 0.5), 5, decay=0.0)
    assert path.shape == (6, 2) and np.allclose(path, [1.0, 0.5])


def test_diverging_path_is_returned_without_warnings():
    with np.errstate(all="raise"):
        path = tiny_path("gradient descent", 0.35, (2.5, 2.5), 30)
    assert not np.all(np.isfinite(path[-1]))


def test_animation_html_has_frames_controls_and_alt_text():
    paths = {"a": tiny_path("gradient descent", 0.25, (0.5, 1.5), 6), "b": np.array([[0.0, 0.0]])}
    html = animate_paths(tiny_cost, paths, xlim=(-2, 2), ylim=(-2, 2), alt='the "paths"', title="t")
    assert html.count("data:image/png;base64") == 7
    assert 'alt="the &quot;paths&quot;"' in html
    assert "anim-buttons" in html and html.count("<button") >= 9
    assert "http" not in html and "<i class" not in html  # offline: no CDN icons
    assert not plt.get_fignums()
    again = animate_paths(tiny_cost, paths, xlim=(-2, 2), ylim=(-2, 2), alt='the "paths"', title="t")
    assert again == html  # no random element ids: stored notebooks stay comparable
    with pytest.raises(TypeError, match="paths"):
        animate_paths(tiny_cost, [np.zeros((3, 2))], xlim=(0, 1), ylim=(0, 1))
    with pytest.raises(ValueError, match="shape"):
        animate_paths(tiny_cost, {"x": np.zeros((3, 3))}, xlim=(0, 1), ylim=(0, 1))


def test_draw_tiny_path_titles_the_end_point():
    fig, ax = plt.subplots()
    path = draw_tiny_path(ax, "gradient descent", 0.25, (0.5, 1.5), 200)
    assert ax.get_title() == f"θ_200 = ({path[-1, 0]:.3f}, {path[-1, 1]:.3f})"
    fig2, ax2 = plt.subplots()
    draw_tiny_path(ax2, "gradient descent", 0.35, (2.5, 2.5), 30)
    assert ax2.get_title() == "diverged"


def test_explorer_redraws_when_the_controls_change():
    box = tiny_explorer(n_steps=10)
    menu, eta, w1, w2, steps = box.children[0].children
    assert [c.value for c in (menu, eta, w1, w2, steps)] == ["gradient descent", 0.25, 0.5, 1.5, 10]
    menu.value, eta.value = "Newton", 1.0
    w1.value, w2.value = 1.0, 0.2
    fig = box.update()
    assert "(0.000, 0.000)" in fig.axes[0].get_title()
    with pytest.raises(ValueError, match="method"):
        tiny_explorer(method="nope")
