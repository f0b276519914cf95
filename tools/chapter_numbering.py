"""Number figures, tables, equations and exercises by chapter: "Fig. 7.3", "(7.3)", "Exercise 7.2".

Sphinx numbers these across the whole book unless the table of contents is
``numbered``, and a numbered table of contents would number chapters by position
rather than by the course's chapter numbers (chapters are added in any order). So
after Sphinx has assigned its book-wide numbers, this extension renumbers them per
page: in ``chapters/NN_name``, the k-th exercise becomes NN.k; on other pages
(appendices) simply k. Display equations (Sphinx's figure type ``displaymath``, used
because ``math_numfig`` is on) become "(7.3)", in the page and in every ``{eq}``
reference to them. Lemmas, theorems
and algorithms keep their book-wide numbers (the course refers to "Lemma 1").
"""

from __future__ import annotations

import re

from sphinx.application import Sphinx

CHAPTER = re.compile(r"chapters/(\d+)_")
RENUMBERED = {"figure", "table", "code-block", "exercise", "displaymath"}


def number_by_chapter(app: Sphinx, env) -> list[str]:
    """Replace the book-wide numbers of RENUMBERED types by per-chapter ones."""
    for docname, by_type in env.toc_fignumbers.items():
        match = CHAPTER.match(docname)
        prefix = (int(match[1]),) if match and int(match[1]) > 0 else ()
        for figtype, numbers in by_type.items():
            if figtype not in RENUMBERED:
                continue
            in_page_order = sorted(numbers, key=numbers.get)
            for k, node_id in enumerate(in_page_order, start=1):
                numbers[node_id] = (*prefix, k)
    return []  # no page needs to be read again


def setup(app: Sphinx) -> dict:
    """Register the extension with Sphinx."""
    # Sphinx assigns its numbers in an "env-get-updated" handler (priority 500); run after it.
    app.connect("env-get-updated", number_by_chapter, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
