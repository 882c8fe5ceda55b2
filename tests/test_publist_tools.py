"""publist ``:search:`` (the filter box) and ``:download:`` (the list as one ``.bib``),
read in the built pages; the box's behaviour in Chromium is in ``browser/test_search.py``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_colors

from .conftest import ROOTS, html, output_text

BIB = ROOTS / "test-publist" / "refs.bib"


def many(count: int) -> str:
    """``count`` small entries, one with keywords and a custom field."""
    return "".join(
        f"@article{{e{i}, title={{Paper {i}}}, author={{Ada Lovelace}}, journal={{J}},"
        f" year={2000 + i % 20}, keywords={{topic{i}}}, altmetric={{{i}}}}}\n"
        for i in range(count)
    )


def site(tmp_path: Path, body: str, *, myst: bool = False, bib: str = "", conf: str = "") -> Path:
    srcdir = tmp_path / "site"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        "extensions = ['myst_parser', 'sphinx_profile']\n"
        "myst_enable_extensions = ['colon_fence']\n"
        f"profile_bibfiles = ['refs.bib']\n{conf}"
    )
    if myst:
        (srcdir / "index.md").write_text(f"# Home\n\n{body}\n")
    else:
        (srcdir / "index.rst").write_text(f"Home\n====\n\n{body}\n")
    if bib:
        (srcdir / "refs.bib").write_text(bib)
    else:
        shutil.copy(BIB, srcdir / "refs.bib")
    return srcdir


def boxes(soup: BeautifulSoup) -> list[bool]:
    """Per publist on the page: whether it has the filter box."""
    return [bool(publist.select(":scope > .sp-search")) for publist in soup.select(".sp-publist")]


@pytest.mark.parametrize("myst", [False, True], ids=["rst", "myst"])
def test_search_box_is_labelled_hidden_and_announces(make_app, tmp_path: Path, myst: bool) -> None:
    body = "```{publist}\n:search:\n```\n" if myst else ".. publist::\n   :search:\n"
    app = make_app("html", srcdir=site(tmp_path, body, myst=myst))
    app.build()
    assert "profile.option" not in app.warning.getvalue()
    soup = html(app, "index")
    box = soup.select_one(".sp-publist > .sp-search")
    # hidden until the script runs it: without JavaScript the list is simply complete
    assert box.has_attr("hidden")
    field = box.select_one('input[type="search"]')
    label = box.select_one("label")
    assert label["for"] == field["id"] and label.get_text() == "Filter publications"
    status = box.select_one(".sp-search-status")
    assert (status["role"], status["aria-live"]) == ("status", "polite")
    assert box["data-status"] == "{shown} of {total} publications"
    # keywords are not shown, so the page gives them to the script, by entry id
    assert '"wang2024flows":"flows, inverse problems"' in box["data-keywords"]
    assert '"chen2023preprint":"llm; scaling"' in box["data-keywords"]
    # the box is the list's first child, before the first group heading
    assert "sp-publist-group" in box.find_next_sibling()["class"]
    assert not soup.select(".sp-download")


def test_search_comes_with_lists_of_more_than_20_entries(make_app, tmp_path: Path) -> None:
    body = (
        ".. publist::\n\n"  # 21 entries: the box
        ".. publist::\n   :limit: 20\n\n"  # 20: none
        ".. publist::\n   :search: off\n\n"
        ".. publist::\n   :search: on\n   :limit: 2\n\n"
        ".. publist::\n   :filter: year < 2001\n"  # 2 entries after the filter
    )
    app = make_app("html", srcdir=site(tmp_path, body, bib=many(21)))
    app.build()
    assert app.warning.getvalue() == ""
    soup = html(app, "index")
    assert boxes(soup) == [True, False, False, True, False]
    ids = [box["id"] for box in soup.select(".sp-search input")]
    assert ids == ["sp-search", "sp-search-2"]  # unique on the page


def test_bad_values_are_located_warnings_and_ignored(make_app, tmp_path: Path) -> None:
    body = (
        ".. publist::\n   :search: maybe\n\n"  # as if not given: 21 entries, the box
        ".. publist::\n   :search: no\n   :limit: 3\n\n"  # as if not given: no box
        ".. publist::\n   :download: yes please\n   :search: off\n"
    )
    app = make_app("html", srcdir=site(tmp_path, body, bib=many(21)))
    app.build()
    warnings = strip_colors(app.warning.getvalue())
    assert re.search(
        r"index\.rst:4: WARNING: publist: :search: must be on, off or empty, not 'maybe';"
        r" ignored \[profile\.option\]",
        warnings,
    )
    assert "index.rst:7: WARNING: publist: :search: must be on, off or empty, not 'no'" in warnings
    assert "index.rst:11: WARNING: publist: :download: must be on, off or empty" in warnings
    soup = html(app, "index")
    assert boxes(soup) == [True, False, False]
    assert not soup.select(".sp-download")


def test_defaults_in_conf_turn_search_off(make_app, tmp_path: Path) -> None:
    conf = "profile_publist_defaults = {'search': 'off', 'download': None}\n"
    body = ".. publist::\n\n.. publist::\n   :search:\n"
    app = make_app("html", srcdir=site(tmp_path, body, bib=many(30), conf=conf))
    app.build()
    assert app.warning.getvalue() == ""
    soup = html(app, "index")
    assert boxes(soup) == [False, True]
    assert len(soup.select(".sp-download")) == 2  # None in the defaults: the flag alone


def downloaded(app, soup: BeautifulSoup, page: Path) -> list[str]:
    """The text of each download link's file, found through its relative link."""
    texts = []
    for link in soup.select(".sp-publist > .sp-download a"):
        path = (page.parent / link["href"]).resolve()
        assert path.is_relative_to(Path(app.outdir).resolve())
        assert link["download"] == path.name
        texts.append(path.read_text(encoding="utf-8"))
    return texts


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
@pytest.mark.parametrize("myst", [False, True], ids=["rst", "myst"])
def test_download_is_exactly_the_entries_shown(
    make_app, tmp_path: Path, builder: str, myst: bool
) -> None:
    if myst:
        body = (
            ":::{publist}\n:download:\n:filter: year >= 2023\n:::\n\n"
            ":::{publist}\n:download:\n:keys: other2023, wang2021thesis\n:::\n"
        )
    else:
        body = (
            ".. publist::\n   :download:\n   :filter: year >= 2023\n\n"
            ".. publist::\n   :download:\n   :keys: other2023, wang2021thesis\n"
        )
    srcdir = site(tmp_path, body, myst=myst)
    (srcdir / "index.rst" if not myst else srcdir / "index.md").rename(
        srcdir / ("papers.md" if myst else "papers.rst")
    )
    (srcdir / "index.rst").write_text("Home\n====\n\n.. toctree::\n\n   papers\n")
    app = make_app(builder, srcdir=srcdir)
    app.build()
    page = Path(app.outdir) / ("papers/index.html" if builder == "dirhtml" else "papers.html")
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    first, second = downloaded(app, soup, page)
    keys = [re.findall(r"^@\w+\{([^,]+),", text, re.M) for text in (first, second)]
    shown = [
        [li["id"].removesuffix("-2") for li in publist.select("li.sp-entry")]
        for publist in soup.select(".sp-publist")
    ]
    assert keys == shown
    assert keys[1] == ["other2023", "wang2021thesis"]
    # each entry as its BibTeX block shows it: custom fields and author marks gone
    blocks = [
        pre.get_text() for pre in soup.select(".sp-publist")[0].select("details.sp-bibtex pre")
    ]
    assert first == "".join(f"{block}\n\n" for block in blocks)
    for custom in ("altmetric", "bibtex_show", "selected", "author+an", "abbr", "pdf"):
        assert f"{custom} =" not in first
    assert 'Wang, Mingze and M{\\"u}ller, J{\\"o}rg and Li, Xiaoyu' in first
    # one file per list, named after the page
    assert sorted(p.name for p in (Path(app.outdir) / "_downloads" / "publist").iterdir()) == [
        "papers-2.bib",
        "papers.bib",
    ]


