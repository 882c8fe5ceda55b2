"""DOIs and arXiv ids in the spellings people paste, and in the fields of a bib file."""

from __future__ import annotations

import re
from typing import NamedTuple

_DOI = re.compile(r"(?i)^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(10\.\d{4,9}/\S+)$")
#: new style (``2406.12839``, ``2406.12839v2``) or old (``astro-ph/0601001``, ``math.GT/0309136``)
_ARXIV_ID = r"(\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?"
_ARXIV = re.compile(
    rf"(?i:^(?:arxiv:\s*|https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/)?){_ARXIV_ID}"
    r"(?:\.pdf)?$"
)
#: an arXiv id named inside a field (``url``, ``journal = {arXiv preprint arXiv:...}``)
_ARXIV_IN = re.compile(rf"(?i:arxiv(?:\.org/(?:abs|pdf)/|:\s?)){_ARXIV_ID}")


class Identifier(NamedTuple):
    """``kind`` is ``"doi"`` or ``"arxiv"``; ``value`` the bare id (a DOI in lower case,
    as DOIs are compared; an arXiv id without its version)."""

    kind: str
    value: str


def parse_identifier(text: str) -> Identifier | None:
    """The DOI or arXiv id ``text`` names, ``None`` when it names neither."""
    text = text.strip()
    if match := _DOI.match(text):
        return Identifier("doi", match.group(1).lower())
    if match := _ARXIV.match(text):
        return Identifier("arxiv", match.group(1))
    return None


def arxiv_in(text: str) -> str | None:
    """The arXiv id a field's text names, if any."""
    match = _ARXIV_IN.search(text)
    return match.group(1) if match else None
