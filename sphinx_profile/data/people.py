"""The people of a lab site (``profile_people``) and al-folio's co-authors file
(``profile_coauthors``): read, checked, and matched against the authors of papers.

Pure data, like the profile file: the people file goes through the same loader
(located problems, bounds, did-you-mean for keys) and the same field checks
(:class:`~.schema.Validator`); a person's photo follows the profile photo's rules
(:meth:`~.files.Places.image`) and their links the card's (:func:`~.links.record_links`).
What the directives show comes from the :class:`Person` records; which author of a
paper is whom comes from :func:`author_matches`, once per build for a whole bib file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .bib import BibEntry
from .dates import PartialDate
from .files import Places
from .links import Link, record_links
from .loader import SUFFIXES, Loaded, PathKey, load_file
from .names import NameIndex, Spelling
from .problems import Problem
from .schema import DateValue, Field, Kind, Record, Validator
from .urls import is_safe_url

T, M, U = Kind.TEXT, Kind.MARKUP, Kind.URL
_PROFILE = {
    "network": Field(T, "e.g. GitHub, Mastodon: picks the icon"),
    "username": Field(T, "the name there; known networks make the link from it"),
    "url": Field(U, "the link"),
}
#: The fields of a person, declared as the profile's are (the docs list them from here).
PERSON: dict[str, Field] = {
    "id": Field(T, "letters, digits, - and _: the person's page is people/<id>.html", True),
    "name": Field(T, "the name as the people page shows it; matched in author lists", True),
    "aliases": Field(Kind.TEXT_LIST, "other spellings of the name, matched in author lists"),
    "role": Field(T, "e.g. PI, Postdoc, PhD student: the people page groups by it"),
    "url": Field(U, "their homepage: their name in author lists links there"),
    "image": Field(T, "photo: a path relative to the people file, or a URL"),
    "email": Field(T, "a mailto link on their card"),
    "orcid": Field(T, "ORCID iD, e.g. 0000-0002-1825-0097"),
    "startDate": Field(Kind.DATE, "when they joined"),
    "endDate": Field(Kind.END_DATE, "when they left; a past date makes them an alumnus"),
    "now": Field(T, "an alumnus' current position, e.g. 'Professor at ETH Zurich'"),
    "summary": Field(M, "a short bio (markup)"),
    "profiles": Field(Kind.OBJECT_LIST, "links shown as icons, as in the profile", fields=_PROFILE),
}
#: The fields of one person of al-folio's ``_data/coauthors.yml``.
COAUTHOR: dict[str, Field] = {
    "firstname": Field(Kind.TEXT_LIST, "the given names as papers spell them", True),
    "url": Field(U, "their name in author lists links there", True),
}
#: The folder of the person pages (``profile_people_pages``): ``people/<id>.html``.
PEOPLE_DIR = "people"
#: A person's id becomes a file name and a URL: nothing a path or a browser reads specially.
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")


@dataclass(frozen=True)
class Person:
    """One person of the people file, checked: every text is as written (``summary`` is
    markup source, parsed by the directive that shows it), ``url`` is safe or ``""``."""

    id: str
    name: str
    path: str  #: the file the person is in
    line: int
    aliases: tuple[str, ...] = ()
    role: str = ""
    url: str = ""
    #: the photo as an image URI: a safe URL, ``/`` and a path in the source folder, or ``""``
    image: str = ""
    email: str = ""
    orcid: str = ""
    start: PartialDate | None = None
    end: DateValue | None = None
    now: str = ""
    summary: str = ""
    #: the checked fields as read, with their lines (for warnings, markup, links)
    record: Record | None = field(default=None, compare=False, hash=False)

    def line_of(self, name: str) -> int:
        """The line of a field, falling back to the person's own line."""
        return self.record.line_of(name) if self.record is not None else self.line

    @property
    def links(self) -> list[Link]:
        """Their card's icon links (homepage, ORCID, ``profiles``), as the profile card's
        are made; made when shown, so their labels are in the page's language."""
        links = record_links(self.record) if self.record is not None else []
        return [link for link in links if is_safe_url(link.url)]

    def is_alumnus(self, today: dt.date) -> bool:
        """Whether they have left: an ``endDate`` before ``today``, to the precision it
        is written in (``endDate: 2026`` is still ongoing all through 2026)."""
        end = self.end
        if not isinstance(end, PartialDate):
            return False
        parts = 3 if end.day else 2 if end.month else 1
        return (end.year, end.month, end.day)[:parts] < (today.year, today.month, today.day)[:parts]

    @property
    def spellings(self) -> tuple[Spelling, ...]:
        """The name and the aliases, as author lists are matched against them."""
        parsed = (Spelling.parse(text) for text in (self.name, *self.aliases))
        return tuple(dict.fromkeys(spelling for spelling in parsed if spelling is not None))


