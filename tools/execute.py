"""Re-execute chapter notebooks in place and record how long they took and how much memory.

Notebooks are stored with their outputs: those outputs are what the website shows and
what ``nbval`` compares against. Run ``python3 run.py execute`` after changing a chapter
or the ``mlp`` package, and commit the notebooks together with the change.

For each notebook this module

1. starts a fresh ``python3`` kernel in the notebook's folder,
2. runs every cell, stopping at the first error,
3. asks the kernel for its peak memory (a probe cell that is not saved),
4. removes saved widget state, so that the website does not need the widget CDN,
5. writes the notebook back and records the wall time and peak memory in
   ``tools/execution_stats.json``, from which it rewrites the book's
   Execution statistics page (``chapters/execution_statistics.md``).
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from datetime import date
from pathlib import Path

import nbformat
from nbclient import NotebookClient

#: Printed by the probe cell: the kernel's peak resident memory in MiB.
MEMORY_PROBE = """\
import resource, sys
_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(_peak / (2**20 if sys.platform == "darwin" else 2**10))
"""
WIDGET_STATE = "widgets"


def strip_widget_state(nb: nbformat.NotebookNode) -> None:
    """Remove saved ipywidgets state, which makes the website load JavaScript from a CDN."""
    nb.metadata.pop(WIDGET_STATE, None)


def peak_memory_mib(client: NotebookClient) -> float | None:
    """Run the memory probe in the live kernel and return its answer (None if unavailable).

    The probe is appended to the notebook while it runs (nbclient stores results by
    cell index) and removed again, so it is never saved.
    """
    cells = client.nb.cells
    cells.append(nbformat.v4.new_code_cell(MEMORY_PROBE))
    try:
        probe = client.execute_cell(cells[-1], len(cells) - 1, store_history=False)
        text = "".join(out.get("text", "") for out in probe.outputs if out.output_type == "stream")
        return round(float(text.strip()), 1)
    except Exception:  # e.g. no ``resource`` module on Windows
        return None
    finally:
        cells.pop()


def execute_notebook(path: Path, *, timeout: int = 600) -> dict:
    """Execute one notebook in place; return its statistics."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    with client.setup_kernel():
        info = client.wait_for_reply(client.kc.kernel_info())
        nb.metadata["language_info"] = info["content"]["language_info"]
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        seconds = time.perf_counter() - start
        memory = peak_memory_mib(client)
    strip_widget_state(nb)
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return {"seconds": round(seconds, 1), "peak_memory_mib": memory}


PAGE_HEADER = """\
(execution-statistics)=
# Execution statistics

Every chapter is a notebook stored with its outputs; `python3 run.py execute` runs it
top to bottom in a fresh kernel and records how long that took and the kernel's peak
memory. This page is rewritten from `tools/execution_stats.json` each time, so it shows
the figures of the outputs you are reading. The budgets: under 60 s per chapter (the
MNIST chapter: under 120 s) and under 1 GB of memory, on 2 cores.

"""


def statistics_page(stats: dict) -> str:
    """The Markdown source of the Execution statistics page."""
    machine = stats.get("machine", {})
    rows = [
        "| notebook | wall time (s) | peak memory (MiB) | executed on |",
        "|---|---:|---:|---|",
    ]
    for name, result in sorted(stats.get("notebooks", {}).items()):
        rows.append(
            f"| `{name}` | {result['seconds']} | {result['peak_memory_mib']} | {result['date']} |"
        )
    footer = (
        f"\nMachine: {machine.get('system', '?')}, Python {machine.get('python', '?')}, "
        f"{machine.get('cores', '?')} cores.\n"
    )
    return PAGE_HEADER + "\n".join(rows) + "\n" + footer


def execute_notebooks(paths: list[Path], *, stats_file: Path, root: Path, timeout: int) -> None:
    """Execute ``paths`` one by one and merge their statistics into ``stats_file``."""
    stats = json.loads(stats_file.read_text()) if stats_file.exists() else {}
    stats.setdefault("notebooks", {})
    for path in paths:
        name = path.relative_to(root).as_posix()
        print(f"Executing {name} ...", flush=True)
        result = execute_notebook(path, timeout=timeout)
        result["date"] = date.today().isoformat()
        stats["notebooks"][name] = result
        print(f"  {result['seconds']} s, peak memory {result['peak_memory_mib']} MiB", flush=True)
        stats["machine"] = {
            "python": platform.python_version(),
            "system": f"{platform.system()} {platform.machine()}",
            "cores": os.cpu_count(),
        }
        stats_file.write_text(json.dumps(stats, indent=2, sort_keys=True) + "\n")
        (root / "chapters" / "execution_statistics.md").write_text(statistics_page(stats))
    print(f"Statistics written to {stats_file.relative_to(root)}", file=sys.stderr)
