"""``sphinx-profile refresh``: today's citation counts into the committed metrics file.

The file is reviewed in git (the scheduled workflow opens a pull request with it), so
a refresh changes only what it learned: the counts a service gave today (with today's
date) and the file's ``generated`` date. A service that fails leaves its old counts in
place, so one service being down does not blank the site's badges; counts of sources
not asked (an imported Google Scholar count) stay as they were. Entries no longer in
the bib files are dropped, since they would still count towards the h-index.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .add import bib_identifiers
from .data.bib import BibEntry, parse_bib
from .data.metrics import SOURCES, Count, Metrics, metrics_document, normal_doi, read_metrics
from .data.problems import Problem
from .net.citations import FETCHERS
from .net.client import Client, ServiceError
from .net.identifiers import Identifier


@dataclass
class Refreshed:
    """The new text of the metrics file (``None``: every service failed), and what
    the reader is told."""

    text: str | None = None
    errors: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    #: counts received, by source
    received: dict[str, int] = field(default_factory=dict)


def identifier(item: BibEntry) -> Identifier | None:
    """What the services are asked about ``item``: its DOI, else its arXiv id (only
    Semantic Scholar looks works up by arXiv id; the others skip it). One id, so a
    preprint and its published version are not counted twice."""
    doi, arxiv = bib_identifiers(item)
    if doi:
        return Identifier("doi", doi)
    return Identifier("arxiv", min(arxiv)) if arxiv else None


def refresh(
    bibs: list[Path], metrics: Path, sources: list[str], client: Client, today: date
) -> Refreshed:
    """The metrics file's new text for the entries of ``bibs``; nothing is written."""
    result = Refreshed()
    entries: dict[str, BibEntry] = {}
    for bib in bibs:
        parsed, problems = parse_bib(bib)
        result.warnings += problems
        entries.update(parsed.entries)
    old = Metrics(str(metrics))
    if metrics.exists():
        old, problems = read_metrics(metrics)
        result.warnings += problems
    asked = {key: identifier(item) for key, item in entries.items()}
    wanted = list(dict.fromkeys(ident for ident in asked.values() if ident))
    fresh: dict[str, dict[Identifier, int]] = {}
    for source in sources:
        try:
            fresh[source] = FETCHERS[source](client, wanted)
        except ServiceError as error:
            result.errors.append(f"{error}; {SOURCES[source]}'s old counts are kept")
        else:
            result.received[source] = len(fresh[source])
    if not fresh:
        return result
    counts: dict[str, list[Count]] = {}
    for key, item in entries.items():
        known = {c.source: c for c in old.entries.get(key) or _by_doi(old, item)}
        if (ident := asked[key]) is not None:
            for source, found in fresh.items():  # today's answer replaces the old count
                known.pop(source, None)
                if ident in found:
                    known[source] = Count(source, found[ident], today)
        if known:
            counts[key] = [known[source] for source in SOURCES if source in known]
    result.text = metrics_document(today, counts)
    return result


def _by_doi(old: Metrics, item: BibEntry) -> tuple[Count, ...]:
    """An entry's old counts where the file names it by its DOI (as imports may)."""
    return old.entries.get(normal_doi(item.fields.get("doi", ""))) or ()
