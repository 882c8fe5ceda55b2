"""What all importers share: the result type and small conversions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class ImportFailedError(Exception):
    """A file that cannot be imported at all (the message says why)."""


@dataclass
class Imported:
    """A profile converted to our schema; ``notes`` say what was left out and why."""

    basics: dict[str, Any]
    sections: dict[str, list[dict[str, Any]]]
    source: str  #: e.g. "ORCID record 0000-0002-1825-0097", for the profile's header
    notes: list[str] = field(default_factory=list)
    #: the file's bytes when it is already a valid profile and may be kept unchanged
    original: bytes | None = None


#: What "absent" looks like in JSON Resume and YAML files.
_EMPTY: tuple[object, ...] = (None, "", [], {})


def clean(value: Any) -> Any:
    """Drop empty values (``None``, ``""``, ``[]``, ``{}``) and turn dates into ISO text.

    YAML reads ``2015-09-01`` as a date; ours are text prefixes such as ``2015-09``.
    """
    if isinstance(value, Mapping):
        cleaned = {str(k): clean(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in _EMPTY}
    if isinstance(value, list):
        return [item for item in map(clean, value) if item not in _EMPTY]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    return value


def empty(value: Any) -> bool:
    """Whether :func:`clean` leaves nothing of ``value`` (``0`` and ``False`` are values)."""
    return clean(value) in _EMPTY


def clean_record(value: Mapping[str, Any]) -> dict[str, Any]:
    """:func:`clean` for a mapping, typed as one."""
    cleaned: dict[str, Any] = clean(value)
    return cleaned


def remap(
    entry: Any,
    names: Mapping[str, str],
    where: str,
    notes: list[str],
    ignore: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """Rename ``entry``'s keys by ``names``; keys neither mapped nor ignored become a note."""
    if not isinstance(entry, Mapping):
        notes.append(f"{where}: not a mapping, left out")
        return {}
    # two keys may map to one (RenderCV's ``date`` and ``start_date``): an empty one
    # must not overwrite the other's value
    result = {names[k]: v for k, v in entry.items() if k in names and not empty(v)}
    left = [str(k) for k in entry if k not in names and k not in ignore and not empty(entry[k])]
    if left:
        notes.append(f"{where}: left out {', '.join(left)}")
    return clean_record(result)


def entries(value: Any) -> list[Any]:
    """A list from a value that should be one (``None`` and other types: empty)."""
    return value if isinstance(value, list) else []


def same(*names: str) -> dict[str, str]:
    """Keys that keep their name."""
    return {name: name for name in names}
