"""``sitemap.xml``: every page of an HTML site, so search engines find the paper pages.

A search engine finds a page by following links or from the site's sitemap; a paper
page is linked only from its list, and a sitemap names it outright. The file lists
absolute URLs, so it is written only when ``html_baseurl`` says where the site lives.

The list cannot come from the pages written in this build alone (as sphinx-sitemap
collects it, in ``html-page-context``): Sphinx writes only the documents that changed,
and paper pages are written only with their list, so a rebuild would list only those.
It is the documents Sphinx knows (``env.found_docs``), the paper pages the domain knows
from reading, and every other page written (the index, the search page, pages other
extensions add through ``html-collect-pages``): in this build, or in an earlier one
while its file is still in the output, since an extension may also write a page only
when it changes (viewcode's source pages). Those are remembered in the build's cache
folder (the doctree folder), not in the environment, which is saved before pages are
written. Nothing in the sitemap changes from one build to the next unless a page comes
or goes, and the file is rewritten only then:
there is no ``<lastmod>``, because no date of a page is stable across checkouts (a
clone gives every file a new modification time) and search engines ignore dates that
move without the page.

One sitemap is enough: with sphinx-sitemap loaded, or a ``sitemap.xml`` of the user's
own in ``html_extra_path``, none is written here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urljoin
from xml.etree import ElementTree

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from .papers.pages import SKELETON, paper_pagenames
from .render.files import write_if_changed

SITEMAP = "sitemap.xml"
#: The other pages written, in the doctree folder.
WRITTEN = "sphinx_profile_written_pages.json"
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
#: The builders that write one page per document at a URL of its own.
SITEMAP_BUILDERS = frozenset({"html", "dirhtml"})


def writes_sitemap(app: Sphinx) -> bool:
    """Whether this build writes ``sitemap.xml`` (and nothing else writes one)."""
    return (
        app.builder.name in SITEMAP_BUILDERS
        and bool(app.config.html_baseurl)
        and "sphinx_sitemap" not in app.extensions
        and not any(
            Path(app.confdir, folder, SITEMAP).is_file() for folder in app.config.html_extra_path
        )
    )


def page_url(app: Sphinx, pagename: str) -> str:
    """The page's absolute URL, as its canonical link has it; percent-escaped once
    (``html`` escapes its target URIs, ``dirhtml`` does not)."""
    target = quote(unquote(app.builder.get_target_uri(pagename)), safe="/~")
    base: str = app.config.html_baseurl
    return urljoin(base.rstrip("/") + "/", target)


def sitemap_xml(urls: list[str]) -> str:
    """The sitemap of ``urls``, in the sitemaps.org format (ElementTree escapes them)."""
    root = ElementTree.Element("urlset", xmlns=NAMESPACE)
    for url in urls:
        ElementTree.SubElement(ElementTree.SubElement(root, "url"), "loc").text = url
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def written_before(app: Sphinx) -> set[str]:
    """The other pages earlier builds wrote whose files are still in the output."""
    builder = app.builder
    assert isinstance(builder, StandaloneHTMLBuilder)  # html and dirhtml
    try:
        names = json.loads(Path(app.doctreedir, WRITTEN).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    if not isinstance(names, list):
        return set()
    return {
        name
        for name in names
        if isinstance(name, str) and Path(builder.get_outfilename(name)).is_file()
    }


class Sitemap:
    """The pages of one build, noted as they are written, and the file made from them."""

    def __init__(self) -> None:
        self.written: set[str] = set()

    def note(
        self,
        app: Sphinx,
        pagename: str,
        template: str,
        context: dict[str, Any],
        doctree: nodes.document | None,
    ) -> None:
        """Note a page this build writes. In a parallel build the documents are noted in
        other processes; they are in ``env.found_docs`` anyway. The paper pages'
        skeleton is no page of the site (the paper pages are known from the domain)."""
        if pagename != SKELETON:
            self.written.add(pagename)

    def write(self, app: Sphinx, exception: BaseException | None) -> None:
        """Write ``sitemap.xml`` once every page is written."""
        written, self.written = self.written, set()
        if exception is not None or not writes_sitemap(app):
            return
        known = app.env.found_docs | paper_pagenames(app)
        others = sorted((written | written_before(app)) - known)
        write_if_changed(Path(app.doctreedir, WRITTEN), json.dumps(others, indent=0) + "\n")
        urls = sorted({page_url(app, pagename) for pagename in [*known, *others]})
        write_if_changed(Path(app.builder.outdir, SITEMAP), sitemap_xml(urls))


def setup_sitemap(app: Sphinx) -> None:
    """Note pages as they are written; write the sitemap when the build is done."""
    sitemap = Sitemap()
    app.connect("html-page-context", sitemap.note)
    app.connect("build-finished", sitemap.write)
