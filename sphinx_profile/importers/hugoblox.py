"""A Hugo Blox author file (``data/authors/me.yaml``, schema ``hugoblox/author/v1``).

Its links are icon ids (``brands/github``, ``academicons/orcid``); the icon tells the
network. Skill levels and icons are presentation, left out (levels with a note). A
button of an entry ("Download dissertation") is a link, so it joins the entry's
summary; the affiliation's link goes to the CV entry of the same organisation.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .common import Imported, clean, clean_record, entries, remap, same

#: The part after the icon pack (``brands/x`` -> ``x``) -> our network name.
NETWORKS = {
    "x": "X",
    "twitter": "X",
    "github": "GitHub",
    "gitlab": "GitLab",
    "linkedin": "LinkedIn",
    "google-scholar": "Google Scholar",
    "orcid": "ORCID",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "youtube": "YouTube",
    "researchgate": "ResearchGate",
    "semantic-scholar": "Semantic Scholar",
    "dblp": "DBLP",
    "arxiv": "arXiv",
    "instagram": "Instagram",
}
#: Keys that only style the Hugo page; leaving them out loses nothing.
PRESENTATION = frozenset({"icon", "color", "color_border", "schema", "slug"})
#: Keys of an entry that are left out here or handled apart from the key renames.
HANDLED = PRESENTATION | {"button"}
LEVELS: dict[object, str] = {
    1: "Elementary",
    2: "Limited working",
    3: "Professional working",
    4: "Fluent",
    5: "Native",
}


#: Hugo Blox list sections that map key by key: theirs -> (ours, key renames).
SECTIONS = {
    "education": (
        "education",
        {"degree": "studyType", "start": "startDate", "end": "endDate"}
        | same("institution", "summary", "url", "location"),
    ),
    "experience": (
        "work",
        {"org": "name", "role": "position", "start": "startDate", "end": "endDate"}
        | same("summary", "url", "location"),
    ),
    "awards": ("awards", same("title", "awarder", "date", "summary", "url")),
}
#: Top-level keys handled here (apart from SECTIONS) or that carry nothing to keep.
BASICS_KEYS = frozenset(
    {"name", "role", "bio", "affiliations", "links", "email", "postnominals", "status"}
)


def from_hugoblox(data: dict[str, Any], path: Path) -> Imported:
    """Map the author's name, role, links and CV sections to our schema."""
    notes: list[str] = []
    sections: dict[str, list[dict[str, Any]]] = {}
    for theirs, (ours, names) in SECTIONS.items():
        sections[ours] = []
        for index, item in enumerate(entries(data.get(theirs))):
            where = f"{theirs}[{index}]"
            sections[ours].append(
                remap(_with_button(item, where, notes), names, where, notes, HANDLED)
            )
    _link_affiliations(data, sections, notes)
    sections["skills"] = [_skills(group, notes) for group in entries(data.get("skills"))]
    sections["languages"] = [
        {
            "language": item.get("name"),
            "fluency": item.get("label") or LEVELS.get(item.get("level")),
        }
        for item in entries(data.get("languages"))
        if isinstance(item, dict)
    ]
    sections["interests"] = [{"name": str(item)} for item in entries(data.get("interests"))]
    handled = {*BASICS_KEYS, *SECTIONS, "skills", "languages", "interests", "is_owner"}
    left = [key for key in data if key not in handled and key not in PRESENTATION]
    if left:
        notes.append(f"left out {', '.join(left)}")
    return Imported(
        _basics(data, notes),
        {name: items for name, items in clean(sections).items() if items},
        f"{path.name} (Hugo Blox)",
        notes,
    )


def _with_button(item: Any, where: str, notes: list[str]) -> Any:
    """The entry with its button as a Markdown link at the end of its summary.

    A button to a page of the Hugo site itself (``/resume.pdf``) would be a dead link
    on the new site, so it is left out with a note instead.
    """
    button = item.get("button") if isinstance(item, dict) else None
    if not isinstance(button, dict) or not button.get("url"):
        return item
    url, text = str(button["url"]), str(button.get("text") or button["url"])
    if not url.startswith(("https://", "http://")):
        notes.append(
            f"{where}: button {text!r} ({url}) left out: it links into the Hugo site;"
            " link the file from 'summary' once the new site has it"
        )
        return item
    summary = str(item.get("summary") or "").strip()
    return {**item, "summary": f"{summary}\n\n[{text}]({url})".strip()}


def _link_affiliations(
    data: dict[str, Any], sections: dict[str, list[dict[str, Any]]], notes: list[str]
) -> None:
    """Give an affiliation's link to the CV entries of that organisation without one."""
    cv = [*sections["work"], *sections["education"]]
    for affiliation in entries(data.get("affiliations")):
        if not isinstance(affiliation, dict) or not affiliation.get("url"):
            continue
        name, url = affiliation.get("name"), str(affiliation["url"])
        matches = [e for e in cv if name in (e.get("name"), e.get("institution"))]
        for entry in matches:
            entry.setdefault("url", url)
        if not matches:
            notes.append(f"affiliations: the link of {name!r} ({url}) left out (no CV entry)")


def _skills(group: Any, notes: list[str]) -> dict[str, Any]:
    """A skill group; the 1-5 levels are drawn as bars in Hugo, we keep the names."""
    if not isinstance(group, dict):
        return {}
    items = [item for item in entries(group.get("items")) if isinstance(item, dict)]
    if any(item.get("level") for item in items):
        notes.append(f"skills {group.get('name')!r}: levels left out, names kept")
    return {"name": group.get("name"), "keywords": [item.get("label") for item in items]}


def _basics(data: dict[str, Any], notes: list[str]) -> dict[str, Any]:
    name: dict[str, Any] = (
        data["name"] if isinstance(data.get("name"), dict) else {"display": data.get("name")}
    )
    display = str(name.get("display") or "")
    aliases = [
        name.get("alternate"),
        " ".join(filter(None, [name.get("given"), name.get("family")])),
    ]
    affiliations = [a for a in entries(data.get("affiliations")) if isinstance(a, dict)]
    basics: dict[str, Any] = {
        "name": display,
        "label": data.get("role"),
        "pronouns": name.get("pronouns"),
        "aliases": [alias for alias in aliases if alias and alias != display],
        "affiliation": affiliations[0].get("name") if affiliations else None,
        "email": data.get("email"),
        "summary": data.get("bio"),
        "profiles": [],
    }
    if name.get("pronunciation"):
        notes.append(f"name.pronunciation ({name['pronunciation']!r}) left out")
    if isinstance(data.get("status"), dict) and data["status"].get("icon"):
        notes.append(f"status {data['status']['icon']!r} (the avatar's emoji) left out")
    if data.get("postnominals"):
        notes.append(
            f"postnominals ({', '.join(map(str, data['postnominals']))}) left out;"
            " add them to 'name' if you want them shown"
        )
    for link in entries(data.get("links")):
        if not isinstance(link, dict):
            continue
        url = str(link.get("url") or "")
        icon = str(link.get("icon") or "").rpartition("/")[2]
        if url.startswith("mailto:"):
            basics["email"] = basics["email"] or url.removeprefix("mailto:")
        elif url:
            network = NETWORKS.get(icon) or str(link.get("label") or icon or "Website")
            basics["profiles"].append({"network": network, "url": url})
    return clean_record(basics)
