"""Make the student edition of the book: the same sources without the solutions.

The instructor edition (the repository) keeps every solution next to its exercise.
The student edition is derived from it, never edited by hand:

* A code cell tagged ``solution`` becomes a stub cell. The stub is the cell's metadata
  field ``stub`` when it has one (the usual way to give the student a signature to fill
  in); otherwise ``# Your solution here`` and ``...``, unless the solution cell contains
  a line ``# STUB:``; then the comment lines right below it, with their ``# `` removed,
  are the stub::

      # STUB:
      # def sigmoid(z):
      #     ...
      def sigmoid(z):
          return 1 / (1 + np.exp(-z))

* A gated solution (``{solution-start}`` up to the end of ``{solution-end}``) is removed,
  together with every cell between the two, except ``solution`` cells, which stay as stubs.
* A ``{solution}`` directive block is removed.

Exercise directives are kept, so the numbering and the links to exercises still work.
"""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

import nbformat

STUB = "# Your solution here\n..."
SOLUTION_TAG = "solution"
#: The opening line of a MyST directive fence whose name starts with ``solution``.
DIRECTIVE = re.compile(r"^\s*(?P<fence>`{3,}|:{3,})\{(?P<name>solution(?:-start|-end)?)\}")
#: Files and folders that are not part of the book source.
SKIP = shutil.ignore_patterns(
    ".git",
    ".venv",
    "_build",
    ".pytest_cache",
    ".ruff_cache",
    "__pycache__",
    ".hypothesis",
    ".ipynb_checkpoints",
    "benchmarks",
    "tests",
)


def closes(line: str, fence: str) -> bool:
    """True if ``line`` closes a directive opened with ``fence`` (same character, as long)."""
    text = line.strip()
    return len(text) >= len(fence) and set(text) == {fence[0]}


class SolutionStripper:
    """Remove solution blocks from a sequence of markdown texts.

    The state is kept between calls, because a gated solution usually starts in one
    notebook cell and ends in a later one.
    """

    def __init__(self) -> None:
        self.state = "outside"  # or: directive, start, gated, end
        self.fence = ""

    @property
    def inside(self) -> bool:
        """True while between the start of a solution and its end."""
        return self.state != "outside"

    def strip(self, text: str) -> str:
        """Return ``text`` without the solution lines it contains."""
        kept = []
        for line in text.splitlines(keepends=True):
            if not self._drop(line):
                kept.append(line)
        return "".join(kept)

    def _drop(self, line: str) -> bool:
        """Advance the state machine by one line; return True if the line is dropped."""
        match = DIRECTIVE.match(line)
        if self.state == "outside":
            if match and match["name"] in ("solution", "solution-start"):
                self.state = "directive" if match["name"] == "solution" else "start"
                self.fence = match["fence"]
                return True
            return False
        if self.state in ("directive", "end") and closes(line, self.fence):
            self.state = "outside"
        elif self.state == "start" and closes(line, self.fence):
            self.state = "gated"
        elif self.state == "gated" and match and match["name"] == "solution-end":
            self.state, self.fence = "end", match["fence"]
        return True


def stub_source(solution: str) -> str:
    """Return the stub that replaces a solution cell's source (see the module docstring)."""
    lines = solution.splitlines()
    for i, line in enumerate(lines):
        if line.strip() == "# STUB:":
            stub = []
            for below in lines[i + 1 :]:
                if not below.lstrip().startswith("#"):
                    break
                stub.append(re.sub(r"^(\s*)# ?", r"\1", below, count=1))
            if stub:
                return "\n".join(stub)
    return STUB


def stub_cell(cell: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A fresh code cell holding the stub for a ``solution`` cell."""
    tags = [tag for tag in cell.metadata.get("tags", []) if tag != SOLUTION_TAG]
    stub = nbformat.v4.new_code_cell(cell.metadata.get("stub") or stub_source(cell.source))
    if tags:
        stub.metadata["tags"] = tags
    return stub


def student_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return a copy of ``nb`` with every solution removed or replaced by a stub."""
    student = copy.deepcopy(nb)
    stripper = SolutionStripper()
    cells = []
    for cell in student.cells:
        if SOLUTION_TAG in cell.metadata.get("tags", []):
            cells.append(stub_cell(cell))
        elif cell.cell_type == "markdown":
            text = stripper.strip(cell.source)
            if text.strip() or text == cell.source:  # drop cells that held only a solution
                cell.source = text
                cells.append(cell)
        elif not stripper.inside:
            cells.append(cell)
    student.cells = cells
    return student


def student_markdown(text: str) -> str:
    """Return a MyST markdown page without its solutions."""
    return SolutionStripper().strip(text)


def make_student_source(root: Path, target: Path) -> None:
    """Copy the book in ``root`` to ``target`` and strip the solutions from every page."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(root, target, ignore=SKIP)
    for path in target.rglob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        nbformat.write(student_notebook(nb), path)
    for path in target.rglob("*.md"):
        path.write_text(student_markdown(path.read_text(encoding="utf-8")), encoding="utf-8")
