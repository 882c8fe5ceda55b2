"""What a paper page says about its entry to machines and to people who cite it.

Pure functions of a checked :class:`~sphinx_profile.data.bib.BibEntry`: the page's
file name (:func:`paper_slug`), and, from the entry's :class:`Citation`, Google
Scholar's Highwire Press tags (:func:`highwire_tags`), the COinS query Zotero's
connector reads (:func:`coins`), an RIS record (:func:`ris`) and the "cite as"
sentence (:func:`cite_as`). Values are plain text; whoever writes them into HTML
escapes them.
"""

from __future__ import annotations

import hashlib
import re
import string
from dataclasses import dataclass

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


def inverted(name: Name) -> str:
    """ "Family, Given", the form of Google Scholar's own examples."""
    return f"{name.family}, {name.given}" if name.given else name.family


_FULL_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_YEAR = re.compile(r"\d{4}")
_PAGE_DASHES = re.compile(r"[-–—]+")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Citation:
    """What every description of a paper states about its entry, worked out once: the
    page's tags, its COinS, its RIS file and its "cite as" line each need most of it,
    and a site writes thousands of pages."""

    entry: BibEntry
    #: every non-empty field as readable text (math as Unicode where it can be)
    text: dict[str, str]
    title: str
    #: the people the work is by, without BibTeX's ``and others``
    authors: tuple[Name, ...]
    #: ``YYYY/MM/DD`` from a full biblatex ``date``, else the year alone (``YYYY``):
    #: the two forms Google Scholar accepts
    date: str
    first_page: str
    last_page: str
    #: the bare DOI (``10.x/y``), whatever form the field has
    doi: str
    arxiv: str
    links: dict[str, str]
    #: an article in a named journal (the journal tags and volume, issue and pages)
    journal: bool

    @classmethod
    def of(cls, entry: BibEntry) -> Citation:
        text = {
            name: readable(value) for name, raw in entry.fields.items() if (value := raw.strip())
        }
        full = _FULL_DATE.match(entry.fields.get("date", ""))
        year = _YEAR.search(entry.year)
        date = "/".join(full.groups()) if full else year.group() if year else ""
        pages = [part.strip() for part in _PAGE_DASHES.split(text.get("pages", ""))]
        first, last = (pages[0], pages[-1] if len(pages) > 1 else "") if pages[0] else ("", "")
        journal = entry.type == "article" and bool(text.get("journal") or text.get("journaltitle"))
        return cls(
            entry,
            text,
            title=text.get("title") or entry.key,
            authors=tuple(name for name in entry.authors or entry.editors if not name.is_others),
            date=date,
            first_page=first,
            last_page=last,
            doi=_DOI_PREFIX.sub("", entry.fields.get("doi", "").strip()),
            arxiv=arxiv_id(entry),
            links=safe_links(entry),
            journal=journal,
        )

    def field(self, *names: str) -> str:
        """The first of the fields ``names`` the entry has, as readable text."""
        for name in names:
            if value := self.text.get(name):
                return value
        return ""


def highwire_tags(paper: Citation, pdf_url: str) -> list[tuple[str, str]]:
    """Google Scholar's ``citation_*`` tags, name and value, in its guidelines' order:
    title, authors in order, date, the venue for the entry's type, volume, issue and
    pages (journal papers), DOI and the full text's URL. Empty ones are left out."""
    entry = paper.entry
    tags = [("citation_title", paper.title)]
    tags += [("citation_author", inverted(name)) for name in paper.authors]
    tags.append(("citation_publication_date", paper.date))
    if paper.journal:
        tags.append(("citation_journal_title", paper.field("journal", "journaltitle")))
    elif entry.type in CONFERENCE_TYPES:
        tags.append(("citation_conference_title", paper.field("booktitle")))
    elif entry.type in THESIS_TYPES:
        tags.append(("citation_dissertation_institution", paper.field("school", "institution")))
    elif entry.type in REPORT_TYPES:
        tags.append(("citation_technical_report_institution", paper.field("institution")))
        tags.append(("citation_technical_report_number", paper.field("number")))
    if paper.journal:
        tags += [
            ("citation_volume", paper.field("volume")),
            ("citation_issue", paper.field("number", "issue")),
        ]
    if entry.type not in THESIS_TYPES | REPORT_TYPES:
        tags += [("citation_firstpage", paper.first_page), ("citation_lastpage", paper.last_page)]
    tags += [
        ("citation_issn", paper.field("issn")),
        ("citation_isbn", paper.field("isbn")),
        ("citation_doi", paper.doi),
        ("citation_arxiv_id", paper.arxiv),
        ("citation_pdf_url", pdf_url),
    ]
    return [(name, value) for name, value in tags if value]


