"""What a paper page says about its entry to machines and to people who cite it.

Pure functions of a checked :class:`~sphinx_profile.data.bib.BibEntry`: the page's
file name (:func:`paper_slug`), Google Scholar's Highwire Press tags
(:func:`highwire_tags`), the COinS query Zotero's connector reads (:func:`coins`),
an RIS record (:func:`ris`) and the "cite as" sentence (:func:`cite_as`). Values are
plain text; whoever writes them into HTML escapes them.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

from ..data.bib import BibEntry, Name, readable
from ..data.publications import arxiv_id, safe_links, venue

#: Characters a key may keep in its page's file name: safe in a URL and a file name on
#: every system, without escaping.
_SAFE_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_UNSAFE_RUN = re.compile(r"[^A-Za-z0-9_.-]+")

#: The folder of the paper pages in the output, and the builders that make them: one
#: page per paper needs a site of many pages (not ``singlehtml``, nor an EPUB's spine).
PAPERS_DIR = "papers"
PAPER_BUILDERS = frozenset({"html", "dirhtml"})

THESIS_TYPES = frozenset({"phdthesis", "mastersthesis", "thesis"})
REPORT_TYPES = frozenset({"techreport", "report"})
CONFERENCE_TYPES = frozenset({"inproceedings", "conference"})


def paper_slug(key: str) -> str:
    """The name of the key's page (``papers/<slug>.html``), the same in every build.

    A key of ASCII letters, digits, ``_``, ``.`` and ``-`` (not starting with ``.``
    or ``-``) is its own slug. Any other key keeps those characters, each run of
    others becomes one ``-``, and the first 8 hex digits of the SHA-1 of the key
    (UTF-8) follow, so two keys that differ only in the dropped characters
    (``smith:2020`` and ``smith/2020``) still get two pages.
    """
    if _SAFE_KEY.fullmatch(key) and not key.endswith("."):
        return key
    stem = _UNSAFE_RUN.sub("-", key).strip("-.")
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    return f"{stem}-{digest}" if stem else digest


def field(entry: BibEntry, *names: str) -> str:
    """The first of the fields ``names`` the entry has, as readable text."""
    fields = entry.fields
    for name in names:
        if name in fields and (value := fields[name].strip()):
            return readable(value)
    return ""


def title(entry: BibEntry) -> str:
    return field(entry, "title") or entry.key


def authors(entry: BibEntry) -> tuple[Name, ...]:
    """The people the work is by, without BibTeX's ``and others``."""
    return tuple(name for name in entry.authors or entry.editors if not name.is_others)


def inverted(name: Name) -> str:
    """ "Family, Given", the form of Google Scholar's own examples."""
    return f"{name.family}, {name.given}" if name.given else name.family


def publication_date(entry: BibEntry) -> str:
    """``YYYY/MM/DD`` from a full biblatex ``date``, else the year alone (``YYYY``): the
    two forms Google Scholar accepts."""
    full = re.match(r"(\d{4})-(\d{2})-(\d{2})", entry.fields.get("date", ""))
    if full:
        return "/".join(full.groups())
    year = re.search(r"\d{4}", entry.year)
    return year.group() if year else ""


def page_range(entry: BibEntry) -> tuple[str, str]:
    """First and last page of ``pages`` (``12--34``, ``12–34``, ``12``)."""
    pages = [part.strip() for part in re.split(r"[-–—]+", field(entry, "pages"))]
    if not pages or not pages[0]:
        return "", ""
    return pages[0], pages[-1] if len(pages) > 1 else ""


def doi(entry: BibEntry) -> str:
    """The bare DOI (``10.x/y``), whatever form the field has."""
    value = entry.fields.get("doi", "").strip()
    return re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", "", value, flags=re.IGNORECASE)


def is_journal(entry: BibEntry) -> bool:
    return entry.type == "article" and bool(field(entry, "journal", "journaltitle"))


def highwire_tags(entry: BibEntry, pdf_url: str) -> list[tuple[str, str]]:
    """Google Scholar's ``citation_*`` tags, name and value, in its guidelines' order:
    title, authors in order, date, the venue for the entry's type, volume, issue and
    pages (journal papers), DOI and the full text's URL. Empty ones are left out."""
    tags = [("citation_title", title(entry))]
    tags += [("citation_author", inverted(name)) for name in authors(entry)]
    tags.append(("citation_publication_date", publication_date(entry)))
    if is_journal(entry):
        tags.append(("citation_journal_title", field(entry, "journal", "journaltitle")))
    elif entry.type in CONFERENCE_TYPES:
        tags.append(("citation_conference_title", field(entry, "booktitle")))
    elif entry.type in THESIS_TYPES:
        tags.append(("citation_dissertation_institution", field(entry, "school", "institution")))
    elif entry.type in REPORT_TYPES:
        tags.append(("citation_technical_report_institution", field(entry, "institution")))
        tags.append(("citation_technical_report_number", field(entry, "number")))
    if is_journal(entry):
        tags += [
            ("citation_volume", field(entry, "volume")),
            ("citation_issue", field(entry, "number", "issue")),
        ]
    if entry.type not in THESIS_TYPES | REPORT_TYPES:
        first, last = page_range(entry)
        tags += [("citation_firstpage", first), ("citation_lastpage", last)]
    tags += [
        ("citation_issn", field(entry, "issn")),
        ("citation_isbn", field(entry, "isbn")),
        ("citation_doi", doi(entry)),
        ("citation_arxiv_id", arxiv_id(entry)),
        ("citation_pdf_url", pdf_url),
    ]
    return [(name, value) for name, value in tags if value]


