"""``profile_people_pages``: a page per person, ``people/<id>.html``, made without a
source file.

A lab's member gets a page of their own, their card and their publications from all
of the site's BibTeX files, like a paper page (:mod:`sphinx_profile.papers.pages`):
the ``people`` directive draws each person's page while its page is read (a
:class:`~sphinx_profile.nodes.person_page` node, skipped by every writer), and here
it is taken out when that page is written (``doctree-resolved``) and written by
``html-collect-pages`` with the theme's ``page.html``. No source is read per person,
and a person's page is written exactly when the people page is: a rebuild that
changes nothing rewrites none of them. The file name is the id made safe as a paper
key is (:func:`~sphinx_profile.papers.citation.paper_slug`).
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util.osutil import relative_uri

from ..config import conf_location
from ..data.problems import Subtype
from ..domain import person_docname, profile_domain
from ..nodes import person_page, pub_entry
from ..papers.citation import PAPER_BUILDERS
from ..papers.pages import FragmentWriter
from ..warnings import warn


def makes_pages(app: Sphinx) -> bool:
    return bool(app.config.profile_people_pages) and app.builder.name in PAPER_BUILDERS


class PersonPages:
    """The person pages of one build: taken from the people pages as they are written."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[person_page, str]] = {}

    def collect(self, app: Sphinx, doctree: nodes.document, docname: str) -> None:
        """Take the person pages out of the page (which never shows them, on any
        builder: the search index and the page's metadata do not see them either) and
        keep those this page is the home of."""
        makes = makes_pages(app)
        domain = profile_domain(app.env)
        for node in list(doctree.findall(person_page)):
            node.parent.remove(node)
            if not makes or domain.person_home(node["person"]) != docname:
                continue
            for entry in node.findall(pub_entry):
                if domain.choose_list(entry["entry"].key, "", "") is None:
                    entry["paper"] = ""  # no list shows it, so it has no paper page
            builder = app.builder
            assert isinstance(builder, StandaloneHTMLBuilder)  # html and dirhtml
            builder.post_process_images(node)  # its photos are copied into the site
            self.pages[node["person"]] = (node, docname)

    def collected(self, app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
        if not makes_pages(app):
            return
        pages, self.pages = self.pages, {}
        if not profile_domain(app.env).person_pages:
            warn(
                "profile_people_pages: no page has a people list, so no person pages are"
                " made (they are drawn with the first page that has one)",
                Subtype.OPTION,
                conf_location(app.confdir, "profile_people_pages"),
            )
        builder = app.builder
        assert isinstance(builder, StandaloneHTMLBuilder)
        for person_id, (node, docname) in sorted(pages.items()):
            pagename = person_docname(person_id)
            back = relative_uri(builder.get_target_uri(pagename), builder.get_target_uri(docname))
            list_title = app.env.titles[docname].astext() if docname in app.env.titles else ""
            body = nodes.container(classes=["sp-person-page"])
            body += nodes.raw(
                "", f'<h1 class="sp-person-name">{html.escape(node["title"])}</h1>\n', format="html"
            )
            body.extend(child.deepcopy() for child in node.children)
            context = {
                "title": html.escape(node["title"]),
                "body": FragmentWriter(builder, pagename).write(body),
                "parents": [{"link": back, "title": html.escape(list_title)}],
                "display_toc": False,
                "sourcename": "",
            }
            yield pagename, context, "page.html"


def setup_people_pages(app: Sphinx) -> None:
    """Take person pages out of the people pages as they are written; write them at the end."""
    pages = PersonPages()
    app.connect("doctree-resolved", pages.collect)
    app.connect("html-collect-pages", pages.collected)