#: Each byte as a URL query writes it: ``quote(value, safe="")`` in one ``translate``
#: (``quote`` runs Python code per byte, and a COinS query has hundreds).
_QUOTED = {
    byte: f"%{byte:02X}"
    for byte in range(256)
    if chr(byte) not in string.ascii_letters + string.digits + "_.-~"
}


def quote_all(value: str) -> str:
    """``value`` percent-encoded as UTF-8, every character but letters, digits and
    ``_.-~`` escaped (RFC 3986's unreserved ones, as ``urllib``'s ``quote``)."""
    return value.encode("utf-8").decode("latin-1").translate(_QUOTED)


def coins(paper: Citation) -> str:
    """The OpenURL (Z39.88-2004) query of a COinS ``<span class="Z3988">``."""
    entry = paper.entry
    pairs: list[tuple[str, str]] = [("ctx_ver", "Z39.88-2004")]
    if entry.type in THESIS_TYPES:
        pairs += [
            ("rft_val_fmt", "info:ofi/fmt:kev:mtx:dissertation"),
            ("rft.title", paper.title),
            ("rft.inst", paper.field("school", "institution")),
        ]
    elif entry.type in REPORT_TYPES or entry.type in {"book", "incollection", "inbook"}:
        genre = "report" if entry.type in REPORT_TYPES else "book"
        pairs += [
            ("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"),
            ("rft.genre", genre if entry.type != "incollection" else "bookitem"),
            ("rft.btitle", paper.field("booktitle") or paper.title),
            ("rft.atitle", paper.title if entry.type == "incollection" else ""),
            ("rft.pub", paper.field("institution", "publisher")),
        ]
    else:
        if paper.journal:
            genre = "article"
        elif entry.type in CONFERENCE_TYPES:
            genre = "proceeding"
        else:
            genre = "preprint" if paper.arxiv else "unknown"
        pairs += [
            ("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal"),
            ("rft.genre", genre),
            ("rft.atitle", paper.title),
            ("rft.jtitle", paper.field("journal", "journaltitle", "booktitle")),
            ("rft.volume", paper.field("volume")),
            ("rft.issue", paper.field("number", "issue")),
            ("rft.spage", paper.first_page),
            ("rft.epage", paper.last_page),
        ]
    pairs.append(("rft.date", paper.date.replace("/", "-")))
    pairs += [("rft.au", name.full) for name in paper.authors]
    if paper.doi:
        pairs.append(("rft_id", f"info:doi/{paper.doi}"))
    if paper.arxiv:
        pairs.append(("rft_id", f"https://arxiv.org/abs/{paper.arxiv}"))
    # the keys need no quoting: letters, ``.`` and ``_``
    return "&".join(f"{key}={quote_all(value)}" for key, value in pairs if value)


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


def ris(paper: Citation) -> str:
    """The entry as an RIS record, which reference managers import (one tag a line)."""
    entry, links = paper.entry, paper.links
    lines = [("TY", RIS_TYPES.get(entry.type, "GEN")), ("TI", paper.title)]
    lines += [("AU", inverted(name)) for name in paper.authors]
    lines += [
        ("PY", paper.date[:4]),
        ("DA", paper.date),
        ("T2", paper.field("journal", "journaltitle", "booktitle")),
        ("VL", paper.field("volume")),
        ("IS", paper.field("number", "issue") if paper.journal else ""),
        ("SP", paper.first_page),
        ("EP", paper.last_page),
        ("PB", paper.field("publisher", "school", "institution")),
        ("SN", paper.field("issn", "isbn")),
        ("DO", paper.doi),
        ("UR", links.get("url") or links.get("arxiv", "")),
        ("AB", paper.field("abstract")),
        ("KW", paper.field("keywords")),
        ("ER", ""),
    ]
    # one line a value: a line break inside a value would start a bogus tag
    return "".join(
        f"{tag}  - {' '.join(value.split())}\n" for tag, value in lines if value or tag == "ER"
    )


def cite_as(paper: Citation) -> str:
    """One sentence to paste into a reference list: authors, title, venue, year."""
    entry = paper.entry
    names = [name.full for name in paper.authors]
    if len(names) > 1:
        names[-1] = f"and {names[-1]}"
    who = (" " if len(names) == 2 else ", ").join(names)
    what = paper.title.rstrip(".")
    where = readable(venue(entry)) or paper.field("journaltitle")
    parts = [part for part in (who, what, where) if part]
    text = ". ".join(parts)
    return f"{text}, {entry.year}." if entry.year else f"{text}."
