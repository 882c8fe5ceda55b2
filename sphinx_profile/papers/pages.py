"""``profile_paper_pages``: a landing page per publication, made without a source file.

Google Scholar indexes a paper from a page of its own that carries its Highwire Press
``citation_*`` tags; one list of many papers is not enough. Each entry a publist shows
gets ``papers/<slug>.html`` (``papers/<slug>/`` under ``dirhtml``), in the theme's
``page.html``, so it has the site's look, navigation and search box. Beside it go
``papers/<slug>.bib`` and ``.ris``. The theme is rendered once per list page, with
stand-ins for each paper's own parts (:meth:`PaperPages.skeleton`), at Sphinx's
``html-collect-pages``.

The page is drawn from the entry's ``pub_entry`` node as the list page was written
(:meth:`PaperPages.collect`, at ``doctree-resolved``): the record, the list's style and
the preview and download nodes whose files Sphinx has already copied. No page is read
or parsed per paper, and a paper page is made only when the page of its list is
written, and written only when its text changed: an edit elsewhere, or one that makes
Sphinx write the list page again without changing the entry, rewrites none of them.
An entry shown by several lists gets its page from the list ``:pub:`` links to (the
longest).
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin

from docutils import nodes
from docutils.utils import new_document
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.locale import get_translation
from sphinx.util.osutil import relative_uri
from sphinx.util.parallel import ParallelTasks, SerialTasks, parallel_available

from ..config import conf_location
from ..data.bib import BibEntry
from ..data.problems import Subtype
from ..data.publications import LINK_NAMES
from ..domain import profile_domain
from ..metadata import json_ld, open_graph, plain_description, scholarly_article, web_url
from ..nodes import escape, pub_entry
from ..render.files import Folder
from ..render.markup import Tag, write_html
from ..render.writers import entry_tree, people_links, person_page
from ..warnings import warn
from .citation import (
    PAPER_BUILDERS,
    PAPERS_DIR,
    Citation,
    cite_as,
    coins,
    highwire_tags,
    paper_slug,
    ris,
)
from .memo import PageMemo

_ = get_translation("sphinx_profile")

#: Stand-ins for a paper's own parts in the page the theme writes once per list
#: (:meth:`PaperPages.skeleton`): letters only, so no template filter changes them, and
#: unlike any text a theme writes.
SLUG = "spPaperSkeletonSlugQ7v"
TITLE = "spPaperSkeletonTitleQ7v"
BODY = "spPaperSkeletonBodyQ7v"
METATAGS = "spPaperSkeletonMetatagsQ7v"
_SENTINELS = re.compile(f"({'|'.join((SLUG, TITLE, BODY, METATAGS))})")
#: The page name the theme writes the skeleton for, beside the paper pages, and its
#: file in the doctree folder (never in the output).
SKELETON = f"{PAPERS_DIR}/{SLUG}"
SKELETON_FILE = "sphinx_profile_paper_skeleton.html"


@dataclass(frozen=True)
class Paper:
    """An entry's node as its list page had it, and where in that page it is."""

    node: pub_entry
    docname: str

    @property
    def place(self) -> tuple[object, ...]:
        """Where in its list page the entry is, besides what its node holds: what its
        page links back to (the page, the anchor) and how the list marks it."""
        node = self.node
        return self.docname, node["ids"], node["classes"], node.get("people")


@dataclass(frozen=True)
class Skeleton:
    """A list's paper pages as the theme writes them (:meth:`PaperPages.skeleton`)."""

    #: the page split at the stand-ins, which are at the odd indices
    pieces: list[str]
    #: the link from every paper page of the list to the list page
    back: str
    #: what the theme wrote, for the digest of each page (:mod:`.memo`)
    digest: bytes

    def fill(self, parts: dict[str, str]) -> str:
        """The page with each stand-in replaced: a part that happens to hold a
        stand-in's text (data is hostile) is not replaced again, and the page's text
        is not searched once per paper."""
        pieces = self.pieces
        return "".join([parts[piece] if index % 2 else piece for index, piece in enumerate(pieces)])


def makes_pages(app: Sphinx) -> bool:
    return bool(app.config.profile_paper_pages) and app.builder.name in PAPER_BUILDERS


def paper_pagenames(app: Sphinx) -> set[str]:
    """Every paper page of the site, whether or not this build wrote it: one per entry
    a publist shows, as the domain knows them from reading (a rebuild writes the pages
    of changed lists only, and the sitemap must still name them all)."""
    if not makes_pages(app):
        return set()
    return {
        f"{PAPERS_DIR}/{paper_slug(key)}"
        for infos in profile_domain(app.env).publists.values()
        for info in infos
        for key in info.entries
    }


