"""The committed metrics file: citation counts per publication, with source and date.

The build never asks a service for counts: ``sphinx-profile refresh`` (or an import,
:mod:`~sphinx_profile.importers.citations`) writes them into a file that is committed
with the site, and the build only reads it, so two builds of one commit show the same
numbers. This module is the file's one definition, for the readers and the writers::

    {"generated": "2026-12-01",
     "entries": {"sankar2014automated": {"openalex": {"cited_by": 42, "as_of": "2026-12-01"}}}}

An entry is named by its BibTeX key or by its DOI. The file is data like the profile:
read by the same loader (lines, duplicate keys, nesting limits), every problem a
located warning, a bad count left out rather than guessed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .bib import BibEntry
from .loader import SourceMap, load_file
from .problems import Problem, Subtype

#: Sources in the order a count is preferred when an entry has several, → their names.
SOURCES: dict[str, str] = {
    "openalex": "OpenAlex",
    "semanticscholar": "Semantic Scholar",
    "crossref": "Crossref",
    "googlescholar": "Google Scholar",
}
COUNT_FIELDS = ("cited_by", "as_of")


@dataclass(frozen=True)
class Count:
    """One source's count of citations of one publication, on one day."""

    source: str
    cited_by: int
    as_of: date

    @property
    def source_name(self) -> str:
        return SOURCES[self.source]


@dataclass(frozen=True)
class Summary:
    """What a profile card says: total citations, h-index, the sources and the date of
    the counts behind them."""

    total: int
    h_index: int
    sources: tuple[str, ...]
    as_of: date


@dataclass
class Metrics:
    """A read metrics file: counts by entry name (key, or DOI in lower case)."""

    path: str
    generated: date | None = None
    generated_line: int = 1
    entries: dict[str, tuple[Count, ...]] = field(default_factory=dict)

    def count(self, entry: BibEntry) -> Count | None:
        """The count shown for ``entry`` (by key, else by DOI): the first source in
        :data:`SOURCES` order that has one; ``None`` when unknown (never a 0)."""
        counts = self.entries.get(entry.key) or self.entries.get(
            normal_doi(entry.fields.get("doi", ""))
        )
        return counts[0] if counts else None

    def summary(self) -> Summary | None:
        """Total and h-index over every publication of the file, ``None`` if it has none."""
        chosen = [counts[0] for counts in self.entries.values() if counts]
        if not chosen:
            return None
        sources = tuple(name for name in SOURCES if any(c.source == name for c in chosen))
        return Summary(
            total=sum(c.cited_by for c in chosen),
            h_index=h_index(c.cited_by for c in chosen),
            sources=tuple(SOURCES[name] for name in sources),
            as_of=self.generated or max(c.as_of for c in chosen),
        )


def normal_doi(value: str) -> str:
    """A DOI as the file names entries: lower case, without ``doi:`` or a resolver."""
    value = value.strip().lower()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"):
        value = value.removeprefix(prefix)
    return value


def parse_date(value: Any) -> date | None:
    """A day as the file's JSON writes it (``2026-12-01``), or as YAML and TOML read it."""
    if isinstance(value, datetime):  # TOML reads a date with a time as a datetime
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def h_index(counts: Iterable[int]) -> int:
    """The largest h such that h publications are cited at least h times each."""
    ordered = sorted(counts, reverse=True)
    return sum(1 for rank, count in enumerate(ordered, 1) if count >= rank)


def read_metrics(path: Path) -> tuple[Metrics, list[Problem]]:
    """The counts of a metrics file and its problems; never raises for bad content."""
    loaded = load_file(path)
    metrics = Metrics(str(path))
    problems = list(loaded.problems)
    data = loaded.data
    if data is None:
        return metrics, problems
    reader = _Reader(loaded.source, problems)
    if not isinstance(data, dict):
        reader.problem("the metrics file must be a mapping with 'generated' and 'entries'", ())
        return metrics, problems
    for name in data:
        if name not in ("generated", "entries"):
            reader.problem(f"unknown key {name!r} (known: generated, entries)", (name,))
    if "generated" in data:
        metrics.generated = reader.date(data["generated"], ("generated",))
        metrics.generated_line = loaded.source.line(("generated",))
    entries = data.get("entries", {})
    if not isinstance(entries, dict):
        reader.problem(
            f"'entries' must be a mapping of keys or DOIs, not {_kind(entries)}", ("entries",)
        )
        return metrics, problems
    for name, sources in entries.items():
        counts = reader.counts(str(name), sources)
        if counts:
            metrics.entries[normal_doi(name) if "/" in str(name) else str(name)] = counts
    return metrics, problems


