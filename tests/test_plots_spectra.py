"""mlp.plots.spectra: spectra on a symmetric-log axis and per-layer profiles."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from mlp.plots import layer_profile, spectrum  # noqa: E402


def test_spectrum_sorts_and_uses_symlog():
    ax = spectrum([3.0, -1.0, 0.0, 1e-6], linthresh=1e-4)
    y = ax.lines[-1].get_ydata()
    assert list(y) == sorted(y) and ax.get_yscale() == "symlog"
    plt.close("all")
    with pytest.raises(ValueError):
        spectrum([1.0], linthresh=0)


def test_layer_profile_drops_non_positive_values_on_a_log_axis():
    ax = layer_profile({"a": [1.0, 0.1, 0.0, -1.0], "b": [1, 2, 3, 4]})
    assert len(ax.lines) == 2 and list(ax.lines[0].get_xdata()) == [1, 2]
    assert ax.get_yscale() == "log"
    plt.close("all")
    with pytest.raises(TypeError):
        layer_profile([1, 2])
