"""The CV section directives in rST and MyST: content, order, dates, options, warnings."""
# ruff: noqa: RUF001  (dashes and full-width punctuation are what readers see)

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_profile.directives.cv import collapse_terms

from .conftest import OTHER_BUILDERS, ROOTS, html, output_text


def entries(section) -> list[tuple[str, str]]:
    """(title, date) of each entry of a ``.sp-cv`` block."""
    return [
        (
            entry.select_one(".sp-cv-title").get_text(" ", strip=True),
            date.get_text(strip=True) if (date := entry.select_one(".sp-cv-date")) else "",
        )
        for entry in section.select(".sp-cv-entry")
    ]


def block(soup, key: str, which: int = 0):
    return soup.select(f".sp-cv.sp-cv-{key}")[which]


@pytest.mark.sphinx("html", testroot="cv")
def test_rst_sections(app: SphinxTestApp) -> None:
    app.build()
    soup = html(app, "index")
    education = block(soup, "education")
    assert entries(education) == [
        ("PhD in Computer Science", "Sep 2016 – Jun 2021"),
        ("BSc in Mathematics", "2016"),
    ]
    phd = education.select_one(".sp-cv-entry")
    assert phd.select_one(".sp-cv-sub").get_text() == "Example University, Springfield"
    assert phd.select_one(".sp-cv-sub a")["href"] == "https://example.edu"
    details = [p.get_text(" ", strip=True) for p in phd.select(".sp-cv-detail")]
    assert details == [
        "Advisor: Grace Hopper",
        "Thesis: Probabilistic programs",
        "Grade: summa cum laude",
    ]
    assert phd.select_one(".sp-cv-detail em").get_text() == "Probabilistic"
    highlight = phd.select_one("ul.sp-cv-highlights li")
    assert highlight.a["href"] == "https://prize.example.org"
    assert "Courses: Analysis, Algebra" in education.get_text(" ", strip=True)

    assert entries(block(soup, "work")) == [
        ("Assistant Professor", "Sep 2021 – present"),
        ("Research Intern", "Jun 2019 – Sep 2019"),
    ]
    intern = block(soup, "work").select(".sp-cv-entry")[1]
    assert intern.select_one(".sp-cv-sub").get_text() == "Big Lab, internship"
    assert [li.get_text() for li in intern.select("li")] == ["Built a compiler", "Wrote a paper"]
    assert block(soup, "work").select_one("em").get_text() == "Quantum"

    awards = block(soup, "awards")
    assert entries(awards) == [("Best Paper Award", "Jul 2023"), ("Fellowship", "2018")]
    assert awards.select_one(".sp-cv-sub").get_text() == "ICML, $1,000, top 0.1%"

    service = block(soup, "service")
    assert [h.get_text() for h in service.select(".sp-cv-group")] == ["Conference", "Journal"]
    assert entries(service) == [
        ("Reviewer : NeurIPS, ICML", "2019 – present"),
        ("Area Chair : ICLR", "2023 – 2024"),
        ("Reviewer : JMLR", "2020 – present"),
    ]

    teaching = block(soup, "teaching")
    assert entries(teaching) == [
        ("CS 101 Intro to Programming", "Fall 2022, 2023, 2024; Spring 2023"),
        ("Machine Learning", "Spring 2018"),
    ]

    talks = block(soup, "talks")
    assert entries(talks)[0] == ("Emulators you can trust", "Mar 2024")
    links = {a.get_text(): a["href"] for a in talks.select(".sp-cv-links a")}
    assert links == {
        "Slides": "https://example.org/slides.pdf",
        "Video": "https://example.org/video",
    }

    news = block(soup, "news")
    assert [date for _title, date in entries(news)] == [
        "Sep 2024",
        "Jun 2024",
        "May 2024",
        "Apr 2024",
        "Mar 2024",
    ], "news shows the latest five by default"
    assert news.select_one(".sp-cv-title em").get_text() == "NeurIPS"

    assert entries(block(soup, "grants")) == [("Trustworthy emulators", "Jan 2022 – Dec 2025")]
    assert entries(block(soup, "skills")) == [("Machine learning (Advanced): PyTorch, JAX", "")]
    assert entries(block(soup, "languages")) == [("German (Native)", ""), ("English (Fluent)", "")]


