"""The LaTeX side: ``sphinxprofile.sty`` gives the generic nodes a CV layout in the PDF.

The directives emit classes (``sp-cv-date``, ``sp-cv-entry``...) that Sphinx's LaTeX
writer already turns into ``\\DUrole`` commands and ``sphinxuseclass`` environments;
the style file defines those. Publication lists have their own LaTeX visitors
(:mod:`sphinx_profile.nodes`), for the numbers a list environment cannot count.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.fileutil import copy_asset_file
from sphinx.util.images import guess_mimetype

from .data.problems import Subtype
from .warnings import warn

STYLE = Path(__file__).parent / "texinputs" / "sphinxprofile.sty"


def _copy_style(app: Sphinx, exception: BaseException | None) -> None:
    """Put the style next to the ``.tex`` files, where ``latexmk`` finds it (replacing
    the copy of an earlier build, which may come from an older version)."""
    if exception is None and app.builder.format == "latex":
        copy_asset_file(STYLE, app.outdir, force=True)


def printable(image: nodes.image, supported: list[str]) -> bool:
    """Whether LaTeX can include ``image``, as Sphinx's builder will pick its file.

    A remote image that was not downloaded (``?``) is skipped by Sphinx's writer, so
    it cannot stop the run either.
    """
    candidates: dict[str, str] = image["candidates"]
    if "*" in candidates:  # one file, named as is: its extension decides
        return guess_mimetype(image["uri"]) in supported
    return "?" in candidates or not candidates.keys().isdisjoint(supported)


class LeaveOutUnprintablePhotos(SphinxPostTransform):
    """The profile photo, when LaTeX cannot include its file (a GIF, an SVG), is left
    out of the PDF with a warning: included, it would stop the LaTeX run with "Unknown
    graphics extension". (Publication previews never reach LaTeX at all.)"""

    default_priority = 210  # after Sphinx's ImageConverter (200), which may convert it
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        supported = self.env._builder_cls.supported_image_types
        for image in list(self.document.findall(nodes.image)):
            if "sp-photo" in image["classes"] and not printable(image, supported):
                warn(
                    f"photo {image['uri']!r} left out of the PDF: LaTeX includes PNG, JPEG"
                    " and PDF images (convert it, or add sphinx.ext.imgconverter)",
                    Subtype.DATA,
                    image,
                )
                image.parent.remove(image)


def setup_latex(app: Sphinx) -> None:
    """Load the style in every LaTeX document, ship it with the build, and keep
    what LaTeX cannot include out of the document."""
    app.add_latex_package("sphinxprofile")
    app.add_post_transform(LeaveOutUnprintablePhotos)
    app.connect("build-finished", _copy_style)