@dataclass
class People:
    """The people of the site in file order, looked up by id or by an author's name."""

    path: str
    persons: tuple[Person, ...] = ()
    #: the files read (a folder's, one person each), so a change to one is noticed
    files: tuple[str, ...] = ()

    @cached_property
    def by_id(self) -> dict[str, Person]:
        return {person.id: person for person in self.persons}

    def get(self, person_id: str) -> Person | None:
        """The person with this id, or ``None``."""
        return self.by_id.get(person_id)

    def close_ids(self, person_id: str) -> list[str]:
        """Ids that look like ``person_id``, for a warning about an unknown one."""
        return difflib.get_close_matches(person_id, list(self.by_id), n=3, cutoff=0.6)

    def by_role(self, order: Sequence[str] = ()) -> list[tuple[str, list[Person]]]:
        """The people grouped by role: the roles of ``order`` first (matched in any case),
        then the others in the order they first appear in the file."""
        groups: dict[str, list[Person]] = {}
        for person in self.persons:
            groups.setdefault(person.role, []).append(person)
        rank = {role.casefold(): index for index, role in enumerate(order)}
        ordered = sorted(groups, key=lambda role: rank.get(role.casefold(), len(rank)))
        return [(role, groups[role]) for role in ordered]


@dataclass(frozen=True)
class Coauthor:
    """One person of ``coauthors.yml``: a family name, its given-name spellings, a link."""

    family: str
    firstnames: tuple[str, ...]
    url: str
    line: int

    @property
    def spellings(self) -> tuple[Spelling, ...]:
        return tuple(Spelling.of(given, self.family) for given in self.firstnames)


@dataclass(frozen=True)
class Coauthors:
    """al-folio's co-authors file, read unchanged."""

    path: str
    coauthors: tuple[Coauthor, ...] = ()


@dataclass(frozen=True)
class AuthorMatch:
    """Who an author of a paper is: a person of the site (``person`` is their id) or a
    co-author of ``coauthors.yml`` (``person`` is ``""``); ``url`` is their safe link."""

    person: str
    url: str

    @property
    def is_member(self) -> bool:
        """A person of the people file, now or in the past: marked ``sp-member``."""
        return bool(self.person)


#: For each entry key, who each of its shown authors (or editors) is.
AuthorMatches = dict[str, tuple[AuthorMatch | None, ...]]


# ---- reading -----------------------------------------------------------------------


def read_people(path: Path, root: Path) -> tuple[People, list[Problem]]:
    """The people file at ``path`` (a file with a ``people:`` list, or a folder of
    files, one person each, read in name order); photos must lie inside ``root``."""
    reader = _PeopleReader(Places(root))
    if path.is_dir():
        files = sorted(
            child
            for child in path.iterdir()
            if child.suffix.lower() in SUFFIXES and child.is_file()
        )
        for child in files:
            reader.person_file(load_file(child))
        return People(str(path), tuple(reader.persons), tuple(map(str, files))), reader.problems
    reader.list_file(load_file(path))
    return People(str(path), tuple(reader.persons), (str(path),)), reader.problems


