"""One publication record into docutils nodes: the project's own author–title–venue style.

Rendering is a pure function of the record and an :class:`EntryStyle`, so the
result can be cached for the whole build and copied into every list that shows
the entry. It never reads the page: owner names, links and limits all come in
through the style, and every warning points at the entry's line in its ``.bib``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import get_translation

from ..data.bib import MATH_CLOSE, MATH_OPEN, BibEntry, Name, OwnerName, matches_owner, plain
from ..data.mathtext import math_to_unicode
from ..data.problems import Subtype
from ..data.urls import is_safe_url
from ..domain import profile_domain
from ..nodes import code_text, copy_button, details, lower_for_print, pub_entry
from ..warnings import warn
from .pybtex_style import format_with_style

_ = get_translation("sphinx_profile")

#: Link buttons in their default order: field → label. ``arxiv`` comes from ``eprint``
#: (with ``archiveprefix = arXiv``) or al-folio's ``arxiv`` field.
LINK_LABELS: dict[str, str] = {
    "url": "URL",
    "doi": "DOI",
    "arxiv": "arXiv",
    "pdf": "PDF",
    "html": "HTML",
    "code": "Code",
    "slides": "Slides",
    "video": "Video",
    "poster": "Poster",
    "website": "Website",
    "supp": "Supp",
    "blog": "Blog",
    "short": "Short",
}
#: Blocks readers open in place; also names for ``:links:``.
BLOCKS = ("abstract", "bibtex")
LINK_NAMES = (*LINK_LABELS, *BLOCKS)

_ARXIV_ID = re.compile(r"(?:arxiv:)?(\d{4}\.\d{4,5}(?:v\d+)?|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})", re.I)


def pubstate_label(value: str) -> str:
    """``underreview`` → "Under review"; unknown states are shown as written."""
    labels = {
        "preprint": _("Preprint"),
        "submitted": _("Submitted"),
        "underreview": _("Under review"),
        "inpress": _("In press"),
        "forthcoming": _("Forthcoming"),
        "accepted": _("Accepted"),
        "inpreparation": _("In preparation"),
        "prepublished": _("Preprint"),
    }
    return labels.get(value.lower().replace(" ", "").replace("-", ""), value)


@dataclass(frozen=True)
class EntryStyle:
    """Everything besides the record that decides how an entry looks (a cache key)."""

    links: tuple[str, ...]
    owners: tuple[OwnerName, ...]
    max_authors: int | None


def text_nodes(text: str) -> list[nodes.Node]:
    """Text with math markers as Text and math nodes (real math, for LaTeX)."""
    if MATH_OPEN not in text:
        return [nodes.Text(text)]
    result: list[nodes.Node] = []
    for index, part in enumerate(re.split(f"[{MATH_OPEN}{MATH_CLOSE}]", text)):
        if not part:
            continue
        result.append(nodes.math(part, part) if index % 2 else nodes.Text(part))
    return result


def readable_math(source: str) -> list[nodes.Node]:
    """Inline math for builders without a TeX engine: Unicode text with superscripts and
    subscripts, or, when too complex to read that way, the LaTeX as the author wrote it
    (``<span class="sp-math">``; never raw HTML, and no JavaScript typesetter needed)."""
    pieces = math_to_unicode(source)
    if pieces is None:
        return [nodes.inline(text=f"${source}$", classes=["sp-math"])]
    scripts = {"sup": nodes.superscript, "sub": nodes.subscript}
    return [
        scripts[piece.kind](text=piece.text) if piece.kind in scripts else nodes.Text(piece.text)
        for piece in pieces
    ]


def arxiv_id(entry: BibEntry) -> str:
    """The arXiv identifier from ``eprint`` (when it is an arXiv eprint) or ``arxiv``."""
    fields = entry.fields
    if fields.get("arxiv"):
        return fields["arxiv"].removeprefix("arXiv:").removeprefix("arxiv:")
    eprint = fields.get("eprint", "")
    prefix = (fields.get("archiveprefix") or fields.get("eprinttype") or "").lower()
    if eprint and (prefix == "arxiv" or (not prefix and _ARXIV_ID.fullmatch(eprint))):
        return eprint.removeprefix("arXiv:").removeprefix("arxiv:")
    return ""


def link_url(entry: BibEntry, name: str) -> str:
    """The URL behind a link button, or ``""`` when the entry has none."""
    if name == "arxiv":
        identifier = arxiv_id(entry)
        return f"https://arxiv.org/abs/{identifier}" if identifier else ""
    value = entry.fields.get(name, "")
    if name == "doi" and value and not value.startswith(("http://", "https://")):
        return "https://doi.org/" + value.removeprefix("doi:")
    return value


def venue(entry: BibEntry) -> str:
    """Where it appeared, by entry type: journal, proceedings, school, arXiv..."""
    fields = entry.fields
    kind = entry.type
    if kind == "article" and fields.get("journal"):
        place = fields["journal"]
        if fields.get("volume"):
            place += f", {fields['volume']}"
            if fields.get("number"):
                place += f"({fields['number']})"
        if fields.get("pages"):
            place += f", {fields['pages']}"
        return place
    if kind in {"phdthesis", "mastersthesis", "thesis"}:
        what = {"phdthesis": _("PhD thesis"), "mastersthesis": _("Master's thesis")}.get(
            kind, fields.get("type") or _("Thesis")
        )
        return ", ".join(filter(None, (what, fields.get("school") or fields.get("institution"))))
    if kind in {"techreport", "report"}:
        number = f" {fields['number']}" if fields.get("number") else ""
        return ", ".join(filter(None, (fields.get("institution"), _("Technical report") + number)))
    if fields.get("booktitle"):
        return _("In %s") % fields["booktitle"]
    for name in ("journal", "publisher", "howpublished", "organization", "institution", "school"):
        if fields.get(name):
            return fields[name]
    identifier = arxiv_id(entry)
    return f"arXiv:{identifier}" if identifier else ""


class EntryRenderer:
    """Renders records with one style; warnings point at the ``.bib`` line."""

    def __init__(self, style: EntryStyle) -> None:
        self.style = style

    def render(
        self,
        entry: BibEntry,
        formatted: list[nodes.Node] | None = None,
        preview: nodes.image | None = None,
    ) -> nodes.list_item:
        """The list item for ``entry``; ``formatted`` replaces the citation text (``:style:``)."""
        item = nodes.list_item(classes=["sp-entry"])
        if preview is not None:
            item += preview
        main = nodes.container(classes=["sp-entry-main"])
        if formatted is not None:
            main += nodes.paragraph("", "", *formatted, classes=["sp-formatted"])
        else:
            main += self.title(entry)
            if entry.authors or entry.editors:
                main += self.authors(entry.authors or entry.editors)
            main += self.venue_line(entry)
        actions = self.actions(entry)
        if actions.children:
            main += actions
        item += main
        return item

    def title(self, entry: BibEntry) -> nodes.paragraph:
        para = nodes.paragraph(classes=["sp-entry-title"])
        if abbr := entry.fields.get("abbr"):
            para += nodes.inline(text=plain(abbr), classes=["sp-badge", "sp-abbr"])
            para += nodes.Text(" ")
        title = entry.fields.get("title") or entry.key
        para += nodes.inline("", "", *text_nodes(title), classes=["sp-title"])
        return para

    def authors(self, names: tuple[Name, ...]) -> nodes.paragraph:
        """The author list; with ``max_authors``, hidden runs fold into "and K more"."""
        para = nodes.paragraph(classes=["sp-authors"])
        owner = [matches_owner(name, self.style.owners) for name in names]
        limit = self.style.max_authors
        visible = [limit is None or i < limit or owner[i] for i in range(len(names))]
        hidden: list[nodes.Node] = []
        target: nodes.Element = para
        for index, name in enumerate(names):
            if visible[index] and hidden:
                para += self.fold(hidden, last=False)
                hidden = []
            pieces: list[nodes.Node] = []
            if index:
                last = index == len(names) - 1
                separator = (" " if len(names) == 2 else ", ") + _("and") + " " if last else ", "
                if name.is_others:
                    separator = " "
                pieces.append(nodes.Text(separator))
            pieces.append(self.name(name, owner[index]))
            if visible[index]:
                target = para
                target += pieces
            else:
                hidden.extend(pieces)
        if hidden:
            para += self.fold(hidden, last=True)
        return para

    def fold(self, hidden: list[nodes.Node], last: bool) -> details:
        count = sum(isinstance(node, nodes.inline | nodes.strong) for node in hidden)
        summary = (_(" and %d more") if last else _(", … %d more")) % count
        block = details(summary=summary, inline=True, classes=["sp-more-authors"])
        block += hidden
        return block

    def name(self, name: Name, is_owner: bool) -> nodes.Element:
        text = _("et al.") if name.is_others else name.full
        node: nodes.Element = (
            nodes.strong(text=text, classes=["sp-owner"])
            if is_owner
            else nodes.inline(text=text, classes=["sp-author"])
        )
        if name.marks:
            node += nodes.superscript(text=name.marks, classes=["sp-mark"])
        return node

    def venue_line(self, entry: BibEntry) -> nodes.paragraph:
        para = nodes.paragraph(classes=["sp-venue"])
        fields = entry.fields
        parts: list[list[nodes.Node]] = []
        if place := venue(entry):
            parts.append([nodes.emphasis("", "", *text_nodes(place))])
        if entry.year:
            parts.append([nodes.Text(entry.year)])
        for name in ("note", "additional_info"):
            if fields.get(name):
                parts.append(text_nodes(fields[name]))
        for index, part in enumerate(parts):
            if index:
                para += nodes.Text(", " if index == 1 and entry.year else ". ")
            para += part
        if parts:
            para += nodes.Text(".")
        if state := fields.get("pubstate"):
            para += nodes.Text(" ")
            para += nodes.inline(text=pubstate_label(state), classes=["sp-badge", "sp-pubstate"])
        if award := fields.get("award_name") or fields.get("award"):
            para += nodes.Text(" ")
            para += nodes.inline("", "", *text_nodes(award), classes=["sp-badge", "sp-award"])
        return para

    def actions(self, entry: BibEntry) -> nodes.container:
        """Link buttons and the collapsible blocks, in ``:links:`` order."""
        box = nodes.container(classes=["sp-actions"])
        buttons = nodes.paragraph(classes=["sp-links"])
        for name in self.style.links:
            if name == "abstract" and entry.fields.get("abstract"):
                block = details(summary=_("Abstract"), classes=["sp-abstract"])
                block += nodes.paragraph("", "", *text_nodes(entry.fields["abstract"]))
                box += block
            elif name == "bibtex":
                block = details(summary=_("BibTeX"), classes=["sp-bibtex"])
                block += code_text(entry.bibtex, entry.bibtex)
                block += copy_button()
                box += block
            elif name in LINK_LABELS and (url := link_url(entry, name)):
                if is_safe_url(url):
                    if buttons.children:
                        buttons += nodes.Text(" ")
                    buttons += nodes.reference(
                        "", LINK_LABELS[name], refuri=url, classes=["sp-button", f"sp-{name}"]
                    )
                else:
                    warn(
                        f"{entry.key}: refusing unsafe URL {url!r} in {name!r}"
                        " (only http, https, mailto and relative links)",
                        Subtype.BIB,
                        entry.location,
                    )
        if buttons.children:
            box.insert(0, buttons)
        return box


# ---- writing: entries are expanded into nodes only when their page is written ----------


def expand(node: pub_entry, entry: BibEntry, keep_math: bool) -> nodes.list_item:
    """The full rendering of a ``pub_entry`` showing ``entry``, attached where the entry
    sits; math stays math only with ``keep_math`` (LaTeX), elsewhere it becomes
    :func:`readable_math`."""
    formatted = format_with_style(entry, node["pybtex"]) if node["pybtex"] else None
    preview = node.next_node(nodes.image)
    item = EntryRenderer(node["style"]).render(
        entry, formatted, preview.deepcopy() if preview is not None else None
    )
    item["ids"] = node["ids"]
    item.parent = node.parent
    # only entries with math in a field have math nodes: the others skip the walk
    if not keep_math and any(MATH_OPEN in value for value in entry.fields.values()):
        for formula in list(item.findall(nodes.math)):
            formula.replace_self(readable_math(formula.astext()))
    return item


#: The few generic nodes a rendered entry is made of → (tag, class the HTML writer
#: adds, text after the start tag). Their markup is what Sphinx's HTML writer makes.
_HTML_TAGS: dict[type[nodes.Node], tuple[str, str, str]] = {
    nodes.container: ("div", "docutils container", "\n"),
    nodes.paragraph: ("p", "", ""),
    nodes.inline: ("span", "", ""),
    nodes.strong: ("strong", "", ""),
    nodes.emphasis: ("em", "", ""),
    nodes.superscript: ("sup", "", ""),
    nodes.subscript: ("sub", "", ""),
}


def write_html(self: Any, parent: nodes.Element) -> None:
    """The children of ``parent`` into ``self.body``, as the HTML writer would write them.

    A 5,000-entry page has some 200,000 nodes in its entries; the writer's generic
    dispatch and ``starttag`` for each were half of a clean build. The renderer's
    own nodes (``sp-*`` classes, no ids or attributes) are written here directly;
    any other node (links, ``<details>``, pybtex output) goes through the writer.
    """
    body = self.body
    for child in parent.children:
        if isinstance(child, nodes.Text):
            body.append(self.encode(child))
            continue
        tag = _HTML_TAGS.get(type(child))
        if tag is None or not isinstance(child, nodes.Element) or child["ids"]:
            child.walkabout(self)
            continue
        name, extra, after = tag
        classes = " ".join(filter(None, (*child["classes"], extra)))
        attributes = f' class="{self.attval(classes)}"' if classes else ""
        body.append(f"<{name}{attributes}>{after}")
        write_html(self, child)
        body.append(f"</{name}>")
        # block ends: the writer's newlines (none after a list item's only paragraph)
        if name == "div" or (
            name == "p" and not (isinstance(parent, nodes.list_item) and len(parent) == 1)
        ):
            body.append("\n")


def visit_pub_entry_html(self: Any, node: pub_entry) -> None:
    """``<li>`` with the entry's HTML, made once per build and reused by every list.

    An entry's HTML does not depend on the page, except a preview image's relative
    path, so only entries without a preview are shared.
    """
    domain = profile_domain(self.builder.env)
    cache = domain.rendered
    key = ("html", node["bibfile"], node["key"], node["style"], node["pybtex"])
    shared = node.next_node(nodes.image) is None
    self.body.append(self.starttag(node, "li"))
    if shared and key in cache:
        inner = cache[key]
    else:
        item = expand(node, domain.entry(node), keep_math=False)
        start = len(self.body)
        write_html(self, item)
        inner = "".join(self.body[start:])
        del self.body[start:]
        if shared:
            cache[key] = inner
    # appended apart, not concatenated: the page then shares the cached string
    # instead of holding a second copy of every entry's HTML
    self.body += (inner, "</li>\n")
    raise nodes.SkipNode


def visit_pub_entry_print(self: Any, node: pub_entry) -> None:
    """LaTeX, text, man, texinfo: the entry as a list item labelled ``[n]``."""
    entry = profile_domain(self.builder.env).entry(node)
    item = expand(node, entry, keep_math=self.builder.format == "latex")
    lower_for_print(item)
    first = item.next_node(nodes.paragraph)
    if node["number"] is not None and first is not None:
        first.insert(0, nodes.strong(text=f"[{node['number']}] "))
    item.walkabout(self)
    raise nodes.SkipNode


def setup_entries(app: Sphinx) -> None:
    """Register ``pub_entry`` with its writers."""
    printed = (visit_pub_entry_print, None)
    app.add_node(
        pub_entry,
        html=(visit_pub_entry_html, None),
        latex=printed,
        text=printed,
        man=printed,
        texinfo=printed,
    )
