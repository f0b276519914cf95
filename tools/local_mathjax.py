"""Serve MathJax from the built website instead of a CDN.

Sphinx normally loads MathJax from jsdelivr.net, so a page read offline (or in a CI
job without internet) shows raw ``$$`` instead of equations. This small Sphinx
extension copies the parts of MathJax 3 that ``tex-chtml.js`` needs from the PyPI
package ``django-static-mathjax`` into ``_build/html/_static/mathjax/`` and points
``mathjax_path`` at that copy.

Only three things are copied (about 3 MB instead of 35 MB):

* ``tex-chtml.js``: TeX input, HTML output, and the startup code in one file;
* ``output/chtml/fonts/``: the web fonts the HTML output uses;
* ``input/tex/extensions/``: TeX packages that MathJax loads on demand
  (for example ``\\boldsymbol`` pulls in ``boldsymbol.js``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx

#: Where the copy lives, relative to the build's ``_static`` folder.
STATIC_SUBDIR = "mathjax"
#: The files and folders (relative to MathJax's ``es5`` folder) that the site needs.
PARTS = ("tex-chtml.js", "output/chtml/fonts", "input/tex/extensions")


def mathjax_source() -> Path:
    """Return the ``es5`` folder of the installed MathJax package."""
    import mathjax  # installed by the PyPI package ``django-static-mathjax``

    es5 = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
    if not (es5 / "tex-chtml.js").is_file():
        raise FileNotFoundError(
            f"MathJax not found at {es5}; install it with "
            "`pip install django-static-mathjax==3.2.2.1` (it is in requirements.txt)."
        )
    return es5


def use_local_mathjax(app: Sphinx, config) -> None:
    """Point Sphinx at the local copy (a relative path is relative to ``_static``)."""
    config.mathjax_path = f"{STATIC_SUBDIR}/tex-chtml.js"


def copy_mathjax(app: Sphinx, exception: Exception | None) -> None:
    """Copy the needed MathJax files into ``<outdir>/_static/mathjax`` after an HTML build."""
    if exception is not None or app.builder.format != "html":
        return
    source = mathjax_source()
    target = Path(app.outdir) / "_static" / STATIC_SUBDIR
    for part in PARTS:
        src, dst = source / part, target / part
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        else:
            shutil.copy2(src, dst)


def setup(app: Sphinx) -> dict:
    """Register the extension with Sphinx."""
    app.connect("config-inited", use_local_mathjax)
    app.connect("build-finished", copy_mathjax)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