@pytest.mark.sphinx("html", testroot="cv")
def test_myst_sections_and_options(app: SphinxTestApp) -> None:
    app.build()
    soup = html(app, "myst")
    # :fields: keeps the chosen fields only: no advisor, no grade, no url
    education = block(soup, "education")
    assert [p.get_text(" ", strip=True) for p in education.select(".sp-cv-detail")] == [
        "Thesis: Probabilistic programs"
    ]
    assert not education.select("a")
    # colon fence, :sort: date (oldest first)
    assert [t for t, _d in entries(block(soup, "work"))] == [
        "Research Intern",
        "Assistant Professor",
    ]
    assert len(block(soup, "news").select(".sp-cv-entry")) == 2
    assert entries(block(soup, "awards")) == [("Best Paper Award", "Jul 2023")]
    # cvsection on a key with its own layout uses it
    assert entries(block(soup, "work", 1)) == [("Assistant Professor", "Sep 2021 – present")]
    # :data: another file; its summary is MyST on a MyST page
    other = block(soup, "work", 2)
    assert entries(other) == [("Visiting Researcher", "2020")]
    assert other.select_one("a")["href"] == "https://lab.example.org"
    assert other.find("strong", string="more")


@pytest.mark.sphinx("html", testroot="cv", freshenv=True)
def test_options_and_their_warnings(app: SphinxTestApp) -> None:
    app.build()
    soup = html(app, "options")
    awards_by_date, bad_awards = soup.select(".sp-cv-awards")
    assert [t for t, _d in entries(awards_by_date)] == ["Fellowship", "Best Paper Award"]
    # :sort: none keeps the file order
    assert [t for t, _d in entries(block(soup, "talks"))] == [
        "Emulators you can trust",
        "Early talk",
    ]
    # :filter: on a text field: one group left
    service = block(soup, "service")
    assert [h.get_text() for h in service.select(".sp-cv-group")] == ["Journal"]
    # a bad filter shows every entry and warns
    assert len(block(soup, "work").select(".sp-cv-entry")) == 2
    # :fields: without dates hides the date; bad :sort:/:limit: fall back to defaults
    assert entries(bad_awards) == [("Best Paper Award", ""), ("Fellowship", "")]
    # :limit: above the default, :filter: with year and a regular expression
    assert [t for t, _d in entries(block(soup, "news"))] == [
        "News six.",
        "News five.",
        "News four.",
        "News three.",
        "News two.",
        "News one.",
    ]
    warnings = app.warning.getvalue()
    expected = [
        (13, "experience: bad :filter: (syntax error in filter"),
        (16, "awards: unknown field 'nonsense' in :fields:"),
        (16, "awards: :sort: must be one of date-desc, date, none, not 'sideways'"),
        (16, "awards: :limit: must be a positive whole number, not '-1'"),
        (21, "cvsection: 'hobbies' is not a list section of the profile file"),
    ]
    for line, message in expected:
        assert re.search(
            rf"options\.rst:{line}: WARNING: {re.escape(message)}.*\[profile\.option\]", warnings
        ), (line, message, warnings)
    assert len(warnings.strip().splitlines()) == len(expected)


@pytest.mark.sphinx(
    "html",
    testroot="cv",
    confoverrides={"profile_date_format": "%d.%m.%Y"},
)
def test_date_format_setting(app: SphinxTestApp) -> None:
    app.build()
    soup = html(app, "index")
    assert entries(block(soup, "talks"))[0][1] == "12.03.2024"
    assert entries(block(soup, "education"))[0][1] == "09.2016 – 06.2021"


@pytest.mark.parametrize(
    ("terms", "expected"),
    [
        (["Fall 2022", "Fall 2023", "Fall 2024"], "Fall 2022, 2023, 2024"),
        (["Fall 2024", "Spring 2023", "Fall 2022"], "Fall 2022, 2024; Spring 2023"),
        (["Winter term", "WS 2023/24"], "Winter term; WS 2023/24"),
        (["2021", "2022"], "2021, 2022"),
        (["Fall 2022", "Fall 2022"], "Fall 2022"),
        (["Fall, 2022", "Fall\t2023", "Fall2024"], "Fall 2022, 2023, 2024"),
        (["Week 12022"], "Week 1 2022"),
    ],
)
def test_collapse_terms(terms: list[str], expected: str) -> None:
    assert collapse_terms(terms) == expected


def test_collapse_terms_is_linear() -> None:
    """A long run of separators not ending in a year took the old regex minutes."""
    odd = "Fall" + " ," * 20_000 + "x"
    assert collapse_terms([odd, "Fall, 2024", "Fall" + " ," * 20_000 + "2025"]) == (
        f"{odd}; Fall 2024, 2025"
    )


