"""The ``publist`` directive: choose, order, group and number publications.

Choosing and ordering is done on the cached, already checked records. Each entry
becomes a ``pub_entry`` node that holds its record and the list's style, so the
page's doctree says everything the entry shows, and every builder writes it
without coming back to the data (:mod:`sphinx_profile.render.writers`). What each
list shows (number and anchor per key) is recorded in the domain for ``:pub:``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from pybtex.exceptions import PybtexError
from pybtex.plugin import PluginNotFound, find_plugin
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.locale import get_translation

from ..data.bib import BibEntry, plain, readable, short_citation
from ..data.files import is_local
from ..data.metrics import Count
from ..data.names import Spelling
from ..data.people import AuthorMatches, People
from ..data.problems import Subtype
from ..data.publications import LINK_LABELS, LINK_NAMES, pubstate_label, type_label, venue
from ..data.urls import is_safe_url
from ..domain import PublistInfo, ShownEntry, default_bib_paths, profile_domain
from ..nodes import pub_entry, publist_list, search_words
from ..papers.citation import paper_slug
from ..render.bib_download import publist_download
from ..render.entry import EntryStyle
from ..render.pybtex_style import format_with_style
from ..render.search_box import publist_search
from ..warnings import warn
from .common import DataDirective, OptionSpec, option_words

_ = get_translation("sphinx_profile")

SORTS = ("year-desc", "year", "title", "none")
NUMBERINGS = ("reverse", "forward", "none")
GROUPINGS = ("year", "type", "pubstate", "none")
OPTIONS = (
    "bibfiles",
    "filter",
    "keys",
    "group-by",
    "sort",
    "numbered",
    "limit",
    "links",
    "highlight",
    "style",
    "label",
    "metrics",
    "search",
    "download",
    "author",
)
#: A list longer than this gets the filter box unless it says ``:search: off``.
SEARCH_FROM = 20
#: Legend lines for the marks that have a conventional meaning (lazy translations:
#: the site's language is known only when a page is read).
LEGEND = {"*": _("equal contribution"), "†": _("corresponding author")}


def _year_number(entry: BibEntry) -> int | None:
    match = re.search(r"\d{4}", entry.year)
    return int(match.group()) if match else None


def search_text(entry: BibEntry) -> str:
    """What the search index reads for an entry: title, authors, venue, year."""
    names = ", ".join(name.full for name in entry.authors or entry.editors)
    parts = (entry.fields.get("title", ""), names, venue(entry), entry.year)
    return readable(". ".join(part for part in parts if part))


def sort_entries(entries: list[BibEntry], how: str) -> list[BibEntry]:
    """Stable sorts, so ties keep the order of the ``.bib`` file; undated entries last."""
    if how in {"year", "year-desc"}:
        sign = -1 if how == "year-desc" else 1

        def by_year(entry: BibEntry) -> tuple[bool, int]:
            year = _year_number(entry)
            return (year is None, sign * (year or 0))

        return sorted(entries, key=by_year)
    if how == "title":
        return sorted(entries, key=lambda e: plain(e.fields.get("title", "")).casefold())
    return entries


def group_name(entry: BibEntry, field: str) -> str:
    """The heading an entry goes under for ``:group-by: field``."""
    if field == "year":
        return entry.year or _("Undated")
    if field == "type":
        return type_label(entry.type)
    value = plain(entry.fields.get(field, ""))
    if field == "pubstate":
        return pubstate_label(value) if value else _("Published")
    return value or _("Other")


@dataclass(frozen=True)
class Options:
    """The directive's options after defaults and checks."""

    sort: str
    numbered: str
    group_by: str
    limit: int | None
    links: tuple[str, ...]
    label: str
    metrics: bool
    #: ``None``: not said, so the box comes with lists longer than :data:`SEARCH_FROM`
    search: bool | None
    download: bool


