"""What a new site needs to know about a user's BibTeX: whose it is, and whether any
entry is already marked for the home page.

The file is read by the build's own reader (``data/bib.py``), so names are decoded
and al-folio's equal-contribution marks glued to a name (``Gearty*, William``) are
already apart from it and do not split one person in two. The owner is the most
frequent author.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..data.bib import BibFile, parse_bib
from ..data.files import ALFOLIO_FOLDERS, is_local
from ..data.publications import FILE_FIELDS

#: What a preview or paper file may be: nothing the new site would read as a page,
#: a configuration or a template (``pdf = {conf.py}`` must not replace the site's).
PAPER_SUFFIXES = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".pdf", ".ppt", ".pptx", ".key", ".odp"}
)


@dataclass(frozen=True)
class BibSummary:
    owner: str  #: "" when the file names no authors
    entries: int
    has_selected: bool
    #: the local files the entries name: where the new site keeps them → their bytes
    files: dict[str, bytes] = field(default_factory=dict)
    #: the local files not copied, as ``key: field 'value' why``
    missing: list[str] = field(default_factory=list)


def summarize(path: Path) -> BibSummary:
    """Summarise the file; its problems are for ``check`` and the build to report."""
    bib, _problems = parse_bib(path)
    entries = bib.entries.values()
    counts = Counter(name.full for entry in entries for name in entry.authors if not name.is_others)
    owner = counts.most_common(1)[0][0] if counts else ""
    files, missing = paper_files(path, bib)
    has_selected = any(entry.selected for entry in entries)
    return BibSummary(owner, len(bib.entries), has_selected, files, missing)


def paper_files(path: Path, bib: BibFile) -> tuple[dict[str, bytes], list[str]]:
    """The previews and paper files the entries name, each put where the new site's
    build looks for it: the same folder relative to the site's ``publications.bib``.

    They are looked for next to the ``.bib`` file, in al-folio's folders beside it or
    one level up (al-folio keeps the file in ``_bibliography/``), and one level up
    (al-folio's ``/assets/pdf/x.pdf``). A path with ``..`` is skipped (it would be
    written outside the new site), and so is a file of another type than
    :data:`PAPER_SUFFIXES`.
    """
    near = path.parent
    alfolio = [
        (base / folder, folder) for base in (near, near.parent) for folder in ALFOLIO_FOLDERS
    ]
    bases = [(near, ""), *alfolio, (near.parent, "")]  # the last: al-folio's "/assets/..."
    files: dict[str, bytes] = {}
    missing: list[str] = []
    for entry in bib.entries.values():
        for name in FILE_FIELDS:
            value = entry.fields.get(name, "")
            relative = PurePosixPath(value.lstrip("/"))
            if not is_local(value) or ".." in relative.parts:
                continue
            if relative.suffix.lower() not in PAPER_SUFFIXES:
                missing.append(f"{entry.key}: {name} {value!r} is not an image or document")
                continue
            found = [(base, to) for base, to in bases if (base / relative).is_file()]
            if found:
                base, to = found[0]
                files[str(PurePosixPath(to, relative))] = (base / relative).read_bytes()
            else:
                missing.append(f"{entry.key}: {name} {value!r} not found")
    return files, missing
