"""A RenderCV file (``cv:`` with free-form ``sections``).

RenderCV section titles are the user's own words, so a section is placed by what its
title says (``selected_honors`` -> awards, ``invited_talks`` -> talks); entries that
are one line of text (``bullet``, ``number``, ``reversed_number``) become titles.
Sections with no counterpart are left out with a note naming them.

RenderCV allows Markdown in every field; ours take it only in summaries and
highlights, so elsewhere a link ``[FlashInfer](https://...)`` becomes the text and
the entry's ``url``, and emphasis (``*John Doe*``, RenderCV's mark of the owner among
the authors) becomes plain text. A single ``date`` of a dated entry (a project of
2021) is its start and its end, so it is not shown as "2021 - present".
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..data.schema import SECTIONS, Kind
from .common import Imported, clean, entries, remap, same

_DATES = {"start_date": "startDate", "end_date": "endDate"}
#: Words in a section title -> (our section, key renames, the key a one-line entry fills).
PLACES: tuple[tuple[str, str, dict[str, str], str], ...] = (
    (
        "education",
        "education",
        _DATES
        | {"degree": "studyType"}
        | same("institution", "area", "location", "summary", "highlights", "url"),
        "institution",
    ),
    (
        "experience|employment|work|position",
        "work",
        _DATES | {"company": "name"} | same("position", "location", "summary", "highlights", "url"),
        "name",
    ),
    (
        "publication|paper",
        "publications",
        {"title": "name", "journal": "publisher", "date": "releaseDate"}
        | same("url", "summary", "authors"),
        "name",
    ),
    (
        "project",
        "projects",
        _DATES | {"summary": "description"} | same("name", "highlights", "url"),
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
            where = f"{title}[{index}]"
            entry = _plain(ours, _entry(item, names, line_key, where, notes), where, notes)
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
        dated = item.get("start_date") or item.get("end_date")
        if "start_date" in names and item.get("date") and not dated:
            item = {**item, "start_date": item["date"], "end_date": item["date"]}
    ignore = frozenset({"date", "doi", "details"})
    return remap(item, names, where, notes, ignore - set(names))


_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")
_EMPHASIS = re.compile(r"(\*{1,2})(\S(?:.*?\S)?)\1")


def _plain(section: str, entry: dict[str, Any], where: str, notes: list[str]) -> dict[str, Any]:
    """The entry with RenderCV's Markdown taken out of the fields we show as plain text;
    a link's target becomes the entry's ``url`` (one it has already wins)."""
    fields = SECTIONS[section]
    urls: list[str] = []
    for key, value in entry.items():
        kind = fields[key].kind if key in fields else None
        if kind is Kind.TEXT and isinstance(value, str):
            urls += [target for _, target in _LINK.findall(value)]
            entry[key] = _EMPHASIS.sub(r"\2", _LINK.sub(r"\1", value))
        elif kind is Kind.TEXT_LIST and isinstance(value, list):
            entry[key] = [_EMPHASIS.sub(r"\2", str(item)) for item in value]
    if urls and "url" in fields:
        entry.setdefault("url", urls.pop(0))
    if urls:
        notes.append(f"{where}: link {', '.join(urls)} left out (shown as its text)")
    return entry