class PublistDirective(DataDirective):
    """A list of publications from BibTeX."""

    has_content = False
    #: who each entry's authors are (:meth:`author_matches`), by entry key
    people: AuthorMatches
    #: the site's people file, if it has one
    people_file: People | None = None
    option_spec: ClassVar[OptionSpec] = OptionSpec(dict.fromkeys(OPTIONS, directives.unchanged))

    def run(self) -> list[nodes.Node]:
        self.options = self.with_defaults()
        merged = self.entries()
        self.people = self.author_matches(merged)
        entries = list(merged.values())
        options = self.checked_options(entries)
        entries = self.by_author(self.chosen(entries))
        entries = sort_entries(entries, options.sort)
        if options.limit is not None:
            entries = entries[: options.limit]
        if not entries:
            return []
        self.warn_undated(entries, options)
        return [self.build(entries, options)]

    # ---- options -----------------------------------------------------------------

    def with_defaults(self) -> dict[str, Any]:
        """``profile_publist_defaults`` under the directive's own options."""
        merged: dict[str, Any] = {}
        for name, value in self.config.profile_publist_defaults.items():
            if name not in OPTIONS:
                self.option_problem(
                    f"profile_publist_defaults: unknown option {name!r}"
                    f" (known: {', '.join(OPTIONS)})"
                )
                continue
            merged[name] = "" if value is None else str(value)
        merged.update(self.options)
        return merged

    def checked_options(self, entries: list[BibEntry]) -> Options:
        explicit_keys = bool(self.options.get("keys"))
        links = self.words_option("links", LINK_NAMES, "link")
        return Options(
            sort=self.choice_option("sort", SORTS, "none" if explicit_keys else "year-desc"),
            numbered=self.choice_option("numbered", NUMBERINGS, "reverse"),
            group_by=self.group_by("none" if explicit_keys else "year", entries),
            limit=self.limit_option(),
            links=tuple(LINK_NAMES if links is None else links),
            label=(self.options.get("label") or "").strip(),
            metrics=bool(self.switch_option("metrics")),
            search=self.switch_option("search"),
            download=bool(self.switch_option("download")),
        )

    def warn_undated(self, entries: list[BibEntry], options: Options) -> None:
        """A list ordered by year puts an entry without one apart; its author should know."""
        if options.group_by == "year":
            fate = "listed as undated"
        elif options.sort in {"year", "year-desc"}:
            fate = "sorted last"
        else:
            return
        for entry in entries:
            if not entry.year:
                warn(f"{entry.key}: no year; {fate}", Subtype.BIB, entry.location)

    def group_by(self, default: str, entries: list[BibEntry]) -> str:
        """``:group-by:``: a built-in grouping, or a field that some entry has (else a typo)."""
        value = (self.options.get("group-by") or default).strip().lower()
        if value in GROUPINGS or any(value in entry.fields for entry in entries):
            return value
        if re.fullmatch(r"[a-z][\w+-]*", value):
            problem = f"no entry has a field {value!r}"
        else:
            problem = f"must be one field name ({', '.join(GROUPINGS)} or a field), not {value!r}"
        self.option_problem(f"publist: :group-by: {problem}; using {default!r}")
        return default

    # ---- entries -----------------------------------------------------------------

    def bib_paths(self) -> list[Path]:
        if option := self.options.get("bibfiles"):
            return [
                Path(self.env.relfn2path(name, self.env.docname)[1])
                for name in option_words(option)
            ]
        return default_bib_paths(self.env)

    def entries(self) -> dict[str, BibEntry]:
        """Every entry of the files by key, in order; the page depends on each file."""
        return bib_entries(self, self.bib_paths())

    def author_matches(self, entries: dict[str, BibEntry]) -> AuthorMatches:
        """Who the authors of the entries are, when the site has people or co-authors;
        the page then depends on those files too, as its author names link to them."""
        people, coauthors = self.load_people(), self.load_coauthors()
        if people is None and coauthors is None:
            return {}
        self.people_file = people
        return profile_domain(self.env).authors(entries, people, coauthors)

    def by_author(self, entries: list[BibEntry]) -> list[BibEntry]:
        """``:author: ID``: the entries that person of the people file is an author of."""
        person_id = (self.options.get("author") or "").strip()
        if not person_id:
            return entries
        people = self.people_file
        if people is None:
            self.option_problem("publist: :author: needs profile_people in conf.py; ignored")
            return entries
        if people.get(person_id) is None:
            close = people.close_ids(person_id)
            hint = f" (did you mean {', '.join(map(repr, close))}?)" if close else ""
            self.option_problem(
                f"publist: :author: unknown person {person_id!r}{hint}; showing every entry"
            )
            return entries
        return [
            entry
            for entry in entries
            if any(
                match is not None and match.person == person_id
                for match in self.people.get(entry.key, ())
            )
        ]

    def chosen(self, entries: list[BibEntry]) -> list[BibEntry]:
        """``:keys:`` (in their order) and ``:filter:``."""
        if keys := option_words(self.options.get("keys") or ""):
            by_key = {entry.key: entry for entry in entries}
            for key in keys:
                if key not in by_key:
                    warn(
                        f"publist: unknown key {key!r} in :keys:", Subtype.REF, self.get_location()
                    )
            for key in sorted({key for key in keys if keys.count(key) > 1}):
                self.option_problem(f"publist: key {key!r} is twice in :keys:; shown once")
            entries = [by_key[key] for key in dict.fromkeys(keys) if key in by_key]
        keep = self.filter_option()
        return [entry for entry in entries if keep(entry.filter_fields())]

    def owners(self) -> tuple[Spelling, ...]:
        """The owner's spellings: profile name and aliases, ``profile_owner``, ``:highlight:``."""
        spellings: list[str] = list(self.config.profile_owner)
        path = self.data_path()
        if path.is_file():
            profile = self.load_profile()
            if profile.basics is not None:
                spellings += [profile.basics.text("name"), *profile.basics.texts("aliases")]
        if raw := self.options.get("highlight"):
            spellings += re.split(r";|\n|\s+and\s+", raw)
        parsed = (Spelling.parse(name.strip()) for name in spellings if name.strip())
        return tuple(dict.fromkeys(name for name in parsed if name is not None))

    # ---- nodes -------------------------------------------------------------------

    def build(self, entries: list[BibEntry], options: Options) -> nodes.container:
        style = EntryStyle(
            links=options.links,
            owners=self.owners(),
            max_authors=self.config.profile_max_authors,
        )
        pybtex_style = self.pybtex_style()
        metrics = self.load_metrics() if options.metrics else None
        wrapper = nodes.container(classes=["sp-publist"])
        self.set_source_info(wrapper)
        wrapper += self.tools(len(entries), options)
        groups: dict[str, list[BibEntry]] = {}
        for entry in entries:
            name = "" if options.group_by == "none" else group_name(entry, options.group_by)
            groups.setdefault(name, []).append(entry)
        total = len(entries)
        position = 0
        shown: dict[str, ShownEntry] = {}
        marks: set[str] = set()
        for heading, members in groups.items():
            if heading:
                rubric = nodes.rubric(text=heading, classes=["sp-publist-group"])
                self.set_source_info(rubric)
                wrapper += rubric
            numbers = [
                (total - position - i) if options.numbered == "reverse" else (position + i + 1)
                for i in range(len(members))
            ]
            items = publist_list(
                numbers=numbers if options.numbered != "none" else [],
                reversed=options.numbered == "reverse",
            )
            for entry, number in zip(members, numbers, strict=True):
                shown_number = number if options.numbered != "none" else None
                cited = metrics.count(entry) if metrics is not None else None
                item = self.item(entry, style, pybtex_style, shown_number, cited)
                shown[entry.key] = ShownEntry(shown_number, item["ids"][0], short_citation(entry))
                marks.update(mark for name in entry.authors for mark in name.marks)
                items += item
            wrapper += items
            position += len(members)
        if legend := [f"{mark} {LEGEND[mark]}" for mark in LEGEND if mark in marks]:
            wrapper += nodes.paragraph(text="   ".join(legend), classes=["sp-legend"])
        words = dict.fromkeys(word for entry in entries for word in search_text(entry).split())
        wrapper += search_words("", nodes.Text(" ".join(words)))
        profile_domain(self.env).add_publist(
            PublistInfo(self.env.docname, self.lineno, options.label, shown)
        )
        return wrapper

    def item(
        self,
        entry: BibEntry,
        style: EntryStyle,
        pybtex_style: str,
        number: int | None,
        cited: Count | None,
    ) -> pub_entry:
        """The entry's node, with an id unique on the page (the key if it is free)."""
        node = entry_node(entry, style, number, cited, self.config.profile_paper_pages, self.people)
        if pybtex_style and (formatted := format_with_style(entry, pybtex_style)) is not None:
            node += formatted
        self.claim_id(node, entry.key)
        self.set_source_info(node)
        return node

    def claim_id(self, node: nodes.Element, base: str) -> str:
        """Give ``node`` the id ``base``, or ``base-2``, ``base-3``... if the page has it."""
        document = self.state.document
        anchor, suffix = base, 1
        while anchor in document.ids:
            suffix += 1
            anchor = f"{base}-{suffix}"
        node["ids"] = [anchor]
        document.ids[anchor] = node
        return anchor

    def tools(self, count: int, options: Options) -> list[nodes.Element]:
        """The filter box (``:search:``) and the ``.bib`` link (``:download:``) above
        the list; both are drawn from the list's entries when the page is written."""
        made: list[nodes.Element] = []
        if count > SEARCH_FROM if options.search is None else options.search:
            box = publist_search()
            self.claim_id(box, "sp-search")
            made.append(box)
        if options.download:
            link = publist_download()
            self.claim_id(link, "sp-download")
            made.append(link)
        for node in made:
            self.set_source_info(node)
        return made

    def pybtex_style(self) -> str:
        """``:style:`` if it names an installed pybtex formatting style, else ``""``."""
        name = (self.options.get("style") or "").strip()
        if not name:
            return ""
        try:
            find_plugin("pybtex.style.formatting", name)
        except (PluginNotFound, PybtexError):
            self.option_problem(f"publist: unknown pybtex style {name!r}; using the default")
            return ""
        return name


