"""Checkers of chapter 13: the reference passes; stubs, known mistakes and crashes fail clearly."""

import numpy as np
import pytest

from mlp import augment
from mlp.exercises import ch13


def test_shift_reference_passes_and_agrees_with_mlp_augment():
    assert ch13.check_shift_image(ch13.shift_image_reference)
    img = np.random.default_rng(0).random((28, 28))
    for dy, dx in [(1, 0), (-2, 2), (0, -1)]:
        ours = augment.translate(img.reshape(1, -1), np.array([[dy, dx]]))[0].reshape(28, 28)
        assert np.array_equal(ours, ch13.shift_image_reference(img, dy, dx))


def test_shift_stub_fails_with_stub_message():
    def shift_image(image, dy, dx): ...

    result = ch13.check_shift_image(shift_image)
    assert not result and "still a stub" in result.message


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda im, dy, dx: np.roll(im, (dy, dx), axis=(0, 1)), "wraps around"),
        (lambda im, dy, dx: ch13.shift_image_reference(im, dx, dy), "swapped"),
        (lambda im, dy, dx: ch13.shift_image_reference(im, -dy, -dx), "wrong way"),
    ],
)
def test_shift_mistakes_get_their_hint(wrong, hint):
    result = ch13.check_shift_image(wrong)
    assert not result and hint in result.message


def test_shift_exception_and_odd_answers_are_reported():
    def crashes(image, dy, dx):
        raise IndexError("oops")

    result = ch13.check_shift_image(crashes)
    assert not result and "IndexError" in result.message
    assert not ch13.check_shift_image(lambda im, dy, dx: im)
    assert not ch13.check_shift_image(lambda im, dy, dx: np.zeros((2, 2)))


def test_dead_reference_passes():
    assert ch13.check_dead_units(ch13.dead_units_reference)


def test_dead_stub_fails():
    def dead_units(A): ...

    result = ch13.check_dead_units(dead_units)
    assert not result and "still a stub" in result.message


@pytest.mark.parametrize(
    "wrong, hint",
    [
        (lambda A: ~np.any(A > 0, axis=1), "reduce over axis 0"),
        (lambda A: ~np.any(A >= 0, axis=0), "never negative"),
        (lambda A: np.any(A > 0, axis=0), "*active* units"),
        (lambda A: np.mean(A > 0, axis=0) < 0.5, "however rarely"),
    ],
)
def test_dead_mistakes_get_their_hint(wrong, hint):
    result = ch13.check_dead_units(wrong)
    assert not result and hint in result.message


def test_dead_exception_and_odd_answers_are_reported():
    def crashes(A):
        raise ValueError("bad")

    assert "ValueError" in ch13.check_dead_units(crashes).message
    assert not ch13.check_dead_units(lambda A: np.zeros(A.shape[1], dtype=bool))
    assert not ch13.check_dead_units(lambda A: 3)
