"""JSON Resume 1.0 plus the academic extensions: declared once, validated into records.

The schema is data (:data:`SECTIONS`), not code, so the docs' schema reference, the
validator and the generic ``cvsection`` directive all read the same declaration.
Validation is lenient where JSON Resume users expect it (empty strings and ``null``
mean "absent"; numbers are accepted where text is asked for; pre-1.0 names such as
``company`` and ``website`` still work) and strict where a mistake would change the
output (unknown keys, bad dates, missing required fields): those become located
:class:`~sphinx_profile.data.problems.Problem` reports.
"""

from __future__ import annotations

import difflib
import reprlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Literal

from .dates import PartialDate, is_present, parse_date
from .loader import Loaded, PathKey, SourceMap
from .problems import Problem
from .text import printable
from .urls import is_safe_url


class Kind(Enum):
    """What a field holds; decides validation and how directives render it."""

    TEXT = "text"
    MARKUP = "markup"  #: inline reST or MyST, parsed as the page that shows it
    DATE = "date"
    END_DATE = "end date"  #: a date, ``present``, or absent for "ongoing"
    URL = "URL"
    BOOL = "true/false"
    TEXT_LIST = "list of text"
    MARKUP_LIST = "list of markup"
    OBJECT = "mapping"
    OBJECT_LIST = "list of mappings"


@dataclass(frozen=True)
class Field:
    """One key of the schema."""

    kind: Kind
    help: str = ""
    required: bool = False
    extension: bool = False  #: an academic extension, not in JSON Resume
    fields: Mapping[str, Field] = field(default_factory=dict)  #: for objects


PRESENT: Literal["present"] = "present"
DateValue = PartialDate | Literal["present"]

T, M, D, E, U = Kind.TEXT, Kind.MARKUP, Kind.DATE, Kind.END_DATE, Kind.URL


def _fields(**spec: Field | Kind) -> dict[str, Field]:
    return {
        name: value if isinstance(value, Field) else Field(value) for name, value in spec.items()
    }


def _ext(kind: Kind, help: str = "", **kw: Any) -> Field:
    return Field(kind, help, extension=True, **kw)


def _req(kind: Kind, help: str = "") -> Field:
    return Field(kind, help, required=True)


_LOCATION = _fields(
    address=Field(T, "street and number; kept for other JSON Resume tools, not shown"),
    postalCode=Field(T, "postal code; kept for other JSON Resume tools, not shown"),
    city=Field(T, "shown on the card and in the page's metadata"),
    countryCode=Field(T, "country, e.g. 'DE' (JSON Resume asks for the ISO code), after the city"),
    region=Field(T, "state or province, between city and country"),
)
_PROFILE = _fields(
    network=Field(
        T, "e.g. GitHub, Mastodon, ORCID: picks the icon (an unknown one: a generic icon)"
    ),
    username=Field(T, "your name there; known networks make the link from it when url is absent"),
    url=Field(U, "the link; needed where the address cannot be made from the username"),
)

BASICS = _fields(
    name=_req(T, "your name as it heads the page"),
    label=Field(T, "position, e.g. 'Assistant Professor'"),
    image=Field(T, "photo: a path relative to the profile file, or a URL"),
    email=Field(
        T, "a mailto link on the card (the card's :obfuscate-email: spells it out instead)"
    ),
    phone=Field(T, "shown only when the card's :fields: names 'phone'"),
    url=Field(U, "your homepage, the card's Homepage icon"),
    summary=Field(M, "the bio shown by the profile card"),
    location=Field(
        Kind.OBJECT, "where you are: the card shows city, region, country", fields=_LOCATION
    ),
    profiles=Field(Kind.OBJECT_LIST, "links shown as icons", fields=_PROFILE),
    affiliation=_ext(T, "institution, shown under your position"),
    department=_ext(T, "shown before the affiliation, e.g. 'Department of Physics'"),
    pronouns=_ext(T, "e.g. 'she/her', shown after your name"),
    cv=_ext(U, "the CV icon: a URL, or a PDF's path relative to the profile file (then copied)"),
    orcid=_ext(T, "ORCID iD, e.g. 0000-0002-1825-0097: the ORCID icon"),
    scholar=_ext(T, "Google Scholar user id (the user= part of your profile's address)"),
    aliases=_ext(Kind.TEXT_LIST, "other spellings of your name, for highlighting"),
)

_START = Field(D, "when it began")
_END = Field(E, "when it ended; 'present' or none: ongoing")
_HIGHLIGHTS = "bullet points under the entry"

