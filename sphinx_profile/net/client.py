"""The one HTTP client every command uses: timeouts, polite retries, a contact address
and an on-disk cache, so each service is asked as little and as gently as possible.

Services throttle (429) and stumble (5xx); retrying at once makes both worse, so a
retry waits, doubling each time, or as long as the answer's ``Retry-After`` asks, up to
:data:`MAX_WAIT` — a service asking for longer is reported instead of hanging the
command. Crossref and OpenAlex serve clients that name a contact address from a faster
"polite pool"; the address goes into the User-Agent (and Crossref's ``mailto=``).
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import TypeVar

import httpx

from .. import __version__

#: Seconds to wait for a connection or between two bytes of an answer.
TIMEOUT = 20.0
#: Retries after the first attempt, on 429, 5xx, a timeout or a broken connection.
RETRIES = 3
#: The longest wait before a retry, whatever ``Retry-After`` asks.
MAX_WAIT = 60.0
#: Answers larger than this are refused: metadata of one work is a few kilobytes.
MAX_BYTES = 5_000_000
#: Cached answers older than this many days are asked for again.
CACHE_DAYS = 30
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
#: The services' real APIs; an environment variable points one elsewhere (tests serve
#: recorded answers from 127.0.0.1 through them).
SERVICES = {
    "crossref": ("SPHINX_PROFILE_CROSSREF_URL", "https://api.crossref.org"),
    "datacite": ("SPHINX_PROFILE_DATACITE_URL", "https://api.datacite.org"),
    "arxiv": ("SPHINX_PROFILE_ARXIV_URL", "https://export.arxiv.org"),
    "openalex": ("SPHINX_PROFILE_OPENALEX_URL", "https://api.openalex.org"),
    "orcid": ("SPHINX_PROFILE_ORCID_URL", "https://pub.orcid.org"),
    "dblp": ("SPHINX_PROFILE_DBLP_URL", "https://dblp.org"),
    "semanticscholar": ("SPHINX_PROFILE_S2_URL", "https://api.semanticscholar.org"),
}
#: Runs with more items than this show a progress bar (on a terminal).
LONG_RUN = 5

T = TypeVar("T")


class ServiceError(Exception):
    """A request that failed for good; the message is one line for the reader."""


def service_url(service: str) -> str:
    """The base URL of ``service``, without a trailing slash."""
    variable, default = SERVICES[service]
    return (os.environ.get(variable) or default).rstrip("/")


def default_cache() -> Path:
    """``SPHINX_PROFILE_CACHE``, else ``sphinx-profile/http`` in the user's cache folder."""
    if folder := os.environ.get("SPHINX_PROFILE_CACHE"):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "sphinx-profile" / "http"


@dataclass
class Client:
    """GET and POST with retries, GET with a cache; one per command run (it keeps the
    connections)."""

    mailto: str = ""
    timeout: float = TIMEOUT
    retries: int = RETRIES
    #: where answers are kept, one file per URL; ``None``: no cache
    cache: Path | None = None
    #: the first wait before a retry, in seconds; it doubles with every retry
    backoff: float = 1.0
    _http: httpx.Client = field(init=False, repr=False)

    def __post_init__(self) -> None:
        agent = f"sphinx-profile/{__version__} (https://sphinx-profile.readthedocs.io"
        agent += f"; mailto:{self.mailto})" if self.mailto else ")"
        self._http = httpx.Client(
            timeout=self.timeout, headers={"User-Agent": agent}, follow_redirects=True
        )

    def close(self) -> None:
        self._http.close()

    def get(
        self, url: str, params: dict[str, str] | None = None, accept: str = ""
    ) -> tuple[int, bytes]:
        """(status, body) of the answer to ``url``; a 4xx is returned for the caller to
        explain (it means "no such record"), everything else that fails raises
        :class:`ServiceError`. ``accept`` asks for one of the formats a service offers
        (ORCID answers XML unless asked for JSON)."""
        full = str(httpx.URL(url, params=params))
        cached = self._cached(full, accept)
        if cached is not None:
            return 200, cached
        status, body = self._retried("GET", full, {"Accept": accept} if accept else {})
        if status == 200:
            self._store(full, accept, body)
        return status, body

    def post(
        self, url: str, payload: object, params: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        """(status, body) of the answer to ``payload`` sent as JSON, as :meth:`get` gives;
        never cached, since the same URL asks about other works each time."""
        full = str(httpx.URL(url, params=params))
        headers = {"Content-Type": "application/json"}
        return self._retried("POST", full, headers, json.dumps(payload).encode())

    def _retried(
        self, method: str, full: str, headers: dict[str, str], content: bytes | None = None
    ) -> tuple[int, bytes]:
        """The answer, after retries on 429, 5xx, timeouts and broken connections."""
        host = httpx.URL(full).host
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                status, body, wait = self._once(method, full, headers, content)
            except httpx.TimeoutException:
                if last:
                    raise ServiceError(f"{host} did not answer within {self.timeout:g} s") from None
                wait = None
            except httpx.TransportError as error:
                if last:
                    raise ServiceError(f"cannot reach {host}: {error}") from None
                wait = None
            else:
                if status not in RETRY_STATUSES:
                    return status, body
                if last:
                    raise ServiceError(f"{host} answered HTTP {status} {_reason(status)}")
            pause = self.backoff * 2**attempt if wait is None else wait
            if pause > MAX_WAIT:
                raise ServiceError(f"{host} asks to wait {pause:g} s; try again later")
            time.sleep(pause)
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    def _once(
        self, method: str, url: str, headers: dict[str, str], content: bytes | None
    ) -> tuple[int, bytes, float | None]:
        """One request: status, body (bounded) and the wait ``Retry-After`` asks for."""
        with self._http.stream(method, url, headers=headers, content=content) as response:
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > MAX_BYTES:
                    host = response.url.host
                    raise ServiceError(f"{host} sent more than {MAX_BYTES:,} bytes; refused")
            return response.status_code, bytes(body), _retry_after(response.headers)

    def _path(self, url: str, accept: str) -> Path | None:
        """The answer's file: one per URL and format asked for."""
        if self.cache is None:
            return None
        name = f"{url} {accept}" if accept else url  # answers cached before formats: kept
        return self.cache / hashlib.sha256(name.encode()).hexdigest()

    def _cached(self, url: str, accept: str) -> bytes | None:
        path = self._path(url, accept)
        try:
            if path is None or time.time() - path.stat().st_mtime > CACHE_DAYS * 86400:
                return None
            return path.read_bytes()
        except OSError:
            return None

    def _store(self, url: str, accept: str, body: bytes) -> None:
        """Keep ``body``; a cache that cannot be written only makes the next run slower."""
        path = self._path(url, accept)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            part = path.with_suffix(".part")
            part.write_bytes(body)
            part.replace(path)
        except OSError:
            pass


def _retry_after(headers: httpx.Headers) -> float | None:
    """Seconds ``Retry-After`` asks for (a number or an HTTP date), ``None`` without one."""
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def progress(items: Iterable[T], count: int, label: str) -> Iterator[T]:
    """``items``, with a progress bar on the terminal when the run is long; a short run
    or a pipe gets none (it would only flicker, or litter a log)."""
    if count <= LONG_RUN or not sys.stderr.isatty():
        yield from items
        return
    from rich.console import Console  # imported only when a bar is shown
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=count)
        for item in items:
            yield item
            bar.advance(task)
