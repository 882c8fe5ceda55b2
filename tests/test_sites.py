"""The example site, the example lab and the documentation build cleanly, and their
snippets agree.

Both are real Sphinx projects that use the extension; building them in the test
suite keeps the README's promise ("builds with -W") true.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docutils import nodes

from .conftest import html

REPO = Path(__file__).parents[1]
SNIPPETS = REPO / "docs" / "snippets"
#: Included by the docs from outside docs/: the benchmark results (performance page),
#: the .readthedocs.yaml (how-to page) and refresh workflow (identifiers page) that
#: quickstart writes.
DOCS_INCLUDE = (
    "benchmarks/RESULTS.md",
    "benchmarks/LAB.md",
    "sphinx_profile/templates/quickstart/readthedocs.yaml.jinja",
    "sphinx_profile/templates/quickstart/refresh.yml.jinja",
)


def build_copy(make_app, tmp_path: Path, name: str, **kwargs):
    """Build a copy of ``REPO/name`` (so no output lands in the checkout)."""
    srcdir = tmp_path / name
    shutil.copytree(REPO / name, srcdir, ignore=shutil.ignore_patterns("_build"))
    if name == "docs":  # files from outside docs/ that pages include
        for included in DOCS_INCLUDE:
            (tmp_path / included).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(REPO / included, tmp_path / included)
    app = make_app("html", srcdir=srcdir, **kwargs)
    app.build()
    return app


@pytest.mark.parametrize("site", ["example_site", "example_lab", "docs"])
def test_site_builds_without_warnings(make_app, tmp_path: Path, site: str) -> None:
    app = build_copy(make_app, tmp_path, site)
    assert app.warning.getvalue() == ""
    assert html(app, "index").select_one(".sp-profile .sp-photo")


def test_example_site_home_page(make_app, tmp_path: Path) -> None:
    app = build_copy(make_app, tmp_path, "example_site")
    page = html(app, "index")
    card = page.select_one(".sp-profile")
    # the heading says the name (and furo's sidebar): the card says the pronouns alone
    assert page.select_one("h1").get_text(strip=True).startswith("Elena Marsh")
    assert card.select_one(".sp-name") is None
    assert card.select_one("p.sp-pronouns").get_text(strip=True) == "she/her"
    assert card.select_one(".sp-label").get_text(strip=True).startswith("Assistant Professor")
    assert card.select_one("img.sp-photo")["src"] == "_images/elena-marsh.png"
    labels = [a.get_text(strip=True) for a in card.select("a.sp-link")]
    assert labels[:4] == ["Homepage", "Google Scholar", "ORCID", "GitHub"]
    # the rST page shows the same data
    research = html(app, "research").select_one(".sp-profile")
    assert research.select_one(".sp-name").get_text(" ", strip=True) == "Elena Marsh (she/her)"


def test_example_site_has_paper_pages(make_app, tmp_path: Path) -> None:
    """Every title in the lists leads to the paper's own page, which Google Scholar reads
    (its PDF link absolute, from html_baseurl), and the sitemap lists them."""
    app = build_copy(make_app, tmp_path, "example_site")
    titles = html(app, "publications").select("a.sp-paper-link")
    assert titles and all(a["href"].startswith("papers/") for a in titles)
    page = html(app, titles[0]["href"].removesuffix(".html"))
    assert page.select_one('meta[name="citation_title"]')["content"]
    pdfs = [m["content"] for m in page.select('meta[name="citation_pdf_url"]')]
    assert all(url.startswith("https://elenamarsh.example.org/") for url in pdfs)
    sitemap = (Path(app.outdir) / "sitemap.xml").read_text()
    assert f"https://elenamarsh.example.org/{titles[0]['href']}" in sitemap


def _snippet_names() -> list[str]:
    rst = {path.stem for path in (SNIPPETS / "rst").glob("*.rst")}
    myst = {path.stem for path in (SNIPPETS / "myst").glob("*.md")}
    assert rst == myst, "every documented example needs an rST and a MyST version"
    return sorted(rst)


def _normalised(doctree: nodes.document) -> str:
    for node in doctree.findall(nodes.Element):
        for attribute in ("source", "line", "refdoc"):  # refdoc: the page itself
            node.attributes.pop(attribute, None)
    return "\n".join(child.pformat() for child in doctree.children[0].children[1:])


@pytest.mark.parametrize("name", _snippet_names())
def test_snippet_rst_and_myst_agree(make_app, tmp_path: Path, name: str) -> None:
    """Each documented example gives the same doctree in rST and in MyST."""
    srcdir = tmp_path / "snippet"
    shutil.copytree(REPO / "docs", srcdir, ignore=shutil.ignore_patterns("_build", "*.md", "*.rst"))
    (srcdir / "conf.py").write_text(
        "extensions = ['myst_parser', 'sphinx_profile']\n"
        "myst_enable_extensions = ['colon_fence']\n"
        "profile_data = 'profile.yaml'\n"
        "profile_bibfiles = ['publications.bib']\n"
    )
    rst = (SNIPPETS / "rst" / f"{name}.rst").read_text()
    myst = (SNIPPETS / "myst" / f"{name}.md").read_text()
    (srcdir / "index.rst").write_text(f"Snippet\n=======\n\n{rst}\n.. toctree::\n\n   myst\n")
    (srcdir / "myst.md").write_text(f"# Snippet\n\n{myst}\n")
    app = make_app("html", srcdir=srcdir)
    app.build()
    # the harness shows each example twice, so a labelled publist meets its own twin
    twins = "is also the label of a publist in 'index'"
    assert [line for line in app.warning.getvalue().splitlines() if twins not in line] == []
    rst_tree = _normalised(app.env.get_doctree("index"))
    myst_tree = _normalised(app.env.get_doctree("myst"))
    # the toctree in the rST page is the only difference the harness itself adds
    rst_tree = rst_tree.split('<compound classes="toctree-wrapper">')[0].rstrip()
    assert rst_tree == myst_tree.rstrip()
    assert "sp-" in rst_tree


def test_example_site_publications(make_app, tmp_path: Path) -> None:
    app = build_copy(make_app, tmp_path, "example_site")
    full = html(app, "publications").select_one(".sp-publist")
    assert full.select_one("ol.sp-publist-items")["start"] == "12"
    assert full.select_one(".sp-publist-group").get_text() == "2025"
    assert full.select_one(":scope > .sp-search input[type=search]")
    download = full.select_one(":scope > .sp-download a")["href"]
    assert download == "_downloads/publist/publications.bib"
    selected = html(app, "index").select(".sp-publist li.sp-entry")
    assert [li["id"] for li in selected] == [
        "marsh2025calibrated",
        "marsh2024ensembles",
        "marsh2023physics",
    ]
    ref = html(app, "research").select_one(".sp-pub a")
    assert (ref.get_text(), ref["href"]) == ("[10]", "publications.html#marsh2024ensembles")
    # math in a title is readable without MathJax, which the site does not load
    title = html(app, "index").select_one("#marsh2023physics .sp-title").get_text()
    assert title == "Physics-Informed Priors for Emulating the ΔT Response of Earth System Models"
    assert not html(app, "index").find("script", src=lambda src: src and "mathjax" in src)
