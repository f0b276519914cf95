"""Small helpers that read the book's table of contents (``_toc.yml``)."""

from __future__ import annotations

from pathlib import Path

import yaml

SUFFIXES = (".ipynb", ".md")


def _entries(node) -> list[str]:
    """Collect every ``file:`` value below ``node`` (root, parts, chapters, sections)."""
    found: list[str] = []
    if isinstance(node, dict):
        for key in ("root", "file"):
            if isinstance(node.get(key), str):
                found.append(node[key])
        for key in ("parts", "chapters", "sections"):
            for child in node.get(key, []) or []:
                found.extend(_entries(child))
    return found


def toc_files(root: Path) -> list[Path]:
    """Return the source file of every page in ``root/_toc.yml``, in order.

    ``_toc.yml`` names pages without their suffix; the file on disk is either
    ``<name>.ipynb`` or ``<name>.md``. A name with no file raises ``FileNotFoundError``.
    """
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    paths = []
    for name in _entries(toc):
        stem = root / name
        candidates = [stem] if stem.suffix in SUFFIXES else [stem.with_name(stem.name + s) for s in SUFFIXES]
        existing = [path for path in candidates if path.is_file()]
        if not existing:
            raise FileNotFoundError(f"_toc.yml lists {name!r}, but no such .ipynb or .md exists")
        paths.append(existing[0])
    return paths


def toc_pages(root: Path) -> list[str]:
    """Return the page names of ``_toc.yml``, without suffix (``chapters/07_backprop``)."""
    return [path.relative_to(root).with_suffix("").as_posix() for path in toc_files(root)]