class PaperPages:
    """The paper pages of one build: collected while list pages are written, then
    written by ``html-collect-pages``."""

    def __init__(self) -> None:
        self.papers: dict[str, Paper] = {}

    def collect(self, app: Sphinx, doctree: nodes.document, docname: str) -> None:
        """Keep a copy of each entry of the page that is the home of its paper page."""
        if not makes_pages(app):
            return
        domain = profile_domain(app.env)
        for node in doctree.findall(pub_entry):
            if not node.get("paper"):
                continue
            key = node["entry"].key
            home = domain.choose_list(key, "", "")
            if (
                home is not None
                and home.docname == docname
                and home.entries[key].anchor == node["ids"][0]
            ):
                self.papers[node["paper"]] = Paper(node.deepcopy(), docname)

    def pages(self, app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
        """Write the collected pages, with their ``.bib`` and ``.ris`` files: the theme
        once per list page (:meth:`skeleton`), each paper's parts put into it. Nothing
        is yielded for Sphinx to write, and a file that holds its page already is left
        alone, so a list page written again rewrites none whose entry stayed the same.

        Under ``sphinx-build -j N`` the papers are shared among N processes, as Sphinx
        shares the writing of its own pages; the theme is rendered before they fork."""
        if not makes_pages(app):
            return
        papers, self.papers = self.papers, {}
        if not papers:
            return
        if not _base_url(app) and any(map(_local_pdf, papers.values())):
            warn(
                "profile_paper_pages: html_baseurl is not set, so paper pages leave out"
                " citation_pdf_url (Google Scholar needs the PDF's absolute URL); set"
                " html_baseurl to the site's address",
                Subtype.BASEURL,
                conf_location(app.confdir, "profile_paper_pages"),
            )
        lists = sorted({paper.docname for paper in papers.values()})
        skeletons = {docname: self.skeleton(app, docname) for docname in lists}
        writer = PaperWriter(app, skeletons)
        memo = PageMemo(app)
        jobs = [
            (slug, paper)
            for slug, paper in sorted(papers.items())
            if not memo.unchanged(slug, paper.node, *paper.place, skeletons[paper.docname].digest)
            or not writer.has_files(slug)
        ]
        count = processes(app, len(jobs))
        shares = [jobs[start::count] for start in range(count)]
        tasks = ParallelTasks(count - 1) if count > 1 else SerialTasks()
        for share in shares[1:]:
            tasks.add_task(writer.write_all, share)
        writer.write_all(shares[0])  # this process takes a share too
        tasks.join()
        memo.save({pagename.removeprefix(f"{PAPERS_DIR}/") for pagename in paper_pagenames(app)})
        feed_sphinx_sitemap(app, sorted(f"{PAPERS_DIR}/{slug}" for slug in papers))
        yield from ()

    def skeleton(self, app: Sphinx, docname: str) -> Skeleton:
        """The paper pages of the list ``docname`` as the theme writes them, with
        stand-ins for what is each paper's own.

        Writing a page through the theme (its template, its navigation, the checksums
        of its CSS and scripts) costs far more than drawing one entry, and it is the
        same for every paper of a list: all sit at the same depth, so every relative
        link is the same, and they share the way back. So Sphinx writes one page, by its
        own machinery, into the doctree folder; the file is read and removed."""
        builder = app.builder
        assert isinstance(builder, StandaloneHTMLBuilder)  # html and dirhtml
        back = relative_uri(builder.get_target_uri(SKELETON), builder.get_target_uri(docname))
        list_title = app.env.titles[docname].astext() if docname in app.env.titles else ""
        context = {
            "title": TITLE,
            "body": BODY,
            "metatags": METATAGS,
            "parents": [{"link": back, "title": html.escape(list_title)}],
            "display_toc": False,
            "sourcename": "",
        }
        path = Path(app.doctreedir, SKELETON_FILE)
        builder.handle_page(SKELETON, context, "page.html", outfilename=path)
        try:
            page = path.read_text(encoding=builder.config.html_output_encoding)
        finally:
            path.unlink()
        digest = hashlib.blake2b(page.encode(), digest_size=16).digest()
        return Skeleton(_SENTINELS.split(page), back, digest)


#: The fewest papers worth a process of their own under ``-j``: forking the build's
#: process costs about as much as writing this many pages.
PAPERS_PER_PROCESS = 100


def processes(app: Sphinx, papers: int) -> int:
    """How many processes write ``papers`` pages: Sphinx's ``-j``, where it can fork."""
    if not parallel_available or app.parallel < 2:
        return 1
    return max(1, min(app.parallel, papers // PAPERS_PER_PROCESS))


def _base_url(app: Sphinx) -> str:
    """The site's address (``html_baseurl``) without its last ``/``, or ``""``."""
    return str(app.config.html_baseurl or "").rstrip("/")


def _local_pdf(paper: Paper) -> str:
    """The file name Sphinx gave the entry's local PDF, if it has one."""
    for child in paper.node.findall(addnodes.download_reference):
        if child.get("field") == "pdf" and child.get("filename"):
            return str(child["filename"])
    return ""


class PaperWriter:
    """Writes the paper pages of one build, each from its entry and what they all share:
    the skeletons of their lists, where their files go, and one translator.

    Every paper page sits in ``papers/`` at the same depth, so its file
    (``<slug>.html``, or ``<slug>/index.html`` under ``dirhtml``) and the links to its
    downloads are the skeleton's with the slug put in."""

    def __init__(self, app: Sphinx, skeletons: dict[str, Skeleton]) -> None:
        builder = app.builder
        assert isinstance(builder, StandaloneHTMLBuilder)  # html and dirhtml
        self.app = app
        self.skeletons = skeletons
        self.folder = Folder(Path(builder.outdir, PAPERS_DIR))
        outfile = Path(builder.get_outfilename(SKELETON))
        self.page_file = outfile.relative_to(self.folder.path).as_posix()
        here = builder.get_target_uri(SKELETON)
        self.downloads = [relative_uri(here, f"{SKELETON}{suffix}") for suffix in (".bib", ".ris")]
        self.fragments = FragmentWriter(builder, SKELETON)
        self.base = _base_url(app)

    def has_files(self, slug: str) -> bool:
        """Whether the output holds the paper's page, ``.bib`` and ``.ris``."""
        names = (f"{slug}.bib", f"{slug}.ris", self.page_file.replace(SLUG, slug))
        return all(map(self.folder.holds, names))

    def write_all(self, jobs: list[tuple[str, Paper]]) -> None:
        for slug, paper in jobs:
            self.write(slug, paper)

    def write(self, slug: str, paper: Paper) -> None:
        """The paper's page and its ``.bib`` and ``.ris`` files."""
        entry: BibEntry = paper.node["entry"]
        citation = Citation.of(entry)
        self.folder.write(f"{slug}.bib", entry.bibtex + "\n")
        self.folder.write(f"{slug}.ris", ris(citation))
        skeleton = self.skeletons[paper.docname]
        heading = html.escape(citation.title)
        downloads = [link.replace(SLUG, slug) for link in self.downloads]
        parts = {
            SLUG: slug,
            TITLE: heading,
            BODY: self.body(paper, citation, heading, downloads, skeleton.back),
            METATAGS: self.metatags(f"{PAPERS_DIR}/{slug}", paper, citation),
        }
        encoding = self.app.config.html_output_encoding
        self.folder.write(self.page_file.replace(SLUG, slug), skeleton.fill(parts), encoding)

    def body(
        self, paper: Paper, citation: Citation, heading: str, downloads: list[str], back: str
    ) -> str:
        """The entry drawn whole, "cite as", the ``downloads`` (the ``.bib`` and
        ``.ris``) and the way ``back`` to the list.

        The entry is drawn as a list draws it, in the page's style (every link, every
        author, the abstract open, the title as the page's heading), inside the markup
        a one-entry list has, so it keeps a list's look and script. The rest is the
        page's own few fixed elements, written as the HTML writer writes their nodes."""
        node = paper.node
        translator = self.fragments.translator
        style = replace(node["style"], links=LINK_NAMES, max_authors=None, page=True)
        people = people_links(node, web=True, person_page=person_page(translator))
        bib_link, ris_link = (
            f'<a class="sp-button reference internal" href="{escape(url)}">{label}</a>'
            for url, label in zip(downloads, ("BibTeX (.bib)", "RIS (.ris)"), strict=True)
        )
        anchor = node["ids"][0]
        cite, back_label = escape(_("Cite as:")), escape(_("All publications"))
        return self.fragments.write(
            '<div class="sp-publist sp-paper docutils container">\n'
            f'<h1 class="sp-paper-title">{heading}</h1>\n'
            '<ul class="sp-publist-items">\n',
            translator.starttag(node, "li"),
            entry_tree(node, "", people, style),
            "</li>\n</ul>\n"
            f'<p class="sp-cite-as"><strong>{cite}</strong>'
            f" {escape(cite_as(citation))}</p>\n"
            f'<p class="sp-paper-downloads">{bib_link} {ris_link}</p>\n'
            f'<p class="sp-paper-back"><a class="reference internal" href="{escape(back)}#'
            f'{escape(anchor)}">{back_label}</a></p>\n'
            f'<span class="Z3988" title="{html.escape(coins(citation))}"></span>\n</div>\n',
        )

    def pdf_url(self, paper: Paper, citation: Citation) -> str:
        """The full text for ``citation_pdf_url``: the local PDF where Sphinx copied it
        (absolute, which needs ``html_baseurl``: :meth:`PaperPages.pages` warns without
        it) or the entry's http(s) ``pdf`` link."""
        if filename := _local_pdf(paper):
            return urljoin(self.base + "/", f"_downloads/{quote(filename)}") if self.base else ""
        return web_url(citation.links.get("pdf", ""))

    def metatags(self, pagename: str, paper: Paper, citation: Citation) -> str:
        """Highwire Press tags for Google Scholar; a ``ScholarlyArticle`` and Open Graph
        unless ``profile_jsonld`` is off (or sphinxext-opengraph writes those)."""
        app = self.app
        tags = [
            f'<meta name="{name}" content="{html.escape(value)}" />'
            for name, value in highwire_tags(citation, self.pdf_url(paper, citation))
        ]
        if app.config.profile_jsonld:
            url = (
                urljoin(self.base + "/", app.builder.get_target_uri(pagename)) if self.base else ""
            )
            description = plain_description(citation.field("abstract"))
            if "sphinxext.opengraph" not in app.extensions:
                properties = open_graph(citation.title, description, "", url, kind="article")
                tags += [
                    f'<meta property="{prop}" content="{html.escape(value)}" />'
                    for prop, value in properties.items()
                ]
            article = {"@context": "https://schema.org", **scholarly_article(citation.entry, url)}
            if description:
                article["description"] = description
            tags.append(json_ld(article))
        return "\n".join(tags) + "\n"


def feed_sphinx_sitemap(app: Sphinx, pagenames: list[str]) -> None:
    """Give sphinx-sitemap the paper pages written, and take the skeleton from it.

    sphinx-sitemap lists the pages it sees in ``html-page-context``, in a queue on the
    application (``sitemap_links``); paper pages are written without that event, and
    the one page it saw is the skeleton, which is no page of the site."""
    if "sphinx_sitemap" not in app.extensions:
        return
    from sphinx_sitemap import add_html_link  # type: ignore[import-untyped]  # only when loaded

    links = app.sitemap_links  # type: ignore[attr-defined]
    kept = []
    while not links.empty():
        link = links.get_nowait()
        if SLUG not in link[0]:
            kept.append(link)
    for link in kept:
        links.put(link)
    for pagename in pagenames:
        add_html_link(app, pagename, "page.html", {}, None)


class FragmentWriter:
    """The builder's own translator, made once, writing parts of pages that are no
    documents, as if on the page ``pagename`` (so images and local files link to where
    Sphinx copied them, and the site's pages are linked from there).

    Making a translator and a document for it costs more than drawing an entry, so
    pages that sit in one folder (all the paper pages) share one."""

    def __init__(self, builder: StandaloneHTMLBuilder, pagename: str) -> None:
        self.builder = builder
        here = builder.get_target_uri(pagename)
        # what write_doc sets for a page: where images and downloads are, seen from it
        builder.imgpath = relative_uri(here, builder.imagedir)
        builder.dlpath = relative_uri(here, "_downloads")
        builder.current_docname = pagename
        document = new_document(pagename, builder.docsettings)
        self.translator: Any = builder.create_translator(document, builder)

    def write(self, *parts: str | Tag | nodes.Node) -> str:
        """The HTML of ``parts``: a string is HTML already, a :class:`Tag` is written
        as :func:`write_html` writes its children, a node by its visitor."""
        body: list[str] = self.translator.body
        start = len(body)
        for part in parts:
            if isinstance(part, str):
                body.append(part)
            elif isinstance(part, Tag):
                write_html(self.translator, part)
            else:
                part.walkabout(self.translator)
        fragment = "".join(body[start:])
        del body[start:]
        return fragment


def setup_papers(app: Sphinx) -> None:
    """Collect entries as their list pages are written; write their pages at the end."""
    papers = PaperPages()
    app.connect("doctree-resolved", papers.collect)
    app.connect("html-collect-pages", papers.pages)