def coins(entry: BibEntry) -> str:
    """The OpenURL (Z39.88-2004) query of a COinS ``<span class="Z3988">``."""
    pairs: list[tuple[str, str]] = [("ctx_ver", "Z39.88-2004")]
    if entry.type in THESIS_TYPES:
        pairs += [
            ("rft_val_fmt", "info:ofi/fmt:kev:mtx:dissertation"),
            ("rft.title", title(entry)),
            ("rft.inst", field(entry, "school", "institution")),
        ]
    elif entry.type in REPORT_TYPES or entry.type in {"book", "incollection", "inbook"}:
        genre = "report" if entry.type in REPORT_TYPES else "book"
        pairs += [
            ("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"),
            ("rft.genre", genre if entry.type != "incollection" else "bookitem"),
            ("rft.btitle", field(entry, "booktitle") or title(entry)),
            ("rft.atitle", title(entry) if entry.type == "incollection" else ""),
            ("rft.pub", field(entry, "institution", "publisher")),
        ]
    else:
        if is_journal(entry):
            genre = "article"
        elif entry.type in CONFERENCE_TYPES:
            genre = "proceeding"
        else:
            genre = "preprint" if arxiv_id(entry) else "unknown"
        pairs += [
            ("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal"),
            ("rft.genre", genre),
            ("rft.atitle", title(entry)),
            ("rft.jtitle", field(entry, "journal", "journaltitle", "booktitle")),
            ("rft.volume", field(entry, "volume")),
            ("rft.issue", field(entry, "number", "issue")),
        ]
        first, last = page_range(entry)
        pairs += [("rft.spage", first), ("rft.epage", last)]
    pairs.append(("rft.date", publication_date(entry).replace("/", "-")))
    pairs += [("rft.au", name.full) for name in authors(entry)]
    if identifier := doi(entry):
        pairs.append(("rft_id", f"info:doi/{identifier}"))
    if identifier := arxiv_id(entry):
        pairs.append(("rft_id", f"https://arxiv.org/abs/{identifier}"))
    # the keys need no quoting: letters, ``.`` and ``_``
    return "&".join(f"{key}={quote(value, safe='')}" for key, value in pairs if value)


#: RIS reference types for BibTeX entry types; anything else is ``GEN`` (generic).
RIS_TYPES = {
    "article": "JOUR",
    "inproceedings": "CPAPER",
    "conference": "CPAPER",
    "phdthesis": "THES",
    "mastersthesis": "THES",
    "thesis": "THES",
    "techreport": "RPRT",
    "report": "RPRT",
    "book": "BOOK",
    "incollection": "CHAP",
    "inbook": "CHAP",
    "unpublished": "UNPB",
    "online": "ELEC",
}


def ris(entry: BibEntry) -> str:
    """The entry as an RIS record, which reference managers import (one tag a line)."""
    first, last = page_range(entry)
    links = safe_links(entry)
    lines = [("TY", RIS_TYPES.get(entry.type, "GEN")), ("TI", title(entry))]
    lines += [("AU", inverted(name)) for name in authors(entry)]
    lines += [
        ("PY", publication_date(entry)[:4]),
        ("DA", publication_date(entry)),
        ("T2", field(entry, "journal", "journaltitle", "booktitle")),
        ("VL", field(entry, "volume")),
        ("IS", field(entry, "number", "issue") if is_journal(entry) else ""),
        ("SP", first),
        ("EP", last),
        ("PB", field(entry, "publisher", "school", "institution")),
        ("SN", field(entry, "issn", "isbn")),
        ("DO", doi(entry)),
        ("UR", links.get("url") or links.get("arxiv", "")),
        ("AB", field(entry, "abstract")),
        ("KW", field(entry, "keywords")),
        ("ER", ""),
    ]
    # one line a value: a line break inside a value would start a bogus tag
    return "".join(
        f"{tag}  - {' '.join(value.split())}\n" for tag, value in lines if value or tag == "ER"
    )


def cite_as(entry: BibEntry) -> str:
    """One sentence to paste into a reference list: authors, title, venue, year."""
    names = [name.full for name in authors(entry)]
    if len(names) > 1:
        names[-1] = f"and {names[-1]}"
    who = (" " if len(names) == 2 else ", ").join(names)
    what = title(entry).rstrip(".")
    where = readable(venue(entry)) or field(entry, "journaltitle")
    parts = [part for part in (who, what, where) if part]
    text = ". ".join(parts)
    return f"{text}, {entry.year}." if entry.year else f"{text}."