@pytest.mark.sphinx("html", testroot="cv", confoverrides={"language": "zh_CN"})
def test_chinese_site(app: SphinxTestApp) -> None:
    app.build()
    soup = html(app, "index")
    assert entries(block(soup, "education"))[0] == (
        "PhD（Computer Science）",
        "2016年9月 – 2021年6月",
    )
    details = [p.get_text(" ", strip=True) for p in soup.select(".sp-cv-education .sp-cv-detail")]
    assert details[0] == "导师： Grace Hopper"
    assert entries(block(soup, "work"))[0][1] == "2021年9月 – 至今"
    assert [a.get_text() for a in soup.select(".sp-cv-talks .sp-cv-links a")] == ["幻灯片", "视频"]


@pytest.mark.sphinx("html", testroot="cv", confoverrides={"language": "de"})
def test_german_site(app: SphinxTestApp) -> None:
    app.build()
    soup = html(app, "index")
    assert entries(block(soup, "education"))[0] == (
        "PhD in Computer Science",
        "Sept. 2016 – Juni 2021",
    )
    details = [p.get_text(" ", strip=True) for p in soup.select(".sp-cv-education .sp-cv-detail")]
    assert details == [
        "Betreuung: Grace Hopper",
        "Abschlussarbeit: Probabilistic programs",
        "Note: summa cum laude",
        "Kurse: Analysis, Algebra",
    ]
    assert entries(block(soup, "work"))[0][1] == "Sept. 2021 – heute"
    assert [a.get_text() for a in soup.select(".sp-cv-talks .sp-cv-links a")] == ["Folien", "Video"]


@pytest.mark.parametrize("builder", OTHER_BUILDERS)
def test_every_builder_renders_the_cv(make_app, tmp_path: Path, builder: str) -> None:
    srcdir = tmp_path / "cv"
    shutil.copytree(ROOTS / "test-cv", srcdir)
    (srcdir / "options.rst").unlink()  # its warnings are tested above
    index = srcdir / "index.rst"
    index.write_text(index.read_text().replace("   options\n", ""))
    app = make_app(builder, srcdir=srcdir)
    app.build()
    assert app.warning.getvalue() == ""
    text = output_text(builder, Path(app.outdir))
    for expected in (
        "PhD in Computer Science",
        "Example University",
        "Grace Hopper",
        "Fall 2022, 2023, 2024; Spring 2023",
        "Best Paper Award",
        "Trustworthy emulators",
        "PyTorch, JAX",
        "present",
    ):
        assert expected in text, (builder, expected)
    if builder == "latex":
        assert r"\usepackage{sphinxprofile}" in text
        assert r"\DUrole{sp-cv-date}{Sep 2016 \textendash{} Jun 2021}" in text
        assert r"\begin{sphinxuseclass}{sp-cv-entry}" in text
        assert (Path(app.outdir) / "sphinxprofile.sty").exists()
    if builder in ("text", "man"):
        # without CSS the separator keeps title and date apart
        assert "Sep 2016 – Jun 2021" in text.replace("\\-", "-").replace("\\(en", "–")
    if builder == "man":
        # entries are paragraphs of their own, not run together
        assert ".sp\n\\fBBSc in Mathematics\\fP" in text


def test_example_site_cv_and_news(make_app, tmp_path: Path) -> None:
    from .test_sites import build_copy

    app = build_copy(make_app, tmp_path, "example_site")
    cv = html(app, "cv")
    keys = [next(c for c in box["class"] if c.startswith("sp-cv-")) for box in cv.select(".sp-cv")]
    assert keys == [
        "sp-cv-education",
        "sp-cv-work",
        "sp-cv-grants",
        "sp-cv-awards",
        "sp-cv-talks",
        "sp-cv-teaching",
        "sp-cv-service",
        "sp-cv-skills",
        "sp-cv-languages",
        "sp-cv-news",
    ]
    news = block(html(app, "index"), "news")
    assert len(news.select(".sp-cv-entry")) == 5
    assert entries(news)[0][1] == "Jan 2025"


def test_parallel_build_matches_serial(make_app, tmp_path: Path) -> None:
    pages = {}
    for parallel in (0, 2):
        srcdir = tmp_path / f"cv{parallel}"
        shutil.copytree(ROOTS / "test-cv", srcdir)
        app = make_app("html", srcdir=srcdir, parallel=parallel)
        app.build()
        pages[parallel] = [
            str(html(app, name).select_one("main, .body")) for name in ("index", "myst")
        ]
    assert pages[0] == pages[2]
