"""The tiny two-weight network: optimisers on its landscape, and an explorer for them."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from .._validate import as_float_array, check_int, check_positive
from .live import _live_figure

Array = np.ndarray

TINY_METHODS = ("gradient descent", "momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam", "Newton")


def tiny_optimiser(method: str, eta: float, *, beta: float = 0.9, decay: float = 0.04):
    """The :mod:`mlp.optim` optimiser called ``method`` (one of ``TINY_METHODS``) with step η."""
    from .. import optim
    from ..tiny import tiny_hessian

    eta = check_positive("eta", eta)
    makers = {
        "gradient descent": lambda: optim.GradientDescent(eta),
        "momentum": lambda: optim.Momentum(eta, beta=beta),
        "Nesterov": lambda: optim.Nesterov(eta, beta=beta),
        "AdaGrad": lambda: optim.AdaGrad(eta),
        "RMSProp": lambda: optim.RMSProp(eta),
        "Adam": lambda: optim.Adam(eta),
        "Newton": lambda: optim.Newton(lambda w: tiny_hessian(w, decay), lr=eta),
    }
    if method not in makers:
        raise ValueError(f"method must be one of {TINY_METHODS}, got {method!r}")
    return makers[method]()


def tiny_path(method: str, eta: float, start, n_steps: int, *, decay: float = 0.04,
              beta: float = 0.9) -> Array:
    """The path of ``method`` with step η from ``start`` on the tiny landscape, shape (n_steps + 1, 2).

    ``beta`` is the momentum coefficient of "momentum" and "Nesterov" (ignored otherwise).
    A diverging path is returned as it is (with inf or NaN once it overflows); a Newton
    step at a singular Hessian ends the path there (the remaining rows repeat the point).
    """
    from ..optim import minimise
    from ..tiny import tiny_gradient

    start = as_float_array("start", start, ndim=1)
    if start.shape != (2,):
        raise ValueError(f"start must have shape (2,), got {start.shape}")
    n_steps = check_int("n_steps", n_steps, low=0)
    opt = tiny_optimiser(method, eta, beta=beta, decay=decay)
    with np.errstate(over="ignore", invalid="ignore"):
        try:
            return minimise(lambda w: tiny_gradient(w, decay), start, opt, n_steps)
        except ValueError:  # singular Hessian (Newton) or overflow: stop where it broke
            path = np.empty((n_steps + 1, 2))
            theta, path[0] = start.copy(), start
            for k in range(n_steps):
                try:
                    opt.step([theta], [tiny_gradient(theta, decay)])
                except ValueError:
                    path[k + 1:] = theta
                    break
                path[k + 1] = theta
            return path


def draw_tiny_path(ax, method: str, eta: float, start, n_steps: int, *, decay: float = 0.04) -> Array:
    """Contours of the tiny cost, its critical points and the path of ``method``; returns the path."""
    from ..plots import contour_path
    from ..tiny import tiny_cost, tiny_minima

    path = tiny_path(method, eta, start, n_steps, decay=decay)
    points = {"saddle": (0.0, 0.0)}
    minima = tiny_minima(decay)
    if len(minima) == 2:
        points.update({"min": tuple(minima[0]), "min ": tuple(minima[1])})
    levels = np.concatenate([np.geomspace(0.03, 3, 9), [5, 8, 12]])
    contour_path(lambda a, b: tiny_cost(a, b, decay), {f"{method}, η = {eta:.3g}": path},
                 xlim=(-2.5, 2.5), ylim=(-2.5, 2.5), levels=levels, ax=ax, critical_points=points,
                 resolution=150)
    last = path[-1]
    where = f"θ_{n_steps} = ({last[0]:.3f}, {last[1]:.3f})" if np.all(np.isfinite(last)) else "diverged"
    ax.set_title(where, fontsize=10)
    return path


def tiny_explorer(*, method: str = "gradient descent", eta: float = 0.25, start=(0.5, 1.5),
                  n_steps: int = 40, decay: float = 0.04):
    """A method menu and sliders for η, the start (w₁, w₂) and the number of steps.

    Returns an ipywidgets ``VBox`` with an extra ``update()`` method (redraw now; returns
    the figure).
    """
    import ipywidgets as widgets

    if method not in TINY_METHODS:
        raise ValueError(f"method must be one of {TINY_METHODS}, got {method!r}")
    start = as_float_array("start", start, ndim=1)
    style = {"description_width": "initial"}
    menu = widgets.Dropdown(options=list(TINY_METHODS), value=method, description="method")
    eta_slider = widgets.FloatSlider(value=eta, min=0.01, max=1.0, step=0.01, readout_format=".2f",
                                     description="step size η", continuous_update=False, style=style)
    w1_slider = widgets.FloatSlider(value=float(start[0]), min=-2.4, max=2.4, step=0.1,
                                    description="start w₁", continuous_update=False, style=style)
    w2_slider = widgets.FloatSlider(value=float(start[1]), min=-2.4, max=2.4, step=0.1,
                                    description="start w₂", continuous_update=False, style=style)
    steps_slider = widgets.IntSlider(value=n_steps, min=1, max=200, description="steps",
                                     continuous_update=False, style=style)

    def make_figure() -> Figure:
        fig, ax = plt.subplots(figsize=(5.5, 4.8), layout="constrained")
        draw_tiny_path(ax, menu.value, eta_slider.value, (w1_slider.value, w2_slider.value),
                       steps_slider.value, decay=decay)
        return fig

    return _live_figure([menu, eta_slider, w1_slider, w2_slider, steps_slider], make_figure)
