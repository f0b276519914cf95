"""Interactive explorers (ipywidgets) and the small simulations behind them.

Every explorer is a function that returns an ipywidgets box; display it as the last
expression of a notebook cell. Each box also has an ``update()`` method that redraws
with the current slider values and returns the new figure, so the drawing code can
be tested without a browser.

The explorers need a live Jupyter kernel (Binder, Colab or a local Jupyter). The
chapters always show a static figure with the same message next to them, because the
website has no kernel.
"""

from .activation import EXPLORER_ACTIVATIONS, activation_curves, activation_explorer, draw_activation
from .higham import HighamRun, draw_higham_run, higham_explorer, higham_sgd
from .playground import (
    PLAYGROUND_ACTIVATIONS,
    PLAYGROUND_DATASETS,
    PlaygroundRun,
    draw_playground,
    playground,
    playground_data,
    playground_run,
)
from .quadratic import draw_gd_quadratic, gd_explorer, gd_quadratic_path
from .tiny import TINY_METHODS, draw_tiny_path, tiny_explorer, tiny_optimiser, tiny_path

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
    "PLAYGROUND_DATASETS",
    "PLAYGROUND_ACTIVATIONS",
    "PlaygroundRun",
    "playground_data",
    "playground_run",
    "draw_playground",
    "playground",
    "TINY_METHODS",
    "tiny_optimiser",
    "tiny_path",
    "draw_tiny_path",
    "tiny_explorer",
]
