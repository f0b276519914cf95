"""Tests of the book as a whole: its table of contents, its notebooks, its builds."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from book import toc_files, toc_pages
from conftest import ROOT, build_book
from student_edition import (
    STUB,
    make_student_source,
    student_markdown,
    student_notebook,
)

pytestmark = pytest.mark.book

NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))


def test_every_toc_page_has_html(built_site: Path) -> None:
    for page in toc_pages(ROOT):
        assert (built_site / f"{page}.html").is_file(), f"no HTML page for {page}"


def test_exercises_and_figures_are_numbered_by_chapter(built_site: Path) -> None:
    """tools/chapter_numbering.py: the first exercise of chapter NN is "Exercise NN.1"."""
    for notebook in NOTEBOOKS:
        number = re.match(r"(\d+)_", notebook.name)
        if not number or int(number[1]) == 0:  # appendices number their exercises 1, 2, …
            continue
        chapter = int(number[1])
        if "{exercise}" not in notebook.read_text(encoding="utf-8"):
            continue
        html = (built_site / "chapters" / f"{notebook.stem}.html").read_text(encoding="utf-8")
        numbers = set(re.findall(r"Exercise (\d+(?:\.\d+)?)", html))
        assert f"{chapter}.1" in numbers, f"{notebook.name}: exercises numbered {sorted(numbers)}"
        assert all(n.startswith(f"{chapter}.") for n in numbers), sorted(numbers)


def test_every_chapter_notebook_is_in_the_toc() -> None:
    listed = set(toc_files(ROOT))
    missing = [nb.name for nb in NOTEBOOKS if nb not in listed]
    assert not missing, f"notebooks missing from _toc.yml: {missing}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_with_clean_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    code = [cell for cell in nb.cells if cell.cell_type == "code" and cell.source.strip()]
    assert code, "a chapter without code cells"
    unexecuted = [i for i, cell in enumerate(nb.cells) if cell in code and not cell.execution_count]
    assert not unexecuted, f"cells never executed (run `python3 run.py execute`): {unexecuted}"
    for index, cell in enumerate(code):
        for output in cell.outputs:
            assert output.output_type != "error", f"code cell {index} stored an error"
            assert output.get("name") != "stderr", f"code cell {index} wrote to stderr"
            # A figure is stored as image/png with a "<Figure size ...>" text/plain twin, which
            # is fine; a figure or Axes object returned as the cell's *result* is a bug.
            if output.output_type == "execute_result":
                text = output.get("data", {}).get("text/plain", "")
                assert not re.search(r"<(Figure|Axes)|Line2D|Text\(", text), (
                    f"code cell {index} returns a matplotlib object (end it with plt.show())"
                )


# --------------------------------------------------------------------------- student edition

EXERCISE = """\
```{exercise} Sigmoid
:label: ex-test-1

Write `sigmoid`.
```
"""
GATED_START = """\
````{solution-start} ex-test-1
:class: dropdown
````
Use the definition.
"""
GATED_END = """\
That is all.
````{solution-end}
````
After the solution.
"""
DIRECTIVE = """\
Before.

````{solution} ex-test-2
:class: dropdown

```python
secret = 42
```
````
After.
"""


def synthetic_notebook() -> nbformat.NotebookNode:
    """A notebook with one exercise, a gated solution, and a solution directive."""
    cells = [
        nbformat.v4.new_markdown_cell(EXERCISE),
        nbformat.v4.new_markdown_cell(GATED_START),
        nbformat.v4.new_code_cell("def sigmoid(z):\n    return 1 / (1 + np.exp(-z))  # secret"),
        nbformat.v4.new_code_cell("print('explained')  # secret"),
        nbformat.v4.new_markdown_cell(GATED_END),
        nbformat.v4.new_code_cell("# STUB:\n# def f(x):\n#     ...\ndef f(x):\n    return x  # secret"),
        nbformat.v4.new_markdown_cell(DIRECTIVE),
        nbformat.v4.new_code_cell("def g(x):\n    return 2 * x  # secret"),
    ]
    cells[2].metadata["tags"] = ["solution"]
    cells[7].metadata["tags"] = ["solution"]
    cells[7].metadata["stub"] = "def g(x):\n    # your code here\n    ..."
    cells[5].metadata["tags"] = ["solution", "hide-input"]
    return nbformat.v4.new_notebook(cells=cells)


def test_student_notebook_has_stubs_not_solutions() -> None:
    student = student_notebook(synthetic_notebook())
    text = "\n".join(cell.source for cell in student.cells)
    assert "secret" not in text and "Use the definition" not in text and "That is all" not in text
    assert "solution-start" not in text and "{solution}" not in text
    assert "{exercise} Sigmoid" in text and "After the solution." in text
    assert "Before." in text and "After." in text
    sources = [cell.source for cell in student.cells if cell.cell_type == "code"]
    assert sources == [STUB, "def f(x):\n    ...", "def g(x):\n    # your code here\n    ..."]
    assert student.cells[-3].metadata["tags"] == ["hide-input"]
    nbformat.validate(student)


def test_student_markdown_page() -> None:
    page = EXERCISE + GATED_START + "```python\nx = 1  # secret\n```\n" + GATED_END + DIRECTIVE
    text = student_markdown(page)
    assert "secret" not in text and "{exercise} Sigmoid" in text and "After." in text


def test_student_edition_builds(tmp_path: Path) -> None:
    target = tmp_path / "student-src"
    make_student_source(ROOT, target)
    result = build_book(target)
    assert result.returncode == 0, f"student build failed:\n{result.stdout[-5000:]}"
    for page in toc_pages(ROOT):
        assert (target / "_build" / "html" / f"{page}.html").is_file()


EQUATION = re.compile(r'id="equation-(?P<label>[^"]+)">\s*<span class="eqno">\((?P<number>[\d.]+)\)')
EQ_REF = re.compile(r'#equation-(?P<label>[^"]+)">(?:<span[^>]*>)?\((?P<number>[\d.]+)\)')


def test_equations_are_numbered_by_chapter_and_references_follow(built_site: Path) -> None:
    """tools/chapter_numbering.py: equations of chapter 7 are (7.1), (7.2), …; {eq} agrees."""
    numbers: dict[str, str] = {}
    pages = sorted((built_site / "chapters").glob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        found = [(m["label"], m["number"]) for m in EQUATION.finditer(html)]
        numbers.update(found)
        chapter = re.match(r"(\d+)_", page.name)
        if not found or not chapter or int(chapter[1]) == 0:
            continue
        expected = [f"{int(chapter[1])}.{k}" for k in range(1, len(found) + 1)]
        assert [n for _, n in found] == expected, f"{page.name}: equations numbered {found[:5]}"
    assert any(n.startswith("7.") for n in numbers.values()), "no equation of chapter 7 found"
    checked = 0
    for page in pages:
        for ref in EQ_REF.finditer(page.read_text(encoding="utf-8")):
            assert ref["label"] in numbers, f"{page.name}: reference to unknown equation {ref['label']}"
            assert ref["number"] == numbers[ref["label"]], f"{page.name}: {ref.group(0)}"
            checked += 1
    assert checked > 10, f"only {checked} equation references found"
