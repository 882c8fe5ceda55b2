"""What a new site needs to know about a user's BibTeX: whose it is, and whether any
entry is already marked for the home page.

The owner is the most frequent author; al-folio's equal-contribution marks glued to a
name (``Gearty*, William``) are removed first so they do not split one person in two.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pybtex import errors as pybtex_errors
from pybtex.database import Person
from pybtex.database.input.bibtex import Parser
from pybtex.exceptions import PybtexError

MARKS = "*\u2217†‡§¶‖&^"  # \u2217 is the asterisk operator al-folio users paste
TRUE = frozenset({"true", "yes", "1"})


@dataclass(frozen=True)
class BibSummary:
    owner: str  #: "" when the file names no authors
    entries: int
    has_selected: bool


def summarize(path: Path) -> BibSummary:
    """Parse leniently (problems are for ``check`` to report) and summarise."""
    with pybtex_errors.capture():
        try:
            data = Parser().parse_string(path.read_bytes().decode("utf-8", errors="replace"))
        except PybtexError:
            return BibSummary("", 0, False)
    counts: Counter[str] = Counter()
    selected = False
    for entry in data.entries.values():
        for person in entry.persons.get("author", []):
            counts[_display(person)] += 1
        flags = (entry.fields.get("selected", ""), entry.fields.get("featured", ""))
        selected = selected or any(flag.strip().lower() in TRUE for flag in flags)
    owner = counts.most_common(1)[0][0] if counts else ""
    return BibSummary(owner, len(data.entries), selected)


def _display(person: Person) -> str:
    """``Given Family`` without LaTeX braces or equal-contribution marks."""
    parts = [*person.first_names, *person.middle_names, *person.prelast_names, *person.last_names]
    text = " ".join(part.strip(MARKS) for part in parts)
    return text.replace("{", "").replace("}", "").strip()
