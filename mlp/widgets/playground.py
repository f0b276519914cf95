"""A small playground: train a classifier on a 2-D data set and look at its decision surface.

:func:`playground_run` trains one network (data set, width, depth, activation, step size,
epochs) and :func:`draw_playground` draws its decision surface; :func:`playground` puts
both behind controls. Depth 0 means no hidden layer: a single logistic unit, whose
decision boundary is a straight line.
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from .. import datasets
from .._validate import check_int, check_positive
from ..network import Network
from ..optim import Adam
from ..plots import decision_regions
from ..training import History, train
from .live import _live_figure

__all__ = ["PLAYGROUND_DATASETS", "PLAYGROUND_ACTIVATIONS", "PlaygroundRun", "playground_data",
           "playground_run", "draw_playground", "playground"]

Array = np.ndarray

#: The data sets of the playground, all with two classes in the plane.
PLAYGROUND_DATASETS: tuple[str, ...] = ("xor", "circles", "moons", "spirals")
#: Hidden activations the playground offers.
PLAYGROUND_ACTIVATIONS: tuple[str, ...] = ("tanh", "relu", "sigmoid")


@dataclass
class PlaygroundRun:
    """One trained playground network, its training data and its history."""

    net: Network
    X: Array
    y: Array
    history: History
    dataset: str


def playground_data(dataset: str, n: int = 200, *, rng: np.random.Generator) -> tuple[Array, Array]:
    """``n`` labelled points of one of :data:`PLAYGROUND_DATASETS` (labels 0 and 1)."""
    if dataset == "xor":
        return datasets.xor_noisy(n, rng=rng, noise=0.15)
    if dataset == "circles":
        return datasets.circles(n, rng=rng, noise=0.08)
    if dataset == "moons":
        return datasets.moons(n, rng=rng, noise=0.15)
    if dataset == "spirals":
        return datasets.spirals(n, rng=rng, noise=0.03)
    raise ValueError(f"dataset must be one of {PLAYGROUND_DATASETS}, got {dataset!r}")


def playground_run(
    dataset: str = "spirals",
    width: int = 16,
    depth: int = 2,
    activation: str = "tanh",
    eta: float = 0.01,
    epochs: int = 300,
    *,
    seed: int = 0,
    n: int = 200,
    data_seed: int | None = None,
) -> PlaygroundRun:
    """Train a 2-width-…-width-1 network with ``depth`` hidden layers on ``dataset``.

    The output is one sigmoid unit with the binary cross-entropy; training uses Adam
    with step size ``eta`` on mini-batches of 32 for ``epochs`` epochs. The data come
    from ``default_rng(seed)`` (or ``default_rng(data_seed)`` when it is given, so that
    several training runs can share one data set), the initial weights from
    ``default_rng(seed + 1)`` and the shuffling from ``default_rng(seed + 2)``, so a run
    is reproducible.
    """
    width = check_int("width", width, low=1)
    depth = check_int("depth", depth, low=0)
    epochs = check_int("epochs", epochs, low=1)
    eta = check_positive("eta", eta)
    if activation not in PLAYGROUND_ACTIVATIONS:
        raise ValueError(f"activation must be one of {PLAYGROUND_ACTIVATIONS}, got {activation!r}")
    X, y = playground_data(dataset, n, rng=np.random.default_rng(seed if data_seed is None else data_seed))
    sizes = [2] + [width] * depth + [1]
    net = Network(sizes, hidden=activation, output="sigmoid", loss="binary_cross_entropy",
                  rng=np.random.default_rng(seed + 1))
    history = train(net, X, y, optimiser=Adam(eta), epochs=epochs, batch_size=32,
                    rng=np.random.default_rng(seed + 2))
    return PlaygroundRun(net, X, y, history, dataset)


def draw_playground(run: PlaygroundRun, ax, *, title: str | None = None) -> None:
    """Draw the predicted probability of class 1 over the plane, with the training points."""
    decision_regions(lambda P: run.net.predict_proba(P)[:, 0], run.X, run.y, ax=ax, proba=True,
                     legend=False, resolution=120)
    if title is None:
        title = f"{run.dataset}, sizes {run.net.sizes}: {run.net.accuracy(run.X, run.y):.0%} correct"
    ax.set_title(title, fontsize=9)


def playground(
    *,
    dataset: str = "spirals",
    width: int = 16,
    depth: int = 2,
    activation: str = "tanh",
    eta: float = 0.01,
    epochs: int = 300,
):
    """Controls for the data set, width, depth, activation, step size and epochs.

    Every change trains a new network (a fraction of a second to a few seconds) and
    redraws its decision surface. Returns an ipywidgets ``VBox`` with an extra
    ``update()`` method (redraw now; returns the figure).
    """
    import ipywidgets as widgets

    style = {"description_width": "initial"}
    data_menu = widgets.Dropdown(options=PLAYGROUND_DATASETS, value=dataset, description="data")
    width_slider = widgets.IntSlider(value=width, min=1, max=64, description="width",
                                     continuous_update=False, style=style)
    depth_slider = widgets.IntSlider(value=depth, min=0, max=4, description="hidden layers",
                                     continuous_update=False, style=style)
    act_menu = widgets.Dropdown(options=PLAYGROUND_ACTIVATIONS, value=activation, description="φ")
    eta_slider = widgets.FloatLogSlider(value=eta, base=10, min=-3, max=0, step=0.25,
                                        description="step size η", continuous_update=False, style=style)
    epoch_slider = widgets.IntSlider(value=epochs, min=10, max=1000, step=10, description="epochs",
                                     continuous_update=False, style=style)
    controls = [data_menu, width_slider, depth_slider, act_menu, eta_slider, epoch_slider]

    def make_figure() -> Figure:
        run = playground_run(data_menu.value, width_slider.value, depth_slider.value, act_menu.value,
                             eta_slider.value, epoch_slider.value)
        fig, ax = plt.subplots(figsize=(5.0, 4.5), layout="constrained")
        draw_playground(run, ax)
        return fig

    return _live_figure(controls, make_figure)
