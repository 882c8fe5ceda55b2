"""Lab sites: the ``people`` directive, ``profile:: :person:``, a page per person, the
lab's ``Organization`` in JSON-LD and the ``collaborators`` table.

``tests/roots/test-people-pages`` has a people folder (one file per person: a PI with a
photo and links, a postdoc, a PhD student, an alumna whose name and "now" hold
markup and angle brackets), a lab bib that spells the PI with an alias, an rST page
with the people and alumni lists and a MyST page with ``:roles:`` and ``:fields:``.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.util.osutil import _last_modified_time

from .conftest import build, copy_root, html, output_text

BASE = "https://lab.example.org/"


def site(tmp_path: Path) -> Path:
    return copy_root(tmp_path, "people-pages")


def page(outdir: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / path).read_text(encoding="utf-8"), "html.parser")


def names(soup: BeautifulSoup) -> list[str]:
    return [p.get_text(strip=True) for p in soup.select(".sp-people .sp-name")]


def add_page(srcdir: Path, name: str, text: str) -> None:
    (srcdir / name).write_text(text, encoding="utf-8")
    index = srcdir / "index.rst"
    index.write_text(index.read_text(encoding="utf-8") + f"   {Path(name).stem}\n", "utf-8")


def test_cards_by_role_in_the_configured_order(make_app, tmp_path: Path) -> None:
    app, warnings = build(make_app, site(tmp_path))
    assert warnings == ""
    index = html(app, "index")
    people = index.select_one(".sp-people")
    # PI and Postdoc as profile_people_roles says, then the roles it does not list
    roles = [r.get_text(strip=True) for r in people.select(".sp-people-role")]
    assert roles == ["PI", "Postdoc", "PhD student"]
    assert names(index)[:3] == ["Ada Quist", "Cy Okafor", "Bo Lindqvist"]
    # the alumna is not a current member
    assert "Dee" not in people.get_text()
    ada = people.select_one(".sp-person")
    assert ada.select_one("img.sp-photo")["src"] == "_images/me.png"
    assert ada.select_one(".sp-name a")["href"] == "people/ada.html"
    # links as the profile card draws them: icon and label
    links = [(a["href"], a.get_text(strip=True)) for a in ada.select("a.sp-link")]
    assert links == [
        ("https://ada.example.org", "Homepage"),
        ("https://orcid.org/0000-0002-1825-0097", "ORCID"),
        ("https://github.com/adaq", "GitHub"),
    ]
    assert all(a.select_one("svg.sp-icon") for a in ada.select("a.sp-link"))
    # the default card: photo, name, role, links; no email, no summary
    assert ada.select_one(".sp-label").get_text() == "PI"
    assert not ada.select(".sp-email, .sp-profile-bio")


def test_alumni_with_what_they_do_now(make_app, tmp_path: Path) -> None:
    app, _ = build(make_app, site(tmp_path))
    [alumni] = html(app, "index").select("ul.sp-alumni")
    [item] = alumni.select("li")
    assert item.get_text(" ", strip=True) == (
        "Dee <Vance> — Assistant Professor, University of Eastbrook (2016–2021)"
    )
    assert item.select_one(".sp-alumni-now em").get_text() == "Eastbrook"  # data markup
    assert item.select_one("a")["href"] == "people/dee.html"
    assert not item.select("vance")  # the name is text, not a tag


def test_myst_roles_and_fields(make_app, tmp_path: Path) -> None:
    app, _ = build(make_app, site(tmp_path))
    myst = html(app, "myst")
    people = myst.select_one(".sp-people")
    assert [r.get_text() for r in people.select(".sp-people-role")] == ["Postdoc", "PI"]
    assert names(myst) == ["Cy Okafor", "Ada Quist"]
    # :fields: name, role, email: no photo, no links
    assert not people.select("img, a.sp-link")
    assert "ada" in people.select_one(".sp-email").get_text()


def test_profile_card_of_a_person(make_app, tmp_path: Path) -> None:
    app, _ = build(make_app, site(tmp_path))
    [card] = html(app, "myst").select("div.sp-profile:not(.sp-person)")
    assert card.select_one(".sp-name").get_text(strip=True) == "Ada Quist"
    assert card.select_one(".sp-label").get_text() == "PI"
    assert card.select_one(".sp-profile-bio em").get_text() == "sparse"
    bo = html(app, "bo").select_one("div.sp-profile")
    assert bo.select_one(".sp-name").get_text(strip=True) == "Bo Lindqvist"
    assert "Bayesian occupancy models." in bo.get_text()


def test_bad_options_and_unknown_person_are_located_warnings(make_app, tmp_path: Path) -> None:
    srcdir = site(tmp_path)
    add_page(
        srcdir,
        "bad.rst",
        "Bad\n===\n\n.. people::\n   :roles: Postdoc, Janitor\n   :fields: name, shoe\n\n"
        ".. profile::\n   :person: bo-lindqvst\n\n.. profile::\n   :person: adda\n",
    )
    app, warnings = build(make_app, srcdir)
    bad = str(srcdir / "bad.rst")
    assert [line for line in warnings.splitlines() if line.startswith(bad)] == [
        f"{bad}:4: WARNING: people: unknown field 'shoe' in :fields: (known: photo, name,"
        " role, email, links, summary) [profile.option]",
        f"{bad}:4: WARNING: people: no current member has the role 'Janitor' in :roles:"
        " (roles: PI, Postdoc, PhD student) [profile.option]",
        f"{bad}:8: WARNING: profile: no person 'bo-lindqvst' in the people file [profile.option]",
        f"{bad}:11: WARNING: profile: no person 'adda' in the people file; did you mean 'ada'?"
        " [profile.option]",
    ]
    # the options that were right still apply
    assert names(html(app, "bad")) == ["Cy Okafor"]


def test_without_a_people_file(make_app, tmp_path: Path) -> None:
    srcdir = site(tmp_path)
    app, warnings = build(make_app, srcdir, profile_people="")
    index = str(srcdir / "index.rst")
    needs = "WARNING: people: needs profile_people in conf.py [profile.option]"
    assert f"{index}:4: {needs}" in warnings
    assert not html(app, "index").select(".sp-people")


def test_person_pages(make_app, tmp_path: Path) -> None:
    app, _ = build(make_app, site(tmp_path))
    out = Path(app.outdir)
    assert sorted(p.name for p in (out / "people").iterdir()) == [
        "ada.html",
        "bo.html",
        "cy.html",
        "dee.html",
    ]
    ada = page(out, "people/ada.html")
    body = ada.select_one(".sp-person-page")
    assert body.select_one("h1").get_text() == "Ada Quist"
    assert body.select_one(".sp-profile .sp-name") is None  # the heading says it once
    assert ada.title.get_text().startswith("Ada Quist")
    assert body.select_one("img.sp-photo")["src"] == "../_images/me.png"
    assert body.select_one(".sp-profile-bio em").get_text() == "sparse"
    # every paper of hers, the alias "A. B. Quist" too, newest first, her name marked
    assert [li["id"] for li in body.select("li.sp-entry")] == [
        "quist2024",
        "zeta2023",
        "okafor2022",
        "vance2019",
    ]
    assert {m.get_text() for m in body.select(".sp-owner")} == {"Ada Quist", "A. B. Quist"}
    bo = page(out, "people/bo.html")
    assert [li["id"] for li in bo.select("li.sp-entry")] == ["quist2024"]
    # the way back, and the people page does not show what it carries
    assert bo.select_one('a[href="../index.html"]')
    assert "Publications" not in html(app, "index").select_one("div.body").get_text()
    dee = page(out, "people/dee.html")
    assert dee.select_one("h1").get_text() == "Dee <Vance>"
    assert "<vance>" not in str(dee).lower().replace("&lt;vance&gt;", "")


def test_person_pages_dirhtml(make_app, tmp_path: Path) -> None:
    app, warnings = build(make_app, site(tmp_path), "dirhtml")
    assert warnings == ""
    out = Path(app.outdir)
    assert (out / "people" / "bo" / "index.html").is_file()
    index = page(out, "index.html")
    assert index.select_one(".sp-name a")["href"] == "people/ada/"
    ada = page(out, "people/ada/index.html")
    assert ada.select_one("img.sp-photo")["src"] == "../../_images/me.png"


def test_an_id_that_is_no_safe_file_name_gets_no_page(make_app, tmp_path: Path) -> None:
    srcdir = site(tmp_path)
    odd = srcdir / "people" / "odd.yaml"
    odd.write_text("id: ../x y\nname: Odd One\nrole: Postdoc\n", encoding="utf-8")
    app, warnings = build(make_app, srcdir)
    assert f"{odd}:1: WARNING: person: id '../x y' must be letters, digits" in warnings
    assert "Odd One" not in html(app, "index").get_text()
    assert sorted(p.name for p in (Path(app.outdir) / "people").iterdir()) == [
        "ada.html",
        "bo.html",
        "cy.html",
        "dee.html",
    ]


def test_person_pages_need_a_people_list(make_app, tmp_path: Path) -> None:
    srcdir = site(tmp_path)
    for name in ("index.rst", "myst.md"):
        path = srcdir / name
        path.write_text(path.read_text(encoding="utf-8").replace("people::", "note::"), "utf-8")
    (srcdir / "myst.md").write_text("# Nobody\n", encoding="utf-8")
    app, warnings = build(make_app, srcdir)
    assert (
        f"{srcdir / 'conf.py'}:6: WARNING: profile_people_pages: no page has a people list,"
        " so no person pages are made" in warnings
    )
    assert not (Path(app.outdir) / "people").exists()


def test_no_person_pages_when_off(make_app, tmp_path: Path) -> None:
    app, _ = build(make_app, site(tmp_path), profile_people_pages=False)
    assert not (Path(app.outdir) / "people").exists()
    # names link to the person's url where they have one
    links = [a["href"] for a in html(app, "index").select(".sp-people .sp-name a")]
    assert links == ["https://ada.example.org", "https://cy.example.org"]


@pytest.mark.parametrize("builder", ["latex", "text", "singlehtml"])
def test_latex_and_text_show_the_people(make_app, tmp_path: Path, builder: str) -> None:
    app, warnings = build(make_app, site(tmp_path), builder)
    assert warnings == ""
    text = output_text(builder, Path(app.outdir))
    for shown in ("Ada Quist", "Bo Lindqvist", "PhD student", "Assistant Professor"):
        assert shown in text
    assert "Sparse Models of Forests" not in text  # the person pages are for HTML
    assert "ItemList" not in text  # nor are their entries the page's publications


def test_organization_json_ld(make_app, tmp_path: Path) -> None:
    def organisation(soup: BeautifulSoup) -> dict[str, object]:
        for script in soup.select('script[type="application/ld+json"]'):
            data = json.loads(script.string)
            if data.get("@type") == "Organization":
                return data
        raise AssertionError("no Organization")

    app, _ = build(make_app, site(tmp_path))
    index = html(app, "index")
    data = organisation(index)
    assert data["name"] == "Quist Lab"
    # the person pages the page carries are not its publications
    scripts = index.select('script[type="application/ld+json"]')
    assert [json.loads(s.string)["@type"] for s in scripts] == ["Organization"]
    assert data["member"] == [
        {
            "@type": "Person",
            "name": "Ada Quist",
            "url": "https://ada.example.org",
            "jobTitle": "PI",
        },
        {
            "@type": "Person",
            "name": "Cy Okafor",
            "url": "https://cy.example.org",
            "jobTitle": "Postdoc",
        },
        {"@type": "Person", "name": "Bo Lindqvist", "jobTitle": "PhD student"},
    ]
    app, _ = build(make_app, site(tmp_path / "base"), html_baseurl=BASE)
    data = organisation(html(app, "index"))
    assert data["url"] == BASE
    assert data["member"][0] == {
        "@type": "Person",
        "name": "Ada Quist",
        "url": BASE + "people/ada.html",
        "jobTitle": "PI",
        "image": BASE + "_images/me.png",
    }


def save(path: Path, text: str, after: float) -> None:
    """Write ``path`` until its time is later than ``after`` (the file system's clock
    may lag the process's by a tick)."""
    while True:
        path.write_text(text, encoding="utf-8")
        if _last_modified_time(path) > after:
            return
        time.sleep(0.005)


def test_editing_one_person_rereads_only_the_pages_that_show_them(make_app, tmp_path: Path) -> None:
    srcdir = site(tmp_path)
    app, _ = build(make_app, srcdir)
    pages = sorted((Path(app.outdir) / "people").iterdir())
    for path in pages:
        os.utime(path, (1_000_000_000, 1_000_000_000))

    def rebuild() -> list[str]:
        again = make_app("html", srcdir=srcdir, freshenv=False)
        read: list[str] = []
        again.connect("env-before-read-docs", lambda _a, _e, docnames: read.extend(docnames))
        again.build()
        return sorted(read)

    def rewritten() -> list[str]:
        return [path.name for path in pages if path.stat().st_mtime != 1_000_000_000]

    assert rebuild() == []
    assert rewritten() == []  # nothing changed, no person page written again
    bo = srcdir / "people" / "bo.yaml"
    text = bo.read_text(encoding="utf-8").replace("Bayesian", "Hierarchical")
    save(bo, text, max(app.env.all_docs.values()))
    # the lists of everyone, the coauthors (Bo is one) and Bo's card; not Cy's card
    assert rebuild() == ["bo", "collaborators", "index", "myst"]
    assert "Hierarchical" in page(Path(app.outdir), "people/bo.html").get_text()
    # a new file in the folder is a new person: the lists of everyone show them
    (srcdir / "people" / "eve.yaml").write_text("id: eve\nname: Eve Ruiz\nrole: Postdoc\n")
    assert rebuild() == ["collaborators", "index", "myst"]
    assert "Eve Ruiz" in names(html(app, "index"))


def table_rows(soup: BeautifulSoup) -> list[list[list[str]]]:
    return [
        [[cell.get_text(strip=True) for cell in row.select("th, td")] for row in table.select("tr")]
        for table in soup.select("table.sp-collaborators")
    ]


HEADER = ["Name", "Affiliation", "Last joint paper"]


def test_collaborators_table(make_app, tmp_path: Path) -> None:
    app, warnings = build(make_app, site(tmp_path))
    assert warnings == ""
    owner, bo = table_rows(html(app, "collaborators"))
    # the owner's coauthors since 2020, by family name (Älm as Alm); "C. Okafor" is
    # the member Cy Okafor, whose affiliation is the lab; her 2019 paper is too old
    assert owner == [
        HEADER,
        ["Ola Älm", "", "2023"],
        ["Bo Lindqvist", "Quist Lab", "2024"],
        ["Cy Okafor", "Quist Lab", "2023"],
        ["Zoë Zeta", "", "2023"],
    ]
    assert bo == [HEADER, ["Ada Quist", "Quist Lab", "2024"]]


def test_collaborators_since_and_alumni(make_app, tmp_path: Path) -> None:
    srcdir = site(tmp_path)
    add_page(srcdir, "old.md", "# Old\n\n```{collaborators}\n:since: 2015-06-01\n```\n")
    app, _ = build(make_app, srcdir)
    [rows] = table_rows(html(app, "old"))
    # an alumna's affiliation is what she does now
    assert ["Dee <Vance>", "Assistant Professor, University of *Eastbrook*", "2019"] in rows


def test_collaborators_bad_options(make_app, tmp_path: Path) -> None:
    srcdir = site(tmp_path)
    add_page(
        srcdir,
        "bad.rst",
        "Bad\n===\n\n.. collaborators::\n   :since: last spring\n\n"
        ".. collaborators::\n   :author: boo\n",
    )
    app, warnings = build(make_app, srcdir)
    bad = str(srcdir / "bad.rst")
    assert [line for line in warnings.splitlines() if line.startswith(bad)] == [
        f"{bad}:4: WARNING: collaborators: option :since: 'last spring': must be a number of"
        " months or years ('48 months') or a date; ignored [profile.option]",
        f"{bad}:7: WARNING: collaborators: no person 'boo' in the people file; did you mean"
        " 'bo'? [profile.option]",
    ]
    # the bad :since: is the default, 48 months
    [rows] = table_rows(html(app, "bad"))
    assert rows[0] == HEADER


@pytest.mark.parametrize("builder", ["latex", "text"])
def test_collaborators_as_a_table_in_print(make_app, tmp_path: Path, builder: str) -> None:
    app, _ = build(make_app, site(tmp_path), builder)
    text = output_text(builder, Path(app.outdir))
    assert "Zoë Zeta" in text
    assert ("\\begin{tabulary}" in text) if builder == "latex" else ("| Zoë Zeta" in text)


def test_a_parallel_build_makes_the_same_pages(make_app, tmp_path: Path) -> None:
    serial, _ = build(make_app, site(tmp_path / "serial"))
    app = make_app("html", srcdir=site(tmp_path / "parallel"), parallel=2)
    app.build()
    for name in ("ada", "bo", "dee"):
        one = page(Path(serial.outdir), f"people/{name}.html").select_one(".sp-person-page")
        two = page(Path(app.outdir), f"people/{name}.html").select_one(".sp-person-page")
        assert str(one) == str(two)
    assert names(html(app, "index")) == names(html(serial, "index"))
