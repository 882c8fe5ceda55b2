"""``sphinx-profile add``, driven through ``main([...])`` against a local HTTP server.

The server (127.0.0.1, a free port, a thread stopped after each test) answers with the
services' recorded answers, found through the ``SPHINX_PROFILE_*_URL`` variables, so the
real client code runs: retries, timeouts, parsing and writing.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from sphinx_profile.cli import main
from sphinx_profile.data.bib import parse_bib
from sphinx_profile.data.bibwrite import from_html, from_tex, make_key, protect_case

from .conftest import Answer, Server, recorded

DATA = Path(__file__).parent / "data" / "api"
ELIFE = "crossref_work_journal-article_10.7554-elife.01567.json"
OLD = b"% my papers\n@article{old2001,\n  author = {Old, Al},\n  title = {Old},\n  year = 2001,\n}"


@pytest.fixture
def bib(tmp_path: Path) -> Path:
    path = tmp_path / "publications.bib"
    path.write_bytes(OLD)
    return path


def add(bib: Path, *args: str) -> int:
    return main(["add", "--bib", str(bib), "--yes", *args])


def added(bib: Path) -> str:
    """What ``add`` appended, checking the old bytes are all still there, unchanged."""
    data = bib.read_bytes()
    assert data.startswith(OLD)
    return data[len(OLD) :].decode("utf-8")


def one_error(capsys: pytest.CaptureFixture[str]) -> str:
    """The single ``error:`` line ``add`` printed (each problem is one line)."""
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error")]
    assert len(errors) == 1, errors
    return errors[0]


# the recorded answers ------------------------------------------------------------------


def test_elife_doi_gives_a_correct_entry(serve: Server, bib: Path, capsys) -> None:
    serve.routes["/works/10.7554/elife.01567"] = recorded(ELIFE)
    assert add(bib, "10.7554/eLife.01567", "--mailto", "ada@example.edu") == 0
    text = added(bib)
    assert text == (
        "\n\n@article{sankar2014automated,\n"
        "  author    = {Sankar, Martial and Nieminen, Kaisa and Ragni, Laura and Xenarios,"
        " Ioannis and Hardtke, Christian S},\n"
        "  title     = {Automated quantitative histology reveals vascular morphodynamics"
        " during Arabidopsis hypocotyl secondary growth},\n"
        "  journal   = {eLife},\n"
        "  volume    = {3},\n"
        "  pages     = {e01567},\n"
        "  year      = {2014},\n"
        "  publisher = {eLife Sciences Publications, Ltd},\n"
        "  doi       = {10.7554/elife.01567}\n"
        "}\n"
    )
    assert text.strip() in capsys.readouterr().out  # shown as well as written
    parsed, problems = parse_bib(bib)
    assert not problems
    new = parsed.entries["sankar2014automated"]
    assert [name.family for name in new.authors] == [
        "Sankar",
        "Nieminen",
        "Ragni",
        "Xenarios",
        "Hardtke",
    ]
    assert (new.fields["journal"], new.fields["volume"], new.year) == ("eLife", "3", "2014")
    path, headers = serve.requests[0]
    assert "mailto=ada%40example.edu" in path
    assert "mailto:ada@example.edu" in headers["User-Agent"]


def test_a_doi_crossref_does_not_know_comes_from_datacite(serve: Server, bib: Path) -> None:
    serve.routes["/works/10.4230/lipics.tqc.2013.93"] = recorded(
        "crossref_work_404_10.1371-notarealdoi.txt", 404
    )
    serve.routes["/dois/10.4230/lipics.tqc.2013.93"] = recorded(
        "datacite_doi_conferencepaper_10.4230-lipics.tqc.2013.93.json"
    )
    assert add(bib, "https://doi.org/10.4230/LIPIcs.TQC.2013.93") == 0
    text = added(bib)
    assert "@inproceedings{johnston2013minimum," in text
    assert "booktitle = {LIPIcs, Volume 22, TQC 2013}" in text
    assert "pages     = {93--105}" in text
    assert "publisher = {Schloss Dagstuhl – Leibniz-Zentrum für Informatik}" in text


@pytest.mark.parametrize(
    ("given", "query", "recording", "expected"),
    [
        (
            "arXiv:1605.08386v1",
            "1605.08386",
            "arxiv_query_id_list_1605.08386.xml",
            ["@misc{stanley2016heat,", "Caprice Stanley and Tobias Windisch", "math.CO"],
        ),
        (
            "https://arxiv.org/abs/astro-ph/0601001",
            "astro-ph/0601001",
            "arxiv_query_id_list_astro-ph_0601001.xml",
            ["eprint        = {astro-ph/0601001}", "note          = {ActaAstron.56:1-50,2006}"],
        ),
    ],
)
def test_arxiv_ids(serve: Server, bib: Path, given, query, recording, expected) -> None:
    serve.routes[f"arxiv:{query}"] = recorded(recording)
    assert add(bib, given) == 0
    text = added(bib)
    for part in [
        *expected,
        "archiveprefix = {arXiv}",
        f"url           = {{https://arxiv.org/abs/{query}}}",
    ]:
        assert part in text
    assert not parse_bib(bib)[1]


# failures: one line each, nothing written -----------------------------------------------


def test_unknown_doi(serve: Server, bib: Path, capsys) -> None:
    serve.routes["/works/10.1371/notarealdoi"] = recorded(
        "crossref_work_404_10.1371-notarealdoi.txt", 404
    )
    assert add(bib, "10.1371/notarealdoi") == 1
    assert one_error(capsys) == (
        "error: 10.1371/notarealdoi: unknown DOI: neither Crossref nor DataCite knows it"
    )
    assert bib.read_bytes() == OLD


def test_arxiv_error_feed(serve: Server, bib: Path, capsys) -> None:
    serve.routes["arxiv:1234.5678"] = recorded("arxiv_query_id_list_abc_error400.xml", 400)
    assert add(bib, "1234.5678") == 1
    assert one_error(capsys) == "error: 1234.5678: arXiv: incorrect id format for abc"
    assert bib.read_bytes() == OLD


def test_empty_arxiv_result(serve: Server, bib: Path, capsys) -> None:
    serve.routes["arxiv:0000.0000"] = recorded("arxiv_query_id_list_0000.0000_empty.xml")
    assert add(bib, "0000.0000") == 1
    assert one_error(capsys) == "error: 0000.0000: unknown arXiv id"
    assert bib.read_bytes() == OLD


def test_429_with_retry_after_is_waited_for(serve: Server, bib: Path) -> None:
    serve.routes["/works/10.7554/elife.01567"] = [
        Answer(429, b"slow down", {"Retry-After": "1"}),
        recorded(ELIFE),
    ]
    assert add(bib, "10.7554/elife.01567") == 0
    assert "sankar2014automated" in added(bib)
    assert len(serve.requests) == 2


def test_retry_after_beyond_the_limit_is_reported(serve: Server, bib: Path, capsys) -> None:
    serve.routes["/works/10.7554/elife.01567"] = Answer(429, b"", {"Retry-After": "3600"})
    assert add(bib, "10.7554/elife.01567") == 1
    assert one_error(capsys) == (
        "error: 10.7554/elife.01567: 127.0.0.1 asks to wait 3600 s; try again later"
    )
    assert len(serve.requests) == 1
    assert bib.read_bytes() == OLD


def test_timeout(serve: Server, bib: Path, capsys) -> None:
    serve.routes["/works/10.7554/elife.01567"] = Answer(200, b"{}", delay=1.5)
    assert add(bib, "10.7554/elife.01567", "--timeout", "0.2", "--retries", "0") == 1
    assert one_error(capsys) == (
        "error: 10.7554/elife.01567: 127.0.0.1 did not answer within 0.2 s"
    )
    assert bib.read_bytes() == OLD


@pytest.mark.parametrize(
    ("route", "given", "body", "message"),
    [
        (
            "/works/10.7554/elife.01567",
            "10.7554/elife.01567",
            b"<html>oops",
            "Crossref sent a malformed answer (not JSON)",
        ),
        (
            "/works/10.7554/elife.01567",
            "10.7554/elife.01567",
            b'{"message": []}',
            "Crossref sent a malformed answer (no message)",
        ),
        (
            "arxiv:1605.08386",
            "1605.08386",
            b"<feed><entry>",
            "arXiv sent a malformed answer (not XML)",
        ),
        (
            "arxiv:1605.08386",
            "1605.08386",
            b'<!DOCTYPE x [<!ENTITY a "a">]><feed/>',
            "arXiv sent a malformed answer (XML with a document type)",
        ),
    ],
)
def test_malformed_body(serve: Server, bib: Path, capsys, route, given, body, message) -> None:
    serve.routes[route] = Answer(200, body)
    assert add(bib, given) == 1
    assert one_error(capsys) == f"error: {given}: {message}"
    assert bib.read_bytes() == OLD


def test_one_failure_writes_nothing(serve: Server, bib: Path, capsys) -> None:
    serve.routes["/works/10.7554/elife.01567"] = recorded(ELIFE)
    assert add(bib, "10.7554/elife.01567", "10.1371/notarealdoi") == 1
    assert "10.1371/notarealdoi: unknown DOI" in one_error(capsys)
    assert bib.read_bytes() == OLD


def test_not_an_identifier(serve: Server, bib: Path, capsys) -> None:
    assert add(bib, "sankar 2014") == 1
    assert one_error(capsys) == "error: sankar 2014: neither a DOI (10.xxxx/...) nor an arXiv id"
    assert not serve.requests


# duplicates, the question, the cache ----------------------------------------------------


@pytest.mark.parametrize(
    ("existing", "given"),
    [
        (
            "@article{mine, title = {Mine}, doi = {https://doi.org/10.7554/ELIFE.01567}}",
            "10.7554/eLife.01567",
        ),
        (
            "@misc{mine, title = {Mine}, journal = {arXiv preprint arXiv:1605.08386}}",
            "arXiv:1605.08386v2",
        ),
    ],
)
def test_same_identifier_is_refused_without_asking(
    serve: Server, tmp_path, capsys, existing, given
) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(existing, encoding="utf-8")
    assert add(path, given) == 1
    assert one_error(capsys) == f"error: {given}: already in the bib file: 'mine' at {path}:1"
    assert path.read_text(encoding="utf-8") == existing
    assert not serve.requests


@pytest.mark.parametrize(
    "existing",
    [
        "@article{sankar2014automated, title = {Something else}}",
        "@article{other, title = {Automated Quantitative {Histology} reveals vascular"
        " morphodynamics during \\emph{Arabidopsis} hypocotyl secondary growth}}",
    ],
)
def test_same_key_or_title_is_refused(serve: Server, tmp_path, capsys, existing) -> None:
    serve.routes["/works/10.7554/elife.01567"] = recorded(ELIFE)
    path = tmp_path / "refs.bib"
    path.write_text(existing, encoding="utf-8")
    assert add(path, "10.7554/elife.01567") == 1
    assert "(same key or title)" in one_error(capsys)
    assert path.read_text(encoding="utf-8") == existing


def test_asks_before_writing(serve: Server, bib: Path, monkeypatch, capsys) -> None:
    serve.routes["/works/10.7554/elife.01567"] = recorded(ELIFE)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # nobody answers
    assert main(["add", "--bib", str(bib), "10.7554/elife.01567"]) == 1
    assert "Nothing written" in capsys.readouterr().out
    assert bib.read_bytes() == OLD
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    assert main(["add", "--bib", str(bib), "10.7554/elife.01567"]) == 0
    assert "sankar2014automated" in added(bib)


def test_answers_are_cached(serve: Server, tmp_path: Path) -> None:
    serve.routes["/works/10.7554/elife.01567"] = recorded(ELIFE)
    first, second = tmp_path / "a.bib", tmp_path / "b.bib"
    assert add(first, "10.7554/elife.01567") == 0
    assert add(second, "10.7554/elife.01567") == 0
    assert len(serve.requests) == 1
    assert first.read_text() == second.read_text()
    assert add(tmp_path / "c.bib", "10.7554/elife.01567", "--no-cache") == 0
    assert len(serve.requests) == 2


def test_a_new_file_is_created(serve: Server, tmp_path: Path) -> None:
    serve.routes["/works/10.7554/elife.01567"] = recorded(ELIFE)
    path = tmp_path / "new.bib"
    assert add(path, "10.7554/elife.01567") == 0
    assert path.read_text(encoding="utf-8").startswith("@article{sankar2014automated,\n")


# quoting ---------------------------------------------------------------------------------


def test_hostile_metadata_is_quoted(serve: Server, bib: Path) -> None:
    serve.routes["/works/10.5555/hostile.1"] = Answer(
        200, (DATA / "crossref_hostile.json").read_bytes()
    )
    assert add(bib, "10.5555/hostile.1") == 0
    text = added(bib)
    assert (
        r"title     = {The \emph{DNA} of 50\% \& \$5 costs\_less\textbraceright{}@misc"
        r"\textbraceleft{}evil, title=\textbraceleft{}x}," in text
    )
    assert r"author    = {{Müller, Jr}, Zoë and {The LIGO \& Virgo Collaboration}}," in text
    assert r"journal   = {Journal of \textsubscript{Odd} Things}," in text
    assert "pages     = {11--20}," in text
    parsed, problems = parse_bib(bib)
    assert not problems
    assert list(parsed.entries) == ["old2001", "muller2020dna"]
    # the site's reader drops braces, written or escaped; the rest reads back unchanged
    assert (
        parsed.entries["muller2020dna"].fields["title"].startswith("The DNA of 50% & $5 costs_less")
    )
    assert [name.family for name in parsed.entries["muller2020dna"].authors] == [
        "Müller, Jr",
        "The LIGO & Virgo Collaboration",
    ]


def test_markup_and_tex() -> None:
    assert from_html("<i>a <b>b</i> c") == r"\emph{a \textbf{b}} c"  # closed in order
    assert from_html("x</i> <sup>2") == r"x \textsuperscript{2}"  # stray and open tags
    assert from_html("<mml:math><mml:mi>x</mml:mi></mml:math>-ray") == "x-ray"
    assert from_tex(r"The $\alpha$-{decay}") == r"The $\alpha$-{decay}"
    assert from_tex("a } b {") == r"a \textbraceright{} b \textbraceleft{}"  # not TeX to keep
    assert from_tex(r"a \} b") == r"a \textbackslash{}\textbraceright{} b"  # BibTeX counts it
    assert protect_case(r"GPUs for \emph{eLife} and {NASA} Data") == (
        r"{GPUs} for \emph{eLife} and {NASA} Data"  # braces protect what they hold
    )
    assert make_key("de la Fontaine", "1999", "The Élan of A-Z") == "fontaine1999elan"
    assert make_key("", "", "") == "anon"
