"""Writing ``pub_entry`` nodes: one drawing, two ways to write it.

A ``pub_entry`` carries everything its entry shows — the checked record, the list's
:class:`~.entry.EntryStyle`, its number, and as children the preview image, the
download references of its local paper files and a ``:style:`` list's formatted
citation — so writing it reads no cache and no file. The children are real nodes
in the page's doctree, so Sphinx copies the image and the files into the site.

Every builder but HTML gets real docutils nodes from :class:`ExpandEntries`, a
post-transform like sphinxcontrib-bibtex's: ``linkcheck`` checks each entry's DOI
and URLs, ``xml`` shows the entry, and any extension that walks the resolved
doctree sees it. LaTeX gets the entry as a CV prints it (:func:`printed`): one
paragraph with a hanging number, no preview and no buttons. HTML builders keep
the node and write the drawing straight into the page
(:func:`visit_pub_entry_html`): for a list of thousands of entries that is most of
the time of writing the page, so each entry's HTML is kept for the next build
(:mod:`.entry_cache`). The two ways give the same bytes
(``tests/test_markup.py`` holds them to it under Sphinx's, furo's and
pydata-sphinx-theme's translators).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

from ..data.people import PEOPLE_DIR, AuthorMatch
from ..nodes import lower_for_print, printed_entry, pub_entry
from ..papers.citation import PAPER_BUILDERS, PAPERS_DIR
from .entry import AuthorLink, EntryRenderer, EntryStyle
from .entry_cache import entry_key, page_memo, setup_entry_cache
from .markup import Tag, to_nodes, write_html


def _formatted(node: pub_entry) -> nodes.paragraph | None:
    """A ``:style:`` list's citation of the entry, if it has one."""
    return next((child for child in node.children if isinstance(child, nodes.paragraph)), None)


def entry_tree(
    node: pub_entry,
    paper_url: str = "",
    people: Sequence[AuthorLink | None] = (),
    style: EntryStyle | None = None,
) -> Tag:
    """The drawing of the entry a ``pub_entry`` holds, its title linked to ``paper_url``,
    its known authors to ``people``, in ``style`` if not its list's (a paper page's)."""
    preview = next((child for child in node.children if isinstance(child, nodes.image)), None)
    downloads = [child for child in node.children if isinstance(child, addnodes.download_reference)]
    renderer = EntryRenderer(style or node["style"])
    return renderer.render(
        node["entry"], _formatted(node), preview, downloads, node.get("cited"), paper_url, people
    )


def _site_url(builder: Any, docname: str) -> str:
    """The link from the page being written to another page of the site."""
    here = builder.get_target_uri(builder.current_docname)
    return relative_uri(here, builder.get_target_uri(docname))


def paper_url(translator: Any, node: pub_entry) -> str:
    """The link from the page being written to the entry's own page, if the builder
    makes paper pages (:mod:`sphinx_profile.papers`) and the entry has one."""
    builder = translator.builder
    if not node.get("paper") or builder.name not in PAPER_BUILDERS:
        return ""
    return _site_url(builder, f"{PAPERS_DIR}/{node['paper']}")


def people_links(
    node: pub_entry, web: bool = False, person_page: Callable[[str], str] | None = None
) -> list[AuthorLink | None]:
    """How the entry's known authors are drawn: on a web page (``web``) a person of the
    site links to their page (``person_page``, from an id, when the builder makes
    ``profile_people_pages``) or their ``url`` and is marked ``sp-member``; elsewhere a
    name links to a homepage only, with no class."""
    links: list[AuthorLink | None] = []
    matches: tuple[AuthorMatch | None, ...] = node.get("people", ())
    for match in matches:
        if match is None:
            links.append(None)
        elif match.is_member and person_page is not None:
            links.append(AuthorLink(person_page(match.person), member=True, internal=True))
        else:
            links.append(AuthorLink(match.url, member=web and match.is_member))
    return links


def person_page(translator: Any) -> Callable[[str], str] | None:
    """The link from the page being written to a person's page, if the builder makes
    them (``profile_people_pages``, on the builders that make paper pages)."""
    builder = translator.builder
    if not builder.config.profile_people_pages or builder.name not in PAPER_BUILDERS:
        return None
    return lambda person: _site_url(builder, f"{PEOPLE_DIR}/{person}")


def expanded(node: pub_entry, people: Sequence[AuthorLink | None] = ()) -> nodes.list_item:
    """The full entry as docutils nodes for the builders other than HTML and LaTeX (text,
    xml, linkcheck...): a list item labelled ``[n]``, with every link, without the web's
    reading aids (:func:`~sphinx_profile.nodes.lower_for_print`) and with math readable
    as text."""
    [item] = to_nodes(entry_tree(node, people=people), keep_math=False)
    assert isinstance(item, nodes.list_item)
    item["ids"] = node["ids"]
    item.source, item.line = node.source, node.line
    lower_for_print(item)
    first = item.next_node(nodes.paragraph)
    if node["number"] is not None and first is not None:
        first.insert(0, nodes.strong(text=f"[{node['number']}] "))
    return item


def printed(node: pub_entry) -> printed_entry:
    """The entry for LaTeX: one paragraph in an item labelled with its number.

    The preview is left out: a CV lists papers without thumbnails, and previews are
    often GIFs, which LaTeX cannot include.
    """
    paragraph = EntryRenderer(node["style"]).printed(node["entry"], _formatted(node))
    item = printed_entry("", *to_nodes(paragraph, keep_math=True), number=node["number"])
    item["ids"] = node["ids"]
    item.source, item.line = node.source, node.line
    lower_for_print(item)
    return item


class ExpandEntries(SphinxPostTransform):
    """``pub_entry`` becomes real nodes for every builder that is not HTML."""

    # before Sphinx's image post-transforms (100: a preview the PDF leaves out is
    # never downloaded), LowerListsForPrint, and long before linkcheck collects
    default_priority = 99

    def is_supported(self) -> bool:
        return self.env._builder_cls.format != "html"

    def run(self, **kwargs: Any) -> None:
        latex = self.env._builder_cls.format == "latex"
        for node in list(self.document.findall(pub_entry)):
            if latex:
                node.replace_self(printed(node))
            else:
                node.replace_self(expanded(node, people_links(node)))


def visit_pub_entry_html(self: Any, node: pub_entry) -> None:
    """``<li>`` with the entry's drawing written straight into the page, or the HTML
    the last build drew for the same entry on this page (:mod:`.entry_cache`).

    The drawing's pieces are joined into one string per entry: a page of 5,000
    entries would otherwise hold half a million small strings until it is written.
    """
    self.body.append(self.starttag(node, "li"))
    url = paper_url(self, node)
    people = people_links(node, web=True, person_page=person_page(self))

    def draw() -> str:
        start = len(self.body)
        write_html(self, entry_tree(node, url, people))
        html = "".join(self.body[start:])
        del self.body[start:]
        return html

    memo = page_memo(self.builder)
    key = entry_key(self.builder, node, url, people) if memo is not None else b""
    html = draw() if memo is None else memo.html(key, draw)
    self.body += (html, "</li>\n")
    raise nodes.SkipNode


def setup_writers(app: Sphinx) -> None:
    """Register ``pub_entry``: the HTML fast path, and real nodes for everything else."""
    app.add_node(pub_entry, html=(visit_pub_entry_html, None))
    app.add_post_transform(ExpandEntries)
    setup_entry_cache(app)
