"""The ``publist`` directive and the ``:pub:`` role, built from a realistic BibTeX file."""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from .conftest import COPIES, OTHER_BUILDERS, ROOTS, html, output_text, realworld, realworld_files


def entries(soup, which=0):
    return [li["id"] for li in soup.select(".sp-publist")[which].select("li.sp-entry")]


@pytest.mark.sphinx("html", testroot="publist")
def test_numbering_groups_and_order(app: SphinxTestApp) -> None:
    app.build()
    soup = html(app, "index")
    publist = soup.select_one(".sp-publist")
    assert [r.get_text() for r in publist.select(".sp-publist-group")] == [
        "2024",
        "2023",
        "2022",
        "2021",
    ]
    lists = publist.select("ol.sp-publist-items")
    # reverse numbering continues across groups: 6 entries, newest is [6]
    assert [(ol.get("reversed"), ol["start"]) for ol in lists] == [
        ("reversed", "6"),
        ("reversed", "4"),
        ("reversed", "2"),
        ("reversed", "1"),
    ]
    # ties within a year keep the order of the .bib file
    assert entries(soup) == [
        "wang2024flows",
        "wang2024second",
        "chen2023preprint",
        "other2023",
        "big2022",
        "wang2021thesis",
    ]


@pytest.mark.sphinx("html", testroot="publist")
def test_entry_rendering(app: SphinxTestApp) -> None:
    app.build()
    entry = html(app, "index").select_one("#wang2024flows")
    title = entry.select_one(".sp-entry-title")
    assert title.select_one(".sp-abbr").get_text() == "NeurIPS"
    title_text = title.select_one(".sp-title").get_text()
    assert title_text == "Normalizing Flows for Bayesian Inverse Problems"
    authors = entry.select_one(".sp-authors")
    assert authors.get_text() == "Mingze Wang*, Jörg Müller*, and Xiaoyu Li†"
    assert [s.get_text() for s in authors.select("sup.sp-mark")] == ["*", "*", "†"]
    venue = entry.select_one(".sp-venue")
    assert venue.em.get_text() == "In Advances in Neural Information Processing Systems"
    assert "2024. Spotlight (top 3.5%)." in venue.get_text()
    assert venue.select_one(".sp-award").get_text() == "Best Paper"
    abstract = entry.select_one("details.sp-abstract")
    assert abstract.summary.get_text() == "Abstract"
    assert "flows – when trained well — solve" in abstract.get_text()
    # math too complex for Unicode text stays the LaTeX the author wrote
    assert abstract.select_one("span.sp-math").get_text() == r"$\mathcal{O}(n)$"
    bibtex = entry.select_one("details.sp-bibtex pre").get_text()
    assert bibtex.startswith("@inproceedings{wang2024flows,")
    assert 'author = {Wang, Mingze and M{\\"u}ller, J{\\"o}rg and Li, Xiaoyu}' in bibtex
    for custom in ("altmetric", "bibtex_show", "abbr", "selected", "author+an", "abstract"):
        assert custom not in bibtex
    assert entry.select_one("details.sp-bibtex button.sp-copy")
    # the legend explains the marks that appear in the list
    legend = html(app, "index").select_one(".sp-legend").get_text()
    assert "* equal contribution" in legend
    assert "† corresponding author" in legend
    # venues per type, pubstate, glued al-folio marks, "and others"
    soup = html(app, "index")
    assert soup.select_one("#wang2024second .sp-venue em").get_text() == (
        "Journal of Examples, 12(3), 1–10"
    )
    assert soup.select_one("#wang2021thesis .sp-venue em").get_text() == (
        "PhD thesis, Example University"
    )
    preprint = soup.select_one("#chen2023preprint")
    assert preprint.select_one(".sp-venue em").get_text() == "arXiv:2301.01234"
    assert preprint.select_one(".sp-pubstate").get_text() == "Preprint"
    assert preprint.select_one(".sp-authors").get_text() == (
        "Ada Chen*, Mingze Wang*, Luis García et al."
    )
    # simple math is Unicode text with <sup>/<sub>: no JavaScript, works offline
    title = soup.select_one("#other2023 .sp-title")
    assert title.get_text() == "Somebody Else's Work on x2"
    assert title.select_one("sup").get_text() == "2"
    assert not soup.select(".math")
    assert not soup.find("script", src=lambda s: s and "mathjax" in s)
    search = (Path(app.outdir) / "searchindex.js").read_text()
    assert "$x^2$" not in search


