"""publist ``:download:``: the list's entries as one ``.bib`` file beside the page.

The file is made from the list's own ``pub_entry`` nodes when the page is written,
so it holds exactly the entries shown, each as the reader's BibTeX of its block
(``BibEntry.bibtex``: standard fields only, marks and custom fields gone), and it
is rewritten exactly when the page is. It goes to ``_downloads/publist/<page>.bib``
(``-2``, ``-3`` for more lists on one page), linked relative to the page, so it
works under ``html``, ``dirhtml`` and ``singlehtml`` alike. Other builders write
nothing: a PDF or man page cannot offer a file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.writers.html5 import HTML5Translator

from ..nodes import pub_entry, skip
from .files import write_if_changed

_ = get_translation("sphinx_profile")

#: Where the files go in the output, beside Sphinx's own downloads.
FOLDER = "_downloads/publist"


class publist_download(nodes.General, nodes.Element):  # noqa: N801 (docutils' node names)
    """The download link of the publist it is a child of; ``ids``: ``sp-download``, or
    ``sp-download-2``... for the later lists of a page, which name their files so."""


def output_path(node: publist_download, page: str) -> str:
    """The file's path in the output, ``/``-separated, for the list on ``page``.

    The page is the one the node was read on: ``singlehtml`` writes every page into
    one, marking each included page's sections with its ``docname``, and two pages'
    first lists must not share a file.
    """
    docname = next(
        (
            section["docname"]
            for section in _ancestors(node)
            if isinstance(section, nodes.section) and "docname" in section
        ),
        page,
    )
    suffix = node["ids"][0].removeprefix("sp-download")
    return f"{FOLDER}/{docname}{suffix}.bib"


def _ancestors(node: nodes.Node) -> Iterator[nodes.Element]:
    while node.parent is not None:
        node = node.parent
        yield node


def bibtex_of(publist: nodes.Element) -> str:
    """The ``.bib`` file of the list's entries, in the list's order."""
    return "".join(f"{node['entry'].bibtex}\n\n" for node in publist.findall(pub_entry))


def visit_publist_download_html(self: HTML5Translator, node: publist_download) -> None:
    builder = self.builder
    target = Path(builder.outdir, output_path(node, builder.current_docname))
    write_if_changed(target, bibtex_of(node.parent))
    page = Path(builder.get_outfilename(builder.current_docname)).parent
    href = Path(os.path.relpath(target, page)).as_posix()
    label = self.encode(_("Download as BibTeX"))
    self.body.append(
        f'<p class="sp-download"><a class="sp-button" href="{self.attval(href)}"'
        f' download="{self.attval(target.name)}" type="application/x-bibtex">{label}</a></p>\n'
    )
    raise nodes.SkipNode


def setup_bib_download(app: Sphinx) -> None:
    """Register the link: drawn (and its file written) by HTML builders only."""
    fallback = (skip, None)
    app.add_node(
        publist_download,
        html=(visit_publist_download_html, None),
        latex=fallback,
        text=fallback,
        man=fallback,
        texinfo=fallback,
    )
