"""A work's metadata from Crossref, DataCite or arXiv, as a :class:`~.bibwrite.Work`.

Answers are hostile data like any file: each is checked for the shape this code reads,
and one that lacks it is a :class:`~.client.ServiceError` naming the service, never a
traceback. XML with a document type is refused (entity expansion has no business in
an Atom feed).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from ..data.bib import latex_to_text
from ..data.bibwrite import Work, escape, from_html, from_tex, literal, make_key, person
from .client import Client, ServiceError, service_url

_ATOM = "{http://www.w3.org/2005/Atom}"
_ARXIV = "{http://arxiv.org/schemas/atom}"
#: arXiv takes many ids in one query; it asks for no more than a request every 3 s.
ARXIV_BATCH = 50

#: Crossref's types as BibTeX types, and the field the container's title goes in.
_CROSSREF_TYPES = {
    "journal-article": ("article", "journal"),
    "proceedings-article": ("inproceedings", "booktitle"),
    "book-chapter": ("incollection", "booktitle"),
    "book-section": ("incollection", "booktitle"),
    "book": ("book", ""),
    "monograph": ("book", ""),
    "edited-book": ("book", ""),
    "dissertation": ("phdthesis", ""),
    "report": ("techreport", ""),
}
#: DataCite's own ``types.bibtex`` values this writer knows, and the container's field.
_DATACITE_TYPES = {
    "article": "journal",
    "inproceedings": "booktitle",
    "incollection": "booktitle",
    "book": "",
    "phdthesis": "",
    "techreport": "",
    "misc": "",
}
#: Where a thesis or report names who published it.
_PUBLISHER_FIELD = {"phdthesis": "school", "techreport": "institution"}


def fetch_doi(client: Client, doi: str) -> Work:
    """The work ``doi`` names: Crossref's record, else DataCite's."""
    params = {"mailto": client.mailto} if client.mailto else None
    status, body = client.get(f"{service_url('crossref')}/works/{quote(doi, safe='/')}", params)
    if status == 200:
        return _crossref(crossref_message(body), doi)
    if status != 404:
        raise ServiceError(f"Crossref answered HTTP {status}: {first_line(body)}")
    status, body = client.get(f"{service_url('datacite')}/dois/{quote(doi, safe='/')}")
    if status == 404:
        raise ServiceError("unknown DOI: neither Crossref nor DataCite knows it")
    if status != 200:
        raise ServiceError(f"DataCite answered HTTP {status}: {first_line(body)}")
    data = read_json(body, "DataCite").get("data")
    if not isinstance(data, dict) or not isinstance(data.get("attributes"), dict):
        raise ServiceError("DataCite sent a malformed answer (no data.attributes)")
    return _datacite(data["attributes"], doi)


def fetch_arxiv(client: Client, ids: list[str]) -> dict[str, Work | ServiceError]:
    """The works of arXiv ``ids``, asked for in batches, each a work or why it is not."""
    found: dict[str, Work | ServiceError] = {}
    for start in range(0, len(ids), ARXIV_BATCH):
        batch = ids[start : start + ARXIV_BATCH]
        params = {"id_list": ",".join(batch), "max_results": str(len(batch))}
        status, body = client.get(f"{service_url('arxiv')}/api/query", params)
        entries = _atom_entries(body, status)
        for arxiv_id in batch:
            entry = entries.get(arxiv_id)
            found[arxiv_id] = (
                _arxiv(entry, arxiv_id) if entry is not None else ServiceError("unknown arXiv id")
            )
    return found


def load_json(body: bytes, service: str) -> Any:
    """Any JSON value; most services answer with an object (:func:`read_json`), Semantic
    Scholar's batch lookup with a list."""
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise ServiceError(f"{service} sent a malformed answer (not JSON)") from None


def read_json(body: bytes, service: str) -> dict[str, Any]:
    data = load_json(body, service)
    if not isinstance(data, dict):
        raise ServiceError(f"{service} sent a malformed answer (not a JSON object)")
    return data


def crossref_message(body: bytes) -> dict[str, Any]:
    """The record in a Crossref answer, which wraps it in ``message``."""
    message = read_json(body, "Crossref").get("message")
    if not isinstance(message, dict):
        raise ServiceError("Crossref sent a malformed answer (no message)")
    return message


def first_line(body: bytes) -> str:
    text = body.decode("utf-8", "replace").strip()
    return " ".join(text.splitlines()[0].split())[:200] if text else "(no message)"


def text_of(value: Any) -> str:
    """A string field, or the first of a list of them; anything else is empty."""
    if isinstance(value, list):
        value = value[0] if value else ""
    return value if isinstance(value, str) else ""


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _pages(first: str, last: str = "") -> str:
    return f"{first}--{last}" if first and last and first != last else first


def _year(record: dict[str, Any]) -> str:
    for name in ("issued", "published", "published-print", "published-online"):
        parts = as_list(as_dict(record.get(name)).get("date-parts"))
        first = as_list(parts[0]) if parts else []
        if first and isinstance(first[0], int):
            return str(first[0])
    return ""


