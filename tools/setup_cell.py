"""The set-up cell that makes every chapter notebook run outside the repository (Colab).

Binder and a local checkout have the course package ``mlp`` installed; Colab opens a
single notebook and has not. So every notebook of the book gets, as its first code cell
(right after the title), a short cell that does nothing where ``import mlp`` works and
otherwise installs ``mlp`` with pip from the repository the launch buttons point at:
``repository.url`` and ``repository.branch`` in ``_config.yml``, the one place a fork
changes. The environment variable ``MLP_COURSE_SOURCE`` overrides that source (any
``pip install`` argument: a URL, a local folder); the tests use it to install from a
local copy.

The cell is generated here, never copied by hand, so it is the same in every chapter:

    python3 run.py setup-cells          # insert or update it in every notebook of _toc.yml

(``run.py execute`` does the same for the notebooks it executes). It is tagged
``remove-cell``, so the website does not show it, and it prints nothing where ``mlp``
imports, so its stored output is empty and nbval has nothing to compare.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import yaml

#: Marks the generated cell in its metadata, so that the tool finds and updates it.
MARKER = "course-setup"
TAGS = ["remove-cell", MARKER]
SOURCE_VARIABLE = "MLP_COURSE_SOURCE"

TEMPLATE = """\
# Set-up for Colab: install the course package `mlp` if it is missing (elsewhere this does nothing).
import importlib.util

if importlib.util.find_spec("mlp") is None:
    import os, subprocess, sys
    _source = os.environ.get("{variable}", "git+{url}@{branch}")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", _source], check=True)
    importlib.invalidate_caches()"""


def repository(root: Path) -> tuple[str, str]:
    """The ``(url, branch)`` of ``repository`` in ``root/_config.yml``."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    repo = config.get("repository") or {}
    url = str(repo.get("url", "")).rstrip("/")
    if not url.startswith(("https://", "http://")):
        raise ValueError(f"_config.yml: repository.url must be an http(s) URL, got {url!r}")
    return url, str(repo.get("branch") or "main")


def setup_source(root: Path) -> str:
    """The source of the set-up cell for the repository configured in ``root``."""
    url, branch = repository(root)
    return TEMPLATE.format(variable=SOURCE_VARIABLE, url=url, branch=branch)


def setup_cell(root: Path) -> nbformat.NotebookNode:
    """A fresh set-up cell (executed, with no output, as it is where ``mlp`` imports)."""
    cell = nbformat.v4.new_code_cell(setup_source(root))
    cell.metadata["tags"] = list(TAGS)
    cell.execution_count = 1
    cell.id = MARKER  # a fixed id, so that re-running the tool changes nothing
    return cell


def find_setup_cell(nb: nbformat.NotebookNode) -> int | None:
    """Index of the generated set-up cell in ``nb``, or None."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and MARKER in cell.metadata.get("tags", []):
            return index
    return None


def wanted_index(nb: nbformat.NotebookNode) -> int:
    """Where the set-up cell belongs: right after the leading markdown cell (the title)."""
    return 1 if nb.cells and nb.cells[0].cell_type == "markdown" else 0


def apply(nb: nbformat.NotebookNode, root: Path) -> bool:
    """Insert or update the set-up cell of ``nb`` in place; return True if ``nb`` changed."""
    fresh = setup_cell(root)
    index = find_setup_cell(nb)
    if index is not None:
        cell = nb.cells[index]
        if index == wanted_index(nb) and is_current(cell, fresh):
            return False
        nb.cells.pop(index)
    if nb.nbformat_minor < 5:
        fresh.pop("id")
    nb.cells.insert(wanted_index(nb), fresh)
    return True


def is_current(cell: nbformat.NotebookNode, fresh: nbformat.NotebookNode) -> bool:
    """True if ``cell`` is exactly the generated set-up cell (source, tags, no output)."""
    return (
        cell.source == fresh.source
        and cell.metadata.get("tags") == fresh.metadata["tags"]
        and not cell.outputs
        and bool(cell.execution_count)
    )


def apply_to_file(path: Path, root: Path) -> bool:
    """Insert or update the set-up cell in the notebook ``path``; return True if it changed."""
    nb = nbformat.read(path, as_version=4)
    if not apply(nb, root):
        return False
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return True


def main(paths: list[Path], root: Path) -> None:
    """Apply the set-up cell to ``paths`` and say which notebooks changed."""
    changed = [path for path in paths if apply_to_file(path, root)]
    for path in changed:
        print(f"set-up cell written: {path.relative_to(root).as_posix()}")
    print(f"{len(changed)} of {len(paths)} notebooks changed", file=sys.stderr)
    if changed:
        print("Re-execute the changed notebooks (python3 run.py execute NOTEBOOK ...) so that their "
              "cells are stored as run top to bottom.", file=sys.stderr)
