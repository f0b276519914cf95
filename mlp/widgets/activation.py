"""The activation explorer: each activation and its derivative, with gain and slope."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from .._validate import check_positive
from .live import _live_figure

Array = np.ndarray

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
    from ..activations import get_activation, leaky_relu

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
