"""publist ``:search:``: the filter box above a long list.

The directive puts a ``publist_search`` node first in the list; the HTML writer
draws the box with the ``hidden`` attribute and ``sphinx_profile.js`` shows it and
does the filtering, so a reader without JavaScript sees the whole list and no box
that does nothing. Everything the script needs is in the page: the label and the
count sentence (translated here, through Sphinx's catalogs, not in the script) and
the entries' keywords, which the list does not show. Other builders write nothing.
"""

from __future__ import annotations

import json

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.writers.html5 import HTML5Translator

from ..data.bib import plain
from ..nodes import pub_entry, skip

_ = get_translation("sphinx_profile")


class publist_search(nodes.General, nodes.Element):  # noqa: N801 (docutils' node names)
    """The filter box of the publist it is a child of; ``ids``: the input's id."""


def entry_keywords(publist: nodes.Element) -> dict[str, str]:
    """The keywords of each entry of the list that has some, by the entry's id: the
    script searches them besides the text the entry shows."""
    return {
        node["ids"][0]: plain(keywords)
        for node in publist.findall(pub_entry)
        if (keywords := node["entry"].fields.get("keywords"))
    }


def visit_publist_search_html(self: HTML5Translator, node: publist_search) -> None:
    field = node["ids"][0]
    keywords = json.dumps(entry_keywords(node.parent), ensure_ascii=False, separators=(",", ":"))
    # read by the script, which puts in the counts
    status = _("{shown} of {total} publications")
    label = _("Filter publications")
    hint = _("title, author, venue, year, keyword")
    self.body.append(
        f'<div class="sp-search" hidden="hidden" data-status="{self.attval(status)}"'
        f' data-keywords="{self.attval(keywords)}">'
        f'<label for="{field}">{self.encode(label)}</label>'
        f'<input type="search" id="{field}" autocomplete="off" spellcheck="false"'
        f' placeholder="{self.attval(hint)}">'
        '<p class="sp-search-status" role="status" aria-live="polite"></p></div>\n'
    )
    raise nodes.SkipNode


def setup_search_box(app: Sphinx) -> None:
    """Register the box: drawn by HTML builders, skipped by every other."""
    fallback = (skip, None)
    app.add_node(
        publist_search,
        html=(visit_publist_search_html, None),
        latex=fallback,
        text=fallback,
        man=fallback,
        texinfo=fallback,
    )