@pytest.mark.sphinx("html", testroot="publist")
def test_owner_highlight(app: SphinxTestApp) -> None:
    app.build()
    soup = html(app, "index")
    owners = [s.get_text() for s in soup.select(".sp-publist .sp-owner")]
    # "M. Wang" and "Wang, Mingze" are the owner; "Yuqing Wang" is not
    assert owners == ["Mingze Wang*", "M. Wang", "Mingze Wang*", "Mingze Wang", "Mingze Wang"]
    others = [s.get_text() for s in soup.select("#other2023 .sp-author")]
    assert others == ["Yuqing Wang", "Bob Stone"]


@pytest.mark.sphinx("html", testroot="publist", freshenv=True)
def test_links_and_url_safety(app: SphinxTestApp) -> None:
    app.build()
    soup = html(app, "index")

    def buttons(key):
        return {a.get_text(): a["href"] for a in soup.select(f"#{key} a.sp-button")}

    assert buttons("wang2024flows") == {
        "PDF": "https://example.org/flows.pdf",
        "Code": "https://github.com/example/flows",
    }
    assert buttons("wang2024second") == {"DOI": "https://doi.org/10.1000/xyz123"}
    # the javascript: URL is refused, with a warning at the entry's line
    assert buttons("chen2023preprint") == {"arXiv": "https://arxiv.org/abs/2301.01234"}
    assert 'href="javascript' not in (Path(app.outdir) / "index.html").read_text()
    assert "refs.bib:34: WARNING: chen2023preprint: refusing unsafe URL" in app.warning.getvalue()
    assert buttons("wang2021thesis") == {"Video": "https://video.example.org/talk"}
    assert buttons("other2023") == {"Website": "https://project.example.org"}


@pytest.mark.sphinx("html", testroot="publist")
def test_myst_filter_keys_and_ids(app: SphinxTestApp) -> None:
    app.build()
    soup = html(app, "myst")
    selected, chosen = soup.select(".sp-publist")
    # :filter: selected (also Hugo Blox's featured), unnumbered, ungrouped
    assert selected.select_one("ul.sp-publist-items")
    assert not selected.select(".sp-publist-group")
    assert entries(soup, 0) == ["wang2024flows", "wang2021thesis"]
    # :keys: in their order, forward numbering; a key shown twice on a page gets a new id
    ol = chosen.select_one("ol.sp-publist-items")
    assert ol["start"] == "1"
    assert not ol.has_attr("reversed")
    assert entries(soup, 1) == ["other2023", "wang2021thesis-2"]


@pytest.mark.sphinx("html", testroot="publist", freshenv=True)
def test_pub_role(app: SphinxTestApp) -> None:
    app.build()
    para = html(app, "cites").select_one("section p")
    refs = [(a.get_text(), a["href"]) for a in para.select("a.reference")]
    assert refs == [
        ("[6]", "index.html#wang2024flows"),
        ("[5]", "index.html#wang2024second"),
        ("[4]", "index.html#chen2023preprint"),
        # the list labelled "sel" is unnumbered: author-year form
        ("Wang et al., 2024", "myst.html#wang2024flows"),
    ]
    assert para.select_one(".sp-pub-unknown").get_text() == "[nope2020?]"
    # docutils locates inline markup at the start of its paragraph
    assert "cites.rst:4: WARNING: :pub: unknown publication key 'nope2020'" in (
        app.warning.getvalue()
    )


@pytest.mark.sphinx("html", testroot="publist", confoverrides={"profile_max_authors": 2})
def test_max_authors_keeps_owner_visible(app: SphinxTestApp) -> None:
    app.build()
    authors = html(app, "index").select_one("#big2022 .sp-authors")
    folds = authors.select("details.sp-more-authors")
    assert [d.summary.get_text() for d in folds] == [", … 3 more", " and 1 more"]
    visible = [
        node.get_text()
        for node in authors.find_all(["span", "strong"], recursive=False)
        if "sp-author" in node["class"] or "sp-owner" in node["class"]
    ]
    assert visible == ["Ann Alpha", "Ben Beta", "Mingze Wang"]
    assert "Cat Gamma" in folds[0].get_text()
    assert "Fay Zeta" in folds[1].get_text()


def _site(tmp_path: Path, body: str, bib: str | None = None, conf: str = "") -> Path:
    srcdir = tmp_path / "site"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(f"extensions = ['sphinx_profile']\n{conf}")
    (srcdir / "index.rst").write_text(f"Home\n====\n\n{body}\n")
    if bib:
        shutil.copy(bib, srcdir / "refs.bib")
    return srcdir


