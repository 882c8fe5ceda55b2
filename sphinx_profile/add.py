"""``sphinx-profile add``: BibTeX entries for DOIs and arXiv ids, appended to a bib file.

The file is the researcher's, often hand-kept: nothing in it is rewritten, reordered or
re-encoded, and the new entries are only appended once every one of them is ready, so
a failure leaves the file exactly as it was. A work the file already has (the same DOI,
arXiv id, key or title) is refused, not added twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .data.bib import BibEntry, fold, latex_to_text, parse_bib
from .data.bibwrite import Work, entry
from .net.client import Client, ServiceError, progress
from .net.identifiers import Identifier, arxiv_in, parse_identifier
from .net.works import fetch_arxiv, fetch_doi


class AddError(Exception):
    """An identifier that gives no entry; the message is one line for the reader."""


def bib_identifiers(item: BibEntry) -> tuple[str, set[str]]:
    """The DOI (``""`` without one) and the arXiv ids a bib entry names, in the fields
    people put them in (al-folio's ``arxiv``, biblatex's ``eprint``, a URL, a note)."""
    fields = item.fields
    doi = parse_identifier(fields.get("doi", ""))
    arxiv = set()
    for name in ("eprint", "arxiv", "url", "journal", "note"):
        if name in {"eprint", "arxiv"} and (ident := parse_identifier(fields.get(name, ""))):
            arxiv.add(ident.value)
        elif arxiv_id := arxiv_in(fields.get(name, "")):
            arxiv.add(arxiv_id)
    return (doi.value if doi and doi.kind == "doi" else ""), arxiv


@dataclass
class Known:
    """What the bib file has already, to refuse duplicates: each value says where."""

    dois: dict[str, str] = field(default_factory=dict)
    arxiv: dict[str, str] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, bib: Path) -> Known:
        """The identifiers of ``bib``'s entries (none when it does not exist yet)."""
        known = cls()
        if bib.exists():
            for item in parse_bib(bib)[0].entries.values():
                known.note(item, f"{item.key!r} at {item.location}")
        return known

    def note(self, item: BibEntry, where: str) -> None:
        doi, arxiv = bib_identifiers(item)
        if doi:
            self.dois[doi] = where
        self.arxiv.update(dict.fromkeys(arxiv, where))
        self.keys[item.key] = where
        if title := fold(item.fields.get("title", "")):
            self.titles[title] = where

    def duplicate_of(self, ident: Identifier) -> str | None:
        return (self.dois if ident.kind == "doi" else self.arxiv).get(ident.value)

    def add(self, work: Work, ident: Identifier, where: str) -> None:
        """Refuse ``work`` if the file (or this run) has it; else remember it."""
        title = fold(latex_to_text(work.title))
        for seen, what in ((self.keys, work.key), (self.titles, title)):
            if what in seen:
                raise AddError(f"already in the bib file: {seen[what]} (same key or title)")
        self.keys[work.key] = self.titles[title] = where
        (self.dois if ident.kind == "doi" else self.arxiv)[ident.value] = where


@dataclass
class Result:
    """The entries ready to append, and why the other identifiers give none."""

    entries: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def prepare(texts: list[str], bib: Path, client: Client) -> Result:
    """An entry for each identifier in ``texts``; the file is only read."""
    result = Result()
    known = Known.read(bib)
    wanted: list[tuple[str, Identifier]] = []
    for text in texts:
        ident = parse_identifier(text)
        if ident is None:
            result.errors.append(f"{text}: neither a DOI (10.xxxx/...) nor an arXiv id")
        elif where := known.duplicate_of(ident):
            result.errors.append(f"{text}: already in the bib file: {where}")
        elif ident in (seen for _, seen in wanted):
            result.errors.append(f"{text}: given twice")
        else:
            wanted.append((text, ident))
    works = _fetch(client, wanted)
    for text, ident in wanted:
        work = works[ident]
        try:
            if isinstance(work, Exception):
                raise work
            known.add(work, ident, f"{work.key!r} (from {text}, added now)")
        except (ServiceError, AddError) as error:
            result.errors.append(f"{text}: {error}")
        else:
            result.entries.append(entry(work))
    return result


def _fetch(
    client: Client, wanted: list[tuple[str, Identifier]]
) -> dict[Identifier, Work | ServiceError]:
    """Every work, DOIs one by one (with a progress bar on long runs), arXiv ids in
    batches; a service that fails fails the identifiers it was asked for."""
    works: dict[Identifier, Work | ServiceError] = {}
    dois = [ident for _, ident in wanted if ident.kind == "doi"]
    for ident in progress(dois, len(dois), "Crossref/DataCite"):
        try:
            works[ident] = fetch_doi(client, ident.value)
        except ServiceError as error:
            works[ident] = error
    arxiv = [ident.value for _, ident in wanted if ident.kind == "arxiv"]
    if arxiv:
        try:
            found = fetch_arxiv(client, arxiv)
        except ServiceError as error:
            found = dict.fromkeys(arxiv, error)
        works.update((Identifier("arxiv", key), work) for key, work in found.items())
    return works


def append(bib: Path, entries: list[str]) -> None:
    """Append ``entries`` after the file's last byte, a blank line before each."""
    old = bib.read_bytes() if bib.exists() else b""
    gap = b"" if not old or old.endswith(b"\n\n") else b"\n" if old.endswith(b"\n") else b"\n\n"
    with bib.open("ab") as file:
        file.write(gap + "\n".join(entries).encode("utf-8"))
