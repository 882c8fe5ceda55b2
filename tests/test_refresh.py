"""``sphinx-profile refresh``, driven through ``main([...])`` against the local server of
the ``serve`` fixture, which answers with the services' recorded answers; then a site
built from the written file shows the counts with no server asked."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from sphinx.util.console import strip_colors

from sphinx_profile.cli import main
from sphinx_profile.data.metrics import Count, metrics_document

from .conftest import Answer, Server, html, realworld, recorded
from .test_add import ELIFE, add, one_error

#: A DOI each service knows (eLife), three Semantic Scholar's batch answer has, in the
#: order of that answer (its first id is unknown to it, as eLife is here), one without
#: any identifier (never asked about).
BIB = """\
@article{sankar2014automated, author = {Doe, A}, title = {Automated}, year = 2014,
  doi = {10.7554/eLife.01567}}
@article{ssrn2001, author = {Doe, A}, title = {One}, year = 2001, doi = {10.2139/ssrn.288970}}
@article{ssrn2013, author = {Doe, A}, title = {Two}, year = 2013,
  doi = {https://doi.org/10.2139/ssrn.2250500}}
@article{rct2016, author = {Doe, A}, title = {Three}, year = 2016, doi = {10.1257/rct.1355}}
@misc{talk2020, author = {Doe, A}, title = {A talk}, year = 2020}
"""
ELIFE_DOI = "10.7554/elife.01567"
CROSSREF_404 = "crossref_work_404_10.1371-notarealdoi.txt"
TODAY = date.today()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site whose publication list shows citation counts, with no metrics file yet."""
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "conf.py").write_text(
        'extensions = ["sphinx_profile"]\nprofile_bibfiles = ["publications.bib"]\n'
    )
    (folder / "index.rst").write_text("Papers\n======\n\n.. publist::\n   :metrics:\n")
    (folder / "publications.bib").write_text(BIB)
    return folder


def openalex_list(*works: str) -> Answer:
    """A ``/works?filter=...`` answer: the recorded list envelope around recorded works
    (OpenAlex's list of one filter was not recorded, its envelope and works were)."""
    envelope = json.loads(realworld("api/openalex_works_list_sample1.json").read_bytes())
    envelope["results"] = [json.loads(realworld(f"api/{work}").read_bytes()) for work in works]
    envelope["meta"]["count"] = len(works)
    return Answer(200, json.dumps(envelope).encode())


def answer_all(server: Server) -> None:
    server.routes["/works"] = openalex_list("openalex_work_article_10.7554-elife.01567.json")
    server.routes["/graph/v1/paper/batch"] = recorded("semanticscholar_paper_batch_fullfields.json")
    server.routes[f"/works/{ELIFE_DOI}"] = recorded(ELIFE)
    for doi in ("10.2139/ssrn.288970", "10.2139/ssrn.2250500", "10.1257/rct.1355"):
        server.routes[f"/works/{doi}"] = recorded(CROSSREF_404, 404)


def refresh(site: Path, *args: str) -> int:
    return main(
        [
            "refresh",
            "--bib",
            str(site / "publications.bib"),
            "--metrics",
            str(site / "metrics.json"),
            *args,
        ]
    )


def written(site: Path) -> dict[str, dict[str, int]]:
    """Entry → source → count of the metrics file, every date checked to be today."""
    data = json.loads((site / "metrics.json").read_text())
    assert data["generated"] == TODAY.isoformat()
    result = {}
    for name, sources in data["entries"].items():
        result[name] = {source: count["cited_by"] for source, count in sources.items()}
    return result


def test_counts_from_every_service_then_the_site_shows_them_offline(
    serve: Server, site: Path, make_app, capsys
) -> None:
    answer_all(serve)
    assert refresh(site, "--mailto", "ada@example.edu") == 0
    assert (site / "metrics.json").read_text() == metrics_document(
        TODAY,
        {
            "sankar2014automated": [Count("openalex", 45, TODAY), Count("crossref", 36, TODAY)],
            "ssrn2001": [Count("semanticscholar", 10670, TODAY)],
            "ssrn2013": [Count("semanticscholar", 2185, TODAY)],
            "rct2016": [Count("semanticscholar", 0, TODAY)],  # a count of 0 is known
        },
    )
    assert "OpenAlex 1, Semantic Scholar 3, Crossref 1" in capsys.readouterr().err
    # batched: one OpenAlex request for every DOI, one Semantic Scholar POST for every id
    dois = [ELIFE_DOI, "10.2139/ssrn.288970", "10.2139/ssrn.2250500", "10.1257/rct.1355"]
    listed = [path for path, _ in serve.requests if path.startswith("/works?")]
    assert len(listed) == 1
    query = parse_qs(urlsplit(listed[0]).query)
    assert query["filter"] == ["doi:" + "|".join(dois)]
    assert query["per-page"] == ["50"]
    assert query["mailto"] == ["ada@example.edu"]
    assert [json.loads(body) for body in serve.posted] == [{"ids": [f"DOI:{doi}" for doi in dois]}]
    posts = [path for path, _ in serve.requests if path.startswith("/graph/")]
    assert posts == ["/graph/v1/paper/batch?fields=citationCount"]

    asked = len(serve.requests)
    app = make_app("html", srcdir=site)
    app.build()
    assert strip_colors(app.warning.getvalue()) == ""
    assert len(serve.requests) == asked, "the build asked a service"
    cited = {
        li["id"]: li.select_one(".sp-cited") for li in html(app, "index").select("li.sp-entry")
    }
    assert cited["sankar2014automated"].get_text() == "Cited by 45"
    assert cited["sankar2014automated"]["title"] == f"OpenAlex, as of {TODAY.isoformat()}"
    assert cited["ssrn2001"].get_text() == "Cited by 10670"
    assert cited["talk2020"] is None


def test_done_when_add_then_refresh_shows_cited_by(serve: Server, site: Path, make_app) -> None:
    bib = site / "publications.bib"
    bib.write_text("")
    serve.routes[f"/works/{ELIFE_DOI}"] = recorded(ELIFE)
    serve.routes["/works"] = openalex_list("openalex_work_article_10.7554-elife.01567.json")
    serve.routes["/graph/v1/paper/batch"] = Answer(200, b"[null]")
    assert add(bib, "10.7554/eLife.01567") == 0
    assert refresh(site) == 0
    asked = len(serve.requests)
    app = make_app("html", srcdir=site)
    app.build()
    assert strip_colors(app.warning.getvalue()) == ""
    assert len(serve.requests) == asked, "the build asked a service"
    badge = html(app, "index").select_one("#sankar2014automated .sp-cited")
    assert badge is not None
    assert badge.get_text() == "Cited by 45"


def test_an_arxiv_only_entry_is_asked_of_semantic_scholar(serve: Server, site: Path) -> None:
    (site / "publications.bib").write_text(
        "@misc{pre2016, author = {Doe, A}, title = {Pre}, year = 2016,\n"
        "  eprint = {1605.08386v2}, archiveprefix = {arXiv}}\n"
    )
    serve.routes["/graph/v1/paper/batch"] = Answer(200, b'[{"citationCount": 12}]')
    assert refresh(site) == 0
    assert [json.loads(body) for body in serve.posted] == [{"ids": ["ARXIV:1605.08386"]}]
    assert [path for path, _ in serve.requests if not path.startswith("/graph/")] == []
    assert written(site) == {"pre2016": {"semanticscholar": 12}}


def test_openalex_is_asked_50_dois_at_a_time(serve: Server, site: Path) -> None:
    entry = "@misc{{w{0}, author = {{Doe, A}}, title = {{W{0}}}, doi = {{10.1000/{0}}}}}\n"
    bib = "".join(entry.format(n) for n in range(51))
    (site / "publications.bib").write_text(bib)
    serve.routes["/works"] = openalex_list()
    assert refresh(site, "--sources", "openalex") == 0
    filters = [parse_qs(urlsplit(path).query)["filter"][0] for path, _ in serve.requests]
    assert [len(f.split("|")) for f in filters] == [50, 1]
    assert written(site) == {}


def test_429_with_retry_after_is_waited_for(serve: Server, site: Path) -> None:
    serve.routes["/works"] = [
        Answer(429, b"slow down", {"Retry-After": "1"}),
        openalex_list("openalex_work_article_10.7554-elife.01567.json"),
    ]
    assert refresh(site, "--source", "openalex") == 0
    assert len(serve.requests) == 2
    assert written(site) == {"sankar2014automated": {"openalex": 45}}


def test_a_failing_service_keeps_its_old_counts(serve: Server, site: Path, capsys) -> None:
    old = date(2026, 1, 5)
    (site / "metrics.json").write_text(
        metrics_document(
            old,
            {
                "sankar2014automated": [
                    Count("openalex", 40, old),
                    Count("crossref", 30, old),
                    Count("googlescholar", 50, old),  # imported, never asked: kept
                ],
                "gone2000": [Count("crossref", 9, old)],  # no longer in the bib: dropped
                "ssrn2001": [Count("openalex", 7, old)],  # OpenAlex answered without it
            },
        )
    )
    answer_all(serve)
    serve.routes[f"/works/{ELIFE_DOI}"] = Answer(500, b"oops")
    assert refresh(site, "--sources", "openalex,crossref", "--retries", "0") == 0
    assert one_error(capsys) == (
        "error: 127.0.0.1 answered HTTP 500 Internal Server Error; Crossref's old counts are kept"
    )
    data = json.loads((site / "metrics.json").read_text())
    assert data["entries"] == {
        "sankar2014automated": {
            "openalex": {"cited_by": 45, "as_of": TODAY.isoformat()},
            "crossref": {"cited_by": 30, "as_of": "2026-01-05"},
            "googlescholar": {"cited_by": 50, "as_of": "2026-01-05"},
        }
    }


def test_every_service_failing_writes_nothing(serve: Server, site: Path, capsys) -> None:
    before = metrics_document(date(2026, 1, 5), {"ssrn2001": [Count("openalex", 1, TODAY)]})
    (site / "metrics.json").write_text(before)
    for route in ("/works", "/graph/v1/paper/batch", f"/works/{ELIFE_DOI}"):
        serve.routes[route] = Answer(503, b"down")
    assert refresh(site, "--retries", "0") == 1
    err = capsys.readouterr().err
    assert len([line for line in err.splitlines() if line.startswith("error:")]) == 3
    assert f"Nothing written to {site / 'metrics.json'}." in err
    assert (site / "metrics.json").read_text() == before


def test_unchanged_counts_change_only_their_dates(serve: Server, site: Path) -> None:
    answer_all(serve)
    assert refresh(site) == 0
    first = (site / "metrics.json").read_text()
    old = first.replace(TODAY.isoformat(), "2026-01-05")
    (site / "metrics.json").write_text(old)
    assert refresh(site) == 0
    assert (site / "metrics.json").read_text() == first


@pytest.mark.parametrize(
    ("source", "route", "body", "message"),
    [
        ("openalex", "/works", b"<html>busy</html>", "OpenAlex sent a malformed answer (not JSON)"),
        ("openalex", "/works", b'{"results": 3}', "OpenAlex sent a malformed answer (no results)"),
        (
            "semanticscholar",
            "/graph/v1/paper/batch",
            b"[null]",
            "Semantic Scholar sent a malformed answer (not one paper per id)",
        ),
        (
            "crossref",
            f"/works/{ELIFE_DOI}",
            b'{"message": 3}',
            "Crossref sent a malformed answer (no message)",
        ),
    ],
)
def test_malformed_body(serve: Server, site: Path, capsys, source, route, body, message) -> None:
    serve.routes[route] = Answer(200, body)
    assert refresh(site, "--sources", source) == 1
    name = message.split(" sent")[0]
    assert one_error(capsys) == f"error: {message}; {name}'s old counts are kept"
    assert not (site / "metrics.json").exists()


def test_an_unknown_source_is_a_usage_error(site: Path, capsys) -> None:
    with pytest.raises(SystemExit) as exit:
        refresh(site, "--sources", "openalex,scholar")
    assert exit.value.code == 2
    assert "unknown source 'scholar' (known: openalex, semanticscholar, crossref)" in (
        capsys.readouterr().err
    )


def test_a_second_refresh_asks_again(serve: Server, site: Path) -> None:
    """Counts change from week to week: no answer comes from the cache."""
    first = openalex_list("openalex_work_article_10.7554-elife.01567.json")
    serve.routes["/works"] = first
    assert refresh(site, "--sources", "openalex") == 0
    later = json.loads(first.body)
    later["results"][0]["cited_by_count"] = 46
    serve.routes["/works"] = Answer(200, json.dumps(later).encode())
    assert refresh(site, "--sources", "openalex") == 0
    assert written(site) == {"sankar2014automated": {"openalex": 46}}
