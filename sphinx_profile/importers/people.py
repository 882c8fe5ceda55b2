"""A lab's people from another site: Hugo Blox author folders or a folder of JSON Resumes.

Hugo Blox keeps one folder per person in ``content/authors/`` (``_index.md`` with YAML
or TOML front matter and an ``avatar.jpg``), or, since its v2 kits, one
``data/authors/<slug>.yaml`` file per person (schema ``hugoblox/author/v1``). Its
People widget groups people by ``user_groups``, which is what our ``role`` does, so the
first group becomes the role. A JSON Resume's ``basics`` is a person's card.

The result is one people file (``{"people": [...]}``) and the avatars to copy beside
it. An avatar is only taken from inside the folder given, after symlinks are resolved,
and a symlink itself is refused, as :mod:`..data.files` refuses paper files: a folder
from someone else must not publish ``~/.ssh`` as a photo.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..data.bib import fold
from ..data.loader import load_file, load_text
from ..data.urls import is_safe_url
from .common import ImportFailedError, clean_record, empty, entries
from .hugoblox import NETWORKS, from_hugoblox

#: Image files an avatar may be; anything else in the folder is not a photo.
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg"})
#: Where the avatars go, relative to the people file.
IMAGE_FOLDER = "img/people"
#: The order of a person's keys in the file written: the card's, top to bottom.
ORDER = ("id", "name", "aliases", "role", "email", "orcid", "url", "image", "summary")

#: Keys of a Hugo Blox ``_index.md`` front matter that are read here.
HUGO_KEYS = frozenset(
    {"title", "first_name", "last_name", "role", "bio", "social", "email", "user_groups"}
)
#: Keys that only steer the Hugo site (its owner, highlighting, the taxonomy's
#: username, the page's date and layout): nothing of the person is in them.
HUGO_SITE = frozenset(
    {"superuser", "highlight_name", "authors", "date", "draft", "weight", "type", "layout"}
)
#: Keys of a JSON Resume's ``basics`` that become keys of the person, renamed.
RESUME_BASICS = {
    "name": "name",
    "label": "role",
    "email": "email",
    "url": "url",
    "summary": "summary",
    "orcid": "orcid",
    "aliases": "aliases",
}

#: An ORCID iD at the end of an orcid.org link.
_ORCID = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])/?$")
#: Front matter at the start of a Hugo page: YAML between ``---``, TOML between ``+++``.
_FRONT_MATTER = re.compile(r"\A(---|\+\+\+)[ \t]*\r?\n(.*?)^\1[ \t]*$", re.S | re.M)


@dataclass
class ImportedPeople:
    """The people file's records, the avatars to copy and what was left out."""

    people: list[dict[str, Any]] = field(default_factory=list)
    #: path relative to the people file -> the avatar file to copy there
    images: dict[str, Path] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def text(self, source: str) -> str:
        """The people file: a header naming the source, then the records as YAML."""
        source = " ".join(source.splitlines())  # a line break would end the comment
        body = yaml.safe_dump({"people": self.people}, sort_keys=False, allow_unicode=True)
        return f"# People imported from {source} by sphinx-profile import-people.\n{body}"


def import_people(folder: Path) -> ImportedPeople:
    """Every person of ``folder``: a Hugo Blox site or its ``content/authors`` or
    ``data/authors`` folder, or a folder of JSON Resumes."""
    result = ImportedPeople()
    # a v2 site still has content/authors/ for Hugo's taxonomy, but its people are in
    # data/authors/: reading both would list everyone twice
    roots = [folder / "data" / "authors", folder / "content" / "authors"]
    root = next((path for path in roots if path.is_dir()), folder)
    for path in sorted(root.iterdir()):
        _read(path, folder, result)
    if not result.people:
        raise ImportFailedError(
            f"{folder}: no people found (expected Hugo Blox author folders with _index.md,"
            " data/authors/*.yaml files or JSON Resumes)"
        )
    return result


def _read(path: Path, folder: Path, result: ImportedPeople) -> None:
    """Add the person ``path`` holds, if it holds one."""
    name = path.relative_to(folder).as_posix()
    if path.is_symlink():
        result.notes.append(f"{name}: a symbolic link, not read")
        return
    if path.is_dir() and (path / "_index.md").is_file():
        person = _from_hugo_page(path, name, result.notes)
        avatar = _avatar(path, folder, result.notes)
    elif path.is_file() and path.suffix.lower() in (".json", ".yaml", ".yml", ".toml"):
        person, avatar = _from_data_file(path, name, folder, result.notes)
    else:
        return
    if person is None:
        return
    names = [person.get("name"), *(person.get("aliases") or []), path.stem]
    person = {"id": unique_id(names, result.people), **person}
    if avatar is not None:
        target = f"{IMAGE_FOLDER}/{person['id']}{avatar.suffix.lower()}"
        result.images[target] = avatar
        person["image"] = target
    ordered = {key: person.pop(key) for key in ORDER if key in person}
    result.people.append(clean_record(ordered | person))