def bib_entries(directive: DataDirective, paths: list[Path]) -> dict[str, BibEntry]:
    """Every entry of the BibTeX files ``paths`` by key, in order, a key in two files
    once; the directive's page depends on each file (and on the paper files not yet
    found)."""
    domain = profile_domain(directive.env)
    if not paths:
        directive.option_problem(
            f"{directive.name}: no BibTeX files: set profile_bibfiles in conf.py or :bibfiles:"
        )
    bibs = []
    for path in paths:
        directive.env.note_dependency(str(path))
        if not path.is_file():
            directive.option_problem(f"{directive.name}: BibTeX file not found: {path}")
            continue
        bib = domain.bib(path)
        for missing in bib.missing:  # read again until the paper file is there
            directive.env.note_dependency(missing)
        bibs.append(bib)
    return domain.merged(bibs)


def entry_node(
    entry: BibEntry,
    style: EntryStyle,
    number: int | None,
    cited: Count | None,
    pages: bool,
    people: AuthorMatches,
) -> pub_entry:
    """An entry's node with its preview and local paper files; ``pages``: the site
    makes paper pages, which its title links to (HTML only); ``people``: who the
    authors of each entry are, so their names link to them."""
    node = pub_entry(
        "",
        entry=entry,
        style=style,
        number=number,
        cited=cited,
        paper=paper_slug(entry.key) if pages else "",
        people=people.get(entry.key, ()),
        classes=["sp-entry"],
    )
    if (image := preview(entry)) is not None:
        node += image
    node += downloads(entry)
    return node


def preview(entry: BibEntry) -> nodes.image | None:
    """The thumbnail: a URL, or the local file found when the ``.bib`` file was read
    (a missing one was reported then)."""
    alt = readable(entry.fields.get("title", entry.key))
    if path := entry.files.get("preview"):
        uri = "/" + path
    elif is_safe_url(value := entry.fields.get("preview", "")) and not is_local(value):
        uri = value  # an unsafe URL was reported when the file was read
    else:
        return None
    return nodes.image(uri=uri, alt=alt, classes=["sp-preview"])


def downloads(entry: BibEntry) -> list[addnodes.download_reference]:
    """The entry's local paper files as Sphinx's downloads: Sphinx copies each to the
    site's ``_downloads/`` and the link buttons point there."""
    return [
        addnodes.download_reference(
            "",
            LINK_LABELS[name],
            reftarget="/" + path,
            refexplicit=True,
            classes=["sp-button", f"sp-{name}"],
            field=name,
        )
        for name, path in entry.files.items()
        if name in LINK_LABELS
    ]


def setup_publist(app: Sphinx) -> None:
    """Register the ``publist`` directive."""
    app.add_directive("publist", PublistDirective)
