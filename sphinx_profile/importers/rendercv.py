"""A RenderCV file (``cv:`` with free-form ``sections``).

RenderCV section titles are the user's own words, so a section is placed by what its
title says (``selected_honors`` -> awards, ``invited_talks`` -> talks); entries that
are one line of text (``bullet``, ``number``, ``reversed_number``) become titles.
Sections with no counterpart are left out with a note naming them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .common import Imported, clean, entries, remap, same

_DATES = {"start_date": "startDate", "end_date": "endDate"}
#: Words in a section title -> (our section, key renames, the key a one-line entry fills).
PLACES: tuple[tuple[str, str, dict[str, str], str], ...] = (
    (
        "education",
        "education",
        _DATES
        | {"degree": "studyType", "date": "endDate"}
        | same("institution", "area", "location", "summary", "highlights", "url"),
        "institution",
    ),
    (
        "experience|employment|work|position",
        "work",
        _DATES
        | {"company": "name", "date": "startDate"}
        | same("position", "location", "summary", "highlights", "url"),
        "name",
    ),
    (
        "publication|paper",
        "publications",
        {"title": "name", "journal": "publisher", "date": "releaseDate", "url": "url"}
        | same("summary"),
        "name",
    ),
    (
        "project",
        "projects",
        _DATES
        | {"summary": "description", "date": "startDate"}
        | same("name", "highlights", "url"),
        "name",
    ),
    (
        "honou?r|award|prize|fellowship",
        "awards",
        {"name": "title"} | same("date", "summary"),
        "title",
    ),
    ("talk|presentation", "talks", {"name": "title"} | same("date", "location", "url"), "title"),
    ("teaching|course", "teaching", {"name": "course"} | same("summary"), "course"),
    ("service|review", "service", {"name": "role"}, "role"),
    ("grant|funding", "grants", {"name": "title"} | same("startDate", "endDate"), "title"),
    ("skill", "skills", {"label": "name"}, "name"),
    ("language", "languages", {"label": "language", "details": "fluency"}, "language"),
)
ONE_LINE = ("bullet", "number", "reversed_number")


def from_rendercv(data: dict[str, Any], path: Path) -> Imported:
    """Map ``cv``'s header to ``basics`` and each section to its best place."""
    cv = data["cv"]
    notes: list[str] = []
    sections: dict[str, list[dict[str, Any]]] = {}
    raw_sections = cv.get("sections") if isinstance(cv.get("sections"), dict) else {}
    for title, items in raw_sections.items():
        place = next((p for p in PLACES if re.search(p[0], str(title), re.IGNORECASE)), None)
        if place is None:
            notes.append(f"section {title!r} left out (no matching profile section)")
            continue
        _, ours, names, line_key = place
        for index, item in enumerate(entries(items)):
            entry = _entry(item, names, line_key, f"{title}[{index}]", notes)
            if ours == "skills" and isinstance(item, dict) and item.get("details"):
                entry["keywords"] = [s.strip() for s in str(item["details"]).split(",")]
            if ours == "publications" and isinstance(item, dict) and item.get("doi"):
                entry.setdefault("url", f"https://doi.org/{item['doi']}")
            sections.setdefault(ours, []).append(entry)
    basics = {
        "name": cv.get("name"),
        "label": cv.get("headline"),
        "email": cv.get("email"),
        "phone": cv.get("phone"),
        "url": cv.get("website"),
        "image": cv.get("photo"),
        "location": {"city": cv.get("location")},
        "profiles": [
            {"network": link.get("network"), "username": link.get("username")}
            for link in entries(cv.get("social_networks"))
            if isinstance(link, dict)
        ],
    }
    notes += [
        f"{key!r} (PDF layout settings) left out"
        for key in ("design", "locale", "settings")
        if key in data
    ]
    return Imported(clean(basics), clean(sections), f"{path.name} (RenderCV)", notes)


def _entry(
    item: Any, names: dict[str, str], line_key: str, where: str, notes: list[str]
) -> dict[str, Any]:
    """One entry: a mapping renamed by ``names``, or a line of text for ``line_key``."""
    if isinstance(item, str):
        return {line_key: item}
    if isinstance(item, dict):
        line = next((item[key] for key in ONE_LINE if item.get(key)), None)
        if line is not None:
            return {line_key: str(line)}
    ignore = frozenset({"date", "authors", "doi", "details"})
    return remap(item, names, where, notes, ignore - set(names))