SECTIONS: dict[str, dict[str, Field]] = {
    "education": _fields(
        institution=_req(T, "university or school"),
        url=Field(U, "the institution's website; its name links there"),
        area=Field(T, "field of study, e.g. 'Physics'"),
        studyType=Field(T, "degree, e.g. 'PhD': with area, the entry's heading"),
        startDate=_START,
        endDate=_END,
        score=Field(T, "grade or GPA, shown as 'Grade:'"),
        courses=Field(Kind.TEXT_LIST, "courses worth naming, listed after 'Courses:'"),
        location=_ext(T, "city, after the institution"),
        advisor=_ext(T, "shown as 'Advisor:'"),
        thesis=_ext(M, "thesis title, shown as 'Thesis:'"),
        summary=_ext(M, "a paragraph under the entry"),
        highlights=_ext(Kind.MARKUP_LIST, _HIGHLIGHTS),
    ),
    "work": _fields(
        name=_req(T, "employer"),
        position=Field(T, "your job title: the entry's heading (else the employer is)"),
        url=Field(U, "the employer's website; its name links there"),
        startDate=_START,
        endDate=_END,
        summary=Field(M, "a paragraph under the entry"),
        highlights=Field(Kind.MARKUP_LIST, _HIGHLIGHTS),
        description=Field(T, "what the employer is (JSON Resume), after its name"),
        location=_ext(T, "city, after the employer"),
        kind=_ext(T, "e.g. internship, teaching"),
    ),
    "awards": _fields(
        title=_req(T, "the award's name"),
        date=Field(D, "when it was given"),
        awarder=Field(T, "who gave it, e.g. 'NSF'"),
        summary=Field(M, "a paragraph under the entry"),
        amount=_ext(T, "prize money as written, e.g. '$5,000'"),
        note=_ext(T, "e.g. 'top 2%' or 'declined'"),
        url=_ext(U, "the title links there"),
    ),
    "volunteer": _fields(
        organization=_req(T, "the organisation, in bold"),
        position=Field(T, "your role, in parentheses"),
        url=Field(U, "the organisation's website; its name links there"),
        startDate=_START,
        endDate=_END,
        summary=Field(M, "a paragraph under the entry"),
        highlights=Field(Kind.MARKUP_LIST, _HIGHLIGHTS),
    ),
    "publications": _fields(
        name=_req(T, "title; for people without BibTeX (publist reads .bib files)"),
        publisher=Field(T, "journal, venue or publisher"),
        releaseDate=Field(D, "publication date"),
        url=Field(U, "the title links there"),
        summary=Field(M, "a paragraph under the entry"),
        authors=_ext(Kind.TEXT_LIST, "the authors in order, as RenderCV lists them"),
    ),
    "service": _fields(
        role=_req(T, "e.g. Reviewer, Area Chair"),
        kind=Field(T, "e.g. Conference, Journal: entries are grouped under it"),
        venues=Field(Kind.TEXT_LIST, "e.g. NeurIPS, ICML, after the role"),
        startDate=_START,
        endDate=_END,
    ),
    "teaching": _fields(
        course=_req(T, "course name, e.g. 'CS 101: Programming'"),
        role=Field(T, "e.g. Instructor, Teaching Assistant"),
        institution=Field(T, "where you taught it"),
        terms=Field(Kind.TEXT_LIST, "e.g. 'Fall 2022': shown instead of dates, years merged"),
        summary=Field(M, "a paragraph under the entry"),
    ),
    "talks": _fields(
        title=_req(T, "the talk's title"),
        event=Field(T, "e.g. a conference or a seminar series"),
        location=Field(T, "city or institution"),
        date=Field(D, "when you gave it"),
        url=Field(U, "the title links there, e.g. the event's page"),
        slides=Field(U, "a 'Slides' link"),
        video=Field(U, "a 'Video' link"),
    ),
    "news": _fields(
        date=_req(D, "shown first; the feed is newest first"),
        text=_req(M, "the news item"),
    ),
    "grants": _fields(
        title=_req(T, "the project or grant title"),
        funder=Field(T, "e.g. 'NSF CAREER'"),
        amount=Field(T, "as written, e.g. '$500,000'"),
        role=Field(T, "e.g. PI, Co-PI"),
        startDate=_START,
        endDate=_END,
    ),
    "skills": _fields(
        name=_req(T, "a skill area, in bold, e.g. 'Machine learning'"),
        level=Field(T, "e.g. 'Advanced', in parentheses"),
        keywords=Field(Kind.TEXT_LIST, "e.g. PyTorch, JAX, after a colon"),
    ),
    "languages": _fields(
        language=_req(T, "e.g. 'German', in bold"),
        fluency=Field(T, "e.g. 'Native', in parentheses"),
    ),
    "interests": _fields(
        name=_req(T, "an interest, in bold"),
        keywords=Field(Kind.TEXT_LIST, "details, after a colon"),
    ),
    "projects": _fields(
        name=_req(T, "the project, in bold"),
        description=Field(M, "a paragraph under the entry"),
        highlights=Field(Kind.MARKUP_LIST, _HIGHLIGHTS),
        keywords=Field(Kind.TEXT_LIST, "e.g. technologies, after a colon"),
        startDate=_START,
        endDate=_END,
        url=Field(U, "the name links there"),
        roles=Field(Kind.TEXT_LIST, "your roles, e.g. 'maintainer', after a colon"),
        entity=Field(T, "who it was for, e.g. a lab or a company, in parentheses"),
        type=Field(T, "e.g. 'software', 'dataset', in parentheses"),
    ),
    "references": _fields(
        name=_req(T, "the referee, in bold"),
        reference=Field(M, "what they say, or how to reach them"),
    ),
    "certificates": _fields(
        name=_req(T, "the certificate, in bold"),
        date=Field(D, "when it was issued"),
        url=Field(U, "the name links there, e.g. a verification page"),
        issuer=Field(T, "who issued it, in parentheses"),
    ),
}

