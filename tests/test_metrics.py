"""Citation counts from the committed metrics file: ``:metrics:`` on publist and profile,
the staleness warning, the parse-once cache, and al-folio's ``citations.yml`` import."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from sphinx_profile.cli import main
from sphinx_profile.data.metrics import Count, h_index, metrics_document, read_metrics

from .conftest import ROOTS, html
from .test_incremental import edit, rebuild


def badges(app: SphinxTestApp, page: str) -> dict[str, tuple[str, str]]:
    """Entry id → (badge text, tooltip) of a page's publist."""
    soup = html(app, page)
    return {
        li["id"]: (badge.get_text(), badge["title"])
        for li in soup.select("li.sp-entry")
        if (badge := li.select_one(".sp-cited")) is not None
    }


@pytest.mark.sphinx("html", testroot="metrics")
@pytest.mark.parametrize("page", ["index", "myst"])
def test_publist_shows_cited_by_with_source_and_date(app: SphinxTestApp, page: str) -> None:
    app.build()
    assert strip_colors(app.warning.getvalue()) == ""
    # by DOI (any case) with OpenAlex preferred over Crossref; by key; unknown: no badge
    assert badges(app, page) == {
        "sankar2014automated": ("Cited by 42", "OpenAlex, as of 2026-01-15"),
        "metric2020keyed": ("Cited by 3", "Semantic Scholar, as of 2026-01-15"),
    }
    assert "Cited by 0" not in html(app, page).get_text()


@pytest.mark.sphinx("html", testroot="metrics")
@pytest.mark.parametrize("page", ["index", "myst"])
def test_profile_shows_total_and_h_index(app: SphinxTestApp, page: str) -> None:
    app.build()
    line = html(app, page).select_one(".sp-profile .sp-metrics")
    assert line is not None
    # 42 + 3 + 2 (every publication of the file), h-index 2
    assert (
        line.get_text() == "47 citations · h-index 2 (OpenAlex, Semantic Scholar, as of 2026-01-15)"
    )


@pytest.mark.sphinx("html", testroot="metrics")
def test_without_the_option_nothing_is_shown(app: SphinxTestApp) -> None:
    app.build()
    soup = html(app, "plain")
    assert soup.select(".sp-cited, .sp-metrics") == []


@pytest.mark.sphinx("text", testroot="metrics")
def test_print_builders_write_the_source_after_the_count(app: SphinxTestApp) -> None:
    app.build()
    text = " ".join((Path(app.outdir) / "index.txt").read_text().split())
    assert "Cited by 42 (OpenAlex, as of 2026-01-15)" in text


def test_the_format_reads_back_what_it_writes(tmp_path: Path) -> None:
    counts = {
        "k2020": [Count("openalex", 5, date(2026, 1, 2)), Count("crossref", 4, date(2026, 1, 1))]
    }
    path = tmp_path / "metrics.json"
    path.write_text(metrics_document(date(2026, 1, 2), counts))
    metrics, problems = read_metrics(path)
    assert problems == []
    assert metrics.generated == date(2026, 1, 2)
    assert metrics.entries == {"k2020": tuple(counts["k2020"])}


@pytest.mark.parametrize(
    ("counts", "expected"), [([], 0), ([0, 0], 0), ([10, 8, 5, 4, 3], 4), ([25, 8, 5, 3, 3], 3)]
)
def test_h_index(counts: list[int], expected: int) -> None:
    assert h_index(counts) == expected


def site_with(tmp_path: Path, generated: date) -> Path:
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-metrics", srcdir)
    data = json.loads((srcdir / "metrics.json").read_text())
    data["generated"] = generated.isoformat()
    (srcdir / "metrics.json").write_text(json.dumps(data, indent=2))
    return srcdir


def test_old_counts_are_one_warning_at_the_file(make_app, tmp_path: Path) -> None:
    srcdir = site_with(tmp_path, date.today() - timedelta(days=120))
    app = make_app("html", srcdir=srcdir, confoverrides={"profile_metrics_max_age": 90})
    app.build()
    warnings = strip_colors(app.warning.getvalue()).splitlines()
    assert warnings == [
        f"{srcdir / 'metrics.json'}:2: WARNING: the citation counts are 120 days old (generated"
        f" {(date.today() - timedelta(days=120)).isoformat()}, profile_metrics_max_age is 90);"
        " run 'sphinx-profile refresh' [profile.metrics]"
    ]


def test_recent_counts_are_no_warning(make_app, tmp_path: Path) -> None:
    srcdir = site_with(tmp_path, date.today() - timedelta(days=90))
    app = make_app("html", srcdir=srcdir, confoverrides={"profile_metrics_max_age": 90})
    app.build()
    assert app.warning.getvalue() == ""


