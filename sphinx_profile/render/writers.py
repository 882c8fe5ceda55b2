"""Writing ``pub_entry`` nodes: one drawing, two ways to write it.

A ``pub_entry`` carries everything its entry shows — the checked record, the list's
:class:`~.entry.EntryStyle`, its number, and as children the preview image, the
download references of its local paper files and a ``:style:`` list's formatted
citation — so writing it reads no cache and no file. The children are real nodes
in the page's doctree, so Sphinx copies the image and the files into the site.

Every builder but HTML gets real docutils nodes from :class:`ExpandEntries`, a
post-transform like sphinxcontrib-bibtex's: ``linkcheck`` checks each entry's DOI
and URLs, ``xml`` shows the entry, LaTeX typesets it, and any extension that walks
the resolved doctree sees it. HTML builders keep the node and write the drawing
straight into the page (:func:`visit_pub_entry_html`): for a list of thousands of
entries that is most of the time of writing the page. The two ways give the same
bytes (``tests/test_markup.py`` holds them to it under Sphinx's, furo's and
pydata-sphinx-theme's translators).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..nodes import lower_for_print, pub_entry
from .entry import EntryRenderer
from .markup import Tag, to_nodes, write_html


def entry_tree(node: pub_entry) -> Tag:
    """The drawing of the entry a ``pub_entry`` holds."""
    preview = next((child for child in node.children if isinstance(child, nodes.image)), None)
    formatted = next((child for child in node.children if isinstance(child, nodes.paragraph)), None)
    downloads = [child for child in node.children if isinstance(child, addnodes.download_reference)]
    return EntryRenderer(node["style"]).render(node["entry"], formatted, preview, downloads)


def expanded(node: pub_entry, keep_math: bool) -> nodes.list_item:
    """The entry as docutils nodes for a non-HTML builder: a list item labelled ``[n]``,
    without the web's reading aids (:func:`~sphinx_profile.nodes.lower_for_print`)."""
    [item] = to_nodes(entry_tree(node), keep_math)
    assert isinstance(item, nodes.list_item)
    item["ids"] = node["ids"]
    item.source, item.line = node.source, node.line
    lower_for_print(item)
    first = item.next_node(nodes.paragraph)
    if node["number"] is not None and first is not None:
        first.insert(0, nodes.strong(text=f"[{node['number']}] "))
    return item


class ExpandEntries(SphinxPostTransform):
    """``pub_entry`` becomes real nodes for every builder that is not HTML."""

    default_priority = 199  # before LowerListsForPrint, and long before linkcheck collects

    def is_supported(self) -> bool:
        return self.env._builder_cls.format != "html"

    def run(self, **kwargs: Any) -> None:
        keep_math = self.env._builder_cls.format == "latex"
        for node in list(self.document.findall(pub_entry)):
            node.replace_self(expanded(node, keep_math))


def visit_pub_entry_html(self: Any, node: pub_entry) -> None:
    """``<li>`` with the entry's drawing written straight into the page.

    The drawing's pieces are joined into one string per entry: a page of 5,000
    entries would otherwise hold half a million small strings until it is written.
    """
    self.body.append(self.starttag(node, "li"))
    start = len(self.body)
    write_html(self, entry_tree(node))
    self.body[start:] = ["".join(self.body[start:]), "</li>\n"]
    raise nodes.SkipNode


def setup_writers(app: Sphinx) -> None:
    """Register ``pub_entry``: the HTML fast path, and real nodes for everything else."""
    app.add_node(pub_entry, html=(visit_pub_entry_html, None))
    app.add_post_transform(ExpandEntries)
