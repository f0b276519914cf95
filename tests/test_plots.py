"""Tests for the plotting helpers (run headless with the Agg backend)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.contour import ContourSet  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.image import AxesImage  # noqa: E402

from mlp import plots  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def contour_sets(ax):
    return [c for c in ax.collections if isinstance(c, ContourSet)]


def scatters(ax):
    return [c for c in ax.collections if isinstance(c, PathCollection)]


def three_blobs():
    rng = np.random.default_rng(0)
    centres = np.array([[0.0, 0.0], [3.0, 0.0], [0.0, 3.0]])
    y = np.repeat([0, 1, 2], 20)
    return centres[y] + 0.5 * rng.normal(size=(60, 2)), y


def nearest_centre(points):
    centres = np.array([[0.0, 0.0], [3.0, 0.0], [0.0, 3.0]])
    return np.argmin(((points[:, None, :] - centres) ** 2).sum(-1), axis=1)


def test_palette_is_defined_once_and_distinct():
    assert len(set(plots.PALETTE)) == len(plots.PALETTE) >= 3
    assert len(set(plots.MARKERS)) == len(plots.MARKERS) >= 3


def test_decision_regions_labels():
    X, y = three_blobs()
    ax = plots.decision_regions(nearest_centre, X, y, resolution=50)
    assert isinstance(ax, Axes)
    assert len(contour_sets(ax)) == 1
    sc = scatters(ax)
    assert len(sc) == 3
    assert [len(s.get_offsets()) for s in sc] == [20, 20, 20]
    # Classes differ by marker shape, not only by colour.
    assert len({s.get_paths()[0].vertices.tobytes() for s in sc}) == 3
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["class 0", "class 1", "class 2"]


def test_decision_regions_uses_given_axes_and_proba_mode():
    X, y = three_blobs()
    mask = y < 2
    X, y = X[mask], y[mask]

    def proba(points):
        return 1.0 / (1.0 + np.exp(-(points[:, 0] - 1.5)))

    fig, ax = plt.subplots()
    out = plots.decision_regions(proba, X, y, ax=ax, proba=True, resolution=40)
    assert out is ax
    cs = contour_sets(ax)
    assert len(cs) == 2  # filled probabilities and the 0.5 line
    assert any(list(c.levels) == [0.5] for c in cs)
    assert len(scatters(ax)) == 2


def test_decision_regions_constant_prediction_is_fine():
    X, y = three_blobs()
    ax = plots.decision_regions(lambda p: np.zeros(len(p), dtype=int), X, y, resolution=20)
    assert len(contour_sets(ax)) == 1


def test_decision_regions_rejects_bad_input():
    X, y = three_blobs()
    with pytest.raises(ValueError, match=r"X must have 2 columns.*\(60, 3\)"):
        plots.decision_regions(nearest_centre, np.zeros((60, 3)), y)
    with pytest.raises(ValueError, match="same number of rows"):
        plots.decision_regions(nearest_centre, X, y[:-1])
    with pytest.raises(ValueError, match="one value per point"):
        plots.decision_regions(lambda p: np.zeros(3), X, y, resolution=10)
    with pytest.raises(ValueError, match="probabilities in"):
        plots.decision_regions(lambda p: np.full(len(p), 2.0), X, y, proba=True, resolution=10)
    with pytest.raises(TypeError, match="predict must be a function"):
        plots.decision_regions("predict", X, y)


def test_loss_curve_sequence_and_mapping():
    ax = plots.loss_curve([3.0, 2.0, 1.0], label="train")
    assert isinstance(ax, Axes)
    (line,) = ax.get_lines()
    np.testing.assert_array_equal(line.get_xdata(), [1, 2, 3])
    assert ax.get_xlabel() == "epoch"

    ax = plots.loss_curve({"train": [3, 2, 1], "test": np.array([3.5, 2.5, 2.0])}, logy=True)
    assert len(ax.get_lines()) == 2
    assert ax.get_yscale() == "log"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["train", "test"]
    # Different line styles, not only different colours.
    assert len({ln.get_linestyle() for ln in ax.get_lines()}) == 2


def test_loss_curve_history_object_and_divergence():
    class History:
        loss = [1.0, 0.5, np.inf]

    ax = plots.loss_curve(History(), start=0, xlabel="update")
    np.testing.assert_array_equal(ax.get_lines()[0].get_xdata(), [0, 1, 2])
    assert ax.get_xlabel() == "update"


def test_loss_curve_rejects_bad_input():
    with pytest.raises(ValueError, match="logy=True needs positive values.*minimum 0"):
        plots.loss_curve([2, 1, 0], logy=True)
    with pytest.raises(TypeError, match="history_or_values must be"):
        plots.loss_curve(3.0)
    with pytest.raises(ValueError, match="empty mapping"):
        plots.loss_curve({})


def test_weight_images():
    rng = np.random.default_rng(0)
    W = rng.normal(size=(10, 28 * 28))
    fig, axes = plots.weight_images(W, n=7, title="first layer")
    assert isinstance(fig, Figure)
    assert len(axes) == 7
    for j, ax in enumerate(axes):
        (image,) = ax.get_images()
        assert isinstance(image, AxesImage)
        assert image.get_array().shape == (28, 28)
        np.testing.assert_array_equal(image.get_array(), W[j].reshape(28, 28))
        lo, hi = image.get_clim()
        assert lo == -hi == -np.abs(W[:7]).max()  # symmetric, centred at 0
    # 7 images on a 3x3 grid: 2 unused cells removed, 1 colour bar added.
    assert len(fig.axes) == 7 + 1
    assert fig.get_suptitle() == "first layer"


def test_weight_images_into_given_figure_other_shape():
    fig = plt.figure()
    W = np.arange(12.0).reshape(2, 6) - 6
    out_fig, axes = plots.weight_images(W, shape=(2, 3), ncols=2, fig=fig, colorbar=False)
    assert out_fig is fig
    assert len(axes) == 2
    assert len(fig.axes) == 2
    with pytest.raises(ValueError, match=r"784 columns.*\(2, 6\)"):
        plots.weight_images(W)


def test_histograms():
    rng = np.random.default_rng(0)
    data = {f"layer {i}": rng.normal(size=(50, 8)) for i in range(1, 4)}
    axes = plots.histograms(data, bins=20)
    assert len(axes) == 3
    for ax, name in zip(axes, data, strict=True):
        assert isinstance(ax, Axes)
        assert ax.get_title() == name
        assert len(ax.patches) == 20

    fig, given = plt.subplots(1, 2)
    out = plots.histograms({"a": [1, 2, 3], "b": [0, 0, 1]}, bins=3, axes=given, logy=True)
    assert list(out) == list(given)
    with pytest.raises(ValueError, match="one Axes per array"):
        plots.histograms({"a": [1, 2]}, axes=given)
    with pytest.raises(TypeError, match="non-empty mapping"):
        plots.histograms([1, 2, 3])


def test_contour_path():
    def f(w1, w2):
        return (w1 * w2 - 1.5) ** 2 + 0.04 * (w1**2 + w2**2)

    path_a = np.array([[0.5, 0.2], [0.8, 0.6], [1.1, 1.0], [1.2, 1.2]])
    path_b = np.array([[-0.5, -0.2], [-0.9, -0.7], [np.inf, np.nan]])
    ax = plots.contour_path(
        f,
        {"η = 0.1": path_a, "η = 0.35": path_b},
        xlim=(-2, 2),
        ylim=(-2, 2),
        levels=15,
        resolution=60,
        critical_points={"saddle": (0.0, 0.0), "min": (1.2083, 1.2083)},
    )
    assert isinstance(ax, Axes)
    assert len(contour_sets(ax)) == 1
    # Each path: the line with markers plus a bigger start marker; one star per critical point.
    lines = ax.get_lines()
    assert len(lines) == 2 * 2 + 2
    np.testing.assert_array_equal(lines[0].get_xdata(), path_a[:, 0])
    assert lines[0].get_marker() != lines[2].get_marker()
    assert ax.get_xlim() == (-2, 2)
    assert {t.get_text() for t in ax.texts} == {"saddle", "min"}

    # A single path as one array.
    ax = plots.contour_path(f, path_a, xlim=(-2, 2), ylim=(-2, 2), resolution=30)
    assert len(ax.get_lines()) == 2


def test_contour_path_rejects_bad_input():
    with pytest.raises(ValueError, match="f must be vectorised"):
        plots.contour_path(lambda a, b: 0.0, None, xlim=(0, 1), ylim=(0, 1), resolution=10)
    with pytest.raises(ValueError, match=r"shape \(k, 2\)"):
        plots.contour_path(
            lambda a, b: a + b, [np.zeros((3, 3))], xlim=(0, 1), ylim=(0, 1), resolution=10
        )
    with pytest.raises(ValueError, match="increasing"):
        plots.contour_path(lambda a, b: a + b, None, xlim=(1, 0), ylim=(0, 1))


def test_confusion_matrix_small_example():
    y_true = [0, 0, 1, 1, 1, 2]
    y_pred = [0, 1, 1, 1, 2, 2]
    cm = plots.confusion_matrix(y_true, y_pred, 3)
    expected = np.array([[1, 1, 0], [0, 2, 1], [0, 0, 1]])
    np.testing.assert_array_equal(cm, expected)
    assert cm.sum() == 6
    # A class that never occurs gets an empty row.
    np.testing.assert_array_equal(plots.confusion_matrix([0, 1], [0, 1], 3)[2], [0, 0, 0])


def test_confusion_matrix_rejects_bad_labels():
    with pytest.raises(ValueError, match=r"y_pred must contain integer labels in 0\.\.2.*3"):
        plots.confusion_matrix([0, 1], [0, 3], 3)
    with pytest.raises(ValueError, match="y_true must contain integer labels"):
        plots.confusion_matrix([0.5, 1], [0, 1], 3)
    with pytest.raises(ValueError, match="same length.*2 and 3"):
        plots.confusion_matrix([0, 1], [0, 1, 1], 3)


@pytest.mark.parametrize("normalize", [False, True])
def test_confusion_matrix_plot(normalize):
    cm = np.array([[5, 1], [0, 4]])
    ax = plots.confusion_matrix_plot(cm, labels=["cat", "dog"], normalize=normalize)
    assert isinstance(ax, Axes)
    (image,) = ax.get_images()
    expected = cm / cm.sum(axis=1, keepdims=True) if normalize else cm
    np.testing.assert_allclose(image.get_array(), expected)
    assert len(ax.texts) == 4
    assert [t.get_text() for t in ax.get_xticklabels()] == ["cat", "dog"]
    with pytest.raises(ValueError, match="must be square"):
        plots.confusion_matrix_plot(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="labels must name all K=2"):
        plots.confusion_matrix_plot(cm, labels=["a"])


def test_helpers_do_not_touch_global_style():
    before = dict(matplotlib.rcParams)
    X, y = three_blobs()
    plots.decision_regions(nearest_centre, X, y, resolution=10)
    plots.loss_curve([1, 2])
    assert dict(matplotlib.rcParams) == before