def test_every_source_of_owner_names(make_app, tmp_path: Path) -> None:
    """basics.name, basics.aliases, profile_owner and :highlight: are all emphasised."""
    bib = tmp_path / "owner.bib"
    bib.write_text(
        "@misc{byname, title={A}, year=2024, author={Wang, M. and Stone, Bob}}\n"
        "@misc{byalias, title={B}, year=2023, author={Ming-Ze Wong and Bob Stone}}\n"
        "@misc{byconf, title={C}, year=2022, author={Stone, Bob and Q. Owner}}\n"
        "@misc{byoption, title={D}, year=2021, author={Carol Hightower and Bob Stone}}\n"
        "@misc{nobody, title={E}, year=2020, author={Yuqing Wang and Bob Stone}}\n"
    )
    srcdir = _site(
        tmp_path,
        ".. publist::\n   :highlight: Hightower, Carol\n\n.. publist::\n   :keys: byoption\n",
        str(bib),
        "profile_bibfiles = ['refs.bib']\nprofile_owner = ['Quentin Owner']\n",
    )
    (srcdir / "profile.yaml").write_text(
        "basics:\n  name: Mingze Wang\n  aliases: [Ming-Ze Wong]\n"
    )
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert app.warning.getvalue() == ""
    soup = html(app, "index")
    first, second = soup.select(".sp-publist")
    owners = {li["id"]: [s.get_text() for s in li.select(".sp-owner")] for li in first("li")}
    assert owners == {
        "byname": ["M. Wang"],
        "byalias": ["Ming-Ze Wong"],
        "byconf": ["Q. Owner"],
        "byoption": ["Carol Hightower"],
        "nobody": [],
    }
    assert not soup.select(".sp-owner:-soup-contains('Stone')")
    # :highlight: belongs to its list only
    assert not second.select(".sp-owner")


def test_pub_role_fallbacks_warn_with_location(make_app, tmp_path: Path) -> None:
    """Unlisted key: author-year, unlinked; a label no list has: the usual choice."""
    body = (
        ".. publist::\n   :keys: wang2024flows\n   :label: few\n\n"
        "Unlisted :pub:`other2023`.\n\n"
        "Wrong label :pub:`all:wang2024flows`.\n"
    )
    bib = ROOTS / "test-publist" / "refs.bib"
    app = make_app("html", srcdir=_site(tmp_path, body, str(bib), "profile_bibfiles=['refs.bib']"))
    app.build()
    warnings = app.warning.getvalue()
    assert re.search(
        r"index\.rst:8: WARNING: :pub: 'other2023' is not shown in any publist \[profile\.ref\]",
        warnings,
    )
    assert re.search(
        r"index\.rst:10: WARNING: :pub: no publist labelled 'all' shows 'wang2024flows'"
        r" \[profile\.ref\]",
        warnings,
    )
    soup = html(app, "index")
    unlisted = soup.select_one(".sp-pub-unlisted")
    assert unlisted.get_text() == "Wang and Stone, 2023"
    assert unlisted.find_parent("a") is None
    wrong = soup.select(".sp-pub")[-1].a
    assert (wrong.get_text(), wrong["href"]) == ("[1]", "#wang2024flows")


def test_author_year_citations_of_several_keys_read_as_one(make_app, tmp_path: Path) -> None:
    body = (
        ".. publist::\n   :keys: wang2024flows, other2023\n   :numbered: none\n\n"
        "Both :pub:`wang2024flows,other2023`.\n"
    )
    bib = ROOTS / "test-publist" / "refs.bib"
    app = make_app("html", srcdir=_site(tmp_path, body, str(bib), "profile_bibfiles=['refs.bib']"))
    app.build()
    cite = html(app, "index").select(".sp-pub")[-1]
    assert cite.get_text() == "(Wang et al., 2024; Wang and Stone, 2023)"
    assert [a["href"] for a in cite.select("a")] == ["#wang2024flows", "#other2023"]


def test_two_publists_with_one_label_warn_at_the_second(make_app, tmp_path: Path) -> None:
    body = (
        ".. publist::\n   :label: mine\n\n"
        "Text.\n\n"
        ".. publist::\n   :label: mine\n   :keys: other2023\n"
    )
    bib = ROOTS / "test-publist" / "refs.bib"
    app = make_app("html", srcdir=_site(tmp_path, body, str(bib), "profile_bibfiles=['refs.bib']"))
    app.build()
    assert re.search(
        r"index\.rst:9: WARNING: publist: label 'mine' is also the label of a publist in"
        r" 'index'; :pub:`mine:\.\.\.` uses that one \[profile\.option\]",
        strip_colors(app.warning.getvalue()),
    )


