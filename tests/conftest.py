"""Fixtures shared by the book tests (test_book.py) and the website tests (test_site.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

#: ``run.py test`` sets this to the folder of a build it has just made (warning-free).
BUILT_ENV = "MLP_BOOK_HTML"


def jupyter_book() -> str:
    """The ``jupyter-book`` command of the running Python environment."""
    found = shutil.which("jupyter-book", path=str(Path(sys.executable).parent))
    return found or "jupyter-book"


def build_book(source: Path) -> subprocess.CompletedProcess:
    """Build ``source`` from scratch, failing on any warning; return the finished process."""
    command = [jupyter_book(), "build", str(source), "-W", "-n", "--keep-going", "--all"]
    return subprocess.run(command, capture_output=True, text=True)


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The built website (``_build/html``), built once per test session.

    When ``run.py test`` has just built it, the tests reuse that build instead of
    building again.
    """
    fresh = os.environ.get(BUILT_ENV)
    if fresh and (Path(fresh) / "index.html").is_file():
        return Path(fresh)
    result = build_book(ROOT)
    assert result.returncode == 0, f"book build failed:\n{result.stdout[-5000:]}{result.stderr}"
    return ROOT / "_build" / "html"


#: (output activation, loss) pairs for property tests: the three canonical pairs and
#: three general ones (δ⁽ᴸ⁾ = φ_out′ ⊙ ∂Cₙ/∂ŷ, or the softmax Jacobian).
HEADS = [
    ("softmax", "cross_entropy"),
    ("sigmoid", "binary_cross_entropy"),
    ("identity", "squared_error"),
    ("sigmoid", "squared_error"),
    ("tanh", "squared_error"),
    ("softmax", "squared_error"),
]