def test_rebuild_keeps_an_unchanged_file(make_app, tmp_path: Path) -> None:
    srcdir = site(tmp_path, ".. publist::\n   :download:\n")
    app = make_app("html", srcdir=srcdir)
    app.build()
    target = Path(app.outdir) / "_downloads" / "publist" / "index.bib"
    stamp = target.stat().st_mtime_ns
    (srcdir / "index.rst").write_text("Home\n====\n\nNew text.\n\n.. publist::\n   :download:\n")
    app2 = make_app("html", srcdir=srcdir)
    app2.build()
    assert "New text." in (Path(app2.outdir) / "index.html").read_text()
    assert target.stat().st_mtime_ns == stamp
    (srcdir / "refs.bib").write_text("@misc{only, title={Only}, year=2020}\n")
    app3 = make_app("html", srcdir=srcdir)
    app3.build()
    assert target.read_text() == "@misc{only,\n  title = {Only},\n  year = {2020},\n}\n\n"


@pytest.mark.parametrize("builder", ["text", "latex", "man"])
def test_other_builders_show_neither(make_app, tmp_path: Path, builder: str) -> None:
    body = ".. publist::\n   :search:\n   :download:\n"
    app = make_app(builder, srcdir=site(tmp_path, body))
    app.build()
    text = output_text(builder, Path(app.outdir))
    assert "Normalizing Flows" in text
    for word in ("Filter publications", "Download as BibTeX", "{shown}"):
        assert word not in text
    assert not (Path(app.outdir) / "_downloads").exists()


def test_singlehtml_keeps_one_file_per_page(make_app, tmp_path: Path) -> None:
    """singlehtml writes both pages into one: their first lists still get a file each."""
    srcdir = site(
        tmp_path, ".. publist::\n   :download:\n   :keys: other2023\n\n.. toctree::\n\n   more\n"
    )
    (srcdir / "more.rst").write_text(
        "More\n====\n\n.. publist::\n   :download:\n   :keys: wang2021thesis\n"
    )
    app = make_app("singlehtml", srcdir=srcdir)
    app.build()
    page = Path(app.outdir) / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    files = downloaded(app, soup, page)
    assert [re.findall(r"^@\w+\{([^,]+),", text, re.M) for text in files] == [
        ["other2023"],
        ["wang2021thesis"],
    ]
