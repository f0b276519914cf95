"""Optimisation paths as animations that play in a static web page.

:func:`animate_paths` draws the contour lines of a two-parameter cost once and moves
one marker per path across it, frame by frame. It returns the self-contained
HTML/JavaScript player of matplotlib's ``FuncAnimation.to_jshtml`` (the frames are
embedded as PNG images), which a notebook shows with ``IPython.display.HTML`` and
which plays on the website without a kernel. Keep it small: a few dozen frames at a
low resolution give a page element of a few hundred kilobytes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.animation import FuncAnimation

from mlp._validate import as_float_array, check_int, check_positive

from .landscape import contour_path
from .style import LINESTYLES, MARKERS, PATH_COLOURS

__all__ = ["animate_paths"]

# The player's buttons use Font Awesome icons from a CDN; the website works offline, so the
# stylesheet link is dropped and each icon becomes a plain Unicode symbol.
_ICONS = {
    "fa fa-play fa-flip-horizontal": "\u25c0",  # play backwards
    "fa fa-fast-backward": "\u23ee",
    "fa fa-fast-forward": "\u23ed",
    "fa fa-step-backward": "\u25c0|",
    "fa fa-step-forward": "|\u25b6",
    "fa fa-minus": "\u2212",
    "fa fa-plus": "+",
    "fa fa-pause": "\u23f8",
    "fa fa-play": "\u25b6",
}


def _offline_player(html: str) -> str:
    """Remove the CDN stylesheet of the animation player and replace its icons by text."""
    html = re.sub(r"<link[^>]*font-awesome[^>]*>", "", html)
    for css, symbol in _ICONS.items():
        html = html.replace(f'<i class="{css}"></i>', f'<span aria-hidden="true">{symbol}</span>')
    return html


def animate_paths(
    f: Callable[[np.ndarray, np.ndarray], np.ndarray],
    paths: Mapping[str, object],
    *,
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    levels: int | Sequence[float] = 20,
    critical_points: Mapping[str, tuple[float, float]] | None = None,
    title: str = "",
    alt: str = "An animation of optimisation paths on a contour plot.",
    figsize: tuple[float, float] = (4.2, 3.6),
    dpi: int = 64,
    interval: int = 200,
    resolution: int = 120,
) -> str:
    """The HTML of an animation of ``paths`` (label → array (k, 2)) on the contours of ``f``.

    Frame j shows every path up to its iterate j (a path shorter than the longest one
    stays at its last point). The player starts once and stops at the last frame
    (``default_mode='once'``), with the usual controls to step, rewind and loop. ``alt``
    becomes the alt text of the player's image.
    """
    if not isinstance(paths, Mapping) or not paths:
        raise TypeError(
            f"paths must be a non-empty mapping label -> array (k, 2), got {type(paths).__name__}"
        )
    arrays = {}
    for name, path in paths.items():
        arr = as_float_array("paths", path, ndim=2, allow_nonfinite=True)
        if arr.shape[1] != 2 or arr.shape[0] < 1:
            raise ValueError(f"each path must have shape (k, 2) with k >= 1, got {arr.shape} for {name!r}")
        arrays[str(name)] = np.where(np.isfinite(arr), arr, np.nan)
    dpi = check_int("dpi", dpi, low=20, high=200)
    interval = check_int("interval", interval, low=10)
    check_positive("figsize[0]", figsize[0])
    check_positive("figsize[1]", figsize[1])
    n_frames = max(len(a) for a in arrays.values())

    # The still part (contours, axes, ticks, legend) is drawn once and becomes one image;
    # each frame then draws only that image and the moving lines on an invisible copy of the
    # axes, which is several times faster than redrawing ticks and contours for every frame.
    styles = [(PATH_COLOURS[i % len(PATH_COLOURS)], LINESTYLES[i % len(LINESTYLES)],
               MARKERS[i % len(MARKERS)]) for i in range(len(arrays))]
    still, ax = plt.subplots(figsize=figsize, dpi=dpi)
    try:
        contour_path(f, None, xlim=xlim, ylim=ylim, levels=levels, ax=ax,
                     critical_points=critical_points, resolution=resolution)
        for name, (colour, ls, marker) in zip(arrays, styles):
            ax.plot([], [], color=colour, linestyle=ls, marker=marker, markersize=6,
                    markeredgecolor="black", linewidth=1.2, label=name)
        ax.legend(loc="upper right", fontsize=8, framealpha=0.9)
        ax.set_title(" ", fontsize=9)
        still.tight_layout()
        still.canvas.draw()
        background = np.asarray(still.canvas.buffer_rgba()).copy()
        position = ax.get_position().bounds
    finally:
        plt.close(still)

    fig = plt.figure(figsize=figsize, dpi=dpi)
    back = fig.add_axes((0, 0, 1, 1))
    back.imshow(background, interpolation="nearest", aspect="auto")
    back.set_axis_off()
    ax = fig.add_axes(position)
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_axis_off()
    ax.patch.set_alpha(0)
    lines, heads = [], []
    for colour, ls, marker in styles:
        (line,) = ax.plot([], [], color=colour, linestyle=ls, linewidth=1.2)
        (head,) = ax.plot([], [], color=colour, marker=marker, markersize=8,
                          markeredgecolor="black", linestyle="none")
        lines.append(line)
        heads.append(head)
    label = fig.text(position[0] + position[2] / 2, position[1] + position[3] + 0.01, title,
                     ha="center", va="bottom", fontsize=9)

    def draw(j: int):
        for arr, line, head in zip(arrays.values(), lines, heads):
            upto = arr[: min(j, len(arr) - 1) + 1]
            line.set_data(upto[:, 0], upto[:, 1])
            head.set_data(upto[-1:, 0], upto[-1:, 1])
        label.set_text(f"{title}  step {j}".strip())
        return [*lines, *heads, label]

    animation = FuncAnimation(fig, draw, frames=n_frames, interval=interval, blit=False)
    try:
        html = animation.to_jshtml(default_mode="once")
    finally:
        plt.close(fig)
    html = _offline_player(html)
    # matplotlib names the player's elements with a random id; derive it from the content
    # instead, so that the same animation gives the same HTML (stored notebooks are compared)
    match = re.search(r"_anim_img([0-9a-f]{32})", html)
    if match:
        uid = match.group(1)
        html = html.replace(uid, hashlib.sha1(html.replace(uid, "").encode()).hexdigest()[:32])
    alt_attr = alt.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    # the frame slider has no visible label; name it for screen readers (axe rule "label")
    html = html.replace('<input id="_anim_slider', '<input aria-label="animation frame" id="_anim_slider')
    return html.replace('<img id="_anim_img', f'<img alt="{alt_attr}" id="_anim_img', 1)