#: Names from JSON Resume before 1.0 that real files still use, mapped to 1.0's.
LEGACY_NAMES: dict[str, dict[str, str]] = {
    "basics": {"picture": "image", "website": "url"},
    "work": {"company": "name", "website": "url"},
    "education": {"gpa": "score"},
    "volunteer": {"website": "url"},
    "awards": {"website": "url"},
    "publications": {"website": "url"},
}
#: Top-level keys JSON Resume files carry that are not content.
IGNORED_TOP = frozenset({"$schema", "meta"})


@dataclass
class Record:
    """One validated mapping: an education entry, a talk, the basics block..."""

    section: str
    line: int
    values: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)

    def text(self, name: str) -> str:
        """A text field, or ``""`` when absent."""
        value = self.values.get(name)
        return value if isinstance(value, str) else ""

    def texts(self, name: str) -> list[str]:
        """A list field, or ``[]`` when absent."""
        value = self.values.get(name)
        return list(value) if isinstance(value, list) else []

    def date(self, name: str) -> DateValue | None:
        """A date field (``"present"`` for an ongoing end date), or ``None``."""
        value = self.values.get(name)
        return value if isinstance(value, PartialDate) or value == PRESENT else None

    def record(self, name: str) -> Record | None:
        """A nested mapping, e.g. ``basics.location``."""
        value = self.values.get(name)
        return value if isinstance(value, Record) else None

    def records(self, name: str) -> list[Record]:
        """A nested list of mappings, e.g. ``basics.profiles``."""
        value = self.values.get(name)
        return (
            [item for item in value if isinstance(item, Record)] if isinstance(value, list) else []
        )

    def line_of(self, name: str) -> int:
        """The line of a field, falling back to the entry's own line."""
        return self.lines.get(name, self.line)


@dataclass
class Profile:
    """A validated profile file."""

    path: str
    basics: Record | None
    sections: dict[str, list[Record]]
    problems: list[Problem]

    def entries(self, section: str) -> list[Record]:
        """The valid entries of a section, in file order."""
        return self.sections.get(section, [])


def validate(loaded: Loaded) -> Profile:
    """Turn a loaded file into a :class:`Profile`, collecting every problem."""
    validator = Validator(loaded.source)
    problems = list(loaded.problems)
    data = loaded.data
    profile = Profile(loaded.source.path, None, {}, problems)
    if data is None:
        return profile
    if not isinstance(data, dict):
        validator.report("the profile file must be a mapping of sections (basics, work, ...)", ())
        problems += validator.problems
        return profile
    known = ["basics", *SECTIONS]
    for name, value in data.items():
        if name in IGNORED_TOP or value is None:
            continue
        if name == "basics":
            profile.basics = validator.record("basics", value, ("basics",), BASICS)
        elif name in SECTIONS:
            profile.sections[name] = validator.section(name, value)
        else:
            validator.unknown(name, known, (name,), "section")
    if profile.basics is None and "basics" not in data:
        validator.report("missing 'basics' (with at least 'name')", ())
    problems += validator.problems
    return profile


