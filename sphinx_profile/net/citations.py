"""Citation counts from OpenAlex, Semantic Scholar and Crossref, asked in as few
requests as each service allows.

OpenAlex takes up to :data:`OPENALEX_BATCH` DOIs in one ``filter=doi:a|b|...``;
Semantic Scholar up to :data:`S2_BATCH` ids (DOIs and arXiv ids) in one POST to
``/paper/batch``; Crossref has no batch lookup, so each DOI is one request. Each
function returns the counts of the works the service knows, by the identifier asked
for; a work it does not know is simply missing (an unknown count is nothing, not 0).
An answer without the shape read here fails the whole service with a
:class:`~.client.ServiceError`, so the caller keeps that service's old counts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from ..data.metrics import normal_doi
from .client import Client, ServiceError, progress, service_url
from .identifiers import Identifier
from .works import crossref_message, first_line, load_json, read_json

#: OpenAlex's largest page, and the most alternatives one filter may name.
OPENALEX_BATCH = 50
#: The most ids Semantic Scholar's batch lookup takes.
S2_BATCH = 500


def openalex_counts(client: Client, works: list[Identifier]) -> dict[Identifier, int]:
    """``cited_by_count`` of each DOI in ``works`` that OpenAlex knows."""
    dois = [work for work in works if work.kind == "doi"]
    found: dict[Identifier, int] = {}
    for start in range(0, len(dois), OPENALEX_BATCH):
        batch = dois[start : start + OPENALEX_BATCH]
        params = {
            "filter": "doi:" + "|".join(work.value for work in batch),
            "per-page": str(OPENALEX_BATCH),
            "select": "doi,cited_by_count",
        }
        if client.mailto:
            params["mailto"] = client.mailto
        body = _ok(client.get(f"{service_url('openalex')}/works", params), "OpenAlex")
        results = read_json(body, "OpenAlex").get("results")
        if not isinstance(results, list):
            raise ServiceError("OpenAlex sent a malformed answer (no results)")
        for result in results:
            doi = result.get("doi") if isinstance(result, dict) else None
            if isinstance(doi, str) and (count := _count(result.get("cited_by_count"))) is not None:
                found[Identifier("doi", normal_doi(doi))] = count
    return found


def semanticscholar_counts(client: Client, works: list[Identifier]) -> dict[Identifier, int]:
    """``citationCount`` of each DOI or arXiv id in ``works`` that Semantic Scholar knows;
    its answer is a list in the order of the ids asked for, ``null`` for an unknown one."""
    found: dict[Identifier, int] = {}
    for start in range(0, len(works), S2_BATCH):
        batch = works[start : start + S2_BATCH]
        ids = [f"{'DOI' if work.kind == 'doi' else 'ARXIV'}:{work.value}" for work in batch]
        url = f"{service_url('semanticscholar')}/graph/v1/paper/batch"
        answer = client.post(url, {"ids": ids}, {"fields": "citationCount"})
        papers = load_json(_ok(answer, "Semantic Scholar"), "Semantic Scholar")
        if not isinstance(papers, list) or len(papers) != len(batch):
            raise ServiceError("Semantic Scholar sent a malformed answer (not one paper per id)")
        for work, paper in zip(batch, papers, strict=True):
            count = _count(paper.get("citationCount")) if isinstance(paper, dict) else None
            if count is not None:
                found[work] = count
    return found


def crossref_counts(client: Client, works: list[Identifier]) -> dict[Identifier, int]:
    """``is-referenced-by-count`` of each DOI in ``works`` that Crossref knows, one
    request each (with a progress bar on long runs)."""
    dois = [work for work in works if work.kind == "doi"]
    params = {"mailto": client.mailto} if client.mailto else None
    found: dict[Identifier, int] = {}
    for work in progress(dois, len(dois), "Crossref"):
        url = f"{service_url('crossref')}/works/{quote(work.value, safe='/')}"
        status, body = client.get(url, params)
        if status == 404:
            continue
        message = crossref_message(_ok((status, body), "Crossref"))
        if (count := _count(message.get("is-referenced-by-count"))) is not None:
            found[work] = count
    return found


#: Each source of :data:`~sphinx_profile.data.metrics.SOURCES` that can be asked.
FETCHERS: dict[str, Callable[[Client, list[Identifier]], dict[Identifier, int]]] = {
    "openalex": openalex_counts,
    "semanticscholar": semanticscholar_counts,
    "crossref": crossref_counts,
}


def _ok(answer: tuple[int, bytes], service: str) -> bytes:
    status, body = answer
    if status != 200:
        raise ServiceError(f"{service} answered HTTP {status}: {first_line(body)}")
    return body


def _count(value: Any) -> int | None:
    """A count as the file keeps it: a whole number of 0 or more, else unknown."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value
