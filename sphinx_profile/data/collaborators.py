"""Coauthors for a funder's collaborators list: who wrote with a person, and when last.

Funders such as the NSF ask for everyone one published with in the last 48 months,
sorted by family name, with their affiliation. The names come from the BibTeX files;
the spellings of one coauthor ("Cy Okafor", "C. Okafor") are one row, matched as the
owner's spellings are (:func:`~.bib.matches_owner`). BibTeX records no affiliation
per author, so the affiliation is only known for the people of the people file: a
current member's is the lab, an alumnus' what ``now`` says.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .bib import BibEntry, Name, fold
from .names import Spelling, matches_any
from .people import People, Person

_SINCE = re.compile(r"(\d+)\s*(months?|years?)", re.IGNORECASE)


def since_date(value: str, today: dt.date) -> dt.date:
    """``:since:`` as the first day it counts: ``48 months`` (or ``4 years``) before
    ``today``, or an ISO date (``2022-07-01``). Raises ``ValueError`` otherwise."""
    text = value.strip()
    if match := _SINCE.fullmatch(text):
        count = int(match.group(1)) * (12 if match.group(2).lower().startswith("y") else 1)
        months = today.year * 12 + today.month - 1 - count
        return dt.date(months // 12, months % 12 + 1, 1)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError("must be a number of months or years ('48 months') or a date") from None


@dataclass(frozen=True)
class Coauthor:
    """One row of the table."""

    name: str
    family: str
    affiliation: str
    latest: int  #: the year of the latest joint paper


def _year(entry: BibEntry) -> int | None:
    match = re.search(r"\d{4}", entry.year)
    return int(match.group()) if match else None


def coauthors(
    entries: Iterable[BibEntry],
    author: tuple[Spelling, ...],
    people: People | None,
    lab: str,
    since: dt.date,
    today: dt.date,
) -> list[Coauthor]:
    """The coauthors of ``author`` on the entries of ``since``'s year or later, sorted by
    family name; a person of ``people`` is one row under their name, whatever the
    spelling; an entry without a year is left out (it cannot be dated)."""
    found: dict[str, Coauthor] = {}
    persons = [(person, person.spellings) for person in people.persons] if people else []
    for entry in entries:
        year = _year(entry)
        names = entry.authors or entry.editors
        if year is None or year < since.year or not any(matches_any(n, author) for n in names):
            continue
        for name in names:
            if name.is_others or matches_any(name, author):
                continue
            person = next((p for p, spelled in persons if matches_any(name, spelled)), None)
            key, row = _row(name, person, lab, year, today)
            if (old := found.get(key)) is not None:
                # the fuller spelling names the row ("Cy Okafor" over "C. Okafor")
                row = _merge(row, old) if len(row.name) > len(old.name) else _merge(old, row)
            found[key] = row
    return sorted(found.values(), key=lambda c: (fold(c.family), fold(c.name)))


def _row(
    name: Name, person: Person | None, lab: str, year: int, today: dt.date
) -> tuple[str, Coauthor]:
    if person is not None:
        affiliation = person.now if person.is_alumnus(today) else lab
        return f"person:{person.id}", Coauthor(person.name, name.family, affiliation, year)
    given = fold(name.given).split()
    key = f"{fold(name.family)}|{given[0][:1] if given else ''}"
    return key, Coauthor(name.full, name.family, "", year)


def _merge(named: Coauthor, other: Coauthor) -> Coauthor:
    return Coauthor(
        named.name,
        named.family,
        named.affiliation or other.affiliation,
        max(named.latest, other.latest),
    )
