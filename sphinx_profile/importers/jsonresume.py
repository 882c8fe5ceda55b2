"""JSON Resume, including academicpages' ``_data/cv.json`` dialect.

A JSON Resume is already our format, so by default it is kept byte for byte (the
user can go on using JSON Resume tools on it). academicpages adds top-level keys of
its own; they are mapped to our sections and the file is then converted instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..data.schema import IGNORED_TOP
from .common import Imported, clean, entries, remap

#: academicpages' own sections -> (our section, key renames).
ACADEMICPAGES = {
    "presentations": (
        "talks",
        {"name": "title", "event": "event", "date": "date", "location": "location", "url": "url"},
    ),
    "teaching": (
        "teaching",
        {"course": "course", "institution": "institution", "role": "role", "date": "terms"},
    ),
    "portfolio": (
        "projects",
        {"name": "name", "url": "url", "date": "startDate"},
    ),
}


def from_jsonresume(data: dict[str, Any], path: Path) -> Imported:
    """Keep a plain JSON Resume unchanged; convert academicpages' extra sections."""
    notes: list[str] = []
    sections = {
        key: value
        for key, value in data.items()
        if key not in ("basics", *IGNORED_TOP, *ACADEMICPAGES)
    }
    dialect = [key for key in ACADEMICPAGES if key in data]
    for key in dialect:
        section, names = ACADEMICPAGES[key]
        # their free-text "description" may hold HTML; it is kept out, with a note
        converted = [
            remap(item, names, f"{key}[{i}]", notes, frozenset({"category"}))
            for i, item in enumerate(entries(data[key]))
        ]
        for item in converted:
            if isinstance(item.get("terms"), str):  # a course's date: its term, by year
                item["terms"] = [item["terms"][:4]]
        sections[section] = [*entries(sections.get(section)), *converted]
    original = path.read_bytes() if not dialect and path.suffix.lower() == ".json" else None
    return Imported(
        clean(data.get("basics", {})),
        {key: value for key, value in clean(sections).items() if value},
        f"{path.name} (academicpages)" if dialect else path.name,
        notes,
        original,
    )
