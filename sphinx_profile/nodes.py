"""Custom nodes and their visitors, one per builder family.

Directives build ordinary docutils nodes wherever one exists (containers,
paragraphs, references, bullet lists), so every builder has something to render.
Custom nodes exist only where HTML needs markup docutils has no node for (inline
SVG icons, ``<ol reversed start>``, ``<details>``, a copy button) and where the PDF
needs what docutils' lists cannot say (an item labelled with its own number).
Icons and copy buttons are skipped outside HTML; lists and collapsible blocks are
lowered to generic nodes (:class:`LowerListsForPrint`, :func:`lower_for_print`)
before a writer other than HTML and LaTeX sees them.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator
from sphinx.writers.latex import LaTeXTranslator

_ = get_translation("sphinx_profile")

ICON_NAMES = frozenset(
    path.name.removesuffix(".svg")
    for path in resources.files("sphinx_profile").joinpath("icons").iterdir()
    if path.name.endswith(".svg")
)


def escape(text: str) -> str:
    """``text`` escaped as docutils' HTML translator escapes text (``encode()``), faster.

    docutils maps every character through a dict (``str.translate``), a tenth of the
    time of writing a page of 5,000 entries with their BibTeX; replacing its five
    special characters in turn, ``&`` first, gives the same string.
    """
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace('"', "&quot;")
        .replace(">", "&gt;")
        .replace("@", "&#64;")  # as docutils: may thwart address harvesters
    )


class icon(nodes.Inline, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """An inline SVG icon, decorative: the accessible name is the text beside it."""


@cache
def _packaged_svg(name: str) -> str:
    return resources.files("sphinx_profile").joinpath("icons", f"{name}.svg").read_text()


def svg_markup(name: str, overrides: dict[str, str]) -> str:
    """The SVG for ``name``: a ``profile_link_icons`` override, a packaged icon, or the generic one.

    Overrides come from ``conf.py``, which the site owner controls, so they may hold
    markup (files are read when the configuration is, see
    :func:`~sphinx_profile.directives.profile.read_link_icons`); data files never
    reach this function with anything but an icon name.
    """
    markup = overrides.get(name) or _packaged_svg(name if name in ICON_NAMES else "generic")
    return markup.strip().replace(
        "<svg ", '<svg class="sp-icon" aria-hidden="true" focusable="false" ', 1
    )


def visit_icon_html(self: HTML5Translator, node: icon) -> None:
    overrides: dict[str, str] = self.builder.config.profile_link_icons
    self.body.append(svg_markup(node["name"], overrides))
    raise nodes.SkipNode


class publist_list(nodes.General, nodes.Element):  # noqa: N801
    """A publication list: ``<ol reversed start=N>`` (or ``<ul>`` when unnumbered).

    Attributes: ``numbers`` (the number of each item, or ``[]``), ``reversed``.
    Numbering continues across the groups of one publist, which docutils'
    ``enumerated_list`` cannot say (no ``reversed``), hence this node.
    """


class pub_entry(nodes.General, nodes.Element):  # noqa: N801
    """One publication: everything it shows, drawn when the page is written.

    Attributes: ``entry`` (the checked :class:`~sphinx_profile.data.bib.BibEntry`),
    ``style`` (the list's :class:`~sphinx_profile.render.entry.EntryStyle`), ``number``
    (or ``None``), ``cited`` (its :class:`~sphinx_profile.data.metrics.Count` for a
    ``:metrics:`` list, or ``None``), ``paper`` (the slug of the entry's own page, or
    ``""``), ``people`` (who each author is: an
    :class:`~sphinx_profile.data.people.AuthorMatch` or ``None`` by position; empty when
    the site knows nobody) and ``ids``. Children: the preview image and the download
    references of the local paper files (so Sphinx copies them to the output) and, for
    a ``:style:`` list, pybtex's formatted citation. A record pickles at a
    tenth of the cost of the ~60 nodes of a drawn entry, which keeps a 5,000-entry
    page fast to read, transform, pickle and write; every builder but HTML gets the
    real nodes (:class:`~sphinx_profile.render.writers.ExpandEntries`).
    """


class printed_entry(nodes.General, nodes.Element):  # noqa: N801
    """One publication in the PDF: an item of its list, labelled with its ``number``
    (or ``None``) in the margin, holding the entry's one paragraph."""


class search_words(nodes.General, nodes.Element):  # noqa: N801
    """Text for the search index only, skipped by every writer: the distinct words of a
    publist's entries (titles, authors, venues, years).

    Sphinx's index maps each word to the pages it occurs on, so each word once per list
    gives the same index as every entry's full text, at a tenth of the words to stem
    and without a text node per entry.
    """


class person_page(nodes.General, nodes.Element):  # noqa: N801
    """A person's own page (``profile_people_pages``), carried by the people page that
    drew it and skipped by every writer: :mod:`sphinx_profile.people.pages` takes it
    out and writes it as ``people/<id>.html``. Attributes: ``person`` (the id),
    ``title`` (their name)."""


class details(nodes.General, nodes.Element):  # noqa: N801
    """A ``<details>`` block with a plain-text ``summary``; ``inline`` for author lists,
    ``open`` for one shown open (a paper page's abstract)."""


class tooltip(nodes.Inline, nodes.Element):  # noqa: N801
    """Inline text with a ``title`` a pointer shows (``<span title>``); in print the title
    follows the text in parentheses (:func:`lower_for_print`)."""


class code_text(nodes.General, nodes.FixedTextElement):  # noqa: N801
    """Preformatted text shown as is: a ``<pre>`` without syntax highlighting (cheap)."""


class copy_button(nodes.General, nodes.Element):  # noqa: N801
    """A button that copies the text of the ``<pre>`` beside it (needs JavaScript)."""


def visit_publist_list_html(self: HTML5Translator, node: publist_list) -> None:
    numbers: list[int] = node["numbers"]
    if not numbers:
        self.body.append(self.starttag(node, "ul", CLASS="sp-publist-items"))
        return
    attributes: dict[str, Any] = {"start": numbers[0]}
    if node["reversed"]:
        attributes["reversed"] = "reversed"
    self.body.append(self.starttag(node, "ol", CLASS="sp-publist-items", **attributes))


def depart_publist_list_html(self: HTML5Translator, node: publist_list) -> None:
    self.body.append("</ol>\n" if node["numbers"] else "</ul>\n")


def visit_publist_list_latex(self: LaTeXTranslator, node: publist_list) -> None:
    # the widest label of the whole publist sets the margin: numbers hang in one
    # column of their own across its groups
    numbers = [number for group in node.parent.findall(publist_list) for number in group["numbers"]]
    widest = rf"\sphinxprofilenumber{{{max(numbers)}}}" if numbers else ""
    self.body.append("\n" + rf"\begin{{sphinxprofilepublist}}{{{widest}}}" + "\n")


def depart_publist_list_latex(self: LaTeXTranslator, node: publist_list) -> None:
    self.body.append("\\end{sphinxprofilepublist}\n")


def visit_printed_entry_latex(self: LaTeXTranslator, node: printed_entry) -> None:
    # the number given, not counted: lists count down, and continue across year groups
    label = "" if node["number"] is None else rf"\sphinxprofilenumber{{{node['number']}}}"
    self.body.append(rf"\item[{label}]{self.hypertarget_to(node, anchor=True)}")


def depart_printed_entry_latex(self: LaTeXTranslator, node: printed_entry) -> None:
    self.body.append("\n")


# The markup of the nodes below is ours alone (no theme writes it its own way), so it
# is written by these functions, for the nodes' visitors and for the light markup tree
# (:func:`~sphinx_profile.render.markup.write_html`) alike.


def _class_attribute(classes: str) -> str:
    return f' class="{escape(classes)}"' if classes else ""


def details_start(classes: str, summary: str, is_open: bool = False) -> str:
    """``<details>`` and its ``<summary>``."""
    opened = ' open="open"' if is_open else ""
    return f"<details{_class_attribute(classes)}{opened}><summary>{escape(summary)}</summary>"


def details_end(inline: bool = False) -> str:
    return "</details>" if inline else "</details>\n"


def tooltip_start(classes: str, title: str) -> str:
    """A ``<span>`` with a ``title``; the attribute's line breaks become spaces, as
    docutils writes attributes."""
    title = escape(re.sub("[\n\r\t\v\f]", " ", title))
    return f'<span{_class_attribute(classes)} title="{title}">'


def code_text_html(classes: str, text: str) -> str:
    """Preformatted text (a BibTeX record), escaped as docutils escapes text."""
    return f"<pre{_class_attribute(classes)}>{escape(text)}</pre>"


def copy_button_html() -> str:
    """The button that copies the text of the ``<pre>`` before it (``sp-copy``)."""
    label, done = escape(_("Copy")), escape(_("Copied"))
    return f'<button type="button" class="sp-copy" data-done="{done}">{label}</button>'


def visit_details_html(self: HTML5Translator, node: details) -> None:
    classes = " ".join(node["classes"])
    self.body.append(details_start(classes, node["summary"], bool(node.get("open"))))


def depart_details_html(self: HTML5Translator, node: details) -> None:
    self.body.append(details_end(bool(node.get("inline"))))


def visit_tooltip_html(self: HTML5Translator, node: tooltip) -> None:
    self.body.append(tooltip_start(" ".join(node["classes"]), node["title"]))


def depart_tooltip_html(self: HTML5Translator, node: tooltip) -> None:
    self.body.append("</span>")


def visit_code_text_html(self: HTML5Translator, node: code_text) -> None:
    self.body.append(code_text_html(" ".join(node["classes"]), node.astext()))
    raise nodes.SkipNode


def visit_copy_button_html(self: HTML5Translator, node: copy_button) -> None:
    self.body.append(copy_button_html())
    raise nodes.SkipNode


def skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def lower_for_print(tree: nodes.Element) -> None:
    """Web-only parts of a rendered entry, for LaTeX, text, man and texinfo: collapsed
    author names stay collapsed ("and 12 more"); the abstract and BibTeX blocks, which
    are reading aids for the web, are left out; a tooltip is written out after its text."""
    for tip in list(tree.findall(tooltip)):
        tip.replace_self(
            nodes.inline(text=f"{tip.astext()} ({tip['title']})", classes=tip["classes"])
        )
    for block in list(tree.findall(details)):
        if block.get("inline"):
            block.replace_self(nodes.inline(text=block["summary"], classes=block["classes"]))
        else:
            block.parent.remove(block)


class LowerListsForPrint(SphinxPostTransform):
    """``publist_list`` becomes a bullet list for the text, man and Texinfo writers;
    entries carry ``[n]`` labels. (LaTeX writes it as a list with hanging numbers.)"""

    default_priority = 200

    def is_supported(self) -> bool:
        return self.env._builder_cls.format not in {"html", "latex"}

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(publist_list)):
            items = nodes.bullet_list(classes=["sp-publist-items"], bullet="-")
            items.extend(node.children)
            node.replace_self(items)


def setup_nodes(app: Sphinx) -> None:
    """Register the nodes with a visitor for every builder Sphinx ships."""
    fallback = (skip, None)
    for node, html in (
        (icon, (visit_icon_html, None)),
        (copy_button, (visit_copy_button_html, None)),
        (search_words, fallback),
        (person_page, fallback),
        (code_text, (visit_code_text_html, None)),
        (details, (visit_details_html, depart_details_html)),
        (tooltip, (visit_tooltip_html, depart_tooltip_html)),
    ):
        app.add_node(node, html=html, latex=fallback, text=fallback, man=fallback, texinfo=fallback)
    app.add_node(
        publist_list,
        html=(visit_publist_list_html, depart_publist_list_html),
        latex=(visit_publist_list_latex, depart_publist_list_latex),
    )
    app.add_node(printed_entry, latex=(visit_printed_entry_latex, depart_printed_entry_latex))
    app.add_post_transform(LowerListsForPrint)
