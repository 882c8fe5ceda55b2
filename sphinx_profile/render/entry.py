"""One publication record drawn in the project's own author–title–venue style.

Drawing is a pure function of a checked record and an :class:`EntryStyle` into a
:class:`~sphinx_profile.render.markup.Tag` tree, which :mod:`.writers` writes
straight to HTML or turns into docutils nodes for every other builder. It reads
neither the page nor any cache, and it warns about nothing: the record's problems
were reported when its file was read (:func:`~sphinx_profile.data.publications.read_publications`),
and only what that check let through (:func:`~sphinx_profile.data.publications.safe_links`)
is drawn.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import get_translation

from ..data.bib import MATH_CLOSE, MATH_OPEN, BibEntry, Name, plain
from ..data.metrics import Count
from ..data.names import Spelling, matches_any
from ..data.publications import LINK_LABELS, arxiv_id, pubstate_label, safe_links, venue
from ..nodes import code_text, copy_button, details, tooltip
from .markup import Markup, Tag

_ = get_translation("sphinx_profile")


#: The links a printed entry keeps, shown as the identifier a reader can type or click.
#: The other buttons (PDF, Code, Website...) are for the web page: as bare words on
#: paper they lead nowhere.
PRINTED_LINKS = {"doi": "doi:%s", "arxiv": "arXiv:%s"}


@dataclass(frozen=True)
class EntryStyle:
    """Everything besides the record that decides how an entry looks (a cache key)."""

    links: tuple[str, ...]
    owners: tuple[Spelling, ...]
    max_authors: int | None
    #: drawn as the entry's own page: the page's heading is its title, the abstract is open
    page: bool = False


@dataclass(frozen=True)
class AuthorLink:
    """How one author's name is drawn when they are a person of the site or a known
    co-author (:class:`~sphinx_profile.data.people.AuthorMatch`): linked to ``url``
    (their page or homepage) unless it is ``""``, and marked ``sp-member`` when
    ``member`` (HTML only: other builders have no use for the class)."""

    url: str
    member: bool = False
    internal: bool = False  #: ``url`` is the person's page on this site


def text_markup(text: str) -> list[Markup | Tag]:
    """Text with math markers as text and math tags."""
    if MATH_OPEN not in text:
        return [text]
    result: list[Markup | Tag] = []
    for index, part in enumerate(re.split(f"[{MATH_OPEN}{MATH_CLOSE}]", text)):
        if part:
            result.append(Tag(nodes.math, "", [part]) if index % 2 else part)
    return result


class EntryRenderer:
    """Draws records with one style into :class:`~sphinx_profile.render.markup.Tag` trees."""

    def __init__(self, style: EntryStyle) -> None:
        self.style = style

    def render(
        self,
        entry: BibEntry,
        formatted: nodes.paragraph | None = None,
        preview: nodes.image | None = None,
        downloads: Sequence[addnodes.download_reference] = (),
        cited: Count | None = None,
        paper_url: str = "",
        people: Sequence[AuthorLink | None] = (),
    ) -> Tag:
        """The list item for ``entry``; ``formatted`` (a pybtex style's citation, for
        ``:style:``) replaces the title, authors and venue; ``downloads`` are the link
        buttons of its local files (their ``field`` says which); ``cited`` its citation
        count, a badge after the venue (a ``:style:`` list's: after the citation); the
        title links to ``paper_url``, the entry's own page, when there is one; ``people``
        says, author by author, who is a person of the site or a known co-author."""
        item = Tag(nodes.list_item, "sp-entry")
        if preview is not None:
            item.children.append(preview)
        main = Tag(nodes.container, "sp-entry-main")
        venue = Tag(nodes.paragraph, "sp-venue")  # a :style: citation has its own
        if formatted is not None:
            main.children.append(formatted)
        else:
            if (title := self.title(entry, paper_url)).children:
                main.children.append(title)
            if entry.authors or entry.editors:
                main.children.append(self.authors(entry.authors or entry.editors, people))
            venue = self.venue_line(entry)
            main.children.append(venue)
        if cited is not None:
            venue.children += (" ", self.cited(cited)) if venue.children else (self.cited(cited),)
            if formatted is not None:
                main.children.append(venue)
        actions = self.actions(entry, {node["field"]: node for node in downloads})
        if actions.children:
            main.children.append(actions)
        item.children.append(main)
        return item

    def printed(self, entry: BibEntry, formatted: nodes.paragraph | None = None) -> Tag:
        """The entry as a CV prints it: one paragraph (title, authors, venue as
        sentences), its DOI and arXiv identifiers as short links, and nothing that only
        makes sense on a screen (no preview, buttons, abstract or BibTeX). An identifier
        is said once: a venue that is only the identifier (a bare preprint) gives way to
        the link, which can be clicked; a link that the venue already names ("arXiv
        preprint arXiv:…", as Google Scholar exports it) is left out."""
        place = venue(entry)
        said = formatted.astext() if formatted is not None else place
        links = safe_links(entry)
        short: list[nodes.reference] = []
        for name, label in PRINTED_LINKS.items():
            if name in self.style.links and name in links:
                url = links[name]
                identifier = arxiv_id(entry) if name == "arxiv" else url.split("doi.org/")[-1]
                text = label % identifier
                if text == place:
                    place = ""
                elif text.casefold() in said.casefold():
                    continue
                short.append(nodes.reference("", text, refuri=url, classes=[f"sp-{name}"]))
        para = Tag(nodes.paragraph, "sp-entry-printed")
        if formatted is not None:
            para.children += formatted.children
        else:
            para.children += self.title(entry).children
            if not (entry.fields.get("title") or entry.key).rstrip().endswith((".", "?", "!")):
                para.children.append(".")
            if entry.authors or entry.editors:
                para.children += (" ", *self.authors(entry.authors or entry.editors).children, ".")
            if venue_line := self.venue_line(entry, place).children:
                para.children += (" ", *venue_line)
        for link in short:
            para.children += (" ", link)
        return para

    def title(self, entry: BibEntry, paper_url: str = "") -> Tag:
        """The abbreviation badge and the title; on the entry's own page only the badge
        (the page's heading is the title)."""
        para = Tag(nodes.paragraph, "sp-entry-title")
        if abbr := entry.fields.get("abbr"):
            para.children += (Tag(nodes.inline, "sp-badge sp-abbr", [plain(abbr)]), " ")
        if self.style.page:
            return para
        title = Tag(nodes.inline, "sp-title", text_markup(entry.fields.get("title") or entry.key))
        if paper_url:
            title = Tag(
                nodes.reference, "sp-paper-link", [title], {"refuri": paper_url, "internal": True}
            )
        para.children.append(title)
        return para

    def authors(self, names: tuple[Name, ...], people: Sequence[AuthorLink | None] = ()) -> Tag:
        """The author list; with ``max_authors``, hidden runs fold into "and K more";
        ``people`` (by position) links and marks the authors known to the site."""
        para = Tag(nodes.paragraph, "sp-authors")
        owner = [matches_any(name, self.style.owners) for name in names]
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
            link = people[index] if index < len(people) else None
            pieces.append(self.name(name, owner[index], link))
            (para.children if visible[index] else hidden).extend(pieces)
        if hidden:
            para.children.append(self.fold(hidden, last=True))
        return para

    def fold(self, hidden: list[Markup | Tag], last: bool) -> Tag:
        count = sum(isinstance(piece, Tag) for piece in hidden)  # the names, not the commas
        summary = (_(" and %d more") if last else _(", … %d more")) % count
        return Tag(details, "sp-more-authors", hidden, {"summary": summary, "inline": True})

    def name(self, name: Name, is_owner: bool, link: AuthorLink | None = None) -> Tag:
        """One author; a known one linked (the marks stay outside the link)."""
        text = _("et al.") if name.is_others else name.full
        member = " sp-member" if link is not None and link.member else ""
        tag = (
            Tag(nodes.strong, "sp-owner" + member, [text])
            if is_owner
            else Tag(nodes.inline, "sp-author" + member, [text])
        )
        if link is not None and link.url:
            attributes = {"refuri": link.url, "internal": link.internal}
            reference = Tag(nodes.reference, "sp-person-link", [tag], attributes)
            tag = Tag(nodes.inline, "sp-name", [reference])
        if name.marks:
            tag.children.append(Tag(nodes.superscript, "sp-mark", [name.marks]))
        return tag

    def venue_line(self, entry: BibEntry, place: str | None = None) -> Tag:
        """Venue, year, note and badges; ``place`` stands in for the venue where the
        caller has already decided what it says."""
        para = Tag(nodes.paragraph, "sp-venue")
        fields = entry.fields
        parts: list[list[Markup | Tag]] = []
        if place := venue(entry) if place is None else place:
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

    def cited(self, count: Count) -> Tag:
        """A "Cited by 42" badge, its source and date in the tooltip: a count means little
        without them, and differs from one service to the next."""
        title = _("%(source)s, as of %(date)s") % {
            "source": count.source_name,
            "date": count.as_of.isoformat(),
        }
        text = _("Cited by %d") % count.cited_by
        return Tag(tooltip, "sp-badge sp-cited", [text], {"title": title})

    def actions(self, entry: BibEntry, downloads: dict[str, addnodes.download_reference]) -> Tag:
        """Link buttons and the collapsible blocks, in ``:links:`` order."""
        box = Tag(nodes.container, "sp-actions")
        buttons = Tag(nodes.paragraph, "sp-links")
        links = safe_links(entry)
        for name in self.style.links:
            if name == "abstract" and entry.fields.get("abstract"):
                abstract = Tag(nodes.paragraph, "", text_markup(entry.fields["abstract"]))
                attributes = {"summary": _("Abstract"), "open": self.style.page}
                box.children.append(Tag(details, "sp-abstract", [abstract], attributes))
            elif name == "bibtex":
                code: list[Markup | Tag] = [Tag(code_text, "", [entry.bibtex]), Tag(copy_button)]
                box.children.append(Tag(details, "sp-bibtex", code, {"summary": _("BibTeX")}))
            elif name in links or name in downloads:
                if buttons.children:
                    buttons.children.append(" ")
                # a local file stays a real node: Sphinx copies it and writes its link
                buttons.children.append(
                    downloads[name].deepcopy()
                    if name in downloads
                    else Tag(
                        nodes.reference,
                        f"sp-button sp-{name}",
                        [LINK_LABELS[name]],
                        {"refuri": links[name]},
                    )
                )
        if buttons.children:
            box.children.insert(0, buttons)
        return box
