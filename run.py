#!/usr/bin/env python3
"""The one entry point of the course repository.

    python3 run.py test       ruff, unit tests, notebooks (nbval), book build, website tests
    python3 run.py book       build the website and open it in a browser
    python3 run.py execute    re-run the chapter notebooks and store their outputs
    python3 run.py student    build the student edition (solutions replaced by stubs)
    python3 run.py setup-cells  write the Colab set-up cell into every notebook
    python3 run.py grade DIR  grade a folder of handed-in student notebooks

It needs nothing but Python >= 3.10. On first use it creates a virtual environment in
``.venv``, installs ``requirements.txt`` and the ``test`` extra of ``pyproject.toml`` into
it, and then runs itself again with ``.venv``'s Python. It installs again only when one of
those two files has changed (a hash of both is kept in ``.venv/requirements.sha256``).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "requirements.sha256"
BUILD = ROOT / "_build"
HTML = BUILD / "html"
STATS = ROOT / "tools" / "execution_stats.json"
SANITIZE = ROOT / "tools" / "nbval_sanitize.cfg"
LINT_PATHS = ("mlp", "tests", "tools", "run.py", "benchmarks")
SITE_TESTS = ("tests/test_book.py", "tests/test_site.py")
#: An environment made as Binder makes it: ``requirements.txt`` alone (no test extra).
BINDER_ENV = BUILD / "envs" / "binder"
BINDER_KERNEL = "course-binder"
#: Set by ``run.py test`` after a fresh, warning-free build, so the tests reuse it.
BUILT_ENV = "MLP_BOOK_HTML"


# --------------------------------------------------------------------------- environment


def venv_python() -> Path:
    """Return the Python interpreter inside ``.venv``."""
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def running_in_venv() -> bool:
    """True when this process already runs with ``.venv``'s Python."""
    return Path(sys.prefix).resolve() == VENV.resolve()


