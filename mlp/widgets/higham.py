"""Higham & Higham's 2-2-3-2 example: a small SGD run and its explorer."""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from .._validate import check_int, check_positive, check_rng
from ..datasets import higham_points, higham_targets
from ..network import Network
from ..plots import decision_regions
from .live import _live_figure

Array = np.ndarray


def _sigmoid(z: Array) -> Array:
    # σ(z) = exp(−log(1 + e^{−z})), stable for every z and faster than the general
    # mlp.activations.sigmoid on the tiny vectors of a single-example loop.
    return np.exp(-np.logaddexp(0.0, -z))


# --------------------------------------------------------------------------- Higham & Higham


@dataclass
class HighamRun:
    """The result of :func:`higham_sgd`.

    ``net`` is the trained network; ``iterations[i]`` is the number of SGD steps taken
    when ``costs[i]`` (the cost on all ten points) was measured.
    """

    net: Network
    iterations: Array
    costs: Array


def higham_sgd(
    eta: float,
    n_iter: int,
    *,
    rng: np.random.Generator,
    sizes: tuple[int, ...] = (2, 2, 3, 2),
    init_std: float = 0.5,
    record_every: int = 1000,
) -> HighamRun:
    """Train Higham & Higham's example by SGD on single examples.

    The set-up of C. F. Higham and D. J. Higham (SIAM Review 61(4), 2019): the ten
    points of :func:`mlp.datasets.higham_points` with the one-hot targets of
    :func:`mlp.datasets.higham_targets`, a network with sigmoid units in every layer
    (the output layer too), the squared-error cost C = (1/10) Σₙ ½‖ŷₙ − yₙ‖², weights
    and biases drawn from N(0, init_std²), and ``n_iter`` steps
    θ ← θ − η ∇_θ Cₙ(θ), each on one example n drawn uniformly at random (with
    replacement).

    Each step is a forward pass, the backward pass of Lemma 1 (all δ⁽ˡ⁾ computed
    before any parameter changes) and the update. Randomness is consumed in a fixed
    order: the parameters W⁽¹⁾, b⁽¹⁾, W⁽²⁾, b⁽²⁾, … first, then all ``n_iter`` example
    indices at once.

    Parameters
    ----------
    eta : float
        Step size η > 0.
    n_iter : int
        Number of SGD steps (≥ 0).
    rng : numpy.random.Generator
        Source of the initial parameters and of the sampled examples.
    sizes : tuple of int
        Layer widths (d₀, …, d_L); d₀ = d_L = 2 for this data set.
    init_std : float
        Standard deviation of the initial weights and biases.
    record_every : int
        Measure the cost on all ten points every this many steps (and at the end).
    """
    eta = check_positive("eta", eta)
    n_iter = check_int("n_iter", n_iter, low=0)
    record_every = check_int("record_every", record_every, low=1)
    init_std = check_positive("init_std", init_std)
    rng = check_rng(rng)
    X, _ = higham_points()
    Y = higham_targets()
    sizes = tuple(int(s) for s in sizes)
    if len(sizes) < 2 or sizes[0] != X.shape[1] or sizes[-1] != Y.shape[1]:
        raise ValueError(f"sizes must start with 2 and end with 2 for this data set, got {sizes}")
    weights, biases = [], []
    for d_in, d_out in zip(sizes[:-1], sizes[1:]):
        weights.append(init_std * rng.standard_normal((d_out, d_in)))
        biases.append(init_std * rng.standard_normal(d_out))
    L = len(weights)
    order = rng.integers(0, len(X), size=n_iter)

    def cost() -> float:
        A = X
        for W, b in zip(weights, biases):
            A = _sigmoid(A @ W.T + b)
        return float(np.mean(0.5 * np.sum((A - Y) ** 2, axis=1)))

    iterations, costs = [0], [cost()]
    for k in range(n_iter):
        n = order[k]
        activations = [X[n]]
        for W, b in zip(weights, biases):  # forward pass, storing every a⁽ˡ⁾
            activations.append(_sigmoid(W @ activations[-1] + b))
        # σ′(z) = σ(z)(1 − σ(z)) = a(1 − a): no need to store z
        deltas = [None] * L
        a_out = activations[-1]
        deltas[-1] = a_out * (1 - a_out) * (a_out - Y[n])
        for l in range(L - 1, 0, -1):  # every δ before any update
            a = activations[l]
            deltas[l - 1] = a * (1 - a) * (weights[l].T @ deltas[l])
        for l in range(L):
            weights[l] -= eta * np.outer(deltas[l], activations[l])
            biases[l] -= eta * deltas[l]
        if (k + 1) % record_every == 0 or k + 1 == n_iter:
            iterations.append(k + 1)
            costs.append(cost())
    net = Network.from_weights(weights, biases, "sigmoid", "sigmoid", "squared_error")
    return HighamRun(net, np.array(iterations), np.array(costs))


def draw_higham_run(run: HighamRun, axes, *, title: str = "") -> None:
    """Draw a :class:`HighamRun` on two axes: the cost curve and the decision regions."""
    ax_cost, ax_regions = axes
    X, y = higham_points()
    ax_cost.semilogy(run.iterations, run.costs, color="#0072B2")
    ax_cost.set_xlabel("SGD step")
    ax_cost.set_ylabel("cost C")
    ax_cost.grid(True, which="both", alpha=0.3)
    if title:
        ax_cost.set_title(title)
    decision_regions(run.net.predict, X, y, ax=ax_regions, resolution=150, padding=0.1, legend=False)
    accuracy = run.net.accuracy(X, y)
    ax_regions.set_title(f"{accuracy:.0%} of the points correct")


def higham_explorer(*, eta: float = 0.5, n_iter: int = 20000, seed: int = 0):
    """Sliders for η, the number of SGD steps and the seed of Higham & Higham's example.

    Every change retrains the 2-2-3-2 sigmoid network with :func:`higham_sgd` and redraws
    the cost curve and the decision regions. Returns an ipywidgets ``VBox`` with an
    extra ``update()`` method (redraw now; returns the figure).
    """
    import ipywidgets as widgets

    style = {"description_width": "initial"}
    eta_slider = widgets.FloatLogSlider(
        value=eta, base=10, min=-2, max=2, step=0.1, description="step size η",
        continuous_update=False, style=style,
    )
    iter_slider = widgets.IntSlider(
        value=n_iter, min=1000, max=60000, step=1000, description="SGD steps",
        continuous_update=False, style=style,
    )
    seed_slider = widgets.IntSlider(
        value=seed, min=0, max=20, description="seed", continuous_update=False, style=style
    )

    def make_figure() -> Figure:
        run = higham_sgd(
            eta_slider.value, iter_slider.value, rng=np.random.default_rng(seed_slider.value)
        )
        fig, axes = plt.subplots(1, 2, figsize=(8.5, 3.4), layout="constrained")
        draw_higham_run(run, axes, title=f"η = {eta_slider.value:.3g}")
        return fig

    return _live_figure([eta_slider, iter_slider, seed_slider], make_figure)