class _PeopleReader:
    def __init__(self, places: Places) -> None:
        self.places = places
        self.persons: list[Person] = []
        self.seen: dict[str, Person] = {}
        self.problems: list[Problem] = []

    def list_file(self, loaded: Loaded) -> None:
        validator = Validator(loaded.source)
        self.problems += loaded.problems
        data = loaded.data
        if data is None:
            return
        if not isinstance(data, dict) or "people" not in data:
            validator.report("the people file must be a mapping with a 'people' list", ())
        else:
            for name in data:
                if name != "people":
                    validator.unknown(name, ["people"], (name,))
            entries = data["people"]
            if not isinstance(entries, list):
                validator.report("'people' must be a list of people", ("people",))
            else:
                for index, value in enumerate(entries):
                    self.add(validator, value, ("people", index))
        self.problems += validator.problems

    def person_file(self, loaded: Loaded) -> None:
        validator = Validator(loaded.source)
        self.problems += loaded.problems
        if loaded.data is not None:
            self.add(validator, loaded.data, ())
        self.problems += validator.problems

    def add(self, validator: Validator, value: Any, key: PathKey) -> None:
        record = validator.record("person", value, key, PERSON)
        if record is None:
            return
        path = validator.source.path
        where = f"people[{key[1]}]" if key else "person"
        person_id = record.text("id")
        if not _ID.fullmatch(person_id):
            validator.report(
                f"{where}: id {person_id!r} must be letters, digits, - and _ (it names the"
                " person's page); person skipped",
                (*key, "id"),
            )
            return
        if (first := self.seen.get(person_id)) is not None:
            validator.report(
                f"duplicate person id {person_id!r} (first at {first.path}:{first.line});"
                " person skipped",
                (*key, "id"),
            )
            return
        image, problem = self.places.image(record, path, f"{where}.image")
        if problem is not None:
            self.problems.append(problem)
        url = record.text("url")  # an unsafe one was reported by the validator
        person = Person(
            id=person_id,
            name=record.text("name"),
            path=path,
            line=record.line,
            aliases=tuple(record.texts("aliases")),
            role=record.text("role"),
            url=url if is_safe_url(url) else "",
            image=image,
            email=record.text("email"),
            orcid=record.text("orcid"),
            start=_date(record.date("startDate")),
            end=record.date("endDate"),
            now=record.text("now"),
            summary=record.text("summary"),
            record=record,
        )
        self.seen[person_id] = person
        self.persons.append(person)


def _date(value: DateValue | None) -> PartialDate | None:
    return value if isinstance(value, PartialDate) else None


def read_coauthors(path: Path) -> tuple[Coauthors, list[Problem]]:
    """al-folio's ``coauthors.yml``: family name → list of ``{firstname: [...], url}``.

    A ``firstname`` written as one text rather than a list is read as a list of one,
    as Jekyll's templates accept it.
    """
    loaded = load_file(path)
    validator = Validator(loaded.source)
    problems = list(loaded.problems)
    found: list[Coauthor] = []
    data = loaded.data
    if data is not None and not isinstance(data, dict):
        validator.report("the co-authors file must map family names to lists of people", ())
    elif data is not None:
        for family, entries in data.items():
            key: PathKey = (family,)
            items = [entries] if isinstance(entries, dict) else entries
            if not isinstance(items, list):
                validator.report(f"{family!r} must be a list of people", key)
                continue
            for index, item in enumerate(items):
                if isinstance(item, dict) and isinstance(item.get("firstname"), str):
                    item = {**item, "firstname": [item["firstname"]]}
                record = validator.record(str(family), item, (*key, index), COAUTHOR)
                if record is not None and is_safe_url(url := record.text("url")):
                    found.append(
                        Coauthor(str(family), tuple(record.texts("firstname")), url, record.line)
                    )
    problems += validator.problems
    return Coauthors(str(path), tuple(found)), problems


# ---- matching ----------------------------------------------------------------------


def author_index(people: People | None, coauthors: Coauthors | None) -> NameIndex[AuthorMatch]:
    """Every spelling of every person, then of every co-author: a person of the site
    wins over a co-author of the same name."""

    def spellings() -> Iterable[tuple[Spelling, AuthorMatch]]:
        for person in people.persons if people is not None else ():
            match = AuthorMatch(person.id, person.url)
            yield from ((spelling, match) for spelling in person.spellings)
        for coauthor in coauthors.coauthors if coauthors is not None else ():
            match = AuthorMatch("", coauthor.url)
            yield from ((spelling, match) for spelling in coauthor.spellings)

    return NameIndex(spellings())


def author_matches(entries: Iterable[BibEntry], index: NameIndex[AuthorMatch]) -> AuthorMatches:
    """Who the authors (or, for an edited book, the editors) of each entry are; entries
    with no known author are left out, so the result is small."""
    result: AuthorMatches = {}
    for entry in entries:
        found = tuple(index.find(name) for name in entry.authors or entry.editors)
        if any(found):
            result[entry.key] = found
    return result
