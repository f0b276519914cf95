"""The generated chapter overviews of the instructor guide (tools/instructor_tables.py)."""

from __future__ import annotations

import re
from pathlib import Path

import instructor_tables as guide
import nbformat
from conftest import ROOT

LABELS = re.compile(r":label:\s*(ex-\d\d-\d+)")


def exercise_labels() -> dict[str, list[str]]:
    """Every exercise label of every numbered chapter in the table of contents."""
    found = {}
    for _, path in guide.chapter_notebooks(ROOT):
        nb = nbformat.read(path, as_version=4)
        text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        found[path.name] = LABELS.findall(text)
    return found


def test_marker_is_in_the_guide() -> None:
    text = (ROOT / f"{guide.GUIDE}.md").read_text(encoding="utf-8")
    assert text.count(guide.MARKER) == 1


def test_every_exercise_of_every_chapter_is_in_the_overview() -> None:
    text = guide.overviews(ROOT)
    labels = exercise_labels()
    assert len(labels) >= 8 and all(labels.values()), labels
    missing = [label for names in labels.values() for label in names if f"{{ref}}`{label}`" not in text]
    assert not missing, f"exercises missing from the instructor guide: {missing}"


def test_checkers_and_their_hints_are_listed() -> None:
    text = guide.overviews(ROOT)
    assert "| yes: `ch07.check_output_delta` |" in text
    from mlp.exercises import ch03

    for mistake in ch03.check_stable_softmax.mistakes:
        assert mistake.hint in text
    assert "**Builds on:**" in text and "**Estimated time:**" in text and "Learning objectives" in text


def test_built_guide_links_every_exercise(built_site: Path) -> None:
    html = (built_site / f"{guide.GUIDE}.html").read_text(encoding="utf-8")
    assert guide.MARKER not in html
    missing = [
        label
        for names in exercise_labels().values()
        for label in names
        if not re.search(rf'href="[^"]*#{label}"', html)
    ]
    assert not missing, f"exercises without a link in the built instructor guide: {missing}"
