"""The CV section directives: ``education``, ``experience``, ``awards``, ... and ``cvsection``.

Every section runs one pipeline: select entries (``:filter:``, ``:sort:``,
``:limit:``), let the section's small layout function say what each entry shows
(an :class:`Entry`), and render every :class:`Entry` the same way. So the HTML
page, the LaTeX PDF and the text builders all see one structure of generic nodes::

    container.sp-cv.sp-cv-<key>
      rubric.sp-cv-group                       (service: one per kind)
      container.sp-cv-entry
        paragraph  inline.sp-cv-title  inline.sp-cv-sep  inline.sp-cv-date
        paragraph  inline.sp-cv-sub                      (institution, location...)
        paragraph  inline.sp-cv-label + text             (Advisor: ...)
        summary paragraphs, bullet_list.sp-cv-highlights, paragraph of links

The CSS puts the date on the right in HTML, ``sphinxprofile.sty`` does the same in
LaTeX, and the separator between title and date only shows in plain-text output.
Sections without a layout of their own (skills, languages, projects...) get one
derived from the schema declaration, which is also what ``cvsection`` uses.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from babel import UnknownLocaleError
from babel.dates import format_skeleton
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.i18n import format_date

from ..data.dates import PartialDate
from ..data.schema import PRESENT, SECTIONS, DateValue, Kind, Profile, Record
from .common import DataDirective, OptionSpec

_ = get_translation("sphinx_profile")

SORTS = ("date-desc", "date", "none")
#: Stands in for "ongoing" when sorting, later than any real date.
_ONGOING = PartialDate(9999, 12, 31)
#: What may stand between a term's season and its year: ``Fall 2024``, ``Fall, 2024``.
_TERM_SEPARATORS = string.whitespace + ","


@dataclass
class Entry:
    """What one entry shows; the layout functions fill it, :meth:`CVDirective.entry` renders it."""

    title: list[nodes.Node]
    when: str = ""
    sub: list[list[nodes.Node]] = field(default_factory=list)
    details: list[tuple[str, list[nodes.Node]]] = field(default_factory=list)
    body: list[nodes.Node] = field(default_factory=list)
    links: list[nodes.Node] = field(default_factory=list)


@dataclass(frozen=True)
class Section:
    """A profile key, how its entries look, and the defaults of its directive."""

    key: str
    layout: Callable[[View], Entry]
    group_by: str = ""
    limit: int | None = None
    date_first: bool = False  #: news: the date leads, as in a feed


class View:
    """One record as a layout sees it: only the fields ``:fields:`` lets through."""

    def __init__(self, directive: CVDirective, profile: Profile, record: Record) -> None:
        self.directive = directive
        self.profile = profile
        self.record = record

    def shown(self, name: str) -> bool:
        return name in self.record.values and self.directive.shows(name)

    def text(self, name: str) -> str:
        return self.record.text(name) if self.shown(name) else ""

    def texts(self, name: str) -> list[str]:
        return self.record.texts(name) if self.shown(name) else []

    def strong(self, name: str, url_field: str = "url") -> list[nodes.Node]:
        """The field in bold, linked to ``url_field`` when the record has a safe one."""
        return self.linked([nodes.strong(text=self.text(name))], url_field)

    def linked(self, children: list[nodes.Node], url_field: str = "url") -> list[nodes.Node]:
        url = self.text(url_field)
        if not url:
            return children
        return [self.directive.link(url, children)]

    def where(self, name: str) -> str:
        return f"{self.profile.path}:{self.record.line_of(name)}"

    def inline(self, name: str) -> list[nodes.Node]:
        if not self.shown(name):
            return []
        return self.directive.markup(self.text(name), self.profile.path, self.record.line_of(name))

    def block(self, name: str) -> list[nodes.Node]:
        text = self.text(name)
        if not text:
            return []
        line = self.record.line_of(name)
        return self.directive.markup(text, self.profile.path, line, block=True)

    def bullets(self, name: str) -> list[nodes.Node]:
        items = self.texts(name)
        if not items:
            return []
        bullets = nodes.bullet_list(classes=["sp-cv-highlights"])
        for item in items:
            markup = self.directive.markup(item, self.profile.path, self.record.line_of(name))
            bullets += nodes.list_item("", nodes.paragraph("", "", *markup))
        return [bullets]

    def dates(self) -> str:
        """``Sep 2021 \N{EN DASH} present``; a missing end date means ongoing, as in JSON Resume."""
        fmt = self.directive.format_date
        # one date: ``date`` in our sections, ``releaseDate`` in JSON Resume publications
        for name in ("date", "releaseDate"):
            if self.shown(name):
                return fmt(self.record.date(name))
        start = self.record.date("startDate") if self.directive.shows("startDate") else None
        end = self.record.date("endDate") if self.directive.shows("endDate") else None
        if start is None:
            return fmt(end)
        if end is None and "endDate" not in self.record.values:
            end = PRESENT
        if end is None or end == start:
            return fmt(start)
        return f"{fmt(start)} \N{EN DASH} {fmt(end)}"

    def links(self, *names: str) -> list[nodes.Node]:
        """Links such as slides and video, labelled with translated names."""
        labels = {"slides": _("Slides"), "video": _("Video")}
        return [
            self.directive.link(self.text(name), [nodes.Text(labels[name])])
            for name in names
            if self.text(name)
        ]

    def detail(self, entry: Entry, label: str, name: str) -> None:
        if self.shown(name):
            entry.details.append((label, self.inline(name)))

    def sub(self, entry: Entry, *parts: list[nodes.Node] | str) -> None:
        """A muted line of the non-empty parts, joined by commas."""
        line: list[list[nodes.Node]] = [
            [nodes.Text(part)] if isinstance(part, str) else part for part in parts if part
        ]
        if line:
            entry.sub.append([node for part in _joined(line, ", ") for node in part])

    def summary(self, entry: Entry, *names: str) -> Entry:
        for name in names:
            entry.body += self.bullets(name) if name == "highlights" else self.block(name)
        return entry


def _joined(parts: list[list[nodes.Node]], separator: str) -> list[list[nodes.Node]]:
    joined: list[list[nodes.Node]] = []
    for index, part in enumerate(parts):
        if index:
            joined.append([nodes.Text(separator)])
        joined.append(part)
    return joined


def collapse_terms(terms: Iterable[str]) -> str:
    """``Fall 2022, Fall 2023, Spring 2023`` → ``Fall 2022, 2023; Spring 2023``."""
    years: dict[str, list[str]] = {}
    for term in terms:
        season, year = _split_term(term)
        years.setdefault(season, [])
        if year and year not in years[season]:
            years[season].append(year)
    return "; ".join(
        " ".join(filter(None, (season, ", ".join(sorted(found)))))
        for season, found in years.items()
    )


def _split_term(term: str) -> tuple[str, str]:
    r"""``Fall 2024`` → ``("Fall", "2024")``; ``(term, "")`` when no year ends it.

    Slices rather than matching ``(.*?)[\s,]*(\d{4})$``, which backtracks
    quadratically over a long run of spaces or commas.
    """
    term = term.strip()
    year = term[-4:]
    if len(year) == 4 and year.isascii() and year.isdigit():
        return term[:-4].rstrip(_TERM_SEPARATORS), year
    return term, ""


# ---- the layouts ---------------------------------------------------------------


def education(view: View) -> Entry:
    degree, area = view.text("studyType"), view.text("area")
    # TRANSLATORS: a degree and its subject, e.g. "PhD in Computer Science"
    heading = _("%(degree)s in %(area)s") % {"degree": degree, "area": area}
    heading = heading if degree and area else degree or area
    if not heading:
        return view.summary(Entry(view.strong("institution"), view.dates()), "summary")
    entry = Entry([nodes.strong(text=heading)], view.dates())
    institution = view.text("institution")
    view.sub(
        entry, view.linked([nodes.Text(institution)]) if institution else [], view.text("location")
    )
    view.detail(entry, _("Advisor:"), "advisor")
    view.detail(entry, _("Thesis:"), "thesis")
    # TRANSLATORS: the final grade or GPA of a degree
    view.detail(entry, _("Grade:"), "score")
    if courses := view.texts("courses"):
        entry.details.append((_("Courses:"), [nodes.Text(", ".join(courses))]))
    return view.summary(entry, "summary", "highlights")


def experience(view: View) -> Entry:
    title = view.text("position") or view.text("name")
    entry = Entry([nodes.strong(text=title)], view.dates())
    employer = view.linked([nodes.Text(view.text("name"))]) if view.text("position") else []
    view.sub(entry, employer, view.text("description"), view.text("location"), view.text("kind"))
    return view.summary(entry, "summary", "highlights")


def awards(view: View) -> Entry:
    entry = Entry(view.strong("title"), view.dates())
    view.sub(entry, view.text("awarder"), view.text("amount"), view.text("note"))
    return view.summary(entry, "summary")


def service(view: View) -> Entry:
    title: list[nodes.Node] = [nodes.strong(text=view.text("role"))]
    if venues := view.texts("venues"):
        title.append(nodes.Text(": " + ", ".join(venues)))
    return Entry(title, view.dates())


def teaching(view: View) -> Entry:
    entry = Entry([nodes.strong(text=view.text("course"))], collapse_terms(view.texts("terms")))
    view.sub(entry, view.text("role"), view.text("institution"))
    return view.summary(entry, "summary")


def talks(view: View) -> Entry:
    entry = Entry(view.strong("title"), view.dates(), links=view.links("slides", "video"))
    view.sub(entry, view.text("event"), view.text("location"))
    return entry


def news(view: View) -> Entry:
    return Entry(view.inline("text"), view.dates())


def grants(view: View) -> Entry:
    entry = Entry([nodes.strong(text=view.text("title"))], view.dates())
    view.sub(entry, view.text("funder"), view.text("role"), view.text("amount"))
    return entry


def generic(view: View) -> Entry:
    """Any section, from its schema: the required field in bold, then the rest by kind.

    ``skills`` becomes "**Machine learning** (Advanced): PyTorch, JAX", ``languages``
    "**German** (Native)"; markup fields become paragraphs, markup lists bullets.
    """
    spec = SECTIONS[view.record.section]
    lead = next(
        (name for name, field_spec in spec.items() if field_spec.required), next(iter(spec))
    )
    title = view.strong(lead)
    extra = [
        view.text(name)
        for name, field_spec in spec.items()
        if field_spec.kind is Kind.TEXT and name != lead
    ]
    if any(extra):
        title.append(nodes.Text(f" ({', '.join(filter(None, extra))})"))
    lists = [
        ", ".join(view.texts(name))
        for name, field_spec in spec.items()
        if field_spec.kind is Kind.TEXT_LIST and view.texts(name)
    ]
    if lists:
        title.append(nodes.Text(": " + "; ".join(lists)))
    entry = Entry(title, view.dates())
    markup = [name for name, field_spec in spec.items() if field_spec.kind is Kind.MARKUP]
    lists_of_markup = [
        name for name, field_spec in spec.items() if field_spec.kind is Kind.MARKUP_LIST
    ]
    for name in markup:
        entry.body += view.block(name)
    for name in lists_of_markup:
        entry.body += view.bullets(name)
    return entry


#: directive name -> section; ``cvsection`` finds a key's layout here by ``Section.key``.
SECTION_DIRECTIVES: dict[str, Section] = {
    "education": Section("education", education),
    "experience": Section("work", experience),
    "awards": Section("awards", awards),
    "service": Section("service", service, group_by="kind"),
    "teaching": Section("teaching", teaching),
    "talks": Section("talks", talks),
    "news": Section("news", news, limit=5, date_first=True),
    "grants": Section("grants", grants),
}
_BY_KEY = {section.key: section for section in SECTION_DIRECTIVES.values()}


# ---- selecting entries -----------------------------------------------------------


def _term_years(record: Record) -> list[PartialDate]:
    return [PartialDate(int(year)) for t in record.texts("terms") if (year := _split_term(t)[1])]


def sort_dates(record: Record) -> tuple[PartialDate, PartialDate] | None:
    """(latest, earliest) date of an entry; ongoing counts as the latest of all."""
    start = record.date("startDate")
    end = record.date("endDate") or (PRESENT if start else None)
    latest = record.date("date") or record.date("releaseDate") or end or start
    known = [_ONGOING if d == PRESENT else d for d in (latest, start) if d is not None]
    known += _term_years(record)
    dates = [d for d in known if isinstance(d, PartialDate)]
    return (max(dates), min(dates)) if dates else None


def filter_fields(record: Record) -> dict[str, object]:
    """What ``:filter:`` sees: the fields (dates as ISO text) plus ``year``."""
    fields: dict[str, object] = {
        name: str(value) if isinstance(value, PartialDate) else value
        for name, value in record.values.items()
    }
    dates = sort_dates(record)
    if dates is not None and "year" not in fields:
        fields["year"] = dates[0].year
    return fields


def select(
    records: list[Record],
    keep: Callable[[Mapping[str, object]], bool],
    order: str,
    limit: int | None,
) -> list[Record]:
    """Filter, then sort (undated entries last, in file order), then cut."""
    kept = [r for r in records if keep(filter_fields(r))]
    if order != "none":
        dated = [r for r in kept if sort_dates(r) is not None]
        undated = [r for r in kept if sort_dates(r) is None]
        dated.sort(key=lambda r: sort_dates(r) or (_ONGOING, _ONGOING), reverse=order != "date")
        kept = dated + undated
    return kept[:limit] if limit else kept


def grouped(
    records: list[Record], by: str, file_order: list[Record]
) -> list[tuple[str | None, list[Record]]]:
    """Groups in the order the profile file first names them, each keeping the sorted order.

    So the user orders groups (Conference before Journal) by ordering the file, and
    ``:sort:`` still orders the entries inside each group. Without ``by``, one group
    with no heading (``None``); entries without the field form a group headed "Other".
    """
    if not by:
        return [(None, records)]
    groups: dict[str | None, list[Record]] = {record.text(by): [] for record in file_order}
    for record in records:
        groups[record.text(by)].append(record)
    return [(heading, group) for heading, group in groups.items() if group]


#: Month-and-year patterns that each language writes in its own order ("2024年9月").
_SKELETONS = {"%b %Y": "yMMM", "%B %Y": "yMMMM"}


def localized(language: str) -> Callable[[dt.date, str], str]:
    """A date renderer for :meth:`PartialDate.format` that speaks ``language``.

    Month-and-year, the common case on a CV, uses the language's own pattern (CLDR
    skeletons), so a Chinese site reads "2024年9月" and an English one "Sep 2024";
    any other pattern is kept as written, with month names translated.
    """

    def render(when: dt.date, fmt: str) -> str:
        if skeleton := _SKELETONS.get(fmt):
            try:
                return format_skeleton(skeleton, when, locale=language)
            except (ValueError, UnknownLocaleError):
                pass
        moment = dt.datetime(when.year, when.month, when.day, tzinfo=dt.UTC)
        return format_date(fmt, date=moment, language=language)

    return render


# ---- the directives -------------------------------------------------------------


class CVDirective(DataDirective):
    """The options every CV section shares; subclasses only name their :class:`Section`."""

    section: ClassVar[Section]
    hidden: frozenset[str] = frozenset()
    option_spec: ClassVar[OptionSpec] = OptionSpec(
        {
            "data": directives.unchanged_required,
            "sort": directives.unchanged_required,
            "limit": directives.unchanged_required,
            "filter": directives.unchanged_required,
            "fields": directives.unchanged_required,
        }
    )

    def run(self) -> list[nodes.Node]:
        section = self.current_section()
        if section is None:
            return []
        self.hidden = self.hidden_fields(section.key)
        profile = self.load_profile()
        everything = profile.entries(section.key)
        records = select(
            everything,
            self.filter_option(),
            self.choice_option("sort", SORTS, "date-desc"),
            self.limit_option(section.limit),
        )
        if not records:
            return []
        box = nodes.container(classes=["sp-cv", f"sp-cv-{section.key}"])
        self.set_source_info(box)
        for heading, group in grouped(records, section.group_by, everything):
            if heading is not None:
                # TRANSLATORS: heading of service entries that name no kind
                box += nodes.rubric(text=heading or _("Other"), classes=["sp-cv-group"])
            box += [self.entry(section.layout(View(self, profile, r)), section) for r in group]
        return [box]

    def current_section(self) -> Section | None:
        return self.section

    # options --------------------------------------------------------------------

    def hidden_fields(self, key: str) -> frozenset[str]:
        """The schema fields ``:fields:`` leaves out."""
        known = list(SECTIONS[key])
        chosen = self.words_option("fields", known, "field")
        return frozenset() if chosen is None else frozenset(known) - set(chosen)

    def shows(self, name: str) -> bool:
        return name not in self.hidden

    # rendering -------------------------------------------------------------------

    def format_date(self, value: DateValue | None) -> str:
        """A date in ``profile_date_format``, with month names in the site's language."""
        if value is None:
            return ""
        if value == PRESENT:
            # TRANSLATORS: the end of an ongoing period, "Sep 2021 - present"
            return _("present")
        fmt: str = self.config.profile_date_format
        return value.format(fmt, localized(self.config.language or "en"))

    def entry(self, entry: Entry, section: Section) -> nodes.container:
        box = nodes.container(classes=["sp-cv-entry"])
        self.set_source_info(box)
        head = nodes.paragraph(classes=["sp-cv-head"])
        title = nodes.inline("", "", *entry.title, classes=["sp-cv-title"])
        if entry.when and section.date_first:
            head += [
                nodes.inline(text=entry.when, classes=["sp-cv-date"]),
                nodes.inline(text=" · ", classes=["sp-cv-sep"]),
                title,
            ]
        elif entry.when:
            head += [title, nodes.inline(text=" · ", classes=["sp-cv-sep"])]
            head += nodes.inline(text=entry.when, classes=["sp-cv-date"])
        else:
            head += title
        box += head
        for line in entry.sub:
            box += nodes.paragraph("", "", nodes.inline("", "", *line, classes=["sp-cv-sub"]))
        for label, value in entry.details:
            box += nodes.paragraph(
                "",
                "",
                nodes.inline(text=label, classes=["sp-cv-label"]),
                nodes.Text(" "),
                *value,
                classes=["sp-cv-detail"],
            )
        box += entry.body
        if entry.links:
            box += nodes.paragraph(
                "",
                "",
                *[n for part in _joined([[x] for x in entry.links], " · ") for n in part],
                classes=["sp-cv-links"],
            )
        return box


