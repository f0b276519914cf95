"""Include every inline ``<script>`` of the website once, not twice.

Sphinx 7.4 keeps the JavaScript of a page in two places: a registry, and a list in the
HTML builder. An extension that adds an *inline* script (``app.add_js_file(None,
body=...)``) after the builder has started ends up in both; when the pages are written,
Sphinx copies the registry into the list again, and because it names the inline script
``''`` there but ``None`` in the list, it does not notice the copy is a duplicate.

sphinx-thebe adds ``const THEBE_JS_URL = ...`` this way (and sphinx-togglebutton adds
``var togglebuttonSelector = ...``), so every page declared the constant twice and the
browser reported ``SyntaxError: Identifier 'THEBE_JS_URL' has already been declared``.

Fix: once all pages have been read, drop the ``None``-named copies from the builder's
list. Sphinx adds every script of the registry back (named ``''``) just before writing,
so each inline script appears exactly once.
"""

from __future__ import annotations

from sphinx.application import Sphinx


def drop_duplicate_inline_scripts(app: Sphinx, env) -> None:
    """Remove the inline scripts that Sphinx is about to add a second time."""
    scripts = getattr(app.builder, "_js_files", None)
    if scripts is not None:
        scripts[:] = [script for script in scripts if script.filename is not None]


def setup(app: Sphinx) -> dict:
    """Register the extension with Sphinx."""
    app.connect("env-updated", drop_duplicate_inline_scripts)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
