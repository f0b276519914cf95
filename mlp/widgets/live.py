"""The plumbing every explorer shares: controls in a row above a figure that redraws."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

Array = np.ndarray


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
