"""Lab sites: ``quickstart --lab`` (with and without ``--people-from``) and the example lab."""

from __future__ import annotations

from pathlib import Path

import yaml

from sphinx_profile.cli import main

from .conftest import html
from .test_people_import import PI_PAGE, PNG, STUDENT_PAGE
from .test_sites import REPO, build_copy

OWNER = ("--no-input", "--name", "Ada Quist", "--email", "ada@example.org")


def quickstart(folder: Path, *args: str) -> Path:
    site = folder / "lab"
    assert main(["quickstart", str(site), *OWNER, *args]) == 0
    return site


def people(site: Path) -> list[dict[str, object]]:
    data: list[dict[str, object]] = yaml.safe_load((site / "people.yaml").read_text())["people"]
    return data


def test_lab_site_builds_without_warnings(tmp_path: Path, make_app) -> None:
    site = quickstart(tmp_path, "--lab")
    assert people(site) == [
        {"id": "ada-quist", "name": "Ada Quist", "role": "PI", "email": "ada@example.org"}
    ]
    app = make_app("html", srcdir=site)
    app.build()
    assert app.warning.getvalue() == ""
    page = html(app, "people")
    assert "Ada Quist" in page.select_one(".sp-people").get_text()
    assert (Path(app.outdir) / "people" / "ada-quist.html").is_file()
    assert html(app, "index").select_one('a[href="people.html"]')


def test_lab_site_from_hugo_blox_authors(tmp_path: Path, make_app) -> None:
    """The owner is not added again when the imported folder has them."""
    authors = tmp_path / "hugo" / "content" / "authors"
    for folder, page in (("admin", PI_PAGE), ("bo", STUDENT_PAGE)):
        (authors / folder).mkdir(parents=True)
        (authors / folder / "_index.md").write_text(page, encoding="utf-8")
    (authors / "bo" / "avatar.png").write_bytes(PNG)
    site = quickstart(tmp_path, "--lab", "--people-from", str(tmp_path / "hugo"))
    # "Dr. Ada Quist" has the alias "Ada Quist" (first_name, last_name): she is the owner
    assert [p["id"] for p in people(site)] == ["dr-ada-quist", "bo-lindqvist"]
    assert (site / "img/people/bo-lindqvist.png").read_bytes() == PNG
    conf = (site / "conf.py").read_text()
    assert "profile_people_roles = ['Principal Investigators', 'Grad Students']" in conf
    app = make_app("html", srcdir=site)
    app.build()
    assert app.warning.getvalue() == ""
    photos = [img["src"] for img in html(app, "people").select(".sp-people img")]
    assert "_images/bo-lindqvist.png" in photos


def test_people_from_needs_lab(tmp_path: Path, capsys) -> None:
    assert main(["quickstart", str(tmp_path / "x"), *OWNER, "--people-from", str(tmp_path)]) == 2
    assert "--people-from needs --lab" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_a_site_without_lab_has_no_people(tmp_path: Path) -> None:
    site = quickstart(tmp_path)
    assert not (site / "people.yaml").exists()
    assert "profile_people" not in (site / "conf.py").read_text()


def test_example_lab(make_app, tmp_path: Path) -> None:
    app = build_copy(make_app, tmp_path, "example_lab")
    assert app.warning.getvalue() == ""
    page = html(app, "people")
    text = page.get_text(" ", strip=True)
    for name in ("Miriam Halden", "Tomás Ferreira-Lind", "Aiko Tanaka", "Noah Brenner"):
        assert name in text
    assert "Assistant Professor, University of Eastbrook" in text  # an alumna's "now"
    out = Path(app.outdir)
    members = yaml.safe_load((app.srcdir / "people.yaml").read_text())["people"]
    assert all((out / "people" / f"{m['id']}.html").is_file() for m in members)
    assert len(list((out / "papers").glob("*.html"))) >= 60
    # a bib spelling with initials and without the hyphen links to the member's page
    publist = html(app, "publications")
    assert publist.select(".sp-member")
    assert publist.select_one('a[href="https://okafor.example.org"]')  # a known coauthor
    assert html(app, "collaborators").select("table tr")


def test_example_lab_files_are_fictional() -> None:
    """Every DOI of the example lab is on the DOI test prefix: none can name a real paper."""
    bib = (REPO / "example_lab" / "publications.bib").read_text(encoding="utf-8")
    dois = [line.split("{", 1)[1].rstrip("},") for line in bib.splitlines() if "doi =" in line]
    assert len(dois) >= 50
    assert all(doi.startswith("10.5555/") for doi in dois)
    assert bib.count("\n@") >= 60