def test_option_problems_are_located_warnings(make_app, tmp_path: Path) -> None:
    bib = ROOTS / "test-publist" / "refs.bib"
    body = (
        ".. publist::\n   :sort: newest\n   :links: pdf, zip\n   :limit: many\n\n"
        ".. publist::\n   :filter: __import__('os')\n\n"
        ".. publist::\n   :keys: nope, other2023\n   :style: no-such-style\n"
    )
    app = make_app("html", srcdir=_site(tmp_path, body, str(bib), "profile_bibfiles=['refs.bib']"))
    app.build()
    warnings = app.warning.getvalue()
    assert "index.rst:4: WARNING: publist: :sort: must be one of" in warnings
    assert "unknown link 'zip'" in warnings
    assert "publist: :limit: must be a positive whole number, not 'many'" in warnings
    assert "index.rst:9: WARNING: publist: bad :filter:" in warnings
    assert "showing every entry" in warnings
    assert "unknown key 'nope' in :keys:" in warnings
    assert "unknown pybtex style 'no-such-style'" in warnings
    soup = html(app, "index")
    lists = soup.select(".sp-publist")
    assert len(lists) == 3  # every bad option is ignored: the bad filter shows every entry
    assert [a.get_text() for a in lists[0].select("a.sp-button")] == ["PDF"]
    assert len(entries(soup, 1)) == len(entries(soup, 0))
    # the lists before show other2023 too, so the third anchor on the page is new
    assert entries(soup, 2) == ["other2023-3"]


def test_pybtex_style_and_defaults(make_app, tmp_path: Path) -> None:
    bib = ROOTS / "test-publist" / "refs.bib"
    conf = (
        "profile_bibfiles = ['refs.bib']\n"
        "profile_publist_defaults = {'numbered': 'none', 'group-by': 'type', 'links': 'doi'}\n"
    )
    body = ".. publist::\n\n.. publist::\n   :style: unsrt\n   :keys: wang2024second\n"
    app = make_app("html", srcdir=_site(tmp_path, body, str(bib), conf))
    app.build()
    soup = html(app, "index")
    first = soup.select(".sp-publist")[0]
    assert [r.get_text() for r in first.select(".sp-publist-group")] == [
        "Conference papers",
        "Journal articles",
        "Other",
        "Theses",
    ]
    assert not first.select("ol")
    formatted = soup.select(".sp-publist")[1].select_one(".sp-formatted").get_text()
    assert "A second paper in 2024" in formatted  # unsrt's sentence case
    assert "Journal of Examples" in formatted


def test_pybtex_style_without_a_format_for_the_type_falls_back(make_app, tmp_path: Path) -> None:
    """unsrt knows no biblatex @periodical: a located warning, our style, no traceback."""
    bib = tmp_path / "refs.bib"
    bib.write_text("\n@periodical{jcg,\n  title = {Computers and Graphics},\n  year = 2011,\n}\n")
    body = ".. publist::\n   :style: unsrt\n"
    srcdir = _site(tmp_path, body, str(bib), "profile_bibfiles=['refs.bib']")
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert re.search(
        r"refs\.bib:2: WARNING: jcg: pybtex style 'unsrt' cannot format this entry"
        r" \(it has no format for @periodical entries\); using the default style",
        app.warning.getvalue(),
    )
    entry = html(app, "index").select_one("#jcg")
    assert entry.select_one(".sp-title").get_text() == "Computers and Graphics"
    assert entry.select_one(".sp-formatted") is None


@pytest.mark.parametrize("bib", realworld_files("*.bib"))
def test_realworld_files_render_every_entry(make_app, tmp_path: Path, bib: Path) -> None:
    """Files researchers wrote: every entry shown once, no traceback."""
    from sphinx_profile.data.bib import parse_bib

    records, problems = parse_bib(bib)
    app = make_app(
        "html",
        srcdir=_site(
            tmp_path,
            ".. publist::\n   :links: url, doi, arxiv, pdf, code\n",
            str(bib),
            "profile_bibfiles=['refs.bib']",
        ),
    )
    app.build()
    shown = entries(html(app, "index"))
    assert shown and sorted(shown) == sorted(records.entries)
    # only duplicates (same key twice) are skipped, each with a located warning;
    # biblatex's @set and @xdata are containers, not publications
    not_entries = ("@string", "@comment", "@preamble", "@set", "@xdata")
    raw_entries = [
        line
        for line in bib.read_bytes().decode("latin-1").splitlines()
        if line.lstrip().startswith("@") and not line.lstrip().lower().startswith(not_entries)
    ]
    duplicates = [p for p in problems if "duplicate key" in p.message]
    assert len(shown) + len(duplicates) == len(raw_entries)


