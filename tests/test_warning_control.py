"""``-W`` fails on any data problem; ``suppress_warnings`` silences exactly one subtype.

The ``bad-data`` root has a problem of each subtype (its profile file, its BibTeX
file, a ``:pub:`` role, a directive option); :data:`PROBLEMS` names one message per
subtype. Every subtype the code defines must be documented on the Troubleshooting page.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sphinx.cmd.build import build_main
from sphinx.util.console import strip_colors

from sphinx_profile.data.problems import Subtype

from .conftest import ROOTS, html
from .test_corpus import CORPUS

REPO = Path(__file__).parents[1]

#: A message the ``bad-data`` root produces for each subtype.
PROBLEMS = {
    Subtype.DATA: "unknown key 'emial'",
    Subtype.BIB: "untitled: no title",
    Subtype.REF: "unknown publication key 'nosuchkey'",
    Subtype.OPTION: "unknown field 'sparkles'",
}


def test_every_subtype_is_documented() -> None:
    page = (REPO / "docs" / "warnings.md").read_text()
    documented = set(re.findall(r"^#+ `profile\.(\w+)`", page, re.MULTILINE))
    assert documented == {subtype.value for subtype in Subtype}


@pytest.mark.parametrize("subtype", list(PROBLEMS), ids=str)
@pytest.mark.sphinx("html", testroot="bad-data")
def test_suppress_warnings_silences_exactly_one_subtype(make_app, app, subtype: Subtype) -> None:
    app.build()
    everything = app.warning.getvalue()
    assert all(message in everything for message in PROBLEMS.values())

    quiet = make_app(
        "html", srcdir=app.srcdir, confoverrides={"suppress_warnings": [f"profile.{subtype}"]}
    )
    quiet.build()
    remaining = quiet.warning.getvalue()
    for other, message in PROBLEMS.items():
        assert (message in remaining) == (other != subtype), (other, remaining)
    assert f"[profile.{subtype}]" not in remaining
    assert all(f"[profile.{other}]" in remaining for other in PROBLEMS if other != subtype)


@pytest.mark.sphinx("html", testroot="bad-data", confoverrides={"suppress_warnings": ["profile"]})
def test_suppress_warnings_profile_silences_all(app) -> None:
    app.build()
    assert "[profile." not in app.warning.getvalue()


def sphinx_build_w(srcdir: Path, *extra: str) -> int:
    """The exit status of ``sphinx-build -W`` on ``srcdir``, as a user runs it."""
    return build_main(["-W", "-q", "-b", "html", *extra, str(srcdir), str(srcdir / "_build")])


@pytest.mark.parametrize(
    "case",
    [
        "yaml-unknown-key.yaml",
        "json-duplicate-key.json",
        "toml-syntax.toml",
        "hostile-raw-role.yaml",
    ],
)
def test_dash_w_fails_on_data_problems(tmp_path: Path, case: str) -> None:
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-corpus", srcdir)
    assert sphinx_build_w(srcdir) == 0
    shutil.copy(CORPUS / case, srcdir / case)
    assert sphinx_build_w(srcdir, "-D", f"profile_data={case}") == 1


def test_dash_w_fails_on_option_problems(tmp_path: Path) -> None:
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-corpus", srcdir)
    shutil.copy(CORPUS / "option-bad-align.rst", srcdir)
    assert sphinx_build_w(srcdir) == 1


def test_bad_setting_is_located_in_conf_py(make_app, tmp_path: Path) -> None:
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-corpus", srcdir)
    lines = len((srcdir / "conf.py").read_text().splitlines())
    with (srcdir / "conf.py").open("a") as conf:
        conf.write("profile_max_authors = -3\nprofile_owner = 'Cora Pus'\n")
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = strip_colors(app.warning.getvalue())
    assert re.search(
        rf"conf\.py:{lines + 1}: WARNING: profile_max_authors must be .*; using the default None "
        r"\[profile\.option\]",
        warnings,
    ), warnings
    assert re.search(
        rf"conf\.py:{lines + 2}: WARNING: profile_owner .*\[profile\.option\]", warnings
    )
    assert "Cora Pus" in html(app, "index").get_text()
