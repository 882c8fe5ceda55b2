"""Bring existing data into a new site: JSON Resume, ORCID, Hugo Blox, RenderCV, BibTeX.

Every importer reads a local file (no network) and returns plain data in our profile
schema (:class:`Imported`), plus notes on whatever it could not map, so nothing a user
wrote disappears without a word. No docutils here: importers are data to data.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..data.loader import load_file
from .common import Imported, ImportFailedError
from .hugoblox import from_hugoblox
from .jsonresume import from_jsonresume
from .orcid import from_orcid
from .rendercv import from_rendercv

__all__ = ["FORMATS", "ImportFailedError", "Imported", "detect", "read_profile_source"]

Importer = Callable[[dict[str, Any], Path], Imported]

FORMATS: dict[str, Importer] = {
    "jsonresume": from_jsonresume,
    "orcid": from_orcid,
    "hugoblox": from_hugoblox,
    "rendercv": from_rendercv,
}


def detect(data: dict[str, Any]) -> str:
    """Which format a loaded file is in, by the keys only that format has."""
    if "orcid-identifier" in data or "activities-summary" in data:
        return "orcid"
    if isinstance(data.get("cv"), dict):
        return "rendercv"
    if str(data.get("schema", "")).startswith("hugoblox/") or isinstance(data.get("name"), dict):
        return "hugoblox"
    if isinstance(data.get("basics"), dict):
        return "jsonresume"
    raise ImportFailedError(
        "cannot tell the format (expected JSON Resume, an ORCID record,"
        " a Hugo Blox author file or a RenderCV file)"
    )


def read_profile_source(path: Path, kind: str = "auto") -> Imported:
    """Read ``path`` and convert it from ``kind`` (``auto``: detect it)."""
    loaded = load_file(path)
    if loaded.problems or not isinstance(loaded.data, dict):
        reason = loaded.problems[0] if loaded.problems else f"{path}: not a mapping"
        raise ImportFailedError(str(reason))
    kind = detect(loaded.data) if kind == "auto" else kind
    return FORMATS[kind](loaded.data, path)
