"""Grade a folder of handed-in notebooks: ``python3 run.py grade SUBMISSIONS/``.

Each ``*.ipynb`` in the folder is one student's notebook (the file name, without its
suffix, names the student): a student-edition chapter with the stubs filled in. For each
one this module

1. reads it (a file that is not a valid notebook gets the status ``invalid notebook``),
2. finds its chapter from the title (``# 7. ...``); a notebook of another chapter than
   the assignment's gets ``wrong chapter``,
3. executes it in a fresh process and kernel, in an empty temporary folder, with a time
   limit for the whole notebook (``timed out``; a kernel that dies gives ``crashed``; an
   exception in a cell is noted and the following cells still run),
4. collects the result of every auto-checked exercise: every ``mlp.exercises`` checker
   appends one JSON line to the file named by ``MLP_CHECK_LOG``
   (see ``mlp/exercises/checker.py``), and a marker line before each cell tells which
   exercise the check belongs to.

The auto-checked exercises of a chapter are read from the instructor notebook
``chapters/NN_*.ipynb``: an exercise whose label ``ex-NN-k`` is followed by a code cell
that calls ``chNN.check_...``. The results go to ``grades.csv`` (one row per student and
exercise) and ``summary.md`` (pass counts and the hints that fired most often) in the
output folder, and the summary is printed.
"""

from __future__ import annotations

import collections
import csv
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

LOG_VARIABLE = "MLP_CHECK_LOG"  # the same name as mlp.exercises.checker.LOG_VARIABLE
TITLE = re.compile(r"^#\s+(\d+)\.\s", re.MULTILINE)
EXERCISE_LABEL = re.compile(r"^\s*[`:]{3,}\{exercise\}.*\n\s*:label:\s*(ex-[\w-]+)", re.MULTILINE)
CHECK_CALL = re.compile(r"\b(ch\d\d\.check_\w+)\s*\(")
COLUMNS = ["student", "file", "status", "exercise", "checker", "result", "hint", "message"]


@dataclass
class Submission:
    """What grading one notebook found."""

    student: str
    file: str
    status: str = "ok"
    results: dict[str, dict] = field(default_factory=dict)  # exercise label -> last check record
    notes: list[str] = field(default_factory=list)


def chapter_of(nb: nbformat.NotebookNode) -> int | None:
    """The course chapter number in the notebook's first title ``# N. ...``, or None."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = TITLE.search(cell.source)
            if match:
                return int(match[1])
    return None


def exercise_of_cells(nb: nbformat.NotebookNode) -> list[str | None]:
    """For each cell, the label of the last exercise stated at or before it."""
    labels: list[str | None] = []
    current = None
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            found = EXERCISE_LABEL.findall(cell.source)
            current = found[-1] if found else current
        labels.append(current)
    return labels


def checked_exercises(nb: nbformat.NotebookNode) -> dict[str, str]:
    """``{exercise label: checker}`` for every auto-checked exercise of a notebook."""
    found: dict[str, str] = {}
    for cell, label in zip(nb.cells, exercise_of_cells(nb)):
        if cell.cell_type == "code" and label:
            for checker in CHECK_CALL.findall(cell.source):
                found.setdefault(label, checker)
    return found


def reference_notebook(root: Path, chapter: int) -> Path:
    """The instructor notebook of ``chapter`` (``chapters/07_*.ipynb``)."""
    found = sorted((root / "chapters").glob(f"{chapter:02d}_*.ipynb"))
    if not found:
        raise ValueError(f"no chapter {chapter}: no chapters/{chapter:02d}_*.ipynb")
    return found[0]


# --------------------------------------------------------------------------- execution

RUNNER = """\
import json, sys
import nbformat
from nbclient import NotebookClient

path, log, labels = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
nb = nbformat.read(path, as_version=4)
client = NotebookClient(nb, timeout=None, kernel_name="python3", allow_errors=True,
                        resources={"metadata": {"path": sys.argv[4]}})
with client.setup_kernel():
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        with open(log, "a", encoding="utf-8") as f:
            f.write(json.dumps({"cell": index, "exercise": labels[index]}) + "\\n")
        client.execute_cell(cell, index)
        errors = [o for o in cell.outputs if o.output_type == "error"]
        if errors:
            with open(log, "a", encoding="utf-8") as f:
                f.write(json.dumps({"cell": index, "error": errors[0].ename}) + "\\n")