def test_the_copies_are_the_real_files_with_their_source() -> None:
    """The real-world files kept with the tests are unmodified, and each is named in the
    note that gives its source and licence."""
    sources = (COPIES / "SOURCES.md").read_text(encoding="utf-8")
    copies = sorted(path for path in COPIES.iterdir() if path.name != "SOURCES.md")
    assert [path.name for path in copies if f"`{path.name}`" in sources] == [
        "al-folio_papers.bib",
        "jsonresume_sample.resume.json",
    ]
    folder = realworld()
    for path in copies:
        assert path.read_bytes() == (folder / path.name).read_bytes(), path.name


def test_jishnujayakumar_owner_forms(make_app, tmp_path: Path) -> None:
    """The owner's four spellings, with a one-letter family name, are all highlighted."""
    bib = realworld("alfolio-fork_jishnujayakumar_papers.bib")
    conf = "profile_bibfiles=['refs.bib']\nprofile_owner=['Jishnu Jaykumar Padalunkal']\n"
    app = make_app("html", srcdir=_site(tmp_path, ".. publist::\n", str(bib), conf))
    app.build()
    soup = html(app, "index")
    owners = {s.get_text().rstrip("*") for s in soup.select(".sp-owner")}
    assert owners == {"Jishnu Jaykumar P", "Jishnu J Padalunkal", "Jishnu P"}
    # each entry lists the owner once; co-authors are never highlighted
    for entry in soup.select("li.sp-entry"):
        assert len(entry.select(".sp-owner")) <= 1
    assert not [s for s in soup.select(".sp-author") if "Jishnu" in s.get_text()]
    assert soup.select("li.sp-entry sup.sp-mark")


@pytest.mark.sphinx("html", testroot="publist-bibtex")
def test_with_sphinxcontrib_bibtex(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    soup = html(app, "index")
    # one database: publist reads bibtex_bibfiles; :cite: and :pub: on one page
    assert entries(soup) == ["lovelace1843"]
    text = soup.select_one("section p").get_text()
    assert "Babbage [" in text
    assert soup.select_one("section p a[href='#lovelace1843']").get_text() == "[1]"
    assert "Passages from the Life of a Philosopher" in soup.select_one(".citation").get_text()


def _copy_root(tmp_path: Path, name: str) -> Path:
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / f"test-{name}", srcdir)
    return srcdir


def _reread(make_app, srcdir: Path) -> set[str]:
    app = make_app("html", srcdir=srcdir)
    read: set[str] = set()
    app.connect("env-before-read-docs", lambda app, env, docnames: read.update(docnames))
    app.build()
    return read


def test_rebuild_after_editing_the_bib(make_app, tmp_path: Path) -> None:
    srcdir = _copy_root(tmp_path, "publist")
    assert _reread(make_app, srcdir) == {"index", "myst", "cites"}
    assert _reread(make_app, srcdir) == set()
    time.sleep(0.01)
    bib = srcdir / "refs.bib"
    bib.write_text(bib.read_text().replace("A Second Paper in 2024", "A Renamed Paper"))
    # the pages with a publist or :pub: (which depend on the file), nothing else
    assert _reread(make_app, srcdir) == {"index", "myst", "cites"}
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert "A Renamed Paper" in html(app, "index").select_one("#wang2024second").get_text()
    (srcdir / "other.rst").write_text("Other\n=====\n\nUnrelated.\n")
    (srcdir / "index.rst").write_text((srcdir / "index.rst").read_text() + "   other\n")
    assert _reread(make_app, srcdir) == {"index", "other"}
    (srcdir / "other.rst").write_text("Other\n=====\n\nEdited.\n")
    assert _reread(make_app, srcdir) == {"other"}


