"""One publication record rendered in the project's own author–title–venue style.

Rendering is a pure function of the record and an :class:`EntryStyle` into a
:class:`~sphinx_profile.markup.Tag` tree: written straight to HTML (once per
build, the HTML then shared by every list that shows the entry), or made into
docutils nodes for LaTeX and the text builders. It never reads the page: owner
names, links and limits all come in through the style, and every warning points
at the entry's line in its ``.bib``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import get_translation

from ..data.bib import MATH_CLOSE, MATH_OPEN, BibEntry, Name, OwnerName, matches_owner, plain
from ..data.problems import Subtype
from ..data.urls import is_safe_url
from ..domain import profile_domain
from ..markup import Markup, Tag, to_nodes, write_html
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


def text_markup(text: str) -> list[Markup | Tag]:
    """Text with math markers as text and math tags."""
    if MATH_OPEN not in text:
        return [text]
    result: list[Markup | Tag] = []
    for index, part in enumerate(re.split(f"[{MATH_OPEN}{MATH_CLOSE}]", text)):
        if part:
            result.append(Tag(nodes.math, "", [part]) if index % 2 else part)
    return result


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
    """Renders records with one style into :class:`~sphinx_profile.markup.Tag` trees;
    warnings point at the ``.bib`` line."""

    def __init__(self, style: EntryStyle) -> None:
        self.style = style

    def render(
        self,
        entry: BibEntry,
        formatted: list[nodes.Node] | None = None,
        preview: nodes.image | None = None,
    ) -> Tag:
        """The list item for ``entry``; ``formatted`` replaces the citation text (``:style:``)."""
        item = Tag(nodes.list_item, "sp-entry")
        if preview is not None:
            item.children.append(preview)
        main = Tag(nodes.container, "sp-entry-main")
        if formatted is not None:
            main.children.append(nodes.paragraph("", "", *formatted, classes=["sp-formatted"]))
        else:
            main.children.append(self.title(entry))
            if entry.authors or entry.editors:
                main.children.append(self.authors(entry.authors or entry.editors))
            main.children.append(self.venue_line(entry))
        actions = self.actions(entry)
        if actions.children:
            main.children.append(actions)
        item.children.append(main)
        return item

    def title(self, entry: BibEntry) -> Tag:
        para = Tag(nodes.paragraph, "sp-entry-title")
        if abbr := entry.fields.get("abbr"):
            para.children += (Tag(nodes.inline, "sp-badge sp-abbr", [plain(abbr)]), " ")
        title = entry.fields.get("title") or entry.key
        para.children.append(Tag(nodes.inline, "sp-title", text_markup(title)))
        return para

    def authors(self, names: tuple[Name, ...]) -> Tag:
        """The author list; with ``max_authors``, hidden runs fold into "and K more"."""
        para = Tag(nodes.paragraph, "sp-authors")
        owner = [matches_owner(name, self.style.owners) for name in names]
        limit = self.style.max_authors
        visible = [limit is None or i < limit or owner[i] for i in range(len(names))]
        hidden: list[Markup | Tag] = []
        for index, name in enumerate(names):
            if visible[index] and hidden:
                para.children.append(self.fold(hidden, last=False))
                hidden = []
            pieces: list[Markup | Tag] = []
            if index:
                last = index == len(names) - 1
                separator = (" " if len(names) == 2 else ", ") + _("and") + " " if last else ", "
                pieces.append(" " if name.is_others else separator)
            pieces.append(self.name(name, owner[index]))
            (para.children if visible[index] else hidden).extend(pieces)
        if hidden:
            para.children.append(self.fold(hidden, last=True))
        return para

    def fold(self, hidden: list[Markup | Tag], last: bool) -> Tag:
        count = sum(isinstance(piece, Tag) for piece in hidden)  # the names, not the commas
        summary = (_(" and %d more") if last else _(", … %d more")) % count
        return Tag(details, "sp-more-authors", hidden, {"summary": summary, "inline": True})

    def name(self, name: Name, is_owner: bool) -> Tag:
        text = _("et al.") if name.is_others else name.full
        tag = (
            Tag(nodes.strong, "sp-owner", [text])
            if is_owner
            else Tag(nodes.inline, "sp-author", [text])
        )
        if name.marks:
            tag.children.append(Tag(nodes.superscript, "sp-mark", [name.marks]))
        return tag

    def venue_line(self, entry: BibEntry) -> Tag:
        para = Tag(nodes.paragraph, "sp-venue")
        fields = entry.fields
        parts: list[list[Markup | Tag]] = []
        if place := venue(entry):
            parts.append([Tag(nodes.emphasis, "", text_markup(place))])
        if entry.year:
            parts.append([entry.year])
        for name in ("note", "additional_info"):
            if fields.get(name):
                parts.append(text_markup(fields[name]))
        for index, part in enumerate(parts):
            if index:
                para.children.append(", " if index == 1 and entry.year else ". ")
            para.children += part
        if parts:
            para.children.append(".")
        if state := fields.get("pubstate"):
            badge = Tag(nodes.inline, "sp-badge sp-pubstate", [pubstate_label(state)])
            para.children += (" ", badge)
        if award := fields.get("award_name") or fields.get("award"):
            para.children += (" ", Tag(nodes.inline, "sp-badge sp-award", text_markup(award)))
        return para

    def actions(self, entry: BibEntry) -> Tag:
        """Link buttons and the collapsible blocks, in ``:links:`` order."""
        box = Tag(nodes.container, "sp-actions")
        # real nodes: Sphinx and themes write links their own way
        buttons = nodes.paragraph(classes=["sp-links"])
        for name in self.style.links:
            if name == "abstract" and entry.fields.get("abstract"):
                abstract = Tag(nodes.paragraph, "", text_markup(entry.fields["abstract"]))
                box.children.append(
                    Tag(details, "sp-abstract", [abstract], {"summary": _("Abstract")})
                )
            elif name == "bibtex":
                code: list[Markup | Tag] = [code_text(entry.bibtex, entry.bibtex), copy_button()]
                box.children.append(Tag(details, "sp-bibtex", code, {"summary": _("BibTeX")}))
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
            box.children.insert(0, buttons)
        return box


# ---- writing: entries are rendered only when their page is written ----------------


def render_entry(node: pub_entry, entry: BibEntry) -> Tag:
    """The full rendering of a ``pub_entry`` showing ``entry``."""
    formatted = format_with_style(entry, node["pybtex"]) if node["pybtex"] else None
    preview = node.next_node(nodes.image)
    return EntryRenderer(node["style"]).render(
        entry, formatted, preview.deepcopy() if preview is not None else None
    )


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
        start = len(self.body)
        write_html(self, render_entry(node, domain.entry(node)))
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
    tree = render_entry(node, entry)
    [item] = to_nodes(tree, keep_math=self.builder.format == "latex")
    assert isinstance(item, nodes.list_item)
    item["ids"] = node["ids"]
    item.parent = node.parent
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
