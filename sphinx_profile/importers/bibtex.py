"""What a new site needs to know about a user's BibTeX: whose it is, and whether any
entry is already marked for the home page.

The file is read by the build's own reader (``data/bib.py``), so names are decoded
and al-folio's equal-contribution marks glued to a name (``Gearty*, William``) are
already apart from it and do not split one person in two. The owner is the most
frequent author.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..data.bib import parse_bib


@dataclass(frozen=True)
class BibSummary:
    owner: str  #: "" when the file names no authors
    entries: int
    has_selected: bool


def summarize(path: Path) -> BibSummary:
    """Summarise the file; its problems are for ``check`` and the build to report."""
    bib, _problems = parse_bib(path)
    entries = bib.entries.values()
    counts = Counter(name.full for entry in entries for name in entry.authors if not name.is_others)
    owner = counts.most_common(1)[0][0] if counts else ""
    return BibSummary(owner, len(bib.entries), any(entry.selected for entry in entries))