def _from_hugo_page(path: Path, name: str, notes: list[str]) -> dict[str, Any] | None:
    """A person from the front matter of ``path/_index.md``; the page body is the
    Hugo site's long biography and stays there (noted), ``bio`` is the card's text."""
    page = f"{name}/_index.md"
    try:
        text = (path / "_index.md").read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        notes.append(f"{page}: cannot read it ({exc}), left out")
        return None
    match = _FRONT_MATTER.match(text)
    if match is None:
        notes.append(f"{page}: no front matter, left out")
        return None
    loaded = load_text(match.group(2), page, ".toml" if match.group(1) == "+++" else ".yaml")
    if loaded.problems or not isinstance(loaded.data, dict):
        why = loaded.problems[0].message if loaded.problems else "not a mapping"
        notes.append(f"{page}: {why}, left out")
        return None
    data = loaded.data
    full = " ".join(str(data.get(key) or "") for key in ("first_name", "last_name")).strip()
    person: dict[str, Any] = {
        "name": data.get("title") or full,
        "aliases": [full] if full and full != data.get("title") else [],
        "email": data.get("email"),
        "summary": data.get("bio"),
    }
    person.update(_role(data.get("user_groups"), data.get("role"), page, notes))
    person.update(_links([(s.get("icon"), s.get("link")) for s in _mappings(data, "social")]))
    _note_links(person, page, notes)
    if text[match.end() :].strip():
        notes.append(f"{page}: the page's text left out (the card shows 'bio')")
    left = [key for key in data if key not in HUGO_KEYS | HUGO_SITE and not empty(data[key])]
    if left:
        notes.append(f"{page}: left out {', '.join(map(str, left))}")
    if not person["name"]:
        notes.append(f"{page}: no name, left out")
        return None
    return person


def _from_data_file(
    path: Path, name: str, folder: Path, notes: list[str]
) -> tuple[dict[str, Any] | None, Path | None]:
    """A person from a Hugo Blox v2 author file or a JSON Resume, with its photo."""
    loaded = load_file(path)
    if loaded.problems or not isinstance(loaded.data, dict):
        why = loaded.problems[0].message if loaded.problems else "not a mapping"
        notes.append(f"{name}: {why}, left out")
        return None, None
    data = loaded.data
    if str(data.get("schema", "")).startswith("hugoblox/") or isinstance(data.get("name"), dict):
        # the author importer knows every key but the People widget's groups
        imported = from_hugoblox({k: v for k, v in data.items() if k != "user_groups"}, path)
        basics = imported.basics
        person = {key: basics.get(key) for key in ("name", "aliases", "email", "summary")}
        person.update(_role(data.get("user_groups"), basics.get("label"), name, notes))
        person.update(_links([(p["network"], p["url"]) for p in basics.get("profiles", [])]))
        notes += [f"{name}: {note}" for note in imported.notes]
        if imported.sections:
            sections = ", ".join(imported.sections)
            notes.append(f"{name}: {sections} left out (a people file holds the card)")
        image = None  # v2 keeps avatars in assets/media/authors/, outside this folder
    elif isinstance(data.get("basics"), dict):
        basics = data["basics"]
        person = {ours: basics.get(theirs) for theirs, ours in RESUME_BASICS.items()}
        person["profiles"] = [p for p in entries(basics.get("profiles")) if isinstance(p, dict)]
        image = _resume_image(basics, path, name, folder, person, notes)
        others = [key for key in data if key not in ("basics", "$schema", "meta")]
        if others:
            notes.append(f"{name}: {', '.join(others)} left out (a people file holds the card)")
    else:
        return None, None
    _note_links(person, name, notes)
    if not person.get("name"):
        notes.append(f"{name}: no name, left out")
        return None, None
    return person, image


def _role(groups: Any, position: Any, where: str, notes: list[str]) -> dict[str, Any]:
    """The first of Hugo's ``user_groups`` as the role; without groups, the position.

    Hugo Blox lists former members in a group (often "Alumni"); ours are the people
    whose ``endDate`` is past, which no Hugo file says, so the note asks for it.
    """
    names = [str(group) for group in entries(groups) if not empty(group)]
    if not names:
        return {"role": position if isinstance(position, str) else None}
    if len(names) > 1:
        notes.append(f"{where}: user_groups {', '.join(names[1:])} left out (one role each)")
    if position and not empty(position):
        notes.append(f"{where}: role {str(position)!r} left out (user_groups give the role)")
    if names[0].casefold() in {"alumni", "alumnus", "alumnae", "former members"}:
        notes.append(f"{where}: in {names[0]!r}: give endDate (and now) to list them as alumni")
    return {"role": names[0]}


