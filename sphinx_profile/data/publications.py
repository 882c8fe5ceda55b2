"""What a publication record means for readers: its links, venue, state and type.

Pure functions of a :class:`~sphinx_profile.data.bib.BibEntry`, shared by every
renderer (the entry, the JSON-LD metadata, the search text) so they all agree.
:func:`read_publications` is how the build reads a ``.bib`` file: the BibTeX
parse plus the checks that need these meanings, so every problem of an entry
(an unsafe link, a bad preview URL, a paper file that is not there) is found
once, while reading, and reported at the entry's line however many lists and
builders show it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from sphinx.locale import get_translation

from .bib import MATH_CLOSE, MATH_OPEN, BibEntry, BibFile, parse_bib
from .files import Places, is_local
from .mathtext import unsafe_math
from .problems import Problem, Subtype
from .urls import is_safe_url

_ = get_translation("sphinx_profile")

#: Link buttons in their default order: field → label. ``arxiv`` comes from ``eprint``
#: (with ``archiveprefix = arXiv``) or al-folio's ``arxiv`` field.
LINK_LABELS: dict[str, str] = {
    "url": "URL",
    "doi": "DOI",
    "arxiv": "arXiv",
    "pdf": "PDF",
    "html": "HTML",
    "code": "Code",
    "slides": "Slides",
    "video": "Video",
    "poster": "Poster",
    "website": "Website",
    "supp": "Supp",
    "blog": "Blog",
    "short": "Short",
}
#: Fields that may name a local file instead of a URL (al-folio's ``pdf = {paper.pdf}``):
#: the file is copied into the site (:attr:`BibEntry.files`) and linked there.
FILE_FIELDS = ("preview", "pdf", "supp", "slides", "poster")
#: Blocks readers open in place; also names for ``:links:``.
BLOCKS = ("abstract", "bibtex")
LINK_NAMES = (*LINK_LABELS, *BLOCKS)

_ARXIV_ID = re.compile(r"(?:arxiv:)?(\d{4}\.\d{4,5}(?:v\d+)?|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})", re.I)


def arxiv_id(entry: BibEntry) -> str:
    """The arXiv identifier from ``eprint`` (when it is an arXiv eprint) or ``arxiv``."""
    fields = entry.fields
    if fields.get("arxiv"):
        return fields["arxiv"].removeprefix("arXiv:").removeprefix("arxiv:")
    eprint = fields.get("eprint", "")
    prefix = (fields.get("archiveprefix") or fields.get("eprinttype") or "").lower()
    if eprint and (prefix == "arxiv" or (not prefix and _ARXIV_ID.fullmatch(eprint))):
        return eprint.removeprefix("arXiv:").removeprefix("arxiv:")
    return ""


def link_url(entry: BibEntry, name: str) -> str:
    """The URL behind a link button, or ``""`` when the entry has none (unchecked:
    :func:`safe_links` is what renderers show)."""
    if name == "arxiv":
        identifier = arxiv_id(entry)
        return f"https://arxiv.org/abs/{identifier}" if identifier else ""
    value = entry.fields.get(name, "")
    if name == "doi" and value and not value.startswith(("http://", "https://")):
        return "https://doi.org/" + value.removeprefix("doi:")
    return value


def safe_links(entry: BibEntry) -> dict[str, str]:
    """The entry's link buttons that may be shown, name → URL, in the default order.

    The one rule for a publication's links, whoever draws them: a URL that
    :func:`~sphinx_profile.data.urls.is_safe_url` refuses is left out here (and
    reported by :func:`link_problems` when the file is read), and so is a local
    file: it is a download (:attr:`BibEntry.files`), not a link to the page's folder.
    """
    urls = {name: link_url(entry, name) for name in LINK_LABELS}
    return {
        name: url
        for name, url in urls.items()
        if url and is_safe_url(url) and not (name in FILE_FIELDS and is_local(url))
    }


def link_problems(entry: BibEntry) -> list[Problem]:
    """Problems with the entry's URLs (links and a preview URL), at the entry's line."""
    problems = []
    for name in LINK_LABELS:
        url = link_url(entry, name)
        if url and not is_safe_url(url):
            problems.append(
                Problem(
                    f"{entry.key}: refusing unsafe URL {url!r} in {name!r}"
                    " (only http, https, mailto and relative links)",
                    entry.path,
                    entry.line,
                    Subtype.BIB,
                )
            )
    preview = entry.fields.get("preview", "")
    if "://" in preview and not is_safe_url(preview):
        problems.append(
            Problem(
                f"{entry.key}: refusing unsafe preview URL {preview!r}",
                entry.path,
                entry.line,
                Subtype.BIB,
            )
        )
    return problems


_MATH_PART = re.compile(f"{MATH_OPEN}(.*?){MATH_CLOSE}", re.DOTALL)


def with_safe_math(entry: BibEntry) -> tuple[BibEntry, list[Problem]]:
    """``entry`` with every formula that uses a command data may not use
    (:func:`~sphinx_profile.data.mathtext.unsafe_math`) turned into plain text, so no
    builder typesets it: in the PDF it would be TeX that reads files."""
    problems: list[Problem] = []

    def checked(match: re.Match[str]) -> str:
        refused = unsafe_math(match.group(1))
        if refused is None:
            return match.group(0)
        problems.append(
            Problem(
                f"{entry.key}: math uses {refused!r}, which data may not use; shown as text",
                entry.path,
                entry.line,
                Subtype.BIB,
            )
        )
        return f"${match.group(1)}$"

    with_math = {name: value for name, value in entry.fields.items() if MATH_OPEN in value}
    if not with_math:  # most entries: nothing to check, nothing to copy
        return entry, []
    fields = {**entry.fields, **{n: _MATH_PART.sub(checked, v) for n, v in with_math.items()}}
    return (replace(entry, fields=fields), problems) if problems else (entry, [])


def with_local_files(
    entry: BibEntry, places: Places, missing: list[str]
) -> tuple[BibEntry, list[Problem]]:
    """``entry`` with the local files its :data:`FILE_FIELDS` name found
    (:meth:`~.files.Places.find`); one that cannot be copied is a problem and no link,
    and where one was looked for in vain is added to ``missing``."""
    found: dict[str, str] = {}
    problems = []
    for name in FILE_FIELDS:
        value = entry.fields.get(name, "")
        if not is_local(value):
            continue
        near = Path(entry.path).parent
        path, why = places.find(value, near)
        if path is None:
            missing += [str(p) for p in places.candidates(value, near) if not p.exists()]
            problems.append(
                Problem(f"{entry.key}: {name} {why}", entry.path, entry.line, Subtype.BIB)
            )
        else:
            found[name] = path
    return (replace(entry, files=found), problems) if found else (entry, problems)


def read_publications(path: Path, places: Places) -> tuple[BibFile, list[Problem]]:
    """A ``.bib`` file as the build reads it: parsed, and every entry checked once;
    its local files are looked for in ``places``."""
    bib, problems = parse_bib(path)
    for key, entry in bib.entries.items():
        checked, math_problems = with_safe_math(entry)
        bib.entries[key], file_problems = with_local_files(checked, places, bib.missing)
        problems += math_problems + link_problems(entry) + file_problems
    return bib, problems


def venue(entry: BibEntry) -> str:
    """Where it appeared, by entry type: journal, proceedings, school, arXiv..."""
    fields = entry.fields
    kind = entry.type
    if kind == "article" and fields.get("journal"):
        place = fields["journal"]
        if fields.get("volume"):
            place += f", {fields['volume']}"
            if fields.get("number"):
                place += f"({fields['number']})"
        if fields.get("pages"):
            place += f", {fields['pages']}"
        return place
    if kind in {"phdthesis", "mastersthesis", "thesis"}:
        what = {"phdthesis": _("PhD thesis"), "mastersthesis": _("Master's thesis")}.get(
            kind, fields.get("type") or _("Thesis")
        )
        return ", ".join(filter(None, (what, fields.get("school") or fields.get("institution"))))
    if kind in {"techreport", "report"}:
        number = f" {fields['number']}" if fields.get("number") else ""
        return ", ".join(filter(None, (fields.get("institution"), _("Technical report") + number)))
    if fields.get("booktitle"):
        return _("In %s") % fields["booktitle"]
    for name in ("journal", "publisher", "howpublished", "organization", "institution", "school"):
        if fields.get(name):
            return fields[name]
    identifier = arxiv_id(entry)
    return f"arXiv:{identifier}" if identifier else ""


def pubstate_label(value: str) -> str:
    """``underreview`` → "Under review"; unknown states are shown as written."""
    labels = {
        "preprint": _("Preprint"),
        "submitted": _("Submitted"),
        "underreview": _("Under review"),
        "inpress": _("In press"),
        "forthcoming": _("Forthcoming"),
        "accepted": _("Accepted"),
        "inpreparation": _("In preparation"),
        "prepublished": _("Preprint"),
    }
    return labels.get(value.lower().replace(" ", "").replace("-", ""), value)


def type_label(kind: str) -> str:
    """Group heading for an entry type."""
    labels = {
        "article": _("Journal articles"),
        "inproceedings": _("Conference papers"),
        "conference": _("Conference papers"),
        "book": _("Books"),
        "incollection": _("Book chapters"),
        "inbook": _("Book chapters"),
        "phdthesis": _("Theses"),
        "mastersthesis": _("Theses"),
        "thesis": _("Theses"),
        "techreport": _("Reports"),
        "report": _("Reports"),
        "unpublished": _("Unpublished"),
        "misc": _("Other"),
    }
    return labels.get(kind, kind.capitalize())
