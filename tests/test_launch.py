"""A chapter run as Colab runs it: one notebook, a fresh environment, no ``mlp``.

Colab opens a single notebook in an environment that has NumPy, Matplotlib and a
kernel, but not the course package. The fixture makes such an environment once per
test session: a new virtual environment with the pinned requirements that a notebook
needs (``requirements.txt`` without the book-building packages and without ``-e .``).
The chapter is copied alone into an empty folder and executed there; its set-up cell
(tools/setup_cell.py) must install ``mlp``, here from a local copy of the repository
(``MLP_COURSE_SOURCE``), so that every following cell runs.

Binder, which builds ``requirements.txt`` alone, is what ``run.py test`` runs nbval in
(the kernel ``course-binder``); see ``run.py``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import venv
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT

#: The Lemma 1 chapter: widgets, checkers, figures, most of `mlp`.
CHAPTER = ROOT / "chapters" / "07_backprop.ipynb"
#: Requirements a Colab runtime does not need (they build the website) or must not have.
NOT_IN_COLAB = ("jupyter-book", "sphinx-", "django-static-mathjax", "-e ")

RUNNER = """\
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

path = Path(sys.argv[1])
nb = nbformat.read(path, as_version=4)
where = {"metadata": {"path": str(path.parent)}}
NotebookClient(nb, timeout=300, kernel_name="python3", resources=where).execute()
nbformat.write(nb, path)
"""


def env_python(folder: Path) -> Path:
    return folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


@pytest.fixture(scope="session")
def colab_env(tmp_path_factory) -> Path:
    """A fresh virtual environment with the notebook requirements but without ``mlp``."""
    folder = tmp_path_factory.mktemp("colab") / "env"
    venv.create(folder, with_pip=True)
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if line.strip() and not line.startswith(("#", *NOT_IN_COLAB))]
    requirements = folder / "requirements-colab.txt"
    requirements.write_text("\n".join(kept) + "\n", encoding="utf-8")
    pip = [str(env_python(folder)), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    result = subprocess.run([*pip, "-r", str(requirements)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return folder


def repository_copy(target: Path) -> Path:
    """Copy what ``pip install`` needs of the repository to ``target``."""
    target.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, target / name)
    shutil.copytree(ROOT / "mlp", target / "mlp", ignore=shutil.ignore_patterns("__pycache__"))
    return target


def test_chapter_runs_as_in_colab(colab_env: Path, tmp_path: Path) -> None:
    python = str(env_python(colab_env))
    has_mlp = subprocess.run([python, "-c", "import mlp"], capture_output=True, cwd=tmp_path)
    assert has_mlp.returncode != 0, "the Colab-like environment must start without mlp"

    source = repository_copy(tmp_path / "course")
    work = tmp_path / "content"  # Colab's working folder: the notebook and nothing else
    work.mkdir()
    notebook = work / CHAPTER.name
    shutil.copy(CHAPTER, notebook)
    env = {**os.environ, "MLP_COURSE_SOURCE": str(source)}
    env.pop("PYTHONPATH", None)
    result = subprocess.run(
        [python, "-c", RUNNER, str(notebook)], cwd=work, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"the chapter failed as in Colab:\n{result.stderr[-4000:]}"

    nb = nbformat.read(notebook, as_version=4)
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors[:1]
    where = subprocess.run(
        [python, "-c", "import mlp; print(mlp.__file__)"], capture_output=True, text=True, cwd=tmp_path
    )
    assert where.returncode == 0 and Path(where.stdout.strip()).is_relative_to(colab_env), where.stdout
