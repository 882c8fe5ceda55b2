"""The LaTeX side: ``sphinxprofile.sty`` gives the generic nodes a CV layout in the PDF.

The directives emit classes (``sp-cv-date``, ``sp-cv-entry``...) that Sphinx's LaTeX
writer already turns into ``\\DUrole`` commands and ``sphinxuseclass`` environments;
the style file defines those, so no custom LaTeX visitor is needed.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.fileutil import copy_asset_file

STYLE = Path(__file__).parent / "texinputs" / "sphinxprofile.sty"


def _copy_style(app: Sphinx, exception: BaseException | None) -> None:
    """Put the style next to the ``.tex`` files, where ``latexmk`` finds it."""
    if exception is None and app.builder.format == "latex":
        copy_asset_file(STYLE, app.outdir)


def setup_latex(app: Sphinx) -> None:
    """Load the style in every LaTeX document and ship it with the build."""
    app.add_latex_package("sphinxprofile")
    app.connect("build-finished", _copy_style)
