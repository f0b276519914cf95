"""Plotting helpers shared by the chapters.

Every helper draws with matplotlib's object-oriented API onto an ``ax`` you pass
in (or onto a new figure when you don't) and returns what it drew on. None of
them calls ``plt.show()`` or changes global matplotlib settings.

Accessibility: colours come from the Okabe–Ito palette, which stays
distinguishable under the common forms of colour blindness, and classes are also
told apart by marker shape. Signed quantities (weights) use a diverging map
centred at 0; magnitudes use a sequential one.

Tip for notebooks: end a plotting cell with ``;`` (or assign the result) so that
no ``<Axes: ...>`` text is printed under the figure.
"""

from .confusion import confusion_matrix, confusion_matrix_plot
from .curves import histograms, loss_curve
from .images import weight_images
from .landscape import contour_path
from .paths import animate_paths
from .regions import decision_regions
from .spectra import layer_profile, spectrum
from .style import (
    DIVERGING_CMAP,
    LINESTYLES,
    MARKERS,
    PALETTE,
    PATH_COLOURS,
    SEQUENTIAL_CMAP,
)

__all__ = [
    "DIVERGING_CMAP",
    "LINESTYLES",
    "MARKERS",
    "PALETTE",
    "PATH_COLOURS",
    "SEQUENTIAL_CMAP",
    "animate_paths",
    "confusion_matrix",
    "confusion_matrix_plot",
    "contour_path",
    "decision_regions",
    "layer_profile",
    "spectrum",
    "histograms",
    "loss_curve",
    "weight_images",
]
