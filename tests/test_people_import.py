"""``sphinx-profile import-people``: Hugo Blox author folders and JSON Resumes become one
people file, with the avatars copied beside it and never a file from elsewhere."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from sphinx_profile.cli import main

from .conftest import realworld

#: A 1 by 1 PNG: an avatar's bytes, to see they arrive unchanged.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)

#: Hugo Blox's research-group author page, as its starter writes it.
PI_PAGE = """\
---
# Display name
title: Dr. Ada Quist
first_name: Ada
last_name: Quist
superuser: true
role: Professor of Glaciology
organizations:
  - name: Northfield University
    url: ''
bio: Ada studies how ice sheets answer a warming ocean.
interests:
  - Ice sheets
social:
  - icon: envelope
    icon_pack: fas
    link: 'mailto:ada@example.org'
  - icon: google-scholar
    icon_pack: ai
    link: https://scholar.google.com/citations?user=abcDEF123AAAAJ
  - icon: orcid
    icon_pack: ai
    link: https://orcid.org/0000-0002-1825-0097
  - icon: cv
    icon_pack: ai
    link: files/cv.pdf
  - icon: github
    icon_pack: fab
    link: javascript:alert(1)
email: ''
highlight_name: false
user_groups:
  - Principal Investigators
---

Ada Quist leads the Polar Ice group.
"""
STUDENT_PAGE = """\
+++
title = "Bo Lindqvist"
role = "PhD student"
user_groups = ["Grad Students", "Visitors"]
+++
"""
ALUMNA_PAGE = """\
---
title: Cara Mendes
user_groups: [Alumni]
---
"""


def run(*args: str) -> int:
    return main(["import-people", *map(str, args)])


def read(path: Path) -> list[dict[str, object]]:
    people: list[dict[str, object]] = yaml.safe_load(path.read_text(encoding="utf-8"))["people"]
    return people


@pytest.fixture
def hugo(tmp_path: Path) -> Path:
    """A Hugo Blox site with three authors, the first with an avatar."""
    authors = tmp_path / "site" / "content" / "authors"
    for folder, page in (("admin", PI_PAGE), ("bo", STUDENT_PAGE), ("cara", ALUMNA_PAGE)):
        (authors / folder).mkdir(parents=True)
        (authors / folder / "_index.md").write_text(page, encoding="utf-8")
    (authors / "admin" / "avatar.png").write_bytes(PNG)
    (authors / "_index.md").write_text("---\ntitle: Authors\n---\n")  # the list page
    return tmp_path / "site"


def test_hugo_blox_authors(hugo: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "new" / "people.yaml"
    assert run(hugo, "-o", out) == 0
    pi, student, alumna = read(out)
    assert pi == {
        "id": "dr-ada-quist",  # from the name: Hugo's owner folder is "admin"
        "name": "Dr. Ada Quist",
        "aliases": ["Ada Quist"],
        "role": "Principal Investigators",
        "email": "ada@example.org",
        "orcid": "0000-0002-1825-0097",
        "image": "img/people/dr-ada-quist.png",
        "summary": "Ada studies how ice sheets answer a warming ocean.",
        "profiles": [
            {
                "network": "Google Scholar",
                "url": "https://scholar.google.com/citations?user=abcDEF123AAAAJ",
            }
        ],
    }
    assert (out.parent / "img/people/dr-ada-quist.png").read_bytes() == PNG
    assert student == {"id": "bo-lindqvist", "name": "Bo Lindqvist", "role": "Grad Students"}
    assert alumna["role"] == "Alumni"
    err = capsys.readouterr().err
    for note in (
        "admin/_index.md: link 'files/cv.pdf' left out (not a web address)",
        "admin/_index.md: link 'javascript:alert(1)' left out",
        "admin/_index.md: role 'Professor of Glaciology' left out (user_groups give the role)",
        "admin/_index.md: the page's text left out",
        "admin/_index.md: left out organizations, interests",
        "bo/_index.md: user_groups Visitors left out (one role each)",
        "cara/_index.md: in 'Alumni': give endDate (and now) to list them as alumni",
    ):
        assert note in err


def test_symlinks_and_files_outside_are_not_copied(hugo: Path, tmp_path: Path, capsys) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "avatar.png").write_bytes(b"private")
    (secret / "_index.md").write_text("---\ntitle: Eve Outside\n---\n")
    authors = hugo / "content" / "authors"
    (authors / "bo" / "avatar.png").symlink_to(secret / "avatar.png")
    (authors / "eve").symlink_to(secret)  # a whole author folder from elsewhere
    out = tmp_path / "new" / "people.yaml"
    assert run(authors, "-o", out) == 0
    people = read(out)
    assert [person["id"] for person in people] == ["dr-ada-quist", "bo-lindqvist", "cara-mendes"]
    assert "image" not in people[1]
    assert b"private" not in b"".join(p.read_bytes() for p in out.parent.rglob("*") if p.is_file())
    err = capsys.readouterr().err
    assert "content/authors/bo/avatar.png: a symbolic link, not copied" not in err
    assert "bo/avatar.png: a symbolic link, not copied" in err
    assert "eve: a symbolic link, not read" in err


def test_json_resumes(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "resumes"
    folder.mkdir()
    (folder / "photos").mkdir()
    (folder / "photos" / "dan.png").write_bytes(PNG)
    (tmp_path / "outside.png").write_bytes(b"private")
    resumes = {
        "dan.json": {
            "basics": {
                "name": "Dan Øberg",
                "label": "Postdoc",
                "image": "photos/dan.png",
                "url": "https://dan.example.org",
                "profiles": [
                    {"network": "GitHub", "username": "dan", "url": "https://github.com/dan"}
                ],
            },
            "work": [{"name": "Northfield University"}],
        },
        "eve.json": {"basics": {"name": "Eve Hart", "image": "../outside.png"}},
        "fay.json": {"basics": {"name": "Fay Ito", "image": "https://example.org/fay.jpg"}},
        "gus.json": {"basics": {"name": "Gus Ray", "url": "javascript:alert(1)"}},
        "notes.json": {"something": "else"},
    }
    for name, data in resumes.items():
        (folder / name).write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "site" / "people.yaml"
    assert run(folder, "--output", out) == 0
    dan, eve, fay, gus = read(out)
    assert dan == {
        "id": "dan-oberg",
        "name": "Dan Øberg",
        "role": "Postdoc",
        "url": "https://dan.example.org",
        "image": "img/people/dan-oberg.png",
        "profiles": [{"network": "GitHub", "username": "dan", "url": "https://github.com/dan"}],
    }
    assert (out.parent / "img/people/dan-oberg.png").read_bytes() == PNG
    assert eve == {"id": "eve-hart", "name": "Eve Hart"}
    assert fay["image"] == "https://example.org/fay.jpg"
    assert gus == {"id": "gus-ray", "name": "Gus Ray"}
    err = capsys.readouterr().err
    assert "dan.json: work left out (a people file holds the card)" in err
    assert "../outside.png: outside" in err
    assert "gus.json: url 'javascript:alert(1)' left out" in err


def test_real_hugo_blox_author_files(tmp_path: Path) -> None:
    """Hugo Blox's v2 kits keep authors in data/authors/<slug>.yaml."""
    authors = tmp_path / "site" / "data" / "authors"
    authors.mkdir(parents=True)
    for name in ("hugoblox_academic-cv_me.yaml", "hugoblox_resume_me.yaml"):
        shutil.copy(realworld(name), authors / name)
    # the taxonomy's page of the owner, which v2 keeps beside data/authors
    taxonomy = tmp_path / "site" / "content" / "authors" / "me"
    taxonomy.mkdir(parents=True)
    (taxonomy / "_index.md").write_text("---\ntitle: me\n---\n")
    out = tmp_path / "people.yaml"
    assert run(tmp_path / "site", "-o", out) == 0
    johnson, wu = read(out)
    assert johnson["name"] == "Dr. Alex Johnson"
    assert johnson["aliases"] == ["Alex Johnson"]
    assert johnson["role"] == "Senior AI Research Scientist"
    assert johnson["orcid"] == "0000-0002-1825-0097"
    assert johnson["email"] == "alex.johnson@example.com"
    assert wu["name"] == "吳健雄"
    # the CJK name folds to nothing, so the id comes from the alias (given, family)
    assert wu["id"] == "shiung-wu-chien"
    assert wu["role"] == "Director of Cloud Infrastructure"


def test_nothing_to_import_and_no_overwrite(hugo: Path, tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(empty) == 2
    assert "no people found" in capsys.readouterr().err
    out = tmp_path / "people.yaml"
    out.write_text("people: []\n")
    assert run(hugo, "-o", out) == 2
    assert "use --force" in capsys.readouterr().err
    assert out.read_text() == "people: []\n"
    assert run(hugo, "-o", out, "--force") == 0
    assert len(read(out)) == 3


def test_hostile_values_stay_values(tmp_path: Path) -> None:
    """A name that looks like YAML, markup or a second person is one name in the file."""
    name = 'Eve "x"\n- id: mallory\n  name: *anchor [y](javascript:alert(1)) {{ z }} # c'
    folder = tmp_path / "resumes"
    folder.mkdir()
    (folder / "eve.json").write_text(json.dumps({"basics": {"name": name, "label": "- PI"}}))
    out = tmp_path / "people.yaml"
    assert run(folder, "-o", out) == 0
    (eve,) = read(out)
    assert eve == {"id": "eve-x-id-mallory-name-anchor-y-javascript-alert-1-z-c"} | {
        "name": name,
        "role": "- PI",
    }
