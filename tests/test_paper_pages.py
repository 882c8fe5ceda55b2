"""``profile_paper_pages``: a page per publication, for readers, Google Scholar and Zotero.

``tests/roots/test-paper-pages`` has a journal paper with a local preview and PDF, and
an entry whose title and URL attack the page. The tags are checked against Google
Scholar's inclusion guidelines (Highwire Press ``citation_*``, one ``citation_author``
per author in order, dates as ``YYYY/MM/DD`` or ``YYYY``) on real entries of each type
from biblatex's own examples.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from urllib.parse import parse_qs, quote, urljoin

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from sphinx.util.console import strip_colors

from sphinx_profile.papers.citation import paper_slug, quote_all
from sphinx_profile.papers.pages import (
    BODY,
    METATAGS,
    PAPERS_PER_PROCESS,
    SLUG,
    TITLE,
    PaperWriter,
    processes,
)

from .conftest import build, copy_root, realworld

BASE = "https://ada.example.org/"
ODD = "smith:2023/odd"
ODD_SLUG = paper_slug(ODD)
NO_BASE = "html_baseurl is not set, so paper pages leave out citation_pdf_url"


def site(tmp_path: Path) -> Path:
    return copy_root(tmp_path, "paper-pages")


def page(outdir: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((outdir / path).read_text(encoding="utf-8"), "html.parser")


def citation_tags(soup: BeautifulSoup) -> list[tuple[str, str]]:
    return [
        (tag["name"], tag["content"])
        for tag in soup.select('meta[name^="citation_"]')
        if tag.parent.name == "head"
    ]


def resolve(outdir: Path, page_path: str, href: str) -> Path:
    """The output file a link on ``page_path`` points to."""
    target = urljoin(f"file:///{page_path}", href.split("#")[0]).removeprefix("file:///")
    path = outdir / target
    return path / "index.html" if target.endswith("/") or path.is_dir() else path


# ---- slugs --------------------------------------------------------------------------


def test_slugs_are_safe_stable_and_distinct() -> None:
    assert paper_slug("wang2024journal") == "wang2024journal"
    assert paper_slug("Wang_2024.v2-b") == "Wang_2024.v2-b"
    # documented: the safe characters, then 8 hex digits of the key's SHA-1
    assert paper_slug("smith:2023/odd") == "smith-2023-odd-e9321854"
    assert paper_slug("smith:2020") != paper_slug("smith/2020")
    assert paper_slug("Müller2020").startswith("M-ller2020-")
    assert paper_slug("../etc") == "etc-" + paper_slug("../etc")[-8:]
    assert paper_slug("ünï") == paper_slug("ünï") and "/" not in paper_slug("a/../b")


# ---- the page -----------------------------------------------------------------------


def test_each_listed_entry_gets_a_page_linked_both_ways(make_app, tmp_path: Path) -> None:
    app, warnings = build(make_app, site(tmp_path), html_baseurl=BASE)
    outdir = Path(app.outdir)
    # the one warning: the hostile entry's URL, when the file is read
    [warning] = warnings.splitlines()
    assert "refusing unsafe URL 'javascript:alert(1)'" in warning
    listing = page(outdir, "pubs.html")
    links = {
        li["id"]: li.select_one("a.sp-paper-link")["href"] for li in listing.select("li.sp-entry")
    }
    assert links == {
        "wang2024journal": "papers/wang2024journal.html",
        ODD: f"papers/{ODD_SLUG}.html",
        "marsh.2019": "papers/marsh.2019.html",
    }
    for href in links.values():
        assert resolve(outdir, "pubs.html", href).is_file()
    paper = page(outdir, "papers/wang2024journal.html")
    back = paper.select_one("p.sp-paper-back a")["href"]
    assert back == "../pubs.html#wang2024journal"
    assert resolve(outdir, "papers/wang2024journal.html", back) == outdir / "pubs.html"
    # a dot in a key is kept: the downloads are named after the whole key
    dotted = page(outdir, "papers/marsh.2019.html")
    hrefs = [a["href"] for a in dotted.select(".sp-paper-downloads a")]
    assert hrefs == ["marsh.2019.bib", "marsh.2019.ris"]
    assert (
        (outdir / "papers/marsh.2019.bib")
        .read_text(encoding="utf-8")
        .startswith("@techreport{marsh.2019,")
    )


def test_the_page_shows_the_whole_entry(make_app, tmp_path: Path) -> None:
    app, _ = build(make_app, site(tmp_path), html_baseurl=BASE)
    outdir = Path(app.outdir)
    here = "papers/wang2024journal.html"
    paper = page(outdir, here)
    body = paper.select_one(".sp-paper")
    assert paper.title.get_text().startswith("Flows for Bayesian Inverse Problems")
    assert body.h1.get_text() == "Flows for Bayesian Inverse Problems"
    # the site's layout: the theme's page with its sidebar and search
    assert paper.select_one(".sphinxsidebar") is not None
    entry = body.select_one("li.sp-entry")
    assert entry.select_one(".sp-abbr").get_text() == "JEx"
    assert entry.select_one(".sp-owner").get_text() == "Mingze Wang"
    assert [a.get_text() for a in entry.select(".sp-author")] == ["Jörg Müller", "Xiaoyu Li"]
    assert "Journal of Examples, 12(3), 101–117" in entry.select_one(".sp-venue").get_text()
    assert "Invited" in entry.select_one(".sp-venue").get_text()
    assert entry.select_one(".sp-award").get_text() == "Best Paper"
    assert resolve(outdir, here, entry.select_one("img.sp-preview")["src"]).is_file()
    assert resolve(outdir, here, entry.select_one("a.sp-pdf")["href"]).is_file()
    assert entry.select_one("a.sp-doi")["href"] == "https://doi.org/10.1000/xyz123"
    abstract = entry.select_one("details.sp-abstract")
    assert abstract.has_attr("open") and "flows solve" in abstract.get_text()
    bibtex = entry.select_one("details.sp-bibtex")
    assert bibtex.pre.get_text().startswith("@article{wang2024journal,")
    assert bibtex.select_one("button.sp-copy") is not None
    assert body.select_one(".sp-cite-as").get_text() == (
        "Cite as: Mingze Wang, Jörg Müller, and Xiaoyu Li. Flows for Bayesian Inverse"
        " Problems. Journal of Examples, 12(3), 101–117, 2024."
    )
    downloads = {a.get_text(): a["href"] for a in body.select(".sp-paper-downloads a")}
    assert downloads == {
        "BibTeX (.bib)": "wang2024journal.bib",
        "RIS (.ris)": "wang2024journal.ris",
    }
    bib = resolve(outdir, here, downloads["BibTeX (.bib)"]).read_text(encoding="utf-8")
    assert bib == bibtex.pre.get_text() + "\n"
    ris = resolve(outdir, here, downloads["RIS (.ris)"]).read_text(encoding="utf-8")
    assert ris.splitlines() == [
        "TY  - JOUR",
        "TI  - Flows for Bayesian Inverse Problems",
        "AU  - Wang, Mingze",
        "AU  - Müller, Jörg",
        "AU  - Li, Xiaoyu",
        "PY  - 2024",
        "DA  - 2024",
        "T2  - Journal of Examples",
        "VL  - 12",
        "IS  - 3",
        "SP  - 101",
        "EP  - 117",
        "DO  - 10.1000/xyz123",
        "AB  - We show that flows solve inverse problems.",
        "ER  - ",
    ]


def test_head_has_highwire_tags_jsonld_open_graph_and_coins(make_app, tmp_path: Path) -> None:
    app, _ = build(make_app, site(tmp_path), html_baseurl=BASE)
    outdir = Path(app.outdir)
    paper = page(outdir, "papers/wang2024journal.html")
    pdf = paper.select_one("a.sp-pdf")["href"].removeprefix("../")
    assert citation_tags(paper) == [
        ("citation_title", "Flows for Bayesian Inverse Problems"),
        ("citation_author", "Wang, Mingze"),
        ("citation_author", "Müller, Jörg"),
        ("citation_author", "Li, Xiaoyu"),
        ("citation_publication_date", "2024"),
        ("citation_journal_title", "Journal of Examples"),
        ("citation_volume", "12"),
        ("citation_issue", "3"),
        ("citation_firstpage", "101"),
        ("citation_lastpage", "117"),
        ("citation_doi", "10.1000/xyz123"),
        ("citation_pdf_url", BASE + pdf),
    ]
    assert pdf.startswith("_downloads/") and (outdir / pdf).is_file()
    [article] = [json.loads(s.string) for s in paper.select('script[type="application/ld+json"]')]
    assert article == {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": "Flows for Bayesian Inverse Problems",
        "author": [
            {"@type": "Person", "name": "Mingze Wang"},
            {"@type": "Person", "name": "Jörg Müller"},
            {"@type": "Person", "name": "Xiaoyu Li"},
        ],
        "datePublished": "2024",
        "isPartOf": {"@type": "CreativeWork", "name": "Journal of Examples"},
        "url": BASE + "papers/wang2024journal.html",
        "sameAs": ["https://doi.org/10.1000/xyz123"],
        "description": "We show that flows solve inverse problems.",
    }
    og = {tag["property"]: tag["content"] for tag in paper.select('meta[property^="og:"]')}
    assert og == {
        "og:type": "article",
        "og:title": "Flows for Bayesian Inverse Problems",
        "og:description": "We show that flows solve inverse problems.",
        "og:url": BASE + "papers/wang2024journal.html",
    }
    [span] = paper.select("span.Z3988")
    assert parse_qs(span["title"]) == {
        "ctx_ver": ["Z39.88-2004"],
        "rft_val_fmt": ["info:ofi/fmt:kev:mtx:journal"],
        "rft.genre": ["article"],
        "rft.atitle": ["Flows for Bayesian Inverse Problems"],
        "rft.jtitle": ["Journal of Examples"],
        "rft.volume": ["12"],
        "rft.issue": ["3"],
        "rft.spage": ["101"],
        "rft.epage": ["117"],
        "rft.date": ["2024"],
        "rft.au": ["Mingze Wang", "Jörg Müller", "Xiaoyu Li"],
        "rft_id": ["info:doi/10.1000/xyz123"],
    }


def test_without_base_url_the_pdf_url_is_left_out_with_one_warning(
    make_app, tmp_path: Path
) -> None:
    srcdir = site(tmp_path)
    # a second entry with a local PDF: still one warning
    bib = srcdir / "refs.bib"
    bib.write_text(
        bib.read_text(encoding="utf-8")
        + "\n@article{two2020, title={Two}, author={Li, Xiaoyu}, journal={J}, year={2020},"
        " pdf={paper.pdf}}\n",
        encoding="utf-8",
    )
    app, warnings = build(make_app, srcdir)
    assert warnings.count(NO_BASE) == 1
    assert "conf.py:4: WARNING" in warnings and "[profile.baseurl]" in warnings
    for slug in ("wang2024journal", "two2020"):
        tags = dict(citation_tags(page(Path(app.outdir), f"papers/{slug}.html")))
        assert "citation_pdf_url" not in tags and tags["citation_title"]


def test_hostile_entry_stays_escaped(make_app, tmp_path: Path) -> None:
    app, _ = build(make_app, site(tmp_path), html_baseurl=BASE)
    raw = (Path(app.outdir) / f"papers/{ODD_SLUG}.html").read_text(encoding="utf-8")
    assert "<script>alert" not in raw and "</title><script>" not in raw
    soup = BeautifulSoup(raw, "html.parser")
    # the URL is no link anywhere (the BibTeX block shows it as text)
    assert not [
        tag for tag in soup.find_all(True) if "javascript" in f"{tag.get('href')}{tag.get('src')}"
    ]
    assert "javascript:" not in raw.split("<pre>")[0]
    evil = "Evil </title><script>alert(1)</script> Title"
    assert soup.title.get_text().startswith(evil)
    assert soup.h1.get_text() == evil
    assert dict(citation_tags(soup))["citation_title"] == evil
    [article] = [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]
    assert article["headline"] == evil
    assert parse_qs(soup.select_one("span.Z3988")["title"])["rft.atitle"] == [evil]
    # the title is in no script that runs (the JSON-LD holds it as data)
    scripts = [s for s in soup.find_all("script") if s.get("type") != "application/ld+json"]
    assert not [script for script in scripts if "alert" in script.get_text()]


def test_dirhtml_pages_are_folders(make_app, tmp_path: Path) -> None:
    app, _ = build(make_app, site(tmp_path), "dirhtml", html_baseurl=BASE)
    outdir = Path(app.outdir)
    listing = page(outdir, "pubs/index.html")
    href = listing.select_one("#wang2024journal a.sp-paper-link")["href"]
    assert href == "../papers/wang2024journal/"
    here = "papers/wang2024journal/index.html"
    assert resolve(outdir, "pubs/index.html", href) == outdir / here
    paper = page(outdir, here)
    assert paper.select_one("p.sp-paper-back a")["href"] == "../../pubs/#wang2024journal"
    for link in paper.select(".sp-paper-downloads a"):
        assert resolve(outdir, here, link["href"]).is_file()
    assert resolve(outdir, here, paper.select_one("img.sp-preview")["src"]).is_file()
    assert resolve(outdir, here, paper.select_one("a.sp-pdf")["href"]).is_file()
    tags = dict(citation_tags(paper))
    assert tags["citation_pdf_url"].startswith(BASE + "_downloads/")
    og_url = paper.select_one('meta[property="og:url"]')["content"]
    assert og_url == BASE + "papers/wang2024journal/"


def test_rebuild_draws_only_the_pages_whose_parts_changed(make_app, tmp_path, monkeypatch) -> None:
    """A list page written again brings its paper pages, and only those made from
    something new are drawn: a changed entry, a page gone from the output, a new
    skeleton (the list's title is in every page's navigation)."""
    drawn: list[str] = []
    draw = PaperWriter.write

    def counting(self, slug: str, paper) -> None:
        drawn.append(slug)
        draw(self, slug, paper)

    monkeypatch.setattr(PaperWriter, "write", counting)
    srcdir = site(tmp_path)
    pubs, bib = srcdir / "pubs.rst", srcdir / "refs.bib"

    def rebuild_after(path: Path, old: str, new: str) -> list[str]:
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        drawn.clear()
        app, _ = build(make_app, srcdir, html_baseurl=BASE)
        assert "pubs" in strip_colors(app.status.getvalue()).split("writing output")[-1]
        return sorted(drawn)

    app, _ = build(make_app, srcdir, html_baseurl=BASE)
    slugs = sorted(drawn)
    assert len(slugs) == 3
    assert rebuild_after(pubs, ".. publist::", "More text.\n\n.. publist::") == []
    assert rebuild_after(bib, "Invited", "Keynote") == ["wang2024journal"]
    (Path(app.outdir) / "papers" / f"{slugs[0]}.ris").unlink()
    assert rebuild_after(pubs, "More text.", "Other text.") == [slugs[0]]
    assert (Path(app.outdir) / "papers" / f"{slugs[0]}.ris").is_file()
    assert rebuild_after(pubs, "Publications\n============", "Papers\n======") == slugs
    assert "Papers" in page(Path(app.outdir), f"papers/{slugs[1]}.html").get_text()


def test_parallel_build_writes_the_pages_a_serial_build_writes(make_app, tmp_path) -> None:
    """Under ``-j 2`` the papers are shared between two processes (enough of them for
    two shares), and every file is the serial build's, byte for byte; the warning about
    a local PDF without a base URL is given once, by the process that forks."""
    entries = "".join(
        f"@article{{many{n}, title={{Paper {n}}}, author={{Li, Xiaoyu}}, journal={{J}},"
        f" year={{{2000 + n % 20}}}}}\n"
        for n in range(2 * PAPERS_PER_PROCESS)
    )
    files = {}
    for parallel in (0, 2):
        srcdir = site(tmp_path / f"j{parallel}")
        bib = srcdir / "refs.bib"
        bib.write_text(bib.read_text(encoding="utf-8") + entries, encoding="utf-8")
        app = make_app("html", srcdir=srcdir, parallel=parallel)
        app.build()
        assert strip_colors(app.warning.getvalue()).count(NO_BASE) == 1
        papers = Path(app.outdir, "papers")
        files[parallel] = {path.name: path.read_bytes() for path in papers.iterdir()}
        assert processes(app, 2 * PAPERS_PER_PROCESS) == max(parallel, 1)
    assert len(files[0]) == 3 * (2 * PAPERS_PER_PROCESS + 3)
    assert files[2] == files[0]


@pytest.mark.parametrize("builder", ["latex", "text", "singlehtml"])
def test_other_builders_ignore_the_pages(make_app, tmp_path: Path, builder: str) -> None:
    app, warnings = build(make_app, site(tmp_path), builder)
    outdir = Path(app.outdir)
    assert not (outdir / "papers").exists()
    assert NO_BASE not in warnings
    text = "".join(
        p.read_text(encoding="utf-8")
        for p in outdir.rglob("*.*")
        if p.suffix in {".tex", ".txt", ".html"}
    )
    assert "Flows for Bayesian Inverse Problems" in text
    assert "papers/" not in text and "sp-paper-link" not in text


def test_off_by_default(make_app, tmp_path: Path) -> None:
    srcdir = site(tmp_path)
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8").replace("profile_paper_pages", "#"), "utf-8")
    app, _ = build(make_app, srcdir)
    outdir = Path(app.outdir)
    assert not (outdir / "papers").exists()
    assert page(outdir, "pubs.html").select("a.sp-paper-link") == []


def test_rebuild_after_an_unrelated_edit_rewrites_no_paper_page(make_app, tmp_path) -> None:
    srcdir = site(tmp_path)
    app, _ = build(make_app, srcdir, html_baseurl=BASE)
    papers = sorted((Path(app.outdir) / "papers").iterdir())
    assert len(papers) == 9  # three pages, their .bib and .ris

    def age_outputs() -> None:
        for path in papers:
            os.utime(path, (1_000_000_000, 1_000_000_000))

    def rewritten() -> list[str]:
        return [path.name for path in papers if path.stat().st_mtime != 1_000_000_000]

    age_outputs()
    other = srcdir / "other.rst"
    other.write_text(other.read_text(encoding="utf-8") + "\nMore text.\n", encoding="utf-8")
    again, _ = build(make_app, srcdir, html_baseurl=BASE)
    assert "other" in strip_colors(again.status.getvalue()).split("writing output")[-1]
    assert rewritten() == []
    # the control: a changed entry is written again (its page and its .bib; the pages of
    # the other entries of its list, and its .ris, stayed the same and keep their time)
    bib = srcdir / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("Invited", "Keynote"), "utf-8")
    build(make_app, srcdir, html_baseurl=BASE)
    assert sorted(rewritten()) == ["wang2024journal.bib", "wang2024journal.html"]


@pytest.mark.parametrize("builder", ["html", "dirhtml"])
def test_list_page_written_again_rewrites_no_paper_page(make_app, tmp_path, builder) -> None:
    """Writing the list page writes its paper pages' HTML again, from one rendering of
    the theme; a page whose HTML came out the same is not rewritten (nor, under
    ``dirhtml``, a page in a folder of its own)."""
    srcdir = site(tmp_path)
    app, _ = build(make_app, srcdir, builder, html_baseurl=BASE)
    papers = sorted(path for path in (Path(app.outdir) / "papers").rglob("*") if path.is_file())
    assert len(papers) == 9  # three pages, their .bib and .ris
    for path in papers:
        os.utime(path, (1_000_000_000, 1_000_000_000))
    pubs = srcdir / "pubs.rst"
    pubs.write_text(pubs.read_text(encoding="utf-8") + "\nMore text.\n", encoding="utf-8")
    again, _ = build(make_app, srcdir, builder, html_baseurl=BASE)
    assert "pubs" in strip_colors(again.status.getvalue()).split("writing output")[-1]
    assert [path.name for path in papers if path.stat().st_mtime != 1_000_000_000] == []
    # the control: a file that is gone is written again when the list page is
    papers[0].unlink()
    pubs.write_text(pubs.read_text(encoding="utf-8") + "\nAnd more.\n", encoding="utf-8")
    build(make_app, srcdir, builder, html_baseurl=BASE)
    assert papers[0].is_file()


def test_the_skeleton_is_no_page_of_the_site(make_app, tmp_path) -> None:
    """The page the theme writes once for all paper pages leaves no file and no trace."""
    app, _ = build(make_app, site(tmp_path), html_baseurl=BASE)
    outdir = Path(app.outdir)
    assert sorted(path.name for path in (outdir / "papers").glob("*.html")) == sorted(
        [f"{ODD_SLUG}.html", "marsh.2019.html", "wang2024journal.html"]
    )
    for path in [*outdir.rglob("*.*"), *Path(app.doctreedir).rglob("*")]:
        assert SLUG not in path.name
        if path.suffix in {".html", ".xml", ".js", ".txt"}:
            text = path.read_text(encoding="utf-8")
            assert not [stand_in for stand_in in (SLUG, TITLE, BODY, METATAGS) if stand_in in text]


# ---- real entries of each type ------------------------------------------------------

REAL_KEYS = ("aksin", "moraux", "geer", "chiu", "baez/online")


def test_real_entries_of_each_type(make_app, tmp_path: Path) -> None:
    bib = realworld("biblatex-examples.bib")
    srcdir = site(tmp_path)
    shutil.copy(bib, srcdir / "examples.bib")
    (srcdir / "pubs.rst").write_text(
        "Publications\n============\n\n.. publist::\n   :bibfiles: examples.bib\n"
        f"   :keys: {' '.join(REAL_KEYS)}\n",
        encoding="utf-8",
    )
    app, _ = build(make_app, srcdir, html_baseurl=BASE)
    outdir = Path(app.outdir)
    tags = {key: citation_tags(page(outdir, f"papers/{paper_slug(key)}.html")) for key in REAL_KEYS}
    assert tags["aksin"] == [
        (
            "citation_title",
            "Effect of immobilization on catalytic characteristics of saturated Pd-N-heterocyclic"
            " carbenes in Mizoroki-Heck reactions",
        ),
        ("citation_author", "Aks\u0131n, Özge"),
        ("citation_author", "Türkmen, Hayati"),
        ("citation_author", "Artok, Levent"),
        ("citation_author", "Çetinkaya, Bekir"),
        ("citation_author", "Ni, Chaoying"),
        ("citation_author", "Büyükgüngör, Orhan"),
        ("citation_author", "Özkal, Erhan"),
        ("citation_publication_date", "2006"),
        ("citation_journal_title", "J. Organomet. Chem."),
        ("citation_volume", "691"),
        ("citation_issue", "13"),
        ("citation_firstpage", "3027"),
        ("citation_lastpage", "3036"),
    ]
    assert tags["moraux"] == [
        ("citation_title", "Le De Anima dans la tradition grècque"),
        ("citation_author", "Moraux, Paul"),
        ("citation_publication_date", "1979"),
        ("citation_conference_title", "Aristotle on Mind and the Senses"),
        ("citation_firstpage", "281"),
        ("citation_lastpage", "324"),
    ]
    assert tags["geer"] == [
        ("citation_title", "Earl, Saint, Bishop, Skald – and Music"),
        ("citation_author", "de Geer, Ingrid"),
        ("citation_publication_date", "1985"),
        ("citation_dissertation_institution", "Uppsala Universitet"),
    ]
    assert tags["chiu"] == [
        (
            "citation_title",
            "A Hybrid Hierarchical Model of a Multiple Virtual Storage (MVS) Operating System",
        ),
        ("citation_author", "Chiu, Willy W."),
        ("citation_author", "Chow, We Min"),
        ("citation_publication_date", "1978"),
        ("citation_technical_report_institution", "IBM"),
        ("citation_technical_report_number", "RC-6947"),
    ]
    # an arXiv preprint: the full date, and its arXiv identifier
    assert tags["baez/online"] == [
        ("citation_title", "Higher-Dimensional Algebra V: 2-Groups"),
        ("citation_author", "Baez, John C."),
        ("citation_author", "Lauda, Aaron D."),
        ("citation_publication_date", "2004/10/27"),
        ("citation_arxiv_id", "math/0307200v3"),
    ]


def test_parallel_build_makes_the_same_pages(make_app, tmp_path: Path) -> None:
    serial, _ = build(make_app, site(tmp_path / "one"), html_baseurl=BASE)
    app = make_app(
        "html", srcdir=site(tmp_path / "two"), parallel=2, confoverrides={"html_baseurl": BASE}
    )
    app.build()
    for name in ("wang2024journal.html", f"{ODD_SLUG}.html", "wang2024journal.ris"):
        one = (Path(serial.outdir) / "papers" / name).read_text(encoding="utf-8")
        assert (Path(app.outdir) / "papers" / name).read_text(encoding="utf-8") == one


@given(st.text())
def test_coins_values_are_quoted_as_urllib_quotes_them(text: str) -> None:
    assert quote_all(text) == quote(text, safe="")
