"""Interactive explorers (ipywidgets) and the small simulations behind them.

Every explorer is a function that returns an ipywidgets box; display it as the last
expression of a notebook cell. Each box also has an ``update()`` method that redraws
with the current slider values and returns the new figure, so the drawing code can
be tested without a browser.

The explorers need a live Jupyter kernel (Binder, Colab or a local Jupyter). The
chapters always show a static figure with the same message next to them, because the
website has no kernel.
"""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from ._validate import check_int, check_positive, check_rng
from .datasets import higham_points, higham_targets
from .network import Network
from .plots import decision_regions

__all__ = [
    "HighamRun",
    "higham_sgd",
    "draw_higham_run",
    "higham_explorer",
    "EXPLORER_ACTIVATIONS",
    "activation_curves",
    "draw_activation",
    "activation_explorer",
    "gd_quadratic_path",
    "draw_gd_quadratic",
    "gd_explorer",
]

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


def _live_figure(controls, make_figure):
    """``controls`` in a row above a figure that ``make_figure()`` redraws on every change.

    Returns an ipywidgets ``VBox`` with an extra ``update()`` method (redraw now; returns
    the figure), which the tests call.
    """
    import ipywidgets as widgets
    from IPython.display import display

    out = widgets.Output()

    def update(change=None) -> Figure:
        fig = make_figure()
        out.clear_output(wait=True)
        with out:
            display(fig)
        plt.close(fig)
        return fig

    for control in controls:
        control.observe(update, names="value")
    box = widgets.VBox([widgets.HBox(list(controls)), out])
    box.update = update
    update()
    return box


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


# --------------------------------------------------------------------------- activations

#: The elementwise activations the explorer offers (softmax is not elementwise).
EXPLORER_ACTIVATIONS: tuple[str, ...] = ("identity", "step", "sigmoid", "tanh", "relu", "leaky_relu")


def activation_curves(
    name: str,
    *,
    gain: float = 1.0,
    slope: float = 0.1,
    z: Array | None = None,
) -> tuple[Array, Array, Array]:
    """The curves the activation explorer draws: z, g(z) = φ(gain·z) and g′(z).

    By the chain rule g′(z) = gain · φ′(gain·z): a larger gain makes a sigmoid or tanh
    steeper near 0 *and* saturate sooner. ``slope`` is the leaky-ReLU slope a > 0
    (ignored by the other activations). Derivatives follow :mod:`mlp.activations`,
    including its conventions at the kinks (step′(0) = 0, relu′(0) = 0, leaky′(0) = a).

    Parameters
    ----------
    name : str
        One of :data:`EXPLORER_ACTIVATIONS`.
    gain : float
        Positive factor applied to the pre-activation.
    slope : float
        Leaky-ReLU slope a, in (0, 1).
    z : array, optional
        Where to evaluate; default 601 points on [−5, 5].
    """
    from .activations import get_activation, leaky_relu

    if name not in EXPLORER_ACTIVATIONS:
        raise ValueError(f"name must be one of {EXPLORER_ACTIVATIONS}, got {name!r}")
    gain = check_positive("gain", gain)
    phi = leaky_relu(slope) if name == "leaky_relu" else get_activation(name)
    z = np.linspace(-5.0, 5.0, 601) if z is None else np.asarray(z, dtype=np.float64)
    return z, phi(gain * z), gain * phi.derivative(gain * z)


def draw_activation(axes, name: str, *, gain: float = 1.0, slope: float = 0.1) -> None:
    """Draw g(z) = φ(gain·z) on ``axes[0]`` and g′(z) on ``axes[1]``.

    The part of the z-axis where |g′(z)| < 0.01 (where the unit is saturated or off and
    passes almost no gradient back) is shaded on the derivative panel.
    """
    ax_f, ax_d = axes
    z, g, dg = activation_curves(name, gain=gain, slope=slope)
    label = name if name != "leaky_relu" else f"leaky_relu (a = {slope:g})"
    if gain != 1:
        label += f", gain {gain:g}"
    ax_f.plot(z, g, color="#0072B2", lw=2)
    ax_f.set_title(f"φ: {label}", fontsize=10)
    ax_f.set_xlabel("pre-activation z")
    ax_d.plot(z, dg, color="#D55E00", lw=2)
    ax_d.fill_between(z, 0, 1, where=np.abs(dg) < 0.01, color="0.85", alpha=0.7,
                      transform=ax_d.get_xaxis_transform(), label="|derivative| < 0.01")
    ax_d.set_title("derivative", fontsize=10)
    ax_d.set_xlabel("pre-activation z")
    for ax in (ax_f, ax_d):
        ax.axhline(0, color="0.6", lw=0.8)
        ax.axvline(0, color="0.6", lw=0.8)
        ax.grid(alpha=0.3)
    if np.any(np.abs(dg) < 0.01):
        ax_d.legend(fontsize=8, loc="upper left")


