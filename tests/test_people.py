"""The people file, al-folio's co-authors file, and the people they make known in
publication lists: matched by one rule, linked, marked ``sp-member``, chosen by ``:author:``."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from sphinx_profile.data.bib import parse_names
from sphinx_profile.data.people import (
    AuthorMatch,
    People,
    Person,
    author_index,
    read_coauthors,
    read_people,
)

from .conftest import ROOTS, html
from .test_incremental import edit, rebuild

ROOT = ROOTS / "test-people"


def warnings(app: SphinxTestApp) -> str:
    return strip_colors(app.warning.getvalue())


def authors(app: SphinxTestApp, key: str, page: str = "index") -> list[tuple[str, str, bool]]:
    """(name, link, member) of each author of an entry as the page shows it."""
    entry = html(app, page).select_one(f"#{key}")
    shown = []
    for name in entry.select(".sp-authors .sp-author, .sp-authors .sp-owner"):
        link = name.find_parent("a")
        shown.append((name.get_text(), link["href"] if link else "", "sp-member" in name["class"]))
    return shown


@pytest.mark.parametrize(
    ("written", "who"),
    [
        ("Lovelace, Ada", "ada"),
        ("A. Lovelace", "ada"),  # initials
        ("Lövelace, Adá", "ada"),  # accents
        ("King, Augusta", "ada"),  # alias
        ("Lovelace†, A.", "ada"),  # a glued mark
        ("J. Nunez", "jose"),
        ("Lovelace, Bob", None),
        ("Ng, Bob and others", "bob"),
        ("Jishnu P", "jishnu"),  # a one-letter family name, the given name in full
        ("J. P", None),
        ("Ravi Kumar", "ravi"),  # the one-letter family name is the person's
    ],
)
def test_one_rule_matches_every_person(written: str, who: str | None) -> None:
    people = People(
        "people.yaml",
        (
            Person("ada", "Ada Lovelace", "people.yaml", 1, aliases=("Augusta King",)),
            Person("jose", "José Núñez", "people.yaml", 5),
            Person("bob", "Bob Ng", "people.yaml", 9),
            Person("jishnu", "Jishnu Padalunkal", "people.yaml", 13),
            Person("ravi", "Ravi K", "people.yaml", 17),
        ),
    )
    index = author_index(people, None)
    name = parse_names(written, {})[0][0]
    found = index.find(name)
    assert (found.person if found else None) == who


def test_a_person_wins_over_a_coauthor_of_the_same_name() -> None:
    coauthors, problems = read_coauthors(ROOT / "coauthors.yml")
    assert problems == []
    people = People("p", (Person("edwin", "Edwin Adams", "p", 1, url="https://me.example"),))
    name = parse_names("E. Adams", {})[0][0]
    assert author_index(None, coauthors).find(name) == AuthorMatch(
        "", "https://en.wikipedia.org/wiki/Edwin_Plimpton_Adams"
    )
    assert author_index(people, coauthors).find(name) == AuthorMatch("edwin", "https://me.example")


@pytest.mark.sphinx("html", testroot="people")
def test_publist_links_people_and_coauthors(app: SphinxTestApp) -> None:
    app.build()
    ada, adams = "https://ada.example", "https://en.wikipedia.org/wiki/Edwin_Plimpton_Adams"
    assert authors(app, "full") == [
        ("Ada Lovelace", ada, True),
        ("Charles Babbage", "", False),
        ("Edwin Adams", adams, False),
    ]
    # initials; a member without a url is marked, not linked
    assert authors(app, "initials") == [("A. Lovelace", ada, True), ("B. Ng", "", True)]
    assert authors(app, "accents") == [
        ("José Núñez†", "", True),
        ("B. Y. Podolsky", "https://en.wikipedia.org/wiki/Boris_Podolsky", False),
    ]
    # an alias with a glued mark; the mark stays outside the link
    entry = html(app, "index").select_one("#alias")
    assert authors(app, "alias")[0] == ("Augusta King", ada, True)
    assert entry.select_one(".sp-name .sp-mark").get_text() == "*"
    assert entry.select_one("a .sp-mark") is None
    assert authors(app, "alias")[1][1].endswith("Carl_Philipp_Emanuel_Bach")


@pytest.mark.sphinx("html", testroot="people", confoverrides={"profile_people_pages": True})
def test_people_pages_are_the_link_targets(app: SphinxTestApp) -> None:
    app.build()
    assert authors(app, "initials") == [
        ("A. Lovelace", "people/ada.html", True),
        ("B. Ng", "people/bob.html", True),
    ]
    assert authors(app, "initials", "myst")[1] == ("B. Ng", "people/bob.html", True)
    # a co-author keeps their homepage
    assert authors(app, "full")[2][1].startswith("https://en.wikipedia.org/")


@pytest.mark.sphinx("html", testroot="people")
def test_author_option(app: SphinxTestApp) -> None:
    app.build()
    lists = html(app, "myst").select(".sp-publist")
    assert [li["id"] for li in lists[0].select("li.sp-entry")] == ["initials"]
    # an unknown id is reported at the directive, with close ids, and ignored
    assert len(lists[1].select("li.sp-entry")) == 4
    assert re.search(
        r"myst\.md:7: WARNING: publist: :author: unknown person 'adda' \(did you mean 'ada'\?\)",
        warnings(app),
    )


@pytest.mark.sphinx("xml", testroot="people")
def test_other_builders_link_homepages_without_classes(app: SphinxTestApp) -> None:
    app.build()
    xml = Path(app.outdir, "index.xml").read_text(encoding="utf-8")
    assert 'refuri="https://ada.example"' in xml
    assert "sp-member" not in xml


@pytest.mark.sphinx("html", testroot="people", confoverrides={"profile_people": "bad-people.yaml"})
def test_people_file_problems_are_located(app: SphinxTestApp) -> None:
    app.build()
    text = warnings(app)
    path = re.escape(str(Path(app.srcdir, "bad-people.yaml")))
    for line, message in [
        (4, r"refusing unsafe URL 'javascript:alert\(1\)'"),
        (5, r"people\[0\]\.image 'missing\.png' not found"),
        (6, r"duplicate person id 'ada' \(first at .*bad-people\.yaml:2\); person skipped"),
        (8, r"people\[2\]: id '\.\./etc' must be letters, digits, - and _"),
        (10, r"people\[3\] has no 'name'; entry skipped"),
        (13, r"unknown key 'startDat'; did you mean 'startDate'\?"),
    ]:
        assert re.search(rf"{path}:{line}: WARNING: {message}", text), (line, text)
    # the unsafe url is dropped: Ada is marked but not linked
    assert authors(app, "full")[0] == ("Ada Lovelace", "", True)


@pytest.mark.sphinx("html", testroot="people", confoverrides={"profile_people": "team"})
def test_a_folder_of_people(app: SphinxTestApp) -> None:
    app.build()
    path = re.escape(str(Path(app.srcdir, "team", "bob.toml")))
    assert re.search(rf"{path}:3: WARNING: unknown key 'rol'; did you mean 'role'\?", warnings(app))
    assert authors(app, "initials") == [("A. Lovelace", "", True), ("B. Ng", "", True)]


def test_coauthors_problems_are_located(tmp_path: Path) -> None:
    path = tmp_path / "coauthors.yml"
    path.write_text(
        '"rosen":\n  - firstname: "Nathan"\n    url: https://n.example\n'
        '"adams":\n  - firstnme: ["E."]\n    url: https://e.example\n'
        '"bad": 3\n',
        encoding="utf-8",
    )
    coauthors, problems = read_coauthors(path)
    assert [c.firstnames for c in coauthors.coauthors] == [("Nathan",)]
    assert [(p.line, p.message) for p in problems] == [
        (5, "unknown key 'firstnme'; did you mean 'firstname'?"),
        (5, "adams[0] has no 'firstname'; entry skipped"),
        (7, "'bad' must be a list of people"),
    ]


@pytest.mark.sphinx("html", testroot="people", srcdir="people-incremental")
def test_editing_people_rereads_only_pages_showing_them(app, make_app) -> None:
    app.build()
    edit(app, "people.yaml", "https://ada.example", "https://lovelace.example")
    read, again = rebuild(app, make_app)
    assert read == ["index", "myst"]
    assert authors(again, "full")[0][1] == "https://lovelace.example"


@pytest.mark.sphinx(
    "html",
    testroot="people",
    srcdir="people-folder-incremental",
    confoverrides={"profile_people": "team"},
)
def test_editing_a_file_of_a_people_folder_is_noticed(app, make_app) -> None:
    app.build()
    edit(app, "team/ada.yaml", "role: PI", "role: PI\nurl: https://ada.example")
    read, again = rebuild(app, make_app, profile_people="team")
    assert read == ["index", "myst"]
    assert authors(again, "full")[0][1] == "https://ada.example"


def test_roles_photos_and_alumni(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "ada.png").write_bytes(b"png")
    path = tmp_path / "people.toml"
    path.write_text(
        '[[people]]\nid = "ada"\nname = "Ada Lovelace"\nrole = "PI"\nimage = "img/ada.png"\n'
        '[[people]]\nid = "bob"\nname = "Bob Ng"\nrole = "Student"\nendDate = "2020-06"\n'
        'now = "Postdoc"\nimage = "../secret.png"\n'
        '[[people]]\nid = "eve"\nname = "Eve"\nrole = "pi"\nendDate = 2026\n',
        encoding="utf-8",
    )
    (tmp_path.parent / "secret.png").write_bytes(b"png")
    people, problems = read_people(path, tmp_path)
    assert [(p.line, p.message) for p in problems] == [
        (12, "people[1].image '../secret.png' is outside the source folder; not copied")
    ]
    ada, bob, _ = people.persons
    assert (ada.image, bob.image) == ("/img/ada.png", "")
    # roles in the configured order, matched in any case (two spellings stay two groups)
    assert [(role, [p.id for p in group]) for role, group in people.by_role(["student", "PI"])] == [
        ("Student", ["bob"]),
        ("PI", ["ada"]),
        ("pi", ["eve"]),
    ]
    today = dt.date(2026, 12, 3)
    # an end date is read to its precision: "2026" lasts all through 2026
    assert [p.is_alumnus(today) for p in people.persons] == [False, True, False]
    assert people.get("bob") is bob and people.close_ids("bobb") == ["bob"]


@pytest.mark.sphinx("html", testroot="people", srcdir="people-parallel", parallel=2)
def test_parallel_readers_link_alike(app: SphinxTestApp) -> None:
    app.build()
    assert authors(app, "full")[0] == ("Ada Lovelace", "https://ada.example", True)
    assert authors(app, "initials", "myst") == [
        ("A. Lovelace", "https://ada.example", True),
        ("B. Ng", "", True),
    ]
