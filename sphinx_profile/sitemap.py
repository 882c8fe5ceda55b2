"""``sitemap.xml``: every page of an HTML site, so search engines find the paper pages.

A search engine finds a page by following links or from the site's sitemap; a paper
page is linked only from its list, and a sitemap names it outright. The file lists
absolute URLs, so it is written only when ``html_baseurl`` says where the site lives.

The list cannot come from the pages written in this build alone (as sphinx-sitemap
collects it, in ``html-page-context``): Sphinx writes only the documents that changed,
and paper pages are written only with their list, so a rebuild would list only those.
It is the documents Sphinx knows (``env.found_docs``), the paper pages the domain knows
from reading, and every other page this build wrote (the index, the search page, pages
other extensions add through ``html-collect-pages``). Nothing in it changes from one
build to the next unless a page comes or goes, and the file is rewritten only then:
there is no ``<lastmod>``, because no date of a page is stable across checkouts (a
clone gives every file a new modification time) and search engines ignore dates that
move without the page.

One sitemap is enough: with sphinx-sitemap loaded, or a ``sitemap.xml`` of the user's
own in ``html_extra_path``, none is written here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urljoin
from xml.etree import ElementTree

from docutils import nodes
from sphinx.application import Sphinx

from .papers.pages import paper_pagenames, write_if_changed

SITEMAP = "sitemap.xml"
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
        other processes; they are in ``env.found_docs`` anyway."""
        self.written.add(pagename)

    def write(self, app: Sphinx, exception: BaseException | None) -> None:
        """Write ``sitemap.xml`` once every page is written."""
        written, self.written = self.written, set()
        if exception is not None or not writes_sitemap(app):
            return
        pages = written | app.env.found_docs | paper_pagenames(app)
        urls = sorted({page_url(app, pagename) for pagename in pages})
        write_if_changed(Path(app.builder.outdir, SITEMAP), sitemap_xml(urls))


def setup_sitemap(app: Sphinx) -> None:
    """Note pages as they are written; write the sitemap when the build is done."""
    sitemap = Sitemap()
    app.connect("html-page-context", sitemap.note)
    app.connect("build-finished", sitemap.write)