def activation_explorer(*, name: str = "sigmoid", gain: float = 1.0, slope: float = 0.1):
    """A menu of activations with sliders for the gain and the leaky-ReLU slope.

    Shows g(z) = φ(gain·z) and its derivative g′(z) = gain·φ′(gain·z), with the
    saturated region shaded. Returns an ipywidgets ``VBox`` with an extra ``update()``
    method (redraw now; returns the figure).
    """
    import ipywidgets as widgets

    style = {"description_width": "initial"}
    menu = widgets.Dropdown(options=list(EXPLORER_ACTIVATIONS), value=name, description="activation φ",
                            style=style)
    gain_slider = widgets.FloatLogSlider(
        value=gain, base=10, min=-1, max=1, step=0.05, description="gain (z ↦ gain·z)",
        continuous_update=False, style=style,
    )
    slope_slider = widgets.FloatSlider(
        value=slope, min=0.01, max=0.5, step=0.01, description="leaky slope a",
        continuous_update=False, style=style,
    )

    def make_figure() -> Figure:
        fig, axes = plt.subplots(1, 2, figsize=(8.5, 3.2), layout="constrained")
        draw_activation(axes, menu.value, gain=gain_slider.value, slope=slope_slider.value)
        return fig

    return _live_figure([menu, gain_slider, slope_slider], make_figure)


# --------------------------------------------------------------------------- gradient descent on a quadratic


def _check_quadratic(H: object, w_star: object, w0: object) -> tuple[Array, Array, Array]:
    H = np.asarray(H, dtype=np.float64)
    w_star = np.asarray(w_star, dtype=np.float64)
    w0 = np.asarray(w0, dtype=np.float64)
    if H.shape != (2, 2) or not np.allclose(H, H.T):
        raise ValueError(f"H must be a symmetric 2×2 matrix, got shape {H.shape}")
    if np.linalg.eigvalsh(H)[0] <= 0:
        raise ValueError(f"H must be positive definite, got eigenvalues {np.linalg.eigvalsh(H)}")
    if w_star.shape != (2,) or w0.shape != (2,):
        raise ValueError(f"w_star and w0 must have shape (2,), got {w_star.shape} and {w0.shape}")
    return H, w_star, w0


def gd_quadratic_path(H: object, w_star: object, w0: object, eta: float, n_steps: int) -> Array:
    """Gradient descent on C(w) = ½ (w − w*)ᵀ H (w − w*) from w0; the path, shape (n_steps + 1, 2).

    The gradient is H (w − w*), so every step is w ← w − η H (w − w*) (chapter 5).
    """
    from .optim import GradientDescent, minimise

    H, w_star, w0 = _check_quadratic(H, w_star, w0)
    eta = check_positive("eta", eta)
    n_steps = check_int("n_steps", n_steps, low=0)
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging path is worth drawing
        return minimise(lambda w: H @ (w - w_star), w0, GradientDescent(eta), n_steps)


def draw_gd_quadratic(
    ax,
    H: object,
    w_star: object,
    w0: object,
    eta: float,
    n_steps: int,
    *,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
) -> Array:
    """Draw the contour lines of the quadratic and the gradient-descent path on ``ax``.

    The title gives η, its ratio to the critical step 2/λ_max and the contraction
    factor ρ = max |1 − ηλᵢ| per step (ρ < 1: converges; ρ > 1: diverges). Returns the path.
    """
    from .plots import contour_path

    H, w_star, w0 = _check_quadratic(H, w_star, w0)
    path = gd_quadratic_path(H, w_star, w0, eta, n_steps)
    radius = 1.3 * max(float(np.linalg.norm(w0 - w_star)), 1e-3)
    xlim = xlim or (w_star[0] - radius, w_star[0] + radius)
    ylim = ylim or (w_star[1] - radius, w_star[1] + radius)

    def cost(W1, W2):
        d1, d2 = W1 - w_star[0], W2 - w_star[1]
        return 0.5 * (H[0, 0] * d1**2 + 2 * H[0, 1] * d1 * d2 + H[1, 1] * d2**2)

    lam = np.linalg.eigvalsh(H)
    rho = float(np.max(np.abs(1 - eta * lam)))
    levels = np.geomspace(1e-3, 1.0, 12) * max(float(cost(*w0)), 1e-12)
    contour_path(cost, {f"{n_steps} steps": path}, xlim=xlim, ylim=ylim, levels=levels, ax=ax,
                 critical_points={"$\\theta^\\star$": tuple(w_star)}, xlabel="$w_0$", ylabel="$w_1$")
    ax.set_title(f"η = {eta:.3g} = {eta * lam[-1] / 2:.2f}·(2/λ_max),  ρ = {rho:.3f}", fontsize=10)
    return path


def gd_explorer(
    H: object,
    w_star: object,
    w0: object,
    *,
    eta: float | None = None,
    n_steps: int = 30,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
):
    """Sliders for the step size η and the number of steps of gradient descent on a quadratic.

    The η slider runs from 2 % to 120 % of the critical step 2/λ_max of H, so both
    convergence and divergence can be seen. Returns an ipywidgets ``VBox`` with an
    extra ``update()`` method (redraw now; returns the figure).
    """
    import ipywidgets as widgets

    H, w_star, w0 = _check_quadratic(H, w_star, w0)
    eta_crit = 2 / float(np.linalg.eigvalsh(H)[-1])
    style = {"description_width": "initial"}
    eta_slider = widgets.FloatSlider(
        value=0.5 * eta_crit if eta is None else eta, min=0.02 * eta_crit, max=1.2 * eta_crit,
        step=0.01 * eta_crit, readout_format=".3f", description="step size η",
        continuous_update=False, style=style,
    )
    steps_slider = widgets.IntSlider(
        value=n_steps, min=1, max=100, description="steps", continuous_update=False, style=style
    )

    def make_figure() -> Figure:
        fig, ax = plt.subplots(figsize=(5.5, 4.5), layout="constrained")
        draw_gd_quadratic(ax, H, w_star, w0, eta_slider.value, steps_slider.value, xlim=xlim, ylim=ylim)
        return fig

    return _live_figure([eta_slider, steps_slider], make_figure)
