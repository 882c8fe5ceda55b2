"""An ORCID record (the JSON of ORCID's public API v3.0, ``/v3.0/<iD>/record``).

ORCID nests every value (``{"title": {"title": {"value": ...}}}``) and groups
activities (``affiliation-group`` -> ``summaries`` -> ``education-summary``); this
module flattens that into our sections. Works become JSON Resume ``publications``:
the record's summaries carry no author lists, so they cannot become honest BibTeX.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .common import Imported, clean, clean_record, entries

#: ORCID affiliation kinds -> (our section, how one summary becomes an entry).
AFFILIATIONS = {
    "educations": ("education", "education-summary"),
    "qualifications": ("education", "qualification-summary"),
    "employments": ("work", "employment-summary"),
    "invited-positions": ("work", "invited-position-summary"),
    "distinctions": ("awards", "distinction-summary"),
    "services": ("service", "service-summary"),
}
#: Activities with no place in a CV page, mentioned in the notes when present.
LEFT_OUT = ("memberships", "peer-reviews", "research-resources")


def value(node: Any, *path: str) -> Any:
    """``node[path[0]][path[1]]...``, or ``None`` where any step is missing."""
    for key in path:
        if not isinstance(node, dict):
            return None
        node = node.get(key)
    return node


def date(node: Any) -> str | None:
    """ORCID's ``{year: {value}, month: {value}, day: {value}}`` as ``2019-09-01``."""
    parts = [value(node, part, "value") for part in ("year", "month", "day")]
    known = []
    for part in parts:
        if not part:
            break
        known.append(str(part))
    return "-".join(known) or None


def from_orcid(data: dict[str, Any], path: Path) -> Imported:
    """Map the person to ``basics`` and the activities to sections."""
    orcid_id = value(data, "orcid-identifier", "path") or ""
    activities = data.get("activities-summary") or {}
    sections: dict[str, list[dict[str, Any]]] = {}
    for kind, (section, summary_key) in AFFILIATIONS.items():
        for summary in _affiliations(activities, kind, summary_key):
            sections.setdefault(section, []).append(_affiliation(section, summary))
    sections["publications"] = [_work(work) for work in _grouped(activities, "works", "work")]
    sections["grants"] = [
        _funding(funding) for funding in _grouped(activities, "fundings", "funding")
    ]
    notes = [
        f"ORCID {kind}: left out (no matching profile section)"
        for kind in LEFT_OUT
        if value(activities, kind, "group") or value(activities, kind, "affiliation-group")
    ]
    return Imported(
        _basics(data.get("person") or {}, orcid_id),
        {name: items for name, items in clean(sections).items() if items},
        f"ORCID record {orcid_id}".strip(),
        notes,
    )


def _basics(person: dict[str, Any], orcid_id: str) -> dict[str, Any]:
    given = value(person, "name", "given-names", "value") or ""
    family = value(person, "name", "family-name", "value") or ""
    name = value(person, "name", "credit-name", "value") or f"{given} {family}".strip()
    emails = entries(value(person, "emails", "email"))
    primary = [e for e in emails if isinstance(e, dict) and e.get("primary")] or emails
    countries = [
        value(a, "country", "value") for a in entries(value(person, "addresses", "address"))
    ]
    aliases = [o.get("content") for o in entries(value(person, "other-names", "other-name"))]
    if given and family and f"{given} {family}" != name:
        aliases.insert(0, f"{given} {family}")
    return clean_record(
        {
            "name": name,
            "email": primary[0].get("email") if primary else None,
            "summary": value(person, "biography", "content"),
            "orcid": orcid_id,
            "aliases": aliases,
            "location": {"countryCode": countries[0]} if countries else None,
            "profiles": [
                {"network": link.get("url-name") or "Website", "url": value(link, "url", "value")}
                for link in entries(value(person, "researcher-urls", "researcher-url"))
            ],
        }
    )


def _affiliations(activities: dict[str, Any], kind: str, key: str) -> Iterator[dict[str, Any]]:
    for group in entries(value(activities, kind, "affiliation-group")):
        for summary in entries(value(group, "summaries")):
            if isinstance(value(summary, key), dict):
                yield summary[key]


def _grouped(activities: dict[str, Any], kind: str, item: str) -> Iterator[dict[str, Any]]:
    """The preferred (first) version of each grouped work or funding."""
    for group in entries(value(activities, kind, "group")):
        versions = entries(value(group, f"{item}-summary"))
        if versions and isinstance(versions[0], dict):
            yield versions[0]


def _place(organization: Any) -> str:
    address = value(organization, "address") or {}
    parts = [address.get(key) for key in ("city", "region", "country")]
    return ", ".join(part for part in parts if part)


def _affiliation(section: str, summary: dict[str, Any]) -> dict[str, Any]:
    org = value(summary, "organization", "name")
    role = summary.get("role-title")
    department = summary.get("department-name")
    start, end = date(summary.get("start-date")), date(summary.get("end-date"))
    url = value(summary, "url", "value")
    if section == "education":
        return {
            "institution": org,
            "studyType": role,
            "area": department,
            "startDate": start,
            "endDate": end,
            "location": _place(summary.get("organization")),
            "url": url,
        }
    if section == "awards":
        return {"title": role, "awarder": org, "date": start, "url": url}
    if section == "service":
        return {"role": role or "Member", "venues": [org], "startDate": start, "endDate": end}
    return {
        "name": org,
        "position": ", ".join(part for part in (role, department) if part),
        "startDate": start,
        "endDate": end,
        "location": _place(summary.get("organization")),
        "url": url,
    }


def _work(work: dict[str, Any]) -> dict[str, Any]:
    ids = entries(value(work, "external-ids", "external-id"))
    own = [i for i in ids if isinstance(i, dict) and i.get("external-id-relationship") == "self"]
    doi = [i for i in own if i.get("external-id-type") == "doi"]
    link = (
        f"https://doi.org/{doi[0].get('external-id-value')}" if doi else value(work, "url", "value")
    )
    return {
        "name": value(work, "title", "title", "value"),
        "publisher": value(work, "journal-title", "value"),
        "releaseDate": date(work.get("publication-date")),
        "url": link,
    }


def _funding(funding: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": value(funding, "title", "title", "value"),
        "funder": value(funding, "organization", "name"),
        "startDate": date(funding.get("start-date")),
        "endDate": date(funding.get("end-date")),
    }
