"""al-folio's ``_data/citations.yml`` into a metrics file.

al-folio keeps Google Scholar counts in a file its own script writes::

    metadata:
      last_updated: '2026-05-13'
    papers:
      0QI92MsAAAAJ:2osOgNQ5qMEC:      # the Scholar user id, then the paper's
        citations: 25
        title: Short term prediction of wireless traffic ...
        year: '2021'

and its BibTeX entries name their paper with ``google_scholar_id = {2osOgNQ5qMEC}``.
A paper is matched to an entry by that id, else by its title, so the counts survive
the move; one that matches no entry is a note, never a guess. The result is the text
of a metrics file (:func:`~sphinx_profile.data.metrics.metrics_document`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..data.bib import BibEntry, plain
from ..data.loader import load_file
from ..data.metrics import Count, metrics_document, parse_date
from .common import ImportFailedError

#: The source name al-folio's counts are kept under.
SOURCE = "googlescholar"


@dataclass(frozen=True)
class ImportedCounts:
    """A metrics file's text, how many entries have a count, and what was left out."""

    text: str
    matched: int
    notes: list[str]


def _title_key(title: str) -> str:
    return re.sub(r"[\W_]+", "", plain(title).replace("{", "").replace("}", "")).casefold()


def from_alfolio_citations(path: Path, entries: list[BibEntry]) -> ImportedCounts:
    """The counts of ``path`` for the entries they belong to (see the module's docstring)."""
    loaded = load_file(path)
    if loaded.problems or not isinstance(loaded.data, dict):
        reason = loaded.problems[0] if loaded.problems else f"{path}: not a mapping"
        raise ImportFailedError(str(reason))
    metadata = loaded.data.get("metadata")
    updated = metadata.get("last_updated") if isinstance(metadata, dict) else None
    as_of = parse_date(updated)
    if as_of is None:
        raise ImportFailedError(f"{path}: metadata.last_updated is not a date: {updated!r}")
    papers = loaded.data.get("papers")
    if not isinstance(papers, dict):
        raise ImportFailedError(f"{path}: no 'papers' mapping")
    by_id = {
        entry.fields["google_scholar_id"].strip(): entry
        for entry in entries
        if entry.fields.get("google_scholar_id", "").strip()
    }
    by_title = {_title_key(entry.fields.get("title", "")): entry for entry in entries}
    counts: dict[str, list[Count]] = {}
    notes = []
    for paper_id, paper in papers.items():
        paper_id = str(paper_id)
        fields: dict[str, Any] = paper if isinstance(paper, dict) else {}
        cited_by = fields.get("citations")
        if isinstance(cited_by, bool) or not isinstance(cited_by, int) or cited_by < 0:
            notes.append(f"paper {paper_id!r}: citations {cited_by!r} is not a count; left out")
            continue
        title = str(fields.get("title", ""))
        entry = by_id.get(paper_id.rpartition(":")[2]) or by_id.get(paper_id)
        if entry is None and title:
            entry = by_title.get(_title_key(title))
        if entry is None:
            notes.append(f"paper {paper_id!r} ({title or 'no title'}) matches no BibTeX entry")
            continue
        if entry.key in counts:
            notes.append(f"paper {paper_id!r} is a second count for {entry.key!r}; left out")
            continue
        counts[entry.key] = [Count(SOURCE, cited_by, as_of)]
    return ImportedCounts(metrics_document(as_of, counts), len(counts), notes)