class CVSectionDirective(CVDirective):
    """``cvsection:: skills``: any list key of the profile file, by its own or a generic layout."""

    required_arguments = 1

    def current_section(self) -> Section | None:
        key = self.arguments[0].strip()
        if key not in SECTIONS:
            self.option_problem(
                f"cvsection: {key!r} is not a list section of the profile file"
                f" (known: {', '.join(SECTIONS)})"
            )
            return None
        return _BY_KEY.get(key) or Section(key, generic)


class UnwrapForManPages(SphinxPostTransform):
    """Man pages put no space before a paragraph that opens a container, so entries
    would run together there; for them, the CV's containers give way to their content.
    """

    default_priority = 200
    formats = ("man",)

    def run(self, **kwargs: object) -> None:
        for box in list(self.document.findall(nodes.container)):
            if any(name in box["classes"] for name in ("sp-cv", "sp-cv-entry")):
                box.replace_self(box.children)


def setup_cv(app: Sphinx) -> None:
    """Register one directive per CV section, ``cvsection``, and the man-page fallback."""
    app.add_post_transform(UnwrapForManPages)
    for name, section in SECTION_DIRECTIVES.items():
        directive = type(f"{name.title()}Directive", (CVDirective,), {"section": section})
        app.add_directive(name, directive)
    app.add_directive("cvsection", CVSectionDirective)
