"""The generated Colab set-up cell (tools/setup_cell.py): present, current, silent.

Where ``mlp`` imports, the cell must print nothing and install nothing; the cell must be
the one the tool generates from ``_config.yml`` in every notebook of the book. The test
that the cell really installs ``mlp`` where it is missing is in ``test_launch.py``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import setup_cell
from book import toc_files
from conftest import ROOT

NOTEBOOKS = [path for path in toc_files(ROOT) if path.suffix == ".ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_starts_with_the_generated_set_up_cell(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    index = setup_cell.find_setup_cell(nb)
    assert index is not None, f"no set-up cell: run `python3 run.py setup-cells` ({path.name})"
    assert index == setup_cell.wanted_index(nb), f"the set-up cell is cell {index}, not the first code cell"
    first_code = next(i for i, cell in enumerate(nb.cells) if cell.cell_type == "code")
    assert first_code == index, "a code cell comes before the set-up cell"
    cell = nb.cells[index]
    assert setup_cell.is_current(cell, setup_cell.setup_cell(ROOT)), (
        f"the set-up cell of {path.name} is not the generated one: run `python3 run.py setup-cells`"
    )
    assert "remove-cell" in cell.metadata["tags"]
    marked = [c for c in nb.cells if setup_cell.MARKER in c.metadata.get("tags", [])]
    assert len(marked) == 1, "more than one set-up cell"


def test_cell_follows_the_repository_in_config(tmp_path: Path) -> None:
    text = (ROOT / "_config.yml").read_text(encoding="utf-8")
    url, branch = setup_cell.repository(ROOT)
    assert f"git+{url}@{branch}" in setup_cell.setup_source(ROOT)
    fork = text.replace(url, "https://github.com/someone/my-fork")
    fork = fork.replace(f"branch: {branch}", "branch: spring")
    assert fork != text
    (tmp_path / "_config.yml").write_text(fork, encoding="utf-8")
    assert '"git+https://github.com/someone/my-fork@spring"' in setup_cell.setup_source(tmp_path)


def test_bad_repository_url_is_refused(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("repository:\n  url: example/backprop\n", encoding="utf-8")
    with pytest.raises(ValueError, match="repository.url"):
        setup_cell.setup_source(tmp_path)


def test_cell_is_silent_where_mlp_imports() -> None:
    """Run the cell where mlp imports: no output, no pip (the source would fail if used)."""
    env = {"MLP_COURSE_SOURCE": "/nonexistent/course", "PATH": ""}
    code = setup_cell.setup_source(ROOT) + "\nimport mlp\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""


def test_apply_inserts_once_and_updates(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_markdown_cell("# 1. Title"), nbformat.v4.new_code_cell("import mlp")]
    )
    assert setup_cell.apply(nb, ROOT)
    assert not setup_cell.apply(nb, ROOT), "applying twice changed the notebook again"
    assert [c.cell_type for c in nb.cells] == ["markdown", "code", "code"]
    assert nb.cells[2].source == "import mlp"
    nb.cells[1].source = "print('edited by hand')"
    shutil.copy(ROOT / "_config.yml", tmp_path / "_config.yml")
    assert setup_cell.apply(nb, tmp_path)
    assert len(nb.cells) == 3 and setup_cell.is_current(nb.cells[1], setup_cell.setup_cell(ROOT))
    nbformat.validate(nb)


@pytest.mark.parametrize("path", [p for p in toc_files(ROOT) if p.suffix == ".ipynb"], ids=lambda p: p.stem)
def test_notebook_was_run_top_to_bottom(path: Path) -> None:
    """Stored execution counts are 1, 2, 3, ... in order: the outputs come from one clean run."""
    nb = nbformat.read(path, as_version=4)
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code" and c.execution_count is not None]
    assert counts == list(range(1, len(counts) + 1)), f"{path.name}: re-execute it with run.py execute"