def _links(links: list[tuple[Any, Any]]) -> dict[str, Any]:
    """Profiles, an e-mail address and an ORCID iD from (icon or network, URL) pairs."""
    person: dict[str, Any] = {"profiles": []}
    for icon, link in links:
        url = str(link or "").strip()
        if url.startswith("mailto:"):
            person.setdefault("email", url.removeprefix("mailto:"))
            continue
        icon_name = str(icon or "").rpartition("/")[2]
        network = NETWORKS.get(icon_name, str(icon or "") or "Website")
        if network == "ORCID" and (orcid := _ORCID.search(url)):
            person["orcid"] = orcid.group(1)
        elif url:
            person["profiles"].append({"network": network, "url": url})
    return person


def _note_links(person: dict[str, Any], where: str, notes: list[str]) -> None:
    """Keep only links that leave the old site and are safe; say why the others went.

    A relative link (``files/cv.pdf``, ``#contact``) points into the Hugo site and
    would be a dead link on the new one.
    """
    kept = []
    for profile in person.get("profiles") or []:
        url = str(profile.get("url") or "")
        if not url or (is_safe_url(url) and urlsplit(url).scheme in ("http", "https")):
            kept.append(profile)
        else:
            notes.append(f"{where}: link {url!r} left out (not a web address)")
    person["profiles"] = kept
    url = str(person.get("url") or "")
    if url and not (is_safe_url(url) and urlsplit(url).scheme in ("http", "https")):
        notes.append(f"{where}: url {url!r} left out (not a web address)")
        person["url"] = None


def _avatar(path: Path, folder: Path, notes: list[str]) -> Path | None:
    """Hugo's ``avatar.*`` beside the author's page, if it may be copied."""
    found = sorted(p for p in path.glob("avatar.*") if p.suffix.lower() in IMAGE_SUFFIXES)
    return _inside(found[0], folder, notes) if found else None


def _resume_image(
    basics: dict[str, Any],
    path: Path,
    name: str,
    folder: Path,
    person: dict[str, Any],
    notes: list[str],
) -> Path | None:
    """A JSON Resume's ``image``: a web address stays one, a file beside it is copied."""
    value = str(basics.get("image") or "").strip()
    if not value:
        return None
    if urlsplit(value).scheme in ("http", "https"):
        person["image"] = value
        return None
    if Path(value).suffix.lower() not in IMAGE_SUFFIXES:
        notes.append(f"{name}: image {value!r} left out (not an image file)")
        return None
    return _inside(path.parent / value, folder, notes)


def _inside(path: Path, folder: Path, notes: list[str]) -> Path | None:
    """``path`` if it is a regular file inside ``folder`` once links are resolved."""
    shown = path.relative_to(folder).as_posix() if path.is_relative_to(folder) else str(path)
    if path.is_symlink():
        notes.append(f"{shown}: a symbolic link, not copied")
        return None
    resolved = path.resolve()
    if not resolved.is_relative_to(folder.resolve()):
        notes.append(f"{shown}: outside {folder}, not copied")
        return None
    if not resolved.is_file():
        notes.append(f"{shown}: not found, not copied")
        return None
    return resolved


def _mappings(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return [item for item in entries(data.get(key)) if isinstance(item, dict)]


#: Latin letters that Unicode does not decompose into a letter and an accent.
_LETTERS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "þ": "th", "\u0131": "i"}
)


def slug(text: str) -> str:
    """An id for ``people/<id>.html`` from a name: ASCII letters and digits joined by
    hyphens, accents folded (``José Øberg`` -> ``jose-oberg``)."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_LETTERS))
    folded = decomposed.encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", folded.lower()))


def unique_id(names: list[Any], people: list[dict[str, Any]]) -> str:
    """An id from the first of ``names`` that has ASCII letters: the name (a Hugo folder
    is often ``admin``), an alias (``吳健雄`` has none, ``Chien-Shiung Wu`` has) or the
    file's name; made unique among ``people`` with a number."""
    base = next(filter(None, (slug(str(name or "")) for name in names)), "person")
    taken = {str(other["id"]) for other in people}
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def with_pi(people: list[dict[str, Any]], owner: dict[str, Any]) -> list[dict[str, Any]]:
    """``people`` with the site's owner first, as PI, unless a person has their name
    (or has it as an alias: Hugo's "Dr. Ada Quist" is the owner "Ada Quist")."""
    for person in people:
        names = [person["name"], *(person.get("aliases") or [])]
        if fold(owner["name"]) in {fold(str(name)) for name in names}:
            return people
    pi = {"id": unique_id([owner["name"]], people), "name": owner["name"], "role": "PI"}
    return [pi | owner, *people]
