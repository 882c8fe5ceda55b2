"""``sphinx-profile sync``: a bib file reconciled with a researcher's ORCID, OpenAlex or
dblp record.

A service's list and a hand-kept bib name the same paper differently, so works are
matched by the surest key they share: the DOI, then the arXiv id, then the title (folded,
see :func:`~.data.bib.fold`) with the year. The report is for the researcher to act on;
``--write FILE`` hands the works the bib lacks to ``add``'s pipeline, so they arrive as
the same clean entries ``add`` makes, checked for duplicates the same way, in a file of
their own: a service's list is not always right, so nothing enters the bib unreviewed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .add import bib_identifiers
from .data.bib import BibEntry, fold, parse_bib
from .net.listings import Listed


@dataclass
class Report:
    """What the service and the bib disagree on."""

    missing: list[Listed] = field(default_factory=list)
    unlisted: list[BibEntry] = field(default_factory=list)
    #: matched pairs whose year, venue or DOI differ, with each difference said
    differing: list[tuple[BibEntry, list[str]]] = field(default_factory=list)
    matched: int = 0


def read_entries(bib: Path) -> list[BibEntry]:
    """The bib's entries; its other problems are ``check``'s to report."""
    return list(parse_bib(bib)[0].entries.values())


def _title_key(title: str, year: str) -> tuple[str, str]:
    return fold(title), year.strip()


def reconcile(listed: list[Listed], entries: list[BibEntry], service: str) -> Report:
    """Match every listed work to a bib entry (DOI, else arXiv id, else title and year);
    a bib entry several listed works match (the service lists a work twice) is one."""
    by_doi: dict[str, BibEntry] = {}
    by_arxiv: dict[str, BibEntry] = {}
    by_title: dict[tuple[str, str], BibEntry] = {}
    for item in entries:
        doi, arxiv = bib_identifiers(item)
        if doi:
            by_doi.setdefault(doi, item)
        for arxiv_id in arxiv:
            by_arxiv.setdefault(arxiv_id, item)
        by_title.setdefault(_title_key(item.fields.get("title", ""), item.year), item)
    report = Report()
    matched: dict[str, BibEntry] = {}
    for work in listed:
        found = (
            by_doi.get(work.doi)
            or by_arxiv.get(work.arxiv)
            or by_title.get(_title_key(work.title, work.year))
        )
        if found is None:
            report.missing.append(work)
        elif found.key not in matched:
            matched[found.key] = found
            if differences := list(_differences(found, work, service)):
                report.differing.append((found, differences))
    report.unlisted = [item for item in entries if item.key not in matched]
    report.matched = len(matched)
    return report


def _differences(item: BibEntry, work: Listed, service: str) -> Iterator[str]:
    if item.year and work.year and item.year != work.year:
        yield f"year {item.year} in the bib, {work.year} in {service}"
    venue = item.fields.get("journal") or item.fields.get("booktitle") or ""
    ours, theirs = fold(venue), fold(work.venue)
    if ours and theirs and ours not in theirs and theirs not in ours:
        yield f"venue {venue!r} in the bib, {work.venue!r} in {service}"
    doi, _ = bib_identifiers(item)
    if work.doi and not doi:
        yield f"DOI {work.doi} is not in the bib"
    elif work.doi and doi != work.doi:
        yield f"DOI {doi} in the bib, {work.doi} in {service}"


def format_report(report: Report, service: str, listed: int, bib: Path) -> str:
    """The report as text: one line per work, each section headed with its count."""
    lines = [f"{listed} works in {service}, {report.matched} matched in {bib}."]
    lines += _section(f"In {service}, missing from the bib", [_listed(w) for w in report.missing])
    lines += _section(
        f"In the bib, not listed by {service}",
        [
            f"{item.key} ({item.location}): {_short(item.fields.get('title', ''))}"
            for item in report.unlisted
        ],
    )
    lines += _section(
        "Matched, but different",
        [f"{item.key} ({item.location}): {'; '.join(diffs)}" for item, diffs in report.differing],
    )
    return "\n".join(lines) + "\n"


def _section(heading: str, rows: list[str]) -> list[str]:
    return ["", f"{heading} ({len(rows)}):", *(f"  {row}" for row in rows)] if rows else []


def _listed(work: Listed) -> str:
    where = work.identifier or "no DOI or arXiv id"
    return f"{work.year or '----'}  {_short(work.title)}  [{where}]"


def _short(title: str, width: int = 70) -> str:
    """``title`` cut to ``width``, with control characters (a hostile answer's terminal
    escapes) made spaces."""
    title = "".join(c if c.isprintable() else " " for c in title)
    return title if len(title) <= width else title[: width - 1].rstrip() + "…"
