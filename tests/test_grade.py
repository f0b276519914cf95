"""``run.py grade`` (tools/grade.py) on a synthetic class of chapter 3 notebooks.

The submissions are made from the chapter itself: its student edition (every answer a
stub) cut down to the title, the imports, the exercises, the answer cells and the checker
cells, so that each executes in a second. Then: one with the reference answers, one with
the stubs untouched, one with a known mistake (softmax without subtracting the maximum),
one that kills its kernel, one that never ends, a file that is not JSON, and a notebook of
another chapter. The run must finish and give each a clear entry.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT
from grade import checked_exercises, grade
from student_edition import student_notebook

CHAPTER = ROOT / "chapters" / "03_activations.ipynb"
MISTAKE = """\
def stable_softmax(z):
    e = np.exp(np.asarray(z, dtype=float))
    return e / e.sum(axis=-1, keepdims=True)
"""
TIMEOUT = 20


def reduced(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Title, imports, exercises, answer cells and checker cells of ``nb``."""
    imports = next(c for c in nb.cells if c.cell_type == "code" and "from mlp.exercises" in c.source)
    keep = [nb.cells[0], imports]
    for cell in nb.cells:
        if cell.cell_type == "markdown" and "{exercise}" in cell.source:
            keep.append(cell)
        elif cell.cell_type == "code" and (
            cell.source.lstrip().startswith("def ") or "ch03.check_" in cell.source
        ):  # the student edition keeps the answer cells as stubs, untagged
            keep.append(cell)
    out = nbformat.v4.new_notebook(cells=[nbformat.from_dict(dict(c)) for c in keep])
    for cell in out.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return out


def answer_cell(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    return next(c for c in nb.cells if c.cell_type == "code" and c.source.lstrip().startswith(f"def {name}"))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("submissions")
    instructor = nbformat.read(CHAPTER, as_version=4)
    student = reduced(student_notebook(instructor))
    correct = reduced(instructor)
    mistake = nbformat.from_dict(json.loads(json.dumps(correct)))
    answer_cell(mistake, "stable_softmax").source = MISTAKE
    crash = nbformat.from_dict(json.loads(json.dumps(correct)))
    crash.cells.insert(3, nbformat.v4.new_code_cell("import os\nos._exit(3)"))
    loop = nbformat.from_dict(json.loads(json.dumps(correct)))
    loop.cells.insert(3, nbformat.v4.new_code_cell("while True:\n    pass"))
    other = reduced(instructor)
    other.cells[0].source = other.cells[0].source.replace("# 3.", "# 4.", 1)
    for name, nb in [("ada", correct), ("ben", student), ("cem", mistake), ("dan", crash),
                     ("eve", loop), ("gus", other)]:  # fmt: skip
        nbformat.write(nb, folder / f"{name}.ipynb")
    (folder / "fay.ipynb").write_text('{"cells": [', encoding="utf-8")
    out = folder / "grades"
    subs = grade(folder, root=ROOT, chapter=None, out=out, timeout=TIMEOUT)
    with open(out / "grades.csv", encoding="utf-8") as f:
        table = {(row["student"], row["exercise"]): row for row in csv.DictReader(f)}
    return {s.student: s for s in subs}, table, (out / "summary.md").read_text(encoding="utf-8")


def test_exercises_of_the_chapter() -> None:
    expected = checked_exercises(nbformat.read(CHAPTER, as_version=4))
    assert expected == {"ex-03-4": "ch03.check_stable_softmax", "ex-03-5": "ch03.check_leaky_relu_prime"}


def test_every_student_and_exercise_has_a_row(graded) -> None:
    _, table, _ = graded
    students = {"ada", "ben", "cem", "dan", "eve", "fay", "gus"}
    assert set(table) == {(s, e) for s in students for e in ("ex-03-4", "ex-03-5")}


def test_all_correct_and_all_stubs(graded) -> None:
    subs, table, _ = graded
    assert subs["ada"].status == "ok" and not subs["ada"].notes
    assert [table["ada", e]["result"] for e in ("ex-03-4", "ex-03-5")] == ["pass", "pass"]
    assert [table["ben", e]["result"] for e in ("ex-03-4", "ex-03-5")] == ["fail", "fail"]
    assert "still a stub" in table["ben", "ex-03-4"]["message"]


def test_known_mistake_gets_its_hint(graded) -> None:
    _, table, summary = graded
    row = table["cem", "ex-03-4"]
    assert row["result"] == "fail" and "maximum" in row["hint"], row
    assert table["cem", "ex-03-5"]["result"] == "pass"
    assert row["hint"] in summary


def test_crash_timeout_corrupt_and_wrong_chapter_are_entries(graded) -> None:
    subs, table, summary = graded
    assert subs["dan"].status.startswith("crashed"), subs["dan"].status
    assert subs["eve"].status == f"timed out after {TIMEOUT} s"
    assert subs["fay"].status.startswith("invalid notebook")
    assert subs["gus"].status == "wrong chapter (chapter 4 handed in, chapter 3 expected)"
    for student in ("dan", "eve"):
        assert table[student, "ex-03-4"]["result"] == "not checked"
    for student in ("fay", "gus"):
        assert table[student, "ex-03-4"]["result"] == "not graded"
    for name in ("dan.ipynb", "eve.ipynb", "fay.ipynb", "gus.ipynb"):
        assert name in summary
    assert "| ex-03-4 | `ch03.check_stable_softmax` | 1 | 2 | 4 |" in summary


def test_command_line_refuses_a_missing_folder(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "run.py"), "grade", str(tmp_path / "nowhere")],
        capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode != 0 and "expected a folder" in result.stderr
