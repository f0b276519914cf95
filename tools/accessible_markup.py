"""Small repairs of the generated HTML that accessibility checkers (axe-core) flag.

* The bibliography (sphinxcontrib-bibtex through docutils) is a ``<div role="list">``
  whose entries carry the deprecated role ``doc-biblioentry``; a list must contain list
  items (axe: ``aria-required-children``, critical). Each entry becomes a ``listitem``.

The website tests (tests/test_site.py) run axe-core on every page.
"""

from __future__ import annotations

from sphinx.application import Sphinx

REPLACEMENTS = [('class="citation" id="', 'role="listitem" class="citation" id="')]


def repair(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Rewrite the body of a page before it is written."""
    body = context.get("body")
    if not body or "citation-list" not in body:
        return
    body = body.replace(' role="doc-biblioentry"', "")
    for old, new in REPLACEMENTS:
        body = body.replace(old, new)
    context["body"] = body


def setup(app: Sphinx) -> dict:
    """Register the extension with Sphinx."""
    app.connect("html-page-context", repair)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
