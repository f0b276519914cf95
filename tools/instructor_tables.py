"""The generated part of the instructor guide: one overview per chapter.

At build time this Sphinx extension replaces the line ``<!-- chapter overviews -->`` of
``chapters/instructor_guide.md`` by, for every chapter notebook in ``_toc.yml``
(``chapters/NN_*.ipynb``, NN >= 1, so new chapters appear by themselves):

* its learning objectives (the ``Learning objectives`` admonition of the chapter),
* its prerequisites (the earlier chapters whose labels ``ch-...`` it references),
* an estimated time: reading at 120 words a minute, plus 30 minutes per proof,
  derivation or coding exercise and 15 per conceptual one, rounded to half hours,
* a table of its exercises: label, title, kind, auto-checked or not and by which checker,
* the known mistakes each checker recognises, with their hints (from ``mlp.exercises``).

Kinds are read from the exercise's wording: *coding* if it has a checker or asks for a
function or code, *proof/derivation* if it asks to prove, show or derive, otherwise
*conceptual*.
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

import nbformat

MARKER = "<!-- chapter overviews -->"
GUIDE = "chapters/instructor_guide"
CHAPTER_FILE = re.compile(r"^(\d+)_")
LABEL = re.compile(r"^\(([\w-]+)\)=\s*$", re.MULTILINE)
TITLE = re.compile(r"^#\s+(.+)$", re.MULTILINE)
EXERCISE = re.compile(
    r"^(?P<fence>[`:]{3,})\{exercise\}\s*(?P<title>.*)\n\s*:label:\s*(?P<label>ex-[\w-]+)\n(?P<body>.*?)^(?P=fence)\s*$",
    re.MULTILINE | re.DOTALL,
)
OBJECTIVES = re.compile(r"[`:]{3,}\{admonition\} Learning objectives\n(?P<body>.*?)\n[`:]{3,}", re.DOTALL)
CHECK_CALL = re.compile(r"\b(ch\d\d)\.(check_\w+)\s*\(")
REF = re.compile(r"\{(?:ref|numref)\}`(?:[^`<]*<)?(ch-[\w-]+)>?`")
PROOF = re.compile(r"\b(prove|proof|show that|derive|derivation|deduce)\b", re.IGNORECASE)
CODING = re.compile(r"\b(write a function|implement|write code|code)\b", re.IGNORECASE)


def chapter_notebooks(root: Path) -> list[tuple[int, Path]]:
    """(number, path) of every numbered chapter notebook in the table of contents."""
    sys.path.insert(0, str(root / "tools"))
    from book import toc_files

    found = []
    for path in toc_files(root):
        match = CHAPTER_FILE.match(path.name)
        if path.suffix == ".ipynb" and match and int(match[1]) > 0:
            found.append((int(match[1]), path))
    return sorted(found)


def checker_hints(module: str, function: str) -> list[str]:
    """The hints of the known mistakes of ``mlp.exercises.<module>.<function>``."""
    from mlp.exercises import Checker

    mod = importlib.import_module(f"mlp.exercises.{module}")
    target = getattr(mod, function, None)
    if isinstance(target, Checker):
        return [m.hint for m in target.mistakes]
    wanted = function.removeprefix("check_")
    for value in vars(mod).values():  # a function wrapping a module-level Checker
        if isinstance(value, Checker) and value.name.split("(")[0].strip() == wanted:
            return [m.hint for m in value.mistakes]
    return []


def chapter_info(path: Path) -> dict:
    """What the overview of one chapter needs, read from its notebook."""
    nb = nbformat.read(path, as_version=4)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    label = (LABEL.findall(nb.cells[0].source) or [""])[0]
    title = (TITLE.findall(markdown) or [path.stem])[0]
    objectives = OBJECTIVES.search(markdown)
    exercises: dict[str, dict] = {}
    current = None
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for m in EXERCISE.finditer(cell.source):
                current = m["label"]
                exercises[current] = {"title": m["title"].strip(), "body": m["body"], "checkers": []}
        elif current:
            for module, function in CHECK_CALL.findall(cell.source):
                if f"{module}.{function}" not in exercises[current]["checkers"]:
                    exercises[current]["checkers"].append(f"{module}.{function}")
    words = len(re.sub(r"\$[^$]*\$", " ", markdown).split())
    return {
        "label": label,
        "title": title,
        "objectives": objectives["body"].strip() if objectives else "",
        "refs": set(REF.findall(markdown)) - {label},
        "exercises": exercises,
        "words": words,
    }


def kinds(exercise: dict) -> list[str]:
    """The kinds of an exercise, read from its wording and its checker."""
    found = []
    if PROOF.search(exercise["body"]) or PROOF.search(exercise["title"]):
        found.append("proof/derivation")
    if exercise["checkers"] or CODING.search(exercise["body"]):
        found.append("coding")
    return found or ["conceptual"]


def minutes(info: dict) -> int:
    """Estimated minutes for a chapter: reading plus exercises (see the module docstring)."""
    total = info["words"] / 120
    for exercise in info["exercises"].values():
        total += 15 if kinds(exercise) == ["conceptual"] else 30
    return max(30, int(round(total / 30)) * 30)


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def overviews(root: Path) -> str:
    """The MyST Markdown of every chapter's overview."""
    chapters = [(n, chapter_info(p)) for n, p in chapter_notebooks(root)]
    number_of = {info["label"]: n for n, info in chapters}
    out = []
    for number, info in chapters:
        hours = minutes(info) / 60
        prereqs = sorted((number_of[r], r) for r in info["refs"] if number_of.get(r, 99) < number)
        out += [f"### Chapter {number}: {{ref}}`{info['label']}`", ""]
        if info["objectives"]:
            out += ["**Learning objectives.** " + info["objectives"], ""]
        needs = ", ".join(f"{{ref}}`Chapter {n} <{r}>`" for n, r in prereqs) or "none in the course"
        out += [f"**Builds on:** {needs}.", ""]
        out += [f"**Estimated time:** about {hours:g} hours (reading and exercises).", ""]
        out += ["| Exercise | Title | Kind | Auto-checked |", "|---|---|---|---|"]
        hints_of = {}
        for ex_label, exercise in info["exercises"].items():
            checked = ", ".join(f"`{c}`" for c in exercise["checkers"]) or "no"
            out.append(
                f"| {{ref}}`{ex_label}` | {cell(exercise['title'])} | {', '.join(kinds(exercise))} "
                f"| {'yes: ' + checked if exercise['checkers'] else 'no'} |"
            )
            for checker in exercise["checkers"]:
                hints_of[checker] = (ex_label, checker_hints(*checker.split(".")))
        out.append("")
        if hints_of:
            out += ["Known mistakes the checkers recognise, each with its hint:", ""]
            for checker, (ex_label, hints) in hints_of.items():
                out.append(f"- `{checker}` ({{ref}}`{ex_label}`):")
                out += [f"  - {hint}" for hint in hints] or ["  - (none listed)"]
            out.append("")
    return "\n".join(out)


def fill_in(app, docname: str, source: list[str]) -> None:
    """Replace the marker line of the instructor guide by the generated overviews."""
    if docname == GUIDE and MARKER in source[0]:
        source[0] = source[0].replace(MARKER, overviews(Path(app.srcdir)))


def setup(app) -> dict:
    """Register the extension with Sphinx."""
    app.connect("source-read", fill_in)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