def test_a_missing_file_is_a_warning_at_the_directive(make_app, tmp_path: Path) -> None:
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-metrics", srcdir)
    (srcdir / "metrics.json").unlink()
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = strip_colors(app.warning.getvalue())
    assert "index.rst:4: WARNING: profile: :metrics: needs the citation counts file" in warnings
    assert "myst.md:3: WARNING: profile: :metrics: needs" in warnings
    assert "run 'sphinx-profile refresh'" not in warnings  # the message names refresh once
    assert html(app, "index").select(".sp-cited, .sp-metrics") == []
    assert html(app, "index").select(".sp-title")  # the rest is there


@pytest.mark.sphinx("html", testroot="metrics")
def test_a_value_after_the_flag_is_ignored_with_a_warning(app: SphinxTestApp) -> None:
    page = Path(app.srcdir, "plain.rst")
    page.write_text(page.read_text().replace(".. publist::", ".. publist::\n   :metrics: yes"))
    app.build()
    warnings = strip_colors(app.warning.getvalue())
    assert (
        "plain.rst:6: WARNING: publist: :metrics: must be on, off or empty, not 'yes'; ignored"
        in warnings
    )
    assert html(app, "plain").select(".sp-cited") == []


@pytest.mark.sphinx("html", testroot="metrics", srcdir="metrics-incremental")
def test_editing_the_file_rereads_only_the_pages_showing_counts(app, make_app) -> None:
    app.build()
    assert "checking citation counts... parsing" in app.status.getvalue()
    edit(app, "metrics.json", '"cited_by": 42', '"cited_by": 43')
    read, again = rebuild(app, make_app)
    assert read == ["index", "myst"]
    assert "checking citation counts... parsing" in again.status.getvalue()
    assert badges(again, "index")["sankar2014automated"][0] == "Cited by 43"
    read, again = rebuild(again, make_app)
    assert read == []
    assert "checking citation counts... up to date" in again.status.getvalue()


@pytest.mark.sphinx("html", testroot="metrics", srcdir="metrics-parallel", parallel=2)
def test_parallel_build_shows_the_counts(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    assert badges(app, "myst")["sankar2014automated"][0] == "Cited by 42"


# ---- al-folio's citations.yml --------------------------------------------------------

CITATIONS = """\
metadata:
  last_updated: '2026-05-13'
papers:
  0QI92MsAAAAJ:2osOgNQ5qMEC:
    citations: 25
    title: Some Other Title
    year: '2020'
  0QI92MsAAAAJ:d1gkVwhDpl0C:
    citations: 7
    title: 'Automated cell tracking'
  0QI92MsAAAAJ:zYLM7Y9cAGgC:
    citations: 3
    title: "A Paper 'Not' in the: Bib"
"""


def test_alfolio_citations_become_the_metrics_file(make_app, tmp_path: Path, capsys) -> None:
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-metrics", srcdir)
    bib = srcdir / "refs.bib"
    bib.write_text(
        bib.read_text().replace(
            "  journal = {Journal of Counts},",
            "  journal = {Journal of Counts},\n  google_scholar_id = {2osOgNQ5qMEC},",
        )
    )
    citations = tmp_path / "citations.yml"
    citations.write_text(CITATIONS)
    output = srcdir / "metrics.json"
    args = ["import-citations", str(citations), "--bib", str(bib), "--output", str(output)]
    assert main(args) == 2  # the root's file is there
    assert "exists (use --force" in capsys.readouterr().err
    assert main([*args, "--force"]) == 0
    out, err = capsys.readouterr()
    assert "citation counts of 2 entries" in out
    assert "'0QI92MsAAAAJ:zYLM7Y9cAGgC' (A Paper 'Not' in the: Bib) matches no BibTeX entry" in err
    # by google_scholar_id (not by its title), and by title in any case
    assert json.loads(output.read_text()) == {
        "generated": "2026-05-13",
        "entries": {
            "metric2020keyed": {"googlescholar": {"cited_by": 25, "as_of": "2026-05-13"}},
            "sankar2014automated": {"googlescholar": {"cited_by": 7, "as_of": "2026-05-13"}},
        },
    }
    app = make_app("html", srcdir=srcdir)
    app.build()
    assert app.warning.getvalue() == ""
    assert badges(app, "index")["metric2020keyed"] == (
        "Cited by 25",
        "Google Scholar, as of 2026-05-13",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("papers: [\n", "YAML syntax error"),
        ("metadata: {}\npapers: {}\n", "metadata.last_updated is not a date: None"),
        ("metadata: {last_updated: soon}\npapers: {}\n", "is not a date: 'soon'"),
        ("metadata: {last_updated: 2026-01-01}\n", "no 'papers' mapping"),
    ],
)
def test_a_broken_citations_file_writes_nothing(
    tmp_path: Path, capsys, text: str, message: str
) -> None:
    citations = tmp_path / "citations.yml"
    citations.write_text(text)
    output = tmp_path / "metrics.json"
    bib = ROOTS / "test-metrics" / "refs.bib"
    assert (
        main(["import-citations", str(citations), "--bib", str(bib), "--output", str(output)]) == 2
    )
    assert message in capsys.readouterr().err
    assert not output.exists()