def _crossref(record: dict[str, Any], doi: str) -> Work:
    title = text_of(record.get("title"))
    if not title:
        raise ServiceError("Crossref sent a record without a title")
    if subtitle := text_of(record.get("subtitle")):
        title = f"{title}: {subtitle}"
    kind, container_field = _CROSSREF_TYPES.get(text_of(record.get("type")), ("misc", ""))
    authors, first_family = [], ""
    for author in as_list(record.get("author")):
        if not isinstance(author, dict):
            continue
        family, given = text_of(author.get("family")), text_of(author.get("given"))
        if family:
            authors.append(person(html_text(family), html_text(given)))
        elif name := text_of(author.get("name")):
            authors.append(literal(html_text(name)))
        first_family = first_family or family or text_of(author.get("name"))
    year = _year(record)
    fields = {
        "volume": from_html(text_of(record.get("volume"))),
        "number": from_html(text_of(record.get("issue"))),
        "pages": escape(
            _pages(*text_of(record.get("page")).split("-", 1))
            or text_of(record.get("article-number"))
        ),
        "year": year,
        _PUBLISHER_FIELD.get(kind, "publisher"): from_html(text_of(record.get("publisher"))),
        "doi": escape(text_of(record.get("DOI")) or doi),
    }
    if container_field:
        fields[container_field] = from_html(text_of(record.get("container-title")))
    key = make_key(html_text(first_family), year, html_text(title))
    return Work(kind, key, from_html(title), authors, fields)


def html_text(text: str) -> str:
    """The plain text of a value with inline tags, for keys and names."""
    return latex_to_text(from_html(text))


def _datacite(record: dict[str, Any], doi: str) -> Work:
    titles = as_list(record.get("titles"))
    title = text_of(titles[0].get("title")) if titles and isinstance(titles[0], dict) else ""
    if not title:
        raise ServiceError("DataCite sent a record without a title")
    types = as_dict(record.get("types"))
    kind = text_of(types.get("bibtex"))
    kind = kind if kind in _DATACITE_TYPES else "misc"
    authors, first_family = [], ""
    for creator in as_list(record.get("creators")):
        if not isinstance(creator, dict):
            continue
        family, given = text_of(creator.get("familyName")), text_of(creator.get("givenName"))
        name = text_of(creator.get("name"))
        if family and creator.get("nameType") != "Organizational":
            authors.append(person(family, given))
        elif name:
            authors.append(literal(name))
        first_family = first_family or family or name
    container = as_dict(record.get("container"))
    publisher = record.get("publisher")
    if isinstance(publisher, dict):
        publisher = publisher.get("name")
    year = str(record.get("publicationYear") or "")
    fields = {
        "volume": escape(text_of(container.get("volume"))),
        "number": escape(text_of(container.get("issue"))),
        "pages": escape(
            _pages(text_of(container.get("firstPage")), text_of(container.get("lastPage")))
        ),
        "year": escape(year),
        _PUBLISHER_FIELD.get(kind, "publisher"): escape(text_of(publisher)),
        "doi": escape(text_of(record.get("doi")) or doi),
    }
    if container_field := _DATACITE_TYPES[kind]:
        fields[container_field] = escape(text_of(container.get("title")))
    return Work(kind, make_key(first_family, year, title), escape(title), authors, fields)


def read_xml(body: bytes, status: int, service: str) -> ET.Element:
    """The root of an XML answer; one with a document type is refused (entity expansion
    has no business in a service's answer), one that does not parse is malformed, or
    the HTTP error it came with."""
    if b"<!DOCTYPE" in body.upper():
        raise ServiceError(f"{service} sent a malformed answer (XML with a document type)")
    try:
        return ET.fromstring(body)
    except ET.ParseError:
        what = f"HTTP {status}" if status != 200 else "a malformed answer (not XML)"
        raise ServiceError(f"{service} sent {what}") from None


def _atom_entries(body: bytes, status: int) -> dict[str, ET.Element]:
    """The entries of an arXiv answer by id (without version); an error feed, an HTTP
    error or a body that is no Atom feed is a :class:`ServiceError`."""
    feed = read_xml(body, status, "arXiv")
    entries: dict[str, ET.Element] = {}
    for entry in feed.iter(f"{_ATOM}entry"):
        url = entry.findtext(f"{_ATOM}id", "").strip()
        if "/api/errors" in url:
            summary = " ".join(entry.findtext(f"{_ATOM}summary", "").split())
            raise ServiceError(f"arXiv: {summary or 'error'}")
        arxiv_id = re.sub(r"v\d+$", "", re.sub(r"^https?://arxiv\.org/abs/", "", url))
        entries[arxiv_id] = entry
    if status != 200:
        raise ServiceError(f"arXiv answered HTTP {status}")
    return entries


def _arxiv(entry: ET.Element, arxiv_id: str) -> Work:
    title = " ".join(entry.findtext(f"{_ATOM}title", "").split())
    if not title:
        raise ServiceError("arXiv sent an entry without a title")
    names = _names(entry.iterfind(f"{_ATOM}author/{_ATOM}name"))
    year = entry.findtext(f"{_ATOM}published", "")[:4]
    if not year.isdigit():
        year = ""
    primary = entry.find(f"{_ARXIV}primary_category")
    fields = {
        "year": year,
        "note": escape(entry.findtext(f"{_ARXIV}journal_ref", "")),
        "doi": escape(entry.findtext(f"{_ARXIV}doi", "")),
        "url": escape(f"https://arxiv.org/abs/{arxiv_id}"),
        "eprint": escape(arxiv_id),
        "archiveprefix": "arXiv",
        "primaryclass": escape(primary.get("term", "") if primary is not None else ""),
    }
    first = names[0] if names else ""
    key = make_key(first, year, latex_to_text(from_tex(title)))
    return Work("misc", key, from_tex(title), [escape(name) for name in names], fields)


def _names(elements: Iterable[ET.Element]) -> list[str]:
    return [name for element in elements if (name := " ".join((element.text or "").split()))]