def test_parallel_build_is_identical(make_app, tmp_path: Path) -> None:
    pages = {}
    for parallel in (1, 2):
        srcdir = _copy_root(tmp_path / str(parallel), "publist")
        app = make_app("html", srcdir=srcdir, parallel=parallel)
        app.build()
        pages[parallel] = {
            name: (Path(app.outdir) / f"{name}.html").read_text()
            for name in ("index", "myst", "cites")
        }
    assert pages[1] == pages[2]


@pytest.mark.parametrize("builder", OTHER_BUILDERS)
def test_other_builders(make_app, tmp_path: Path, builder: str) -> None:
    app = make_app(builder, srcdir=_copy_root(tmp_path, "publist"))
    app.build()
    # the root's deliberate problems, reported by every builder once, nothing else of
    # ours: the data's while reading, the reference's while resolving
    ours = [line for line in app.warning.getvalue().splitlines() if "profile." in line]
    assert len(ours) == 2
    assert "refs.bib:34: WARNING: chen2023preprint: refusing unsafe URL 'javascript:" in ours[0]
    assert ":pub: unknown publication key 'nope2020'" in ours[1]
    assert "Traceback" not in app.warning.getvalue()
    output = output_text(builder, Path(app.outdir))
    for expected in ("Normalizing Flows for Bayesian Inverse Problems", "Example University"):
        assert expected in output, (builder, expected)
    if builder == "text":
        text = (Path(app.outdir) / "index.txt").read_text()
        assert "[6] **NeurIPS Normalizing Flows for Bayesian Inverse Problems" in text
        assert "BibTeX" not in text
        assert "Somebody Else's Work on x^2" in text
    if builder == "latex":  # real math for TeX
        tex = next(Path(app.outdir).glob("*.tex")).read_text()
        assert r"Somebody Else\textquotesingle{}s Work on \(x^2\)" in tex


@pytest.mark.sphinx("html", testroot="publist", confoverrides={"language": "zh_CN"})
def test_labels_follow_the_site_language(app: SphinxTestApp) -> None:
    app.build()
    soup = html(app, "index")
    legend = soup.select_one(".sp-legend").get_text()
    assert "* 同等贡献" in legend
    assert "† 通讯作者" in legend
    assert soup.select_one("details.sp-abstract summary").get_text() == "摘要"


@pytest.mark.sphinx("html", testroot="publist")
def test_search_index_finds_entries_by_title_author_and_venue(app: SphinxTestApp) -> None:
    app.build()
    script = (Path(app.outdir) / "searchindex.js").read_text()
    index = json.loads(re.fullmatch(r"Search\.setIndex\((.*)\)", script.strip(), re.S).group(1))
    page = index["docnames"].index("index")
    for word in ("bayesian", "müller", "xiaoyu", "neural"):  # title, authors, venue
        docs = index["terms"][word]
        assert page in (docs if isinstance(docs, list) else [docs]), word
    # the words are for the index only: no writer shows them
    soup = html(app, "index")
    assert soup.body.get_text().count("Normalizing Flows for Bayesian") == 1


def test_a_pybtex_style_sees_the_checked_record_not_a_second_parse(
    make_app, tmp_path: Path
) -> None:
    """A ``:style:`` list formats the record the bounded reader made: a macro bomb is cut
    short once (pybtex's own parser would expand it to gigabytes)."""
    bib = Path(__file__).parent / "corpus" / "bib-string-bomb.bib"
    body = ".. publist::\n   :style: unsrt\n"
    app = make_app("html", srcdir=_site(tmp_path, body, str(bib), "profile_bibfiles=['refs.bib']"))
    app.build()
    warnings = strip_colors(app.warning.getvalue())
    assert "BibTeX @string expansion too large" in warnings
    formatted = html(app, "index").select(".sp-formatted")
    assert formatted and all("Journal of Survivors" in p.get_text() for p in formatted)


def test_a_pybtex_style_makes_no_unsafe_link(make_app, tmp_path: Path) -> None:
    """pybtex's backend links ``url`` itself; its links pass the one URL rule too."""
    bib = ROOTS / "test-publist" / "refs.bib"
    body = ".. publist::\n   :style: unsrt\n   :keys: chen2023preprint\n"
    app = make_app("html", srcdir=_site(tmp_path, body, str(bib), "profile_bibfiles=['refs.bib']"))
    app.build()
    entry = html(app, "index").select_one("#chen2023preprint .sp-formatted")
    assert "javascript:alert(1)" in entry.get_text()  # shown, as text
    hrefs = [a["href"] for a in html(app, "index").select("a[href]")]
    assert not [href for href in hrefs if "javascript" in href.lower()]
