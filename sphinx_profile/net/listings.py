"""A researcher's list of works from ORCID, OpenAlex or dblp, for ``sphinx-profile sync``.

Only what reconciling a bib needs is read from each work: its title, year, venue and
identifiers. Each service's answer is hostile data, checked for the shape read here;
one without it is a :class:`~.client.ServiceError` naming the service.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from ..data.bib import latex_to_text
from ..data.bibwrite import from_html
from .client import Client, ServiceError, service_url
from .identifiers import arxiv_in, parse_identifier
from .works import as_dict, as_list, first_line, read_json, read_xml, text_of

#: How services are named to the reader.
LABELS = {"orcid": "ORCID", "openalex": "OpenAlex", "dblp": "dblp"}
#: The researcher's id as each service writes it, bare or as its URL.
_IDS = {
    "orcid": re.compile(r"(?i)^(?:https?://(?:www\.)?orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$"),
    "openalex": re.compile(r"(?i)^(?:https?://(?:api\.)?openalex\.org/(?:authors/)?)?(A\d+)$"),
    "dblp": re.compile(r"^(?:https?://dblp\.org/pid/)?([\w-]+(?:/[\w-]+)*?)(?:\.html|\.xml)?$"),
}
#: OpenAlex's largest page; a researcher with more works than ``OPENALEX_PAGES`` pages
#: of them is cut off there, so a service repeating its cursor cannot loop forever.
OPENALEX_PER_PAGE = 200
OPENALEX_PAGES = 50
#: dblp's records that are not publications.
_DBLP_SKIP = frozenset({"www", "person", "data"})


@dataclass(frozen=True)
class Listed:
    """One work as the service lists it: plain text, a DOI in lower case (or ``""``)."""

    title: str
    year: str = ""
    venue: str = ""
    doi: str = ""
    arxiv: str = ""

    @property
    def identifier(self) -> str:
        """What ``sphinx-profile add`` takes for this work, ``""`` when it has neither."""
        return f"doi:{self.doi}" if self.doi else f"arXiv:{self.arxiv}" if self.arxiv else ""


def researcher_id(service: str, text: str) -> str | None:
    """The bare id of a researcher at ``service``, ``None`` when ``text`` is not one."""
    match = _IDS[service].match(text.strip())
    return match.group(1).upper() if match and service != "dblp" else match and match.group(1)


def fetch_listing(client: Client, service: str, researcher: str) -> list[Listed]:
    """The works ``service`` lists for ``researcher`` (a bare id)."""
    fetch = {"orcid": _orcid, "openalex": _openalex, "dblp": _dblp}[service]
    return fetch(client, researcher)


def _check(status: int, body: bytes, service: str, researcher: str) -> None:
    if status == 404:
        raise ServiceError(f"{LABELS[service]} does not know {researcher}")
    if status != 200:
        raise ServiceError(f"{LABELS[service]} answered HTTP {status}: {first_line(body)}")


def _identifiers(texts: list[str]) -> tuple[str, str]:
    """The first DOI and the first arXiv id named by ``texts`` (ids or their URLs)."""
    doi = arxiv = ""
    for text in texts:
        ident = parse_identifier(text)
        if ident and ident.kind == "doi":
            doi = doi or ident.value
        arxiv = arxiv or (ident.value if ident and ident.kind == "arxiv" else arxiv_in(text) or "")
    return doi, arxiv


def _orcid(client: Client, researcher: str) -> list[Listed]:
    url = f"{service_url('orcid')}/v3.0/{researcher}/works"
    status, body = client.get(url, accept="application/json")
    _check(status, body, "orcid", researcher)
    groups = read_json(body, "ORCID").get("group")
    if not isinstance(groups, list):
        raise ServiceError("ORCID sent a malformed answer (no group list)")
    works = []
    for group in groups:
        summaries = [s for s in as_list(as_dict(group).get("work-summary")) if isinstance(s, dict)]
        if not summaries:
            continue
        first = summaries[0]
        title = text_of(as_dict(as_dict(first.get("title")).get("title")).get("value"))
        ids = [
            as_dict(ident)
            for holder in (group, *summaries)
            for ident in as_list(as_dict(as_dict(holder).get("external-ids")).get("external-id"))
        ]
        doi, arxiv = _identifiers(
            [
                ("arXiv:" if text_of(ident.get("external-id-type")) == "arxiv" else "")
                + text_of(ident.get("external-id-value"))
                for ident in ids
                if text_of(ident.get("external-id-type")) in {"doi", "arxiv"}
            ]
        )
        year = as_dict(as_dict(first.get("publication-date")).get("year")).get("value")
        venue = as_dict(first.get("journal-title")).get("value")
        if title:
            works.append(Listed(title, text_of(year), text_of(venue), doi, arxiv))
    return works


def _openalex(client: Client, researcher: str) -> list[Listed]:
    """Every page of the researcher's works, following OpenAlex's cursor."""
    params = {
        "filter": f"author.id:{researcher}",
        "per-page": str(OPENALEX_PER_PAGE),
        "cursor": "*",
    }
    if client.mailto:
        params["mailto"] = client.mailto
    works, seen = [], set()
    for _ in range(OPENALEX_PAGES):
        status, body = client.get(f"{service_url('openalex')}/works", params)
        _check(status, body, "openalex", researcher)
        data = read_json(body, "OpenAlex")
        results = data.get("results")
        if not isinstance(results, list):
            raise ServiceError("OpenAlex sent a malformed answer (no results list)")
        works += [work for record in results if (work := _openalex_work(as_dict(record)))]
        cursor = text_of(as_dict(data.get("meta")).get("next_cursor"))
        if not results or not cursor or cursor in seen:
            break
        seen.add(cursor)
        params["cursor"] = cursor
    return works


def _openalex_work(record: dict[str, Any]) -> Listed | None:
    title = latex_to_text(from_html(text_of(record.get("display_name") or record.get("title"))))
    if not title:
        return None
    primary = as_dict(record.get("primary_location"))
    source = as_dict(primary.get("source"))
    # a repository (arXiv, Zenodo) hosts the work; it is not where it was published
    venue = text_of(source.get("display_name")) if source.get("type") != "repository" else ""
    pages = [
        text_of(as_dict(place).get("landing_page_url"))
        for place in as_list(record.get("locations"))
    ]
    doi, arxiv = _identifiers(
        [text_of(record.get("doi")), text_of(primary.get("landing_page_url")), *pages]
    )
    year = record.get("publication_year")
    return Listed(title, str(year) if isinstance(year, int) else "", venue, doi, arxiv)


def _dblp(client: Client, researcher: str) -> list[Listed]:
    status, body = client.get(f"{service_url('dblp')}/pid/{quote(researcher, safe='/')}.xml")
    _check(status, body, "dblp", researcher)
    root = read_xml(body, status, "dblp")
    if root.tag != "dblpperson":
        raise ServiceError("dblp sent a malformed answer (no dblpperson)")
    works = []
    for record in root.iterfind("r/*"):
        title = _inner_text(record.find("title"))
        if record.tag in _DBLP_SKIP or not title:
            continue
        venue = record.findtext("journal") or record.findtext("booktitle") or ""
        doi, arxiv = _identifiers([ee.text or "" for ee in record.iterfind("ee")])
        year = (record.findtext("year") or "").strip()
        works.append(Listed(title.rstrip("."), year, venue.strip(), doi, arxiv))
    return works


def _inner_text(element: ET.Element | None) -> str:
    """An element's text with its markup (``<i>``, ``<sub>``) dropped, spaces collapsed."""
    return " ".join("".join(element.itertext()).split()) if element is not None else ""
