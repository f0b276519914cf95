"""Gradient descent on a two-parameter quadratic, and its explorer."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from .._validate import check_int, check_positive
from .live import _live_figure

Array = np.ndarray


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
    from ..optim import GradientDescent, minimise

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
    from ..plots import contour_path

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