@dataclass
class _Reader:
    """Checks values of one file, each problem at the line of the value."""

    source: SourceMap
    problems: list[Problem]

    def problem(self, message: str, where: tuple[str | int, ...]) -> None:
        self.problems.append(Problem(message, self.source.path, self.source.line(where)))

    def date(self, value: Any, where: tuple[str, ...]) -> date | None:
        parsed = parse_date(value)
        if parsed is None:
            self.problem(f"{'.'.join(where)}: {value!r} is not a date (YYYY-MM-DD)", where)
        return parsed

    def counts(self, name: str, sources: Any) -> tuple[Count, ...]:
        """An entry's counts in :data:`SOURCES` order; bad ones reported and left out."""
        where: tuple[str, ...] = ("entries", name)
        if not isinstance(sources, dict):
            self.problem(
                f"entries.{name} must be a mapping of sources, not {_kind(sources)}", where
            )
            return ()
        found: dict[str, Count] = {}
        for source, value in sources.items():
            place = (*where, str(source))
            if source not in SOURCES:
                self.problem(
                    f"entries.{name}: unknown source {source!r} (known: {', '.join(SOURCES)})",
                    place,
                )
            elif (count := self.count(str(source), value, place)) is not None:
                found[source] = count
        return tuple(found[source] for source in SOURCES if source in found)

    def count(self, source: str, value: Any, where: tuple[str, ...]) -> Count | None:
        label = ".".join(where[1:])
        if not isinstance(value, dict):
            self.problem(
                f"{label} must be a mapping with cited_by and as_of, not {_kind(value)}", where
            )
            return None
        for extra in value.keys() - set(COUNT_FIELDS):
            self.problem(
                f"{label}: unknown key {extra!r} (known: cited_by, as_of)", (*where, extra)
            )
        cited_by = value.get("cited_by")
        if isinstance(cited_by, bool) or not isinstance(cited_by, int) or cited_by < 0:
            self.problem(
                f"{label}.cited_by must be a whole number of 0 or more, not {cited_by!r}; left out",
                (*where, "cited_by"),
            )
            return None
        if "as_of" not in value:
            self.problem(f"{label} has no as_of date; left out", where)
            return None
        as_of = self.date(value["as_of"], (*where, "as_of"))
        return None if as_of is None else Count(source, cited_by, as_of)


_KINDS: dict[type, str] = {dict: "a mapping", list: "a list", str: "text"}


def _kind(value: Any) -> str:
    return _KINDS.get(type(value), type(value).__name__)


def stale_problem(metrics: Metrics, max_age: int | None, today: date) -> Problem | None:
    """The warning for counts older than ``max_age`` days (``None``: never stale)."""
    if max_age is None or metrics.generated is None:
        return None
    age = (today - metrics.generated).days
    if age <= max_age:
        return None
    return Problem(
        f"the citation counts are {age} days old (generated {metrics.generated.isoformat()},"
        f" profile_metrics_max_age is {max_age}); run 'sphinx-profile refresh'",
        metrics.path,
        metrics.generated_line,
        Subtype.METRICS,
    )


def metrics_document(generated: date, counts: Mapping[str, Iterable[Count]]) -> str:
    """The text of a metrics file (what :func:`read_metrics` reads back), as JSON."""
    entries = {
        name: {c.source: {"cited_by": c.cited_by, "as_of": c.as_of.isoformat()} for c in found}
        for name, found in sorted(counts.items())
    }
    document = {"generated": generated.isoformat(), "entries": entries}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