def requirements_hash() -> str:
    """Hash the files that decide what gets installed."""
    digest = hashlib.sha256()
    for name in ("requirements.txt", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_venv() -> None:
    """Create ``.venv`` if needed and (re)install the requirements when they changed."""
    if not venv_python().exists():
        print(f"Creating a virtual environment in {VENV} ...", flush=True)
        venv.create(VENV, with_pip=True)
    wanted = requirements_hash()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    print("Installing requirements into .venv (first run takes a few minutes) ...", flush=True)
    start = time.perf_counter()
    pip = [str(venv_python()), "-m", "pip", "install", "--disable-pip-version-check"]
    check(pip + ["--quiet", "--upgrade", "pip"])
    check(pip + ["--quiet", "-r", "requirements.txt", "-e", ".[test]"])
    STAMP.write_text(wanted + "\n")
    print(f"Installed in {time.perf_counter() - start:.0f} s.", flush=True)


def ensure_binder_env() -> None:
    """Make ``_build/envs/binder`` from ``requirements.txt`` alone, as Binder does.

    Its Python is registered in ``.venv`` as the Jupyter kernel ``course-binder``, so that
    nbval runs every notebook with exactly what Binder installs (and nothing of the test
    extra), each in its own folder. Made again only when the requirements change.
    """
    python = BINDER_ENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    stamp = BINDER_ENV / "requirements.sha256"
    wanted = requirements_hash()
    if python.exists() and stamp.exists() and stamp.read_text().strip() == wanted:
        return
    print(f"Making a Binder-like environment in {BINDER_ENV} ...", flush=True)
    start = time.perf_counter()
    shutil.rmtree(BINDER_ENV, ignore_errors=True)
    venv.create(BINDER_ENV, with_pip=True)
    pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"]
    check(pip + ["-r", "requirements.txt"])
    kernel = ["-m", "ipykernel", "install", "--prefix", sys.prefix, "--name", BINDER_KERNEL]
    check([str(python), *kernel, "--display-name", "Python (Binder-like)"], stdout=subprocess.DEVNULL)
    stamp.write_text(wanted + "\n")
    print(f"Made in {time.perf_counter() - start:.0f} s.", flush=True)


def reexec_in_venv() -> None:
    """Run this script again with ``.venv``'s Python (does not return)."""
    python = str(venv_python())
    args = [python, str(Path(__file__).resolve()), *sys.argv[1:]]
    if os.name == "nt":  # os.execv does not replace the process on Windows
        sys.exit(subprocess.call(args))
    os.execv(python, args)


def check(command: list[str], **kwargs) -> None:
    """Run a command from the repository root; exit with its code if it fails."""
    result = subprocess.run(command, cwd=kwargs.pop("cwd", ROOT), **kwargs)
    if result.returncode != 0:
        print(f"\nFAILED ({result.returncode}): {' '.join(command)}", file=sys.stderr)
        sys.exit(result.returncode)


# --------------------------------------------------------------------------- book helpers


def toc_notebooks() -> list[Path]:
    """The ``.ipynb`` files listed in ``_toc.yml``, in table-of-contents order."""
    sys.path.insert(0, str(ROOT / "tools"))
    from book import toc_files

    return [path for path in toc_files(ROOT) if path.suffix == ".ipynb"]


def build_book(source: Path = ROOT, *, strict: bool = True, everything: bool = True) -> None:
    """Build the website of ``source`` into ``source/_build/html``.

    ``strict`` turns every warning (and every broken reference) into a failure;
    ``everything`` re-reads all pages, so that no warning hides in a cached page.
    """
    jupyter_book = shutil.which("jupyter-book", path=str(Path(sys.executable).parent))
    command = [jupyter_book or "jupyter-book", "build", str(source)]
    if strict:
        command += ["-W", "-n", "--keep-going"]
    if everything:
        command += ["--all"]
    check(command)


def display_available() -> bool:
    """Guess whether a web browser window can be opened here."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


# --------------------------------------------------------------------------- subcommands


def stage(name: str, ran: list[str]) -> None:
    """Announce a test stage and remember that it ran."""
    ran.append(name)
    print(f"\n=== [{len(ran)}/5] {name} ===", flush=True)


def cmd_test(args: argparse.Namespace) -> None:
    """Run every check, in order, stopping at the first failure."""
    python = sys.executable
    ran: list[str] = []
    timings: dict[str, float] = {}

    def timed(name: str, action) -> None:
        stage(name, ran)
        start = time.perf_counter()
        action()
        timings[name] = time.perf_counter() - start

    lint = [p for p in LINT_PATHS if (ROOT / p).exists()]
    timed("ruff", lambda: check([python, "-m", "ruff", "check", *lint]))

    ignore = [f"--ignore={path}" for path in SITE_TESTS]
    timed("unit and property tests", lambda: check([python, "-m", "pytest", "tests", *ignore]))

    notebooks = [str(path.relative_to(ROOT)) for path in toc_notebooks()]
    # nbval runs each notebook in its own folder (its working directory) with a kernel from
    # an environment made from requirements.txt alone: the notebooks run as in Binder.
    nbval = [python, "-m", "pytest", "--nbval", "--nbval-kernel-name", BINDER_KERNEL]
    nbval += ["-p", "no:cacheprovider"]
    if SANITIZE.exists():
        nbval += ["--nbval-sanitize-with", str(SANITIZE.relative_to(ROOT))]

    def notebooks_as_in_binder() -> None:
        ensure_binder_env()
        check(nbval + notebooks)

    timed("notebooks (nbval, strict, Binder-like environment)", notebooks_as_in_binder)

    def book_and_checks() -> None:
        build_book()
        os.environ[BUILT_ENV] = str(HTML)
        check([python, "-m", "pytest", "tests/test_book.py"])

    timed("book build (-W -n --keep-going) and book checks", book_and_checks)
    timed("website in headless Chromium", lambda: check([python, "-m", "pytest", SITE_TESTS[1]]))

    print("\nAll stages passed:")
    for name in ran:
        print(f"  ok  {name:<50} {timings[name]:6.1f} s")


def cmd_book(args: argparse.Namespace) -> None:
    """Build the website and print (and, where possible, open) its front page."""
    build_book(strict=False, everything=False)
    index = HTML / "index.html"
    print(f"\nThe website is at {index}")
    if not args.no_open and display_available():
        import webbrowser

        webbrowser.open(index.as_uri())


def cmd_execute(args: argparse.Namespace) -> None:
    """Re-execute notebooks in place and record their run time and memory."""
    sys.path.insert(0, str(ROOT / "tools"))
    from execute import execute_notebooks
    from setup_cell import main as write_setup_cells

    paths = [Path(p).resolve() for p in args.notebooks] or toc_notebooks()
    write_setup_cells(paths, ROOT)
    execute_notebooks(paths, stats_file=STATS, root=ROOT, timeout=args.timeout)


def cmd_student(args: argparse.Namespace) -> None:
    """Write the student edition to _build/student-src and build it to _build/student-html."""
    sys.path.insert(0, str(ROOT / "tools"))
    from student_edition import make_student_source

    source = BUILD / "student-src"
    make_student_source(ROOT, source)
    build_book(source)
    target = BUILD / "student-html"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source / "_build" / "html", target)
    print(f"\nStudent notebooks: {source / 'chapters'}\nStudent website:   {target / 'index.html'}")


def cmd_setup_cells(args: argparse.Namespace) -> None:
    """Insert or update the generated set-up cell in notebooks (default: all of _toc.yml)."""
    sys.path.insert(0, str(ROOT / "tools"))
    from setup_cell import main as write_setup_cells

    write_setup_cells([Path(p).resolve() for p in args.notebooks] or toc_notebooks(), ROOT)


def cmd_grade(args: argparse.Namespace) -> None:
    """Execute every handed-in notebook of a folder and tabulate its checked exercises."""
    sys.path.insert(0, str(ROOT / "tools"))
    from grade import grade

    folder = Path(args.submissions).resolve()
    out = Path(args.out).resolve() if args.out else folder / "grades"
    try:
        grade(folder, root=ROOT, chapter=args.chapter, out=out, timeout=args.timeout)
    except ValueError as err:
        sys.exit(f"run.py grade: {err}")


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Describe the command line."""
    parser = argparse.ArgumentParser(prog="run.py", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("test", help="run all tests (what CI runs)").set_defaults(func=cmd_test)
    book = sub.add_parser("book", help="build the website and open it")
    book.add_argument("--no-open", action="store_true", help="only print the path")
    book.set_defaults(func=cmd_book)
    execute = sub.add_parser("execute", help="re-execute notebooks and store outputs")
    execute.add_argument("notebooks", nargs="*", help="default: every notebook in _toc.yml")
    execute.add_argument("--timeout", type=int, default=600, help="seconds per cell")
    execute.set_defaults(func=cmd_execute)
    student = sub.add_parser("student", help="build the student edition")
    student.set_defaults(func=cmd_student)
    grade = sub.add_parser("grade", help="grade a folder of handed-in student notebooks")
    grade.add_argument("submissions", help="folder of .ipynb files, one per student")
    grade.add_argument("--chapter", type=int, help="the assigned chapter (default: most common)")
    grade.add_argument("--timeout", type=float, default=300, help="seconds per notebook")
    grade.add_argument("--out", help="output folder (default: SUBMISSIONS/grades)")
    grade.set_defaults(func=cmd_grade)
    setup = sub.add_parser("setup-cells", help="write the Colab set-up cell into notebooks")
    setup.add_argument("notebooks", nargs="*", help="default: every notebook in _toc.yml")
    setup.set_defaults(func=cmd_setup_cells)
    return parser.parse_args(argv)


def main(argv: list[str]) -> None:
    """Check the Python version, make sure .venv is ready, then run the subcommand."""
    if sys.version_info < (3, 10):  # noqa: UP036 (run.py may be started by an older Python)
        sys.exit("This course needs Python 3.10 or newer.")
    args = parse_args(argv)
    ensure_venv()
    if not running_in_venv():
        reexec_in_venv()
    os.chdir(ROOT)
    args.func(args)


if __name__ == "__main__":
    main(sys.argv[1:])
