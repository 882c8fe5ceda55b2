"""``sphinx-profile quickstart`` and ``check``, driven through ``main([...])``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from sphinx_profile.cli import main
from sphinx_profile.data.bib import parse_bib

from .conftest import html, realworld

DATA = Path(__file__).parent / "data"
FILES = {
    "conf.py",
    "index.md",
    "publications.md",
    "cv.md",
    "profile.yaml",
    "publications.bib",
    ".readthedocs.yaml",
    "requirements.txt",
    "Makefile",
    ".gitignore",
    ".github",
}
ADA = ["--no-input", "--name", "Ada Quantum", "--position", "Assistant Professor"]


def quickstart(tmp_path: Path, *args: str) -> Path:
    site = tmp_path / "site"
    assert main(["quickstart", str(site), *args]) == 0
    return site


def profile(site: Path) -> dict:
    return yaml.safe_load((site / "profile.yaml").read_text(encoding="utf-8"))


# quickstart ---------------------------------------------------------------------------


def test_quickstart_writes_a_complete_site(tmp_path: Path, capsys) -> None:
    site = quickstart(tmp_path, *ADA, "--affiliation", "Example U", "--email", "ada@example.edu")
    assert {path.name for path in site.iterdir()} == FILES
    data = profile(site)
    assert data["basics"] == {
        "name": "Ada Quantum",
        "label": "Assistant Professor",
        "affiliation": "Example U",
        "email": "ada@example.edu",
    }
    assert {"news", "education", "work"} <= set(data)
    text = (site / "profile.yaml").read_text()
    for section in ("awards", "grants", "talks", "teaching", "service", "skills", "references"):
        assert f"# {section}:" in text  # a commented example of every other section
    conf = (site / "conf.py").read_text()
    assert "project = 'Ada Quantum'" in conf
    assert 'profile_bibfiles = ["publications.bib"]' in conf
    assert "{publist}" in (site / "index.md").read_text()
    assert "sphinx-profile check" in (site / "Makefile").read_text()
    assert "requirements: requirements.txt" in (site / ".readthedocs.yaml").read_text()
    assert "Quantum, Ada" in (site / "publications.bib").read_text()
    out = capsys.readouterr()
    assert "Next steps" in out.out
    assert "Allow GitHub Actions to create and approve pull requests" in out.out
    assert "warning" not in out.err  # the new site passes check


def test_quickstart_refuses_to_overwrite_unless_forced(tmp_path: Path, capsys) -> None:
    site = quickstart(tmp_path, *ADA)
    (site / "profile.yaml").write_text("basics: {name: Mine}\n")
    assert main(["quickstart", str(site), *ADA]) == 2
    assert "use --force" in capsys.readouterr().err
    assert (site / "profile.yaml").read_text() == "basics: {name: Mine}\n"
    assert main(["quickstart", str(site), *ADA, "--force"]) == 0
    assert profile(site)["basics"]["name"] == "Ada Quantum"


def test_quickstart_asks_what_it_was_not_told(tmp_path: Path, monkeypatch) -> None:
    answers = iter(["Grace Hopper", "Rear Admiral", "", "grace@example.org", ""])
    questions: list[str] = []

    def fake_input(prompt: str) -> str:
        questions.append(prompt)
        return next(answers)

    monkeypatch.setattr("builtins.input", fake_input)
    site = quickstart(tmp_path, "--theme", "furo")
    assert [q.split()[0].rstrip(":") for q in questions] == [
        "Your",
        "Position",
        "Affiliation",
        "Email",
        "Public",
    ]
    assert profile(site)["basics"] == {
        "name": "Grace Hopper",
        "label": "Rear Admiral",
        "email": "grace@example.org",
    }
    assert "furo" in (site / "requirements.txt").read_text().split()
    assert "html_theme = 'furo'" in (site / "conf.py").read_text()


def test_quickstart_asks_for_the_name_until_it_has_one(tmp_path: Path, monkeypatch) -> None:
    answers = iter(["", "  ", "Grace Hopper", "", "", "", ""])
    questions: list[str] = []

    def fake_input(prompt: str) -> str:
        questions.append(prompt)
        return next(answers)

    monkeypatch.setattr("builtins.input", fake_input)
    site = quickstart(tmp_path)
    assert questions[:3] == ["Your name: "] * 3
    assert profile(site)["basics"] == {"name": "Grace Hopper"}


def test_quickstart_at_the_end_of_input_exits_with_a_message(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """stdin closed (``< /dev/null``, a pipe that ran out): no traceback, nothing written."""

    def no_more_input(prompt: str) -> str:
        raise EOFError

    monkeypatch.setattr("builtins.input", no_more_input)
    assert main(["quickstart", str(tmp_path / "site")]) == 2
    assert "no answer (end of input)" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_quickstart_defaults_to_furo(tmp_path: Path) -> None:
    site = quickstart(tmp_path, *ADA)
    assert "html_theme = 'furo'" in (site / "conf.py").read_text()
    assert "furo" in (site / "requirements.txt").read_text().split()


def test_quickstart_needs_a_name(tmp_path: Path, capsys) -> None:
    assert main(["quickstart", str(tmp_path / "site"), "--no-input"]) == 2
    assert "a name is needed" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_python_dash_m_is_the_same_command() -> None:
    import runpy

    with pytest.raises(SystemExit) as exit_info:
        import sys

        argv, sys.argv = sys.argv, ["sphinx_profile", "--version"]
        try:
            runpy.run_module("sphinx_profile", run_name="__main__")
        finally:
            sys.argv = argv
    assert exit_info.value.code == 0


# importers ------------------------------------------------------------------------------


def test_json_resume_is_kept_unchanged(tmp_path: Path) -> None:
    source = realworld("jsonresume_sample.resume.json")
    site = quickstart(tmp_path, "--no-input", "--from", str(source))
    assert (site / "profile.json").read_bytes() == source.read_bytes()
    assert not (site / "profile.yaml").exists()
    assert "profile_data = 'profile.json'" in (site / "conf.py").read_text()
    cv = (site / "cv.md").read_text()
    assert "{experience}" in cv and "{cvsection} volunteer" in cv
    assert main(["check", str(site)]) == 0


def test_imported_site_has_no_made_up_papers_or_news(tmp_path: Path, make_app, capsys) -> None:
    """A site from the user's own data shows only that data: no example papers, and no
    headings over sections it has nothing for."""
    source = realworld("jsonresume_sample.resume.json")
    site = quickstart(tmp_path, "--no-input", "--from", str(source))
    out = capsys.readouterr().out
    assert "edit profile.json and publications.bib" in out  # the file it wrote
    assert "profile.yaml" not in out
    app = make_app("html", srcdir=site)
    app.build()
    assert app.warning.getvalue() == ""
    index = html(app, "index")
    headings = [h.get_text(strip=True).rstrip("¶") for h in index.select("h2")]
    assert headings == []  # no News, no empty Selected publications
    assert not html(app, "publications").select(".sp-entry")
    bib, problems = parse_bib(site / "publications.bib")
    assert not bib.entries and not problems


def test_json_resume_converted_to_yaml(tmp_path: Path, capsys) -> None:
    source = realworld("jsonresume_real_0xadada_resume.json")
    site = quickstart(
        tmp_path, "--no-input", "--from", str(source), "--yaml", "--position", "Researcher"
    )
    data = profile(site)
    assert data["basics"]["name"] == "Ron. Adams"
    assert data["basics"]["label"] == "Researcher"
    assert data["work"][0]["company"]  # pre-1.0 names stay; the schema understands them
    assert (
        "Imported from jsonresume_real_0xadada_resume.json" in (site / "profile.yaml").read_text()
    )
    assert "converted to profile.yaml" in capsys.readouterr().err


def test_academicpages_sections_are_mapped(tmp_path: Path, capsys) -> None:
    source = realworld("academicpages_cv.json")
    site = quickstart(tmp_path, "--no-input", "--from", str(source))
    data = profile(site)
    assert data["talks"][0] == {
        "title": "Talk 1 on Relevant Topic in Your Field",
        "event": "UC San Francisco, Department of Testing",
        "date": "2012-03-01",
        "location": "San Francisco, CA, USA",
    }
    assert data["projects"][0]["name"] == "Portfolio item number 1"
    assert data["teaching"][0]["terms"] == ["2014"]  # a course's date is its term
    # the HTML in its description is not carried over, and the user is told
    assert "portfolio[0]: left out description" in capsys.readouterr().err


def test_orcid_record(tmp_path: Path) -> None:
    site = quickstart(tmp_path, "--no-input", "--from-orcid", str(DATA / "orcid-record.json"))
    data = profile(site)
    assert data["basics"]["name"] == "Josiah S. Carberry"
    assert data["basics"]["orcid"] == "0000-0002-1825-0097"
    assert data["basics"]["aliases"] == ["Josiah Carberry", "J. S. Carberry"]
    assert data["education"] == [
        {
            "institution": "Brown University",
            "studyType": "PhD",
            "area": "Psychoceramics",
            "startDate": "1985-09-01",
            "endDate": "1990-06",
            "location": "Providence, RI, US",
        }
    ]
    assert data["work"][0]["position"] == "Professor, Department of Psychoceramics"
    assert [p["name"] for p in data["publications"]] == [
        "Toward a Unified Theory of High-Energy Metaphysics: Silly String Theory",
        "The Impact of Cracked Pots on Modern Society",
    ]
    assert data["publications"][0]["url"] == "https://doi.org/10.5555/12345678"
    assert data["grants"][0]["funder"] == "National Science Foundation"
    assert data["awards"][0]["title"] == "Fellow of the Society for Psychoceramics"
    assert main(["check", str(site)]) == 0
    # the same file is recognised by --from
    other = tmp_path / "other"
    assert (
        main(["quickstart", str(other), "--no-input", "--from", str(DATA / "orcid-record.json")])
        == 0
    )
    assert profile(other) == data


@pytest.mark.parametrize("name", ["hugoblox_academic-cv_me.yaml", "hugoblox_resume_me.yaml"])
def test_hugo_blox_author(tmp_path: Path, name: str) -> None:
    site = quickstart(tmp_path, "--no-input", "--from", str(realworld(name)))
    data = profile(site)
    assert data["basics"]["label"]
    assert data["education"][0]["institution"] == "Stanford University"
    assert data["work"][0]["position"]
    assert all("keywords" in group for group in data["skills"])
    assert main(["check", str(site)]) == 0


def test_hugo_blox_buttons_status_and_affiliation_link(tmp_path: Path, capsys) -> None:
    site = quickstart(
        tmp_path, "--no-input", "--from", str(realworld("hugoblox_academic-cv_me.yaml"))
    )
    data = profile(site)
    assert data["work"][0]["name"] == "Meta AI"
    assert data["work"][0]["url"] == "https://ai.meta.com/"  # the affiliation's link
    err = capsys.readouterr().err
    assert "education[0]: button 'Download dissertation' (/resume.pdf) left out" in err
    assert "status '☕️' (the avatar's emoji) left out" in err
    other = tmp_path / "resume"
    assert (
        main(
            [
                "quickstart",
                str(other),
                "--no-input",
                "--from",
                str(realworld("hugoblox_resume_me.yaml")),
            ]
        )
        == 0
    )
    assert profile(other)["education"][0]["summary"].endswith("[Read Thesis](https://example.com)")
    assert "name.pronunciation ('Chien Shiung Wu') left out" in capsys.readouterr().err


def test_hugo_blox_links_become_profiles(tmp_path: Path) -> None:
    site = quickstart(
        tmp_path, "--no-input", "--from", str(realworld("hugoblox_academic-cv_me.yaml"))
    )
    basics = profile(site)["basics"]
    assert basics["name"] == "Dr. Alex Johnson"
    assert basics["email"] == "alex.johnson@example.com"
    assert basics["affiliation"] == "Meta AI"
    assert basics["aliases"] == ["Alex Johnson"]
    assert [p["network"] for p in basics["profiles"]] == [
        "X",
        "GitHub",
        "LinkedIn",
        "Google Scholar",
        "ORCID",
    ]


def test_rendercv(tmp_path: Path, capsys) -> None:
    source = realworld("rendercv_John_Doe_ClassicTheme_CV.yaml")
    site = quickstart(tmp_path, "--no-input", "--from", str(source))
    data = profile(site)
    assert data["basics"]["name"] == "John Doe"
    assert data["work"][0] == {
        "startDate": "2023-06",
        "endDate": "present",
        "name": "Nexus AI",
        "position": "Co-Founder & CTO",
        "location": "San Francisco, CA",
        "highlights": data["work"][0]["highlights"],
    }
    assert data["awards"][0] == {"title": "MIT Technology Review 35 Under 35 Innovators (2024)"}
    assert data["skills"][0] == {
        "name": "Languages",
        "keywords": ["Python", "C++", "CUDA", "Rust", "Julia"],
    }
    assert data["publications"][0]["url"] == "https://doi.org/10.1234/neurips.2023.1234"
    # RenderCV marks the owner with Markdown emphasis; our author lists are plain text
    assert data["publications"][0]["authors"] == ["John Doe", "Sarah Williams", "David Park"]
    # a Markdown link as a name is the name and the entry's url
    assert data["projects"][0]["name"] == "FlashInfer"
    assert data["projects"][0]["url"] == "https://github.com/"
    # one date is the start and the end, not "2021 - present"
    assert data["projects"][1]["startDate"] == data["projects"][1]["endDate"] == "2021"
    err = capsys.readouterr().err
    assert "section 'Welcome to RenderCV' left out" in err
    assert "section 'patents' left out" in err
    assert main(["check", str(site)]) == 0


def test_bib_is_copied_and_names_the_owner(tmp_path: Path) -> None:
    source = realworld("alfolio-fork_willgearty_papers.bib")
    site = quickstart(tmp_path, "--no-input", "--bib", str(source))
    assert (site / "publications.bib").read_bytes() == source.read_bytes()
    assert profile(site)["basics"]["name"] == "William Gearty"  # not "Gearty*"
    assert ":filter: selected" in (site / "index.md").read_text()


def test_bib_without_selected_entries_shows_the_newest(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("builtins.input", lambda prompt: "")
    source = realworld("alfolio-fork_jishnujayakumar_papers.bib")
    site = quickstart(tmp_path, "--bib", str(source))
    assert profile(site)["basics"]["name"] == "Jishnu Jaykumar P"  # the default answer
    index = (site / "index.md").read_text()
    assert ":limit: 5" in index and ":filter:" not in index


def test_unrecognised_source(tmp_path: Path, capsys) -> None:
    source = tmp_path / "notes.yaml"
    source.write_text("shopping: [milk]\n")
    assert main(["quickstart", str(tmp_path / "site"), *ADA, "--from", str(source)]) == 2
    assert "cannot tell the format" in capsys.readouterr().err


# check --------------------------------------------------------------------------------


def test_check_reports_located_problems(tmp_path: Path, capsys) -> None:
    site = quickstart(tmp_path, *ADA)
    capsys.readouterr()
    (site / "profile.yaml").write_text(
        "basics:\n  name: Ada\n  emial: ada@example.edu\nnews:\n  - date: someday\n    text: Hi\n"
    )
    (site / "publications.bib").write_text("@article{a,\n  title = {Broken\n  year = 2021,\n}\n")
    assert main(["check", str(site)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert f"{site / 'profile.yaml'}:3: unknown key 'emial'; did you mean 'email'?" in out
    assert any(line.startswith(f"{site / 'profile.yaml'}:5: news[0].date") for line in out)
    assert any(
        line.startswith(f"{site / 'publications.bib'}:1: BibTeX syntax error: entry 'a' is not")
        for line in out
    )


def test_check_json_format(tmp_path: Path, capsys) -> None:
    site = quickstart(tmp_path, *ADA)
    (site / "publications.bib").write_text(
        "@misc{a, title={A}, author={X}}\n@misc{b, title={B}, author={Y}}\n"
        "@misc{a, title={C}, author={Z}}\n"
    )
    capsys.readouterr()
    assert main(["check", str(site), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["files"] == [str(site / "profile.yaml"), str(site / "publications.bib")]
    assert report["problems"] == [
        {
            "file": str(site / "publications.bib"),
            "line": 3,
            "message": "duplicate key 'a' (first at line 1); skipped",
            "type": "profile.bib",
        }
    ]


def test_check_reads_conf_py(tmp_path: Path, capsys) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "data.toml").write_text('[basics]\nname = "Ada"\nnmae = "x"\n')
    (site / "conf.py").write_text(
        "extensions = ['sphinxcontrib.bibtex', 'sphinx_profile']\n"
        "profile_data = 'data.toml'\n"
        "bibtex_bibfiles = ['missing.bib']\n"
        "profile_max_authors = 0\n"
        "profile_link_icons = {'mastodon': '<svg/>', 'bluesky': 'icons/bsky.svg'}\n"
    )
    assert main(["check", str(site)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{site / 'conf.py'}:4: profile_max_authors must be a positive whole number or None",
        f"{site / 'conf.py'}:3: bibtex_bibfiles names 'missing.bib', which does not exist",
        f"{site / 'conf.py'}:5: profile_link_icons: the icon for 'bluesky',"
        " 'icons/bsky.svg', does not exist",
        f"{site / 'data.toml'}:3: unknown key 'nmae'; did you mean 'name'?",
    ]


def test_check_single_files_and_non_sites(tmp_path: Path, capsys) -> None:
    assert main(["check", str(realworld("jsonresume_sample.resume.json"))]) == 0
    assert main(["check", str(tmp_path)]) == 1
    assert "no conf.py here" in capsys.readouterr().out


def test_check_a_real_file_not_in_utf8(capsys) -> None:
    assert main(["check", str(realworld("large_lsst-texmf_gaia_livelink_valid.bib"))]) == 1
    assert "not valid UTF-8" in capsys.readouterr().out


def test_check_reports_what_the_build_reports(tmp_path: Path, make_app, capsys) -> None:
    """check and the build share one BibTeX parser: same problems, same lines."""
    site = quickstart(tmp_path, *ADA)
    (site / "publications.bib").write_text(
        "@misc{a, title={A}, author={X}, journal = jmlr, year = 2020}\n"
        "@misc{a, title={Again}}\n"
        "@misc{b, title={B}}\n"
        "@misc{c, title={C}, author={Y} year = 2021}\n"
    )
    capsys.readouterr()
    assert main(["check", str(site)]) == 1
    checked = capsys.readouterr().out.splitlines()
    assert checked == [
        f"{site / 'publications.bib'}:1: BibTeX undefined string: jmlr",
        f"{site / 'publications.bib'}:2: duplicate key 'a' (first at line 1); skipped",
        f"{site / 'publications.bib'}:3: b: no author or editor; shown without names",
        f"{site / 'publications.bib'}:4: BibTeX syntax error: '}}' expected",
    ]
    app = make_app("html", srcdir=site)
    app.build()
    warnings = app.warning.getvalue()
    for line in checked:
        where, message = line.split(": ", 1)
        assert f"{where}: WARNING: {message} [profile.bib]" in warnings


def test_check_survives_a_broken_conf_py(tmp_path: Path, capsys) -> None:
    (tmp_path / "conf.py").write_text("extensions = [\n")
    assert main(["check", str(tmp_path)]) == 1
    assert f"{tmp_path / 'conf.py'}" in capsys.readouterr().out


# the generated site builds ---------------------------------------------------------------


def test_quickstart_output_builds_cleanly_and_after_a_first_edit(tmp_path: Path, make_app) -> None:
    """The promise of the tutorial: no warnings now, and none after the usual first edits."""
    site = quickstart(tmp_path, *ADA, "--affiliation", "Example U")
    app = make_app("html", srcdir=site)
    app.build()
    assert app.warning.getvalue() == ""
    index = html(app, "index")
    # the name once in the page: the heading stands in for the card's name
    assert [h1.get_text(strip=True) for h1 in index.select("h1")] == ["Ada Quantum¶"]
    assert index.select_one(".sp-profile") and not index.select_one(".sp-name")
    assert index.select_one(".sidebar-brand-text").get_text(strip=True) == "Ada Quantum"
    # the selected list has no year headings
    assert not index.select_one("#selected-publications .sp-publist-group")
    assert "Learning from Examples" in index.get_text()
    assert "A Longer Study of Examples" in html(app, "publications").get_text()
    assert "University of Example" in html(app, "cv").get_text()

    # first edits: uncomment a section, add news, add a BibTeX entry
    text = (site / "profile.yaml").read_text()
    text = text.replace(
        "# awards:\n#   - title: Best Paper Award\n", "awards:\n  - title: Best Paper Award\n"
    )
    text = text.replace(
        "#     awarder: Example Conference\n#     date: 2023-07\n",
        "    awarder: Example Conference\n    date: 2023-07\n",
    )
    text = text.replace(
        "news:\n",
        "news:\n  - date: 2026-02\n    text: We moved to a new [lab](https://example.org).\n",
        1,
    )
    (site / "profile.yaml").write_text(text)
    with (site / "publications.bib").open("a") as bib:
        bib.write("\n@misc{new2026, title = {Brand New}, author = {Quantum, Ada}, year = {2026}}\n")
    (site / "cv.md").write_text((site / "cv.md").read_text() + "\n## Awards\n\n```{awards}\n```\n")
    assert main(["check", str(site)]) == 0
    app.build()  # incremental: the data files are dependencies of the pages
    assert app.warning.getvalue() == ""
    assert "Best Paper Award" in html(app, "cv").get_text()
    assert "Brand New" in html(app, "publications").get_text()
    assert html(app, "index").select_one('a[href="https://example.org"]').get_text() == "lab"


def test_check_with_a_relative_folder(tmp_path: Path, monkeypatch, capsys) -> None:
    quickstart(tmp_path, *ADA)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "site"]) == 0
    assert capsys.readouterr().err.endswith(
        f"0 problems in {Path('site', 'profile.yaml')}, {Path('site', 'publications.bib')}\n"
    )