"""


def run_notebook(path: Path, labels: list[str | None], timeout: float) -> tuple[str, list[dict]]:
    """Execute ``path`` in its own process; return (status, the lines of the check log)."""
    with tempfile.TemporaryDirectory(prefix="grade-") as work:
        log = Path(work) / "checks.jsonl"
        log.touch()
        env = {**os.environ, LOG_VARIABLE: str(log)}
        command = [sys.executable, "-c", RUNNER, str(path), str(log), json.dumps(labels), work]
        process = subprocess.Popen(
            command, cwd=work, env=env, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            _, stderr = process.communicate(timeout=timeout)
            if process.returncode == 0:
                status = "ok"
            else:
                last = stderr.strip().splitlines()[-1:] or ["no message"]
                status = f"crashed ({last[0][:120]})"
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # the runner and its kernel
            process.communicate()
            status = f"timed out after {timeout:g} s"
        records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line]
    return status, records


def grade_one(path: Path, *, chapter: int, expected: dict[str, str], timeout: float) -> Submission:
    """Grade one notebook against the auto-checked exercises ``expected``."""
    sub = Submission(student=path.stem, file=path.name)
    try:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
    except Exception as err:  # not JSON, not a notebook: a clear entry, never a stop
        sub.status = f"invalid notebook ({type(err).__name__})"
        return sub
    found = chapter_of(nb)
    if found != chapter:
        sub.status = f"wrong chapter (chapter {found} handed in, chapter {chapter} expected)"
        return sub
    status, records = run_notebook(path, exercise_of_cells(nb), timeout)
    sub.status = status
    exercise = None
    for record in records:
        if "exercise" in record:
            exercise = record["exercise"]
        elif "error" in record:
            sub.notes.append(f"cell {record['cell']} raised {record['error']}")
        elif exercise in expected:
            sub.results[exercise] = record
    return sub


def rows(sub: Submission, expected: dict[str, str]) -> list[dict]:
    """The CSV rows of one submission: one per auto-checked exercise."""
    status = sub.status + ("; " + "; ".join(sub.notes) if sub.notes else "")
    out = []
    for label, checker in expected.items():
        record = sub.results.get(label)
        if record is None:
            executed = sub.status == "ok" or sub.status.startswith(("crashed", "timed out"))
            result = "not checked" if executed else "not graded"
            hint = message = ""
        else:
            result = "pass" if record["passed"] else "fail"
            hint = record.get("hint") or ""
            message = record["message"].splitlines()[0]
        row = dict(student=sub.student, file=sub.file, status=status, exercise=label, checker=checker)
        out.append({**row, "result": result, "hint": hint, "message": message})
    return out


def summary(subs: list[Submission], expected: dict[str, str], chapter: int) -> str:
    """A readable summary: problems, pass counts per exercise, the most frequent hints."""
    lines = [f"# Grades: chapter {chapter}, {len(subs)} notebooks", ""]
    problems = [s for s in subs if s.status != "ok" or s.notes]
    lines.append(f"Executed without problems: {len(subs) - len(problems)} of {len(subs)}.")
    for sub in problems:
        lines.append(f"- {sub.file}: {sub.status}" + ("; " + "; ".join(sub.notes) if sub.notes else ""))
    lines += ["", "| exercise | checker | passed | failed | not checked |", "|---|---|---:|---:|---:|"]
    for label, checker in expected.items():
        results = [s.results.get(label) for s in subs]
        passed = sum(1 for r in results if r and r["passed"])
        failed = sum(1 for r in results if r and not r["passed"])
        lines.append(f"| {label} | `{checker}` | {passed} | {failed} | {len(subs) - passed - failed} |")
    hints = collections.Counter(
        (label, r["hint"]) for s in subs for label, r in s.results.items() if r.get("hint")
    )
    lines += ["", "Hints that fired, most frequent first:"]
    lines += [f"- {n} × {label}: {hint}" for (label, hint), n in hints.most_common()] or ["- none"]
    return "\n".join(lines) + "\n"


def grade(folder: Path, *, root: Path, chapter: int | None, out: Path, timeout: float) -> list[Submission]:
    """Grade every notebook in ``folder``; write ``grades.csv`` and ``summary.md`` to ``out``."""
    if not folder.is_dir():
        raise ValueError(f"submissions: expected a folder, got {folder}")
    paths = sorted(folder.glob("*.ipynb"))
    if not paths:
        raise ValueError(f"submissions: no .ipynb files in {folder}")
    if chapter is None:  # the chapter most notebooks are from
        chapters = []
        for path in paths:
            try:
                chapters.append(chapter_of(nbformat.read(path, as_version=4)))
            except Exception:
                continue
        chapters = [c for c in chapters if c is not None]
        if not chapters:
            raise ValueError("no notebook names its chapter; pass --chapter")
        chapter = collections.Counter(chapters).most_common(1)[0][0]
    expected = checked_exercises(nbformat.read(reference_notebook(root, chapter), as_version=4))
    subs = []
    for path in paths:
        print(f"grading {path.name} ...", file=sys.stderr, flush=True)
        subs.append(grade_one(path, chapter=chapter, expected=expected, timeout=timeout))
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "grades.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        for sub in subs:
            writer.writerows(rows(sub, expected))
    text = summary(subs, expected, chapter)
    (out / "summary.md").write_text(text, encoding="utf-8")
    print(text)
    print(f"Written: {out / 'grades.csv'} and {out / 'summary.md'}")
    return subs
