"""``sitemap.xml``: every page of the site, paper pages included, when ``html_baseurl``
is set; one sitemap only beside sphinx-sitemap; the same after any rebuild.

``tests/roots/test-paper-pages`` has three documents and three listed entries, so a
complete sitemap has the documents, the three paper pages, the index and the search
page.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from sphinx.util.console import strip_colors

from sphinx_profile.papers.citation import paper_slug

from .conftest import build, copy_root

BASE = "https://ada.example.org/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
PAGES = [
    "genindex",
    "index",
    "other",
    "papers/marsh.2019",
    f"papers/{paper_slug('smith:2023/odd')}",
    "papers/wang2024journal",
    "pubs",
    "search",
]
OLD = 1_000_000_000


def site(tmp_path: Path) -> Path:
    return copy_root(tmp_path, "paper-pages")


def locs(outdir: Path) -> list[str]:
    root = ElementTree.parse(outdir / "sitemap.xml").getroot()
    assert root.tag == f"{{{NS['s']}}}urlset"
    assert root.findall("s:url/s:lastmod", NS) == []
    return [loc.text or "" for loc in root.findall("s:url/s:loc", NS)]


def test_html_lists_every_page(make_app, tmp_path: Path) -> None:
    app, _ = build(make_app, site(tmp_path), html_baseurl=BASE)
    outdir = Path(app.outdir)
    assert locs(outdir) == [f"{BASE}{name}.html" for name in PAGES]
    # every URL is a file of the output, and every page of the output is listed
    written = sorted(
        path.relative_to(outdir).as_posix()
        for path in outdir.rglob("*.html")
        if not path.relative_to(outdir).parts[0].startswith("_")
    )
    assert written == sorted(f"{name}.html" for name in PAGES)


def test_dirhtml_lists_folders(make_app, tmp_path: Path) -> None:
    app, _ = build(make_app, site(tmp_path), "dirhtml", html_baseurl="https://ada.example.org/~ada")
    outdir = Path(app.outdir)
    base = "https://ada.example.org/~ada/"
    expected = [base + ("" if name == "index" else f"{name}/") for name in PAGES]
    assert locs(outdir) == sorted(expected)
    for url in expected:
        assert (outdir / url.removeprefix(base) / "index.html").is_file()


@pytest.mark.parametrize(("builder", "suffix"), [("html", ".html"), ("dirhtml", "/")])
def test_urls_are_escaped(make_app, tmp_path: Path, builder: str, suffix: str) -> None:
    srcdir = site(tmp_path)
    (srcdir / "a&b ü<x>.rst").write_text("Odd\n===\n\n:orphan:\n", encoding="utf-8")
    app, _ = build(make_app, srcdir, builder, html_baseurl="https://ada.example.org/q&a/")
    outdir = Path(app.outdir)
    text = (outdir / "sitemap.xml").read_text(encoding="utf-8")
    url = "https://ada.example.org/q&a/a%26b%20%C3%BC%3Cx%3E" + suffix
    assert url.replace("&", "&amp;") in text
    assert re.search("&(?!amp;)", text) is None and "<x>" not in text
    assert url in locs(outdir)


def test_pages_of_other_extensions_are_listed(make_app, tmp_path: Path) -> None:
    srcdir = site(tmp_path)
    conf = srcdir / "conf.py"
    # as viewcode does: the page is written only when its file is not there yet
    conf.write_text(
        conf.read_text(encoding="utf-8")
        + "\n\nfrom pathlib import Path\n\n"
        + "def made(app):\n"
        + "    if not Path(app.outdir, 'extra', 'made.html').exists():\n"
        + "        yield 'extra/made', {'body': 'made'}, 'page.html'\n\n"
        + "def setup(app):\n"
        + "    app.connect('html-collect-pages', made)\n",
        encoding="utf-8",
    )
    app, _ = build(make_app, srcdir, html_baseurl=BASE)
    outdir = Path(app.outdir)
    assert f"{BASE}extra/made.html" in locs(outdir)
    first = (outdir / "sitemap.xml").read_text(encoding="utf-8")
    os.utime(outdir / "extra" / "made.html", (OLD, OLD))
    other = srcdir / "other.rst"
    other.write_text(other.read_text(encoding="utf-8") + "\nMore text.\n", encoding="utf-8")
    build(make_app, srcdir, html_baseurl=BASE)
    assert (outdir / "extra" / "made.html").stat().st_mtime == OLD  # not written again
    assert (outdir / "sitemap.xml").read_text(encoding="utf-8") == first
    # a page whose file is gone is not listed
    (outdir / "extra" / "made.html").unlink()
    conf.write_text(conf.read_text(encoding="utf-8").replace("yield", "return\n        yield"))
    build(make_app, srcdir, html_baseurl=BASE)
    assert f"{BASE}extra/made.html" not in locs(outdir)


def test_none_without_base_url(make_app, tmp_path: Path) -> None:
    app, warnings = build(make_app, site(tmp_path))
    assert not (Path(app.outdir) / "sitemap.xml").exists()
    assert "[sitemap" not in warnings


@pytest.mark.parametrize("builder", ["singlehtml", "text", "epub"])
def test_none_for_other_builders(make_app, tmp_path: Path, builder: str) -> None:
    app, _ = build(make_app, site(tmp_path), builder, html_baseurl=BASE)
    assert not (Path(app.outdir) / "sitemap.xml").exists()


def test_rebuilds_keep_the_whole_list(make_app, tmp_path: Path) -> None:
    srcdir = site(tmp_path)
    app, _ = build(make_app, srcdir, html_baseurl=BASE)
    sitemap = Path(app.outdir) / "sitemap.xml"
    first = sitemap.read_text(encoding="utf-8")
    os.utime(sitemap, (OLD, OLD))
    # no change: nothing is written, and the file is left as it was
    again, _ = build(make_app, srcdir, html_baseurl=BASE)
    assert "no targets are out of date" in strip_colors(again.status.getvalue())
    assert sitemap.read_text(encoding="utf-8") == first
    assert sitemap.stat().st_mtime == OLD
    # an unrelated edit rewrites one document and no paper page: still every page
    other = srcdir / "other.rst"
    other.write_text(other.read_text(encoding="utf-8") + "\nMore text.\n", encoding="utf-8")
    build(make_app, srcdir, html_baseurl=BASE)
    assert sitemap.read_text(encoding="utf-8") == first
    assert sitemap.stat().st_mtime == OLD
    # a new page is added, a removed one goes
    (srcdir / "talks.rst").write_text("Talks\n=====\n\n:orphan:\n", encoding="utf-8")
    build(make_app, srcdir, html_baseurl=BASE)
    assert f"{BASE}talks.html" in locs(Path(app.outdir))
    (srcdir / "talks.rst").unlink()
    build(make_app, srcdir, html_baseurl=BASE)
    assert sitemap.read_text(encoding="utf-8") == first


def test_parallel_build_writes_the_same_sitemap(make_app, tmp_path: Path) -> None:
    serial, _ = build(make_app, site(tmp_path / "one"), html_baseurl=BASE)
    app = make_app(
        "html", srcdir=site(tmp_path / "two"), parallel=2, confoverrides={"html_baseurl": BASE}
    )
    app.build()
    one = (Path(serial.outdir) / "sitemap.xml").read_text(encoding="utf-8")
    assert (Path(app.outdir) / "sitemap.xml").read_text(encoding="utf-8") == one


def test_sphinx_sitemap_writes_the_only_sitemap(make_app, tmp_path: Path) -> None:
    pytest.importorskip("sphinx_sitemap")
    srcdir = site(tmp_path)
    # loaded first, it writes first: a second writer would replace its file
    overrides = {
        "extensions": ["sphinx_sitemap", "sphinx_profile"],
        "html_baseurl": BASE,
        # its default puts the language in front ("en/"), for sites built per language
        "sitemap_url_scheme": "{link}",
    }
    app, warnings = build(make_app, srcdir, **overrides)
    outdir = Path(app.outdir)
    text = (outdir / "sitemap.xml").read_text(encoding="utf-8")
    # sphinx-sitemap's own file (one line, not indented) ...
    assert "\n  <url>" not in text
    assert "sphinx-sitemap: sitemap.xml was generated" in strip_colors(app.status.getvalue())
    # ... names the paper pages, which sphinx-profile hands it (not the skeleton they share)
    assert sorted(locs(outdir)) == [f"{BASE}{name}.html" for name in PAGES]
    assert "[sitemap" not in warnings


def test_a_sitemap_of_ones_own_is_kept(make_app, tmp_path: Path) -> None:
    srcdir = site(tmp_path)
    (srcdir / "extra").mkdir()
    own = '<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'
    (srcdir / "extra" / "sitemap.xml").write_text(own, encoding="utf-8")
    app, _ = build(make_app, srcdir, html_baseurl=BASE, html_extra_path=["extra"])
    assert (Path(app.outdir) / "sitemap.xml").read_text(encoding="utf-8") == own
