"""Every builder sees real entries: linkcheck, xml, json and LaTeX, not a key and a style."""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.util.console import strip_colors

from .conftest import copy_root


def test_linkcheck_checks_every_link_of_every_entry(make_app, tmp_path: Path) -> None:
    # every link is ignored, so nothing leaves the machine, but each is listed as seen
    app = make_app(
        "linkcheck",
        srcdir=copy_root(tmp_path, "publist"),
        confoverrides={"linkcheck_ignore": [".*"]},
    )
    app.build()
    seen = {
        json.loads(line)["uri"]
        for line in (Path(app.outdir) / "output.json").read_text().splitlines()
    }
    assert "https://doi.org/10.1000/xyz123" in seen  # wang2024second's doi
    assert any(uri.startswith("https://arxiv.org/abs/") for uri in seen)
    assert not any(uri.startswith("javascript:") for uri in seen)  # refused while reading


def test_xml_shows_the_entries_not_their_python_objects(make_app, tmp_path: Path) -> None:
    app = make_app("xml", srcdir=copy_root(tmp_path, "publist"))
    app.build()
    xml = (Path(app.outdir) / "index.xml").read_text()
    assert "Normalizing Flows for Bayesian Inverse Problems" in xml
    assert "<reference" in xml and 'refuri="https://doi.org/10.1000/xyz123"' in xml
    assert "EntryStyle(" not in xml and "BibEntry(" not in xml and "<pub_entry" not in xml


def test_json_builds_a_profile_page_with_a_photo(make_app, tmp_path: Path) -> None:
    app = make_app("json", srcdir=copy_root(tmp_path, "profile"))
    app.build()
    assert "Traceback" not in app.warning.getvalue()
    page = json.loads((Path(app.outdir) / "index.fjson").read_text())
    assert "sp-profile" in page["body"] and "me.png" in page["body"]
    assert 'rel="me"' in page["body"] or "sp-links" in page["body"]


def test_json_writes_the_entries(make_app, tmp_path: Path) -> None:
    app = make_app("json", srcdir=copy_root(tmp_path, "publist"))
    app.build()
    page = json.loads((Path(app.outdir) / "index.fjson").read_text())
    assert "Normalizing Flows for Bayesian Inverse Problems" in page["body"]
    assert 'class="sp-entry"' in page["body"]


def test_latex_reports_each_data_problem_once(make_app, tmp_path: Path) -> None:
    app = make_app("latex", srcdir=copy_root(tmp_path, "publist"))
    app.build()
    warnings = strip_colors(app.warning.getvalue())
    assert warnings.count("refusing unsafe URL 'javascript:alert(1)'") == 1
    tex = next(Path(app.outdir).glob("*.tex")).read_text()
    assert "Normalizing Flows for Bayesian Inverse Problems" in tex
    assert "javascript:" not in tex
