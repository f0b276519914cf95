"""Data augmentation: new training inputs made from old ones by small changes.

A digit moved by a pixel or two is still the same digit, so randomly translated
copies of the training images teach the network that invariance for free
(Simard, Steinkraus & Platt, 2003). Use with :func:`mlp.train`::

    train(net, X, y, ..., transform=augment.Translate(max_shift=2, shape=(28, 28)))
"""

from __future__ import annotations

import numpy as np

from ._validate import check_int, check_rng

__all__ = ["translate", "Translate"]

Array = np.ndarray


def translate(
    X: Array,
    shifts: Array,
    *,
    shape: tuple[int, int] = (28, 28),
    fill: float = 0.0,
) -> Array:
    """Translate each image (a row of ``X``) by its own integer shift (dy, dx).

    Parameters
    ----------
    X : array, shape (B, h·w)
        Images as rows, each a flattened ``shape`` = (h, w) image.
    shifts : int array, shape (B, 2)
        Row i moves image i down by ``shifts[i, 0]`` and right by ``shifts[i, 1]``
        pixels (negative: up, left). Pixels moved out of the frame are lost; the
        pixels uncovered are set to ``fill``.
    fill : float
        The background value (0 for raw images; the normalised value of 0 otherwise).

    Returns
    -------
    array of the same shape and dtype as ``X`` (a new array).
    """
    X = np.asarray(X)
    h, w = (check_int("shape[0]", shape[0], low=1), check_int("shape[1]", shape[1], low=1))
    if X.ndim != 2 or X.shape[1] != h * w:
        raise ValueError(f"X must have shape (B, {h * w}) for images of shape {shape}, got {X.shape}")
    shifts = np.asarray(shifts)
    if shifts.shape != (len(X), 2) or not np.issubdtype(shifts.dtype, np.integer):
        raise ValueError(
            f"shifts must be an integer array of shape ({len(X)}, 2), got {shifts.dtype} {shifts.shape}"
        )
    s = int(np.max(np.abs(shifts), initial=0))
    images = X.reshape(len(X), h, w)
    padded = np.full((len(X), h + 2 * s, w + 2 * s), fill, dtype=X.dtype)
    padded[:, s : s + h, s : s + w] = images
    out = np.empty_like(images)
    # Group the images by shift: at most (2s+1)² slices instead of a gather per pixel.
    codes = (shifts[:, 0] + s) * (2 * s + 1) + (shifts[:, 1] + s)
    for code in np.unique(codes):
        rows = np.flatnonzero(codes == code)
        dy, dx = divmod(int(code), 2 * s + 1)
        dy, dx = dy - s, dx - s
        out[rows] = padded[rows, s - dy : s - dy + h, s - dx : s - dx + w]
    return out.reshape(len(X), h * w)


class Translate:
    """A ``transform`` for :func:`mlp.train`: shift every image by a random (dy, dx).

    Each image gets its own shift, drawn uniformly from {−max_shift, …, max_shift}² by
    the training ``rng``.
    """

    def __init__(self, max_shift: int = 1, *, shape: tuple[int, int] = (28, 28), fill: float = 0.0):
        self.max_shift = check_int("max_shift", max_shift, low=0)
        self.shape = shape
        self.fill = float(fill)

    def __call__(self, X: Array, rng: np.random.Generator) -> Array:
        check_rng(rng)
        shifts = rng.integers(-self.max_shift, self.max_shift + 1, size=(len(X), 2))
        return translate(X, shifts, shape=self.shape, fill=self.fill)

    def __repr__(self) -> str:
        return f"Translate(max_shift={self.max_shift}, shape={self.shape}, fill={self.fill})"
