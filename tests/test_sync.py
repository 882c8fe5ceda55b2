"""``sphinx-profile sync``, driven through ``main([...])`` against the local server of
``conftest``: ORCID's and OpenAlex's recorded answers, a dblp person file of our own
making (no recorded one has a known licence), and their failures."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from sphinx_profile.cli import main
from sphinx_profile.data.bib import parse_bib

from .conftest import Answer, Server, realworld, recorded

DATA = Path(__file__).parent / "data" / "api"
ORCID = "0000-0002-9341-7985"
ORCID_WORKS = f"/v3.0/{ORCID}/works"
#: Binfield's ORCID record lists these two; the bib has one by DOI (in other case), one
#: by title and year (without its DOI), and one ORCID does not list.
BIB = b"""% my papers
@article{binfield2013peerj,
  author = {Binfield, Peter},
  title = {PeerJ - a case study in improving research collaboration at the journal level},
  journal = {Information Services and Use},
  year = 2013,
  doi = {10.3233/isu-130714},
}
@article{binfield2008academic,
  author = {Binfield, Peter},
  title = {Academic {Journal} Publishing},
  journal = {Serials Librarian},
  year = 2008,
}
@misc{old2001,
  author = {Old, Al},
  title = {Old},
  year = 2001,
}
"""


@pytest.fixture
def bib(tmp_path: Path) -> Path:
    path = tmp_path / "publications.bib"
    path.write_bytes(BIB)
    return path


def sync(bib: Path, *args: str) -> int:
    return main(["sync", "--bib", str(bib), "--retries", "0", *args])


def openalex_page(*works: str, cursor: str | None = None) -> Answer:
    """A page of ``/works?filter=author.id:...``: OpenAlex's recorded list envelope with
    recorded works in it (no recorded author listing has a known licence)."""
    page = json.loads(realworld("api/openalex_works_list_sample1.json").read_bytes())
    page["results"] = [json.loads(realworld(f"api/{name}").read_bytes()) for name in works]
    page["meta"] |= {"count": len(works), "next_cursor": cursor}
    return Answer(200, json.dumps(page).encode())


def only_error(capsys: pytest.CaptureFixture[str]) -> str:
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error")]
    assert len(errors) == 1, errors
    return errors[0]


def test_orcid_report(serve: Server, bib: Path, capsys) -> None:
    serve.routes[ORCID_WORKS] = recorded("orcid_v3.0_works_0000-0002-9341-7985.json")
    assert sync(bib, "--orcid", f"https://orcid.org/{ORCID}") == 0
    out = capsys.readouterr().out
    path, headers = serve.requests[0]
    assert path == ORCID_WORKS
    assert headers["Accept"] == "application/json"
    assert out.startswith(f"8 works in ORCID, 2 matched in {bib}.\n")
    missing = out.split("In ORCID, missing from the bib (6):\n")[1].split("\n\n")[0]
    assert missing.splitlines()[0] == (
        "  2009  Reputation, authority and incentives. Or: How to get rid of the Impac…"
        "  [doi:10.1038/npre.2009.2801]"
    )
    assert "  1992  Modern developments in holography and its materials  [no DOI or arXiv id]" in (
        missing
    )
    assert f"In the bib, not listed by ORCID (1):\n  old2001 ({bib}:15): Old\n" in out
    assert out.endswith(
        "Matched, but different (1):\n"
        f"  binfield2008academic ({bib}:9): DOI 10.1080/03615260801973992 is not in the bib\n"
    )
    assert bib.read_bytes() == BIB


def test_openalex_report_follows_the_cursor(serve: Server, bib: Path, capsys) -> None:
    bib.write_bytes(
        BIB + b"@article{elife, title={Automated"
        b" quantitative histology}, journal={eLife}, year=2013,"
        b" doi={https://doi.org/10.7554/eLife.01567}}\n"
    )
    serve.routes["/works"] = [
        openalex_page("openalex_work_article_10.7554-elife.01567.json", cursor="Ij8x"),
        openalex_page("openalex_work_preprint_10.1101-097196.json"),
    ]
    assert sync(bib, "--openalex", "https://openalex.org/a5023888391") == 0
    queries = [parse_qs(urlsplit(path).query) for path, _ in serve.requests]
    assert [query["cursor"] for query in queries] == [["*"], ["Ij8x"]]
    assert queries[0]["filter"] == ["author.id:A5023888391"]
    out = capsys.readouterr().out
    assert out.startswith(f"2 works in OpenAlex, 1 matched in {bib}.\n")
    assert (
        "In OpenAlex, missing from the bib (1):\n  2016  A Data Citation Roadmap for"
        " Scholarly Data Repositories  [doi:10.1101/097196]\n" in out
    )
    assert "elife" not in out.split("not listed by OpenAlex")[1].split("Matched")[0]
    assert out.endswith(f"  elife ({bib}:20): year 2013 in the bib, 2014 in OpenAlex\n")


def test_dblp_report(serve: Server, bib: Path, capsys) -> None:
    bib.write_bytes(
        b"@article{a, title={Another title}, journal={Nature}, year=2014,"
        b" doi={10.7554/eLife.01567}}\n"
        b"@misc{walks, title={Heat-bath random walks}, year=2016, eprint={1605.08386v2}}\n"
    )
    serve.routes["/pid/99/9999.xml"] = Answer(200, (DATA / "dblp_person_example.xml").read_bytes())
    assert sync(bib, "--dblp", "https://dblp.org/pid/99/9999.html") == 0
    assert capsys.readouterr().out == (
        f"3 works in dblp, 2 matched in {bib}.\n\n"
        "In dblp, missing from the bib (1):\n"
        "  2021  Vector Quotient Filters  [doi:10.1145/3448016.3452841]\n\n"
        "Matched, but different (1):\n"
        f"  a ({bib}:1): venue 'Nature' in the bib, 'eLife' in dblp\n"
    )


def test_write_puts_the_missing_works_in_its_file(serve: Server, bib: Path, capsys) -> None:
    serve.routes["/works"] = openalex_page(
        "openalex_work_preprint_10.1101-097196.json",
        "openalex_work_conference-paper_10.1145-3448016.3452841.json",
    )
    serve.routes["/works/10.1101/097196"] = recorded(
        "crossref_work_posted-content_10.1101-097196.json"
    )
    serve.routes["/works/10.1145/3448016.3452841"] = recorded(
        "crossref_work_proceedings-article_10.1145-3448016.3452841.json"
    )
    review = bib.with_name("missing.bib")
    review.write_text("% last week's list\n")  # overwritten, not appended to
    assert sync(bib, "--openalex", "A5023888391", "--write", str(review)) == 0
    assert bib.read_bytes() == BIB
    written, problems = parse_bib(review)
    assert not problems
    assert list(written.entries) == ["fenner2016data", "pandey2021vector"]
    assert written.entries["pandey2021vector"].fields["doi"] == "10.1145/3448016.3452841"
    assert review.read_text().startswith("@misc{fenner2016data,\n")
    assert f"Wrote 2 entries to {review}" in capsys.readouterr().err


def test_write_refuses_the_bib_itself(bib: Path, capsys) -> None:
    assert sync(bib, "--orcid", ORCID, "--write", str(bib)) == 2
    assert "is the bib file; sync never edits it" in only_error(capsys)
    assert bib.read_bytes() == BIB


@pytest.mark.parametrize(
    ("flag", "route", "answer", "message"),
    [
        ("--orcid", ORCID_WORKS, Answer(404, b'{"error-code":9016}'), "ORCID does not know"),
        ("--orcid", ORCID_WORKS, Answer(503, b"down"), "answered HTTP 503"),
        ("--orcid", ORCID_WORKS, Answer(200, b"Resource not found."), "ORCID sent a malformed"),
        ("--orcid", ORCID_WORKS, Answer(200, b'{"group": {}}'), "malformed answer (no group"),
        ("--openalex", "/works", None, "OpenAlex lists no works for A5023888391"),
        ("--dblp", "/pid/99/9999.xml", "dblp_search", "dblp sent a malformed answer (not XML)"),
    ],
)
def test_failures_write_nothing(
    serve: Server, bib: Path, capsys, flag, route, answer, message
) -> None:
    ids = {"--orcid": ORCID, "--openalex": "A5023888391", "--dblp": "99/9999"}
    if answer is None:
        answer = openalex_page()
    elif answer == "dblp_search":  # the search API's JSON where the person's XML belongs
        answer = recorded("dblp_search_publ_api_json_attention-is-all-you-need_h1.json")
    serve.routes[route] = answer
    review = bib.with_name("missing.bib")
    assert sync(bib, flag, ids[flag], "--write", str(review)) == 1
    assert message in only_error(capsys)
    assert bib.read_bytes() == BIB
    assert not review.exists()


def test_a_missing_work_that_gives_no_entry_writes_nothing(
    serve: Server, bib: Path, capsys
) -> None:
    serve.routes["/works"] = openalex_page(
        "openalex_work_preprint_10.1101-097196.json",
        "openalex_work_conference-paper_10.1145-3448016.3452841.json",
    )
    serve.routes["/works/10.1101/097196"] = recorded(
        "crossref_work_posted-content_10.1101-097196.json"
    )  # the other is unknown to the server: Crossref's and DataCite's 404
    review = bib.with_name("missing.bib")
    assert sync(bib, "--openalex", "A5023888391", "--write", str(review)) == 1
    err = capsys.readouterr().err
    assert "doi:10.1145/3448016.3452841: unknown DOI" in err
    assert f"Nothing written to {review}." in err
    assert bib.read_bytes() == BIB
    assert not review.exists()


def test_not_an_id(bib: Path, capsys) -> None:
    assert sync(bib, "--orcid", "0000-0002") == 2
    assert "'0000-0002' is not a valid ORCID id" in only_error(capsys)