class Validator:
    """Checks mappings against field declarations, collecting located problems; the
    people file (:mod:`.people`) declares its own fields and reuses it."""

    def __init__(self, source: SourceMap) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def report(self, message: str, key: PathKey) -> None:
        self.problems.append(Problem(message, self.source.path, self.source.line(key)))

    def unknown(self, name: str, known: list[str], key: PathKey, what: str = "key") -> None:
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        self.report(f"unknown {what} {name!r}{hint}", key)

    def section(self, name: str, value: Any) -> list[Record]:
        key: PathKey = (name,)
        if not isinstance(value, list):
            self.report(f"{name!r} must be a list of entries, not {_type_name(value)}", key)
            return []
        records = []
        for index, item in enumerate(value):
            record = self.record(name, item, (*key, index), SECTIONS[name])
            if record is not None:
                records.append(record)
        return records

    def record(
        self, section: str, value: Any, key: PathKey, spec: Mapping[str, Field]
    ) -> Record | None:
        """Validate one mapping; ``None`` (after reporting why) when it must be skipped."""
        # a file that is one record (a person of a people folder) has an empty key
        where = f"{key[0]}[{key[1]}]" if len(key) > 1 else str(key[0]) if key else section
        if not isinstance(value, dict):
            self.report(f"{where} must be a mapping, not {_type_name(value)}; entry skipped", key)
            return None
        record = Record(section, self.source.line(key), {})
        legacy = LEGACY_NAMES.get(section, {})
        ok = True
        for written, raw in value.items():
            field_key = (*key, written)
            name = legacy.get(str(written)) or str(written)
            if name not in spec:
                self.unknown(name, list(spec), field_key)
                continue
            if raw is None or raw == "" or raw == []:
                continue
            record.lines[name] = self.source.line(field_key)
            converted = self.convert(spec[name], raw, field_key, f"{where}.{name}")
            if converted is _INVALID:
                ok = False
            else:
                record.values[name] = converted
        for name, field_spec in spec.items():
            if field_spec.required and name not in record.values and ok:
                self.report(f"{where} has no {name!r}; entry skipped", key)
                ok = False
        start, end = record.values.get("startDate"), record.values.get("endDate")
        if isinstance(start, PartialDate) and isinstance(end, PartialDate) and _before(end, start):
            # Shown as written: the reader sees the mistake, the warning says where.
            message = f"{where}: endDate {end} is before startDate {start}"
            self.problems.append(Problem(message, self.source.path, record.line_of("endDate")))
        return record if ok else None

    def convert(self, spec: Field, raw: Any, key: PathKey, where: str) -> Any:
        kind = spec.kind
        if kind in (Kind.TEXT, Kind.MARKUP, Kind.URL):
            if isinstance(raw, bool) or not isinstance(raw, str | int | float):
                return self.wrong(where, kind, raw, key)
            text = printable(str(raw)).strip()
            if kind is Kind.URL and not is_safe_url(text):  # kept: shown as text, unlinked
                self.report(
                    f"refusing unsafe URL {text!r} (only http, https, mailto and relative links)",
                    key,
                )
            return text
        if kind in (Kind.DATE, Kind.END_DATE):
            if kind is Kind.END_DATE and is_present(raw):
                return PRESENT
            date = parse_date(raw)
            if date is None:
                hint = " or 'present'" if kind is Kind.END_DATE else ""
                self.report(
                    f"{where}: {_short(raw)} is not a date (use 2024, 2024-09 or 2024-09-01{hint});"
                    " entry skipped",
                    key,
                )
                return _INVALID
            return date
        if kind is Kind.BOOL:
            return raw if isinstance(raw, bool) else self.wrong(where, kind, raw, key)
        if kind in (Kind.TEXT_LIST, Kind.MARKUP_LIST):
            items = raw if isinstance(raw, list) else None
            if items is None or not all(
                isinstance(item, str | int | float) and not isinstance(item, bool) for item in items
            ):
                return self.wrong(where, kind, raw, key)
            return [printable(str(item)).strip() for item in items if item != ""]
        if kind is Kind.OBJECT:
            record = self.record(where, raw, key, spec.fields)
            return _INVALID if record is None else record
        if not isinstance(raw, list):
            return self.wrong(where, kind, raw, key)
        records = [self.record(where, item, (*key, i), spec.fields) for i, item in enumerate(raw)]
        return [record for record in records if record is not None]

    def wrong(self, where: str, kind: Kind, raw: Any, key: PathKey) -> object:
        self.report(f"{where} must be {kind.value}, not {_type_name(raw)}; entry skipped", key)
        return _INVALID


_INVALID = object()


def _before(end: PartialDate, start: PartialDate) -> bool:
    """Whether a period ends before it starts, to the precision both dates give:
    a job from 2020-05 to 2020 may well have ended in 2020-11."""
    parts = min(_precision(end), _precision(start))
    return (end.year, end.month, end.day)[:parts] < (start.year, start.month, start.day)[:parts]


def _precision(date: PartialDate) -> int:
    return 3 if date.day else 2 if date.month else 1


_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 50


def _short(value: Any) -> str:
    """``repr(value)`` cut to a message's length while it is made: a value can be a
    list of a million items, and a message needs its start."""
    return _SHORT.repr(value)


def _type_name(value: Any) -> str:
    names = {dict: "a mapping", list: "a list", bool: "true/false"}
    return names.get(type(value)) or f"{type(value).__name__} {_short(value)}"
