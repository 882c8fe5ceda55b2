"""Incremental builds re-read exactly the pages whose data changed, and nothing else.

Each test builds a site once, edits one file, builds again from the pickled
environment and asserts the set of documents Sphinx re-read. Every test has its own
source folder (``srcdir=``) because the edits must not leak into other tests.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp
from sphinx.util.osutil import _last_modified_time

from .conftest import html

NEW_ENTRY = """@article{ivo2020free,
  author = {Incremental, Ivo},
  title = {Rebuilds for Free},
  journal = {Journal of Rebuilds},
  year = {2020}
}

"""


def edit(app: SphinxTestApp, name: str, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in a source file, as an editor saving it would.

    Sphinx re-reads a page when a dependency's mtime is later than the time the page
    was read. The file system's clock can lag the process clock by a tick, so save
    again until the new mtime is really later; never set a time in the future.
    """
    path = Path(app.srcdir, name)
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, name)
    last_read = max(app.env.all_docs.values())
    while True:
        path.write_text(text.replace(old, new), encoding="utf-8")
        if _last_modified_time(path) > last_read:
            return
        time.sleep(0.005)


def rebuild(
    app: SphinxTestApp, make_app: Callable[..., SphinxTestApp], **confoverrides: Any
) -> tuple[list[str], Any]:
    """Build ``app``'s site again from its saved environment, with the same builder,
    number of processes and ``confoverrides`` (pass the first build's: a changed setting
    re-reads every page); the documents it re-read."""
    again = make_app(
        app.builder.name,
        srcdir=app.srcdir,
        freshenv=False,
        parallel=app.parallel,
        confoverrides=confoverrides,
    )
    read: list[str] = []
    again.connect("env-before-read-docs", lambda _app, _env, docnames: read.extend(docnames))
    again.build()
    return sorted(read), again


@pytest.mark.sphinx("html", testroot="incremental", srcdir="incremental-profile")
def test_editing_profile_rereads_exactly_the_pages_using_it(app, make_app) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    edit(app, "profile.yaml", "Ivo Incremental", "Ivo Q. Incremental")
    read, again = rebuild(app, make_app)
    # the profile cards, and the publists (they emphasise the owner's name from it)
    assert read == ["cv", "index", "pubs", "talks"]
    assert html(again, "cv").select_one(".sp-name").get_text(strip=True) == "Ivo Q. Incremental"


@pytest.mark.sphinx("html", testroot="incremental", srcdir="incremental-bib")
def test_editing_a_bib_rereads_its_publists_and_pub_roles_only(app, make_app) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    assert html(app, "cites").select_one(".sp-pub").get_text() == "[2]"
    # a new, older entry: the list grows and the cited entry's number changes
    edit(app, "refs.bib", "@article{ivo2024graphs", NEW_ENTRY + "@article{ivo2024graphs")
    read, again = rebuild(app, make_app)
    assert read == ["cites", "pubs"]
    assert "checking publications... parsing" in again.status.getvalue()
    titles = [t.get_text() for t in html(again, "pubs").select(".sp-title")]
    assert titles == ["Graphs That Change", "Caches Keyed by Time", "Rebuilds for Free"]
    assert html(again, "cites").select_one(".sp-pub").get_text() == "[3]"
    assert html(again, "talks").select_one(".sp-title").get_text() == "A Talk About Dependencies"


@pytest.mark.sphinx("html", testroot="incremental", srcdir="incremental-renumber")
def test_renumbering_a_list_rewrites_the_pages_citing_it(app, make_app) -> None:
    """Only the list's page is re-read, but a page citing its entries shows new numbers
    (the incremental build equals a clean one)."""
    app.build()
    assert html(app, "cites").select_one(".sp-pub").get_text() == "[2]"
    edit(app, "pubs.rst", ".. publist::", ".. publist::\n   :filter: year > 2023")
    read, again = rebuild(app, make_app)
    assert read == ["pubs"]
    assert html(again, "cites").select_one(".sp-pub").get_text() == "[1]"


def one_page(name: str, old: str, new: str, page: str) -> Any:
    """An edit that should re-read exactly one page, in its own copy of the root."""
    marks = pytest.mark.sphinx("html", testroot="incremental", srcdir=f"incremental-{page}")
    return pytest.param(name, old, new, page, marks=marks, id=name)


@pytest.mark.parametrize(
    ("name", "old", "new", "page"),
    [
        # a page with no data at all
        one_page("about.rst", "no data at all", "no data at all, still", "about"),
        # a bib file only one publist names with :bibfiles:
        one_page("talks.bib", "A Talk About Dependencies", "A Talk About Mtimes", "talks"),
    ],
)
def test_an_edit_rereads_only_the_page_that_uses_it(app, make_app, name, old, new, page) -> None:
    app.build()
    edit(app, name, old, new)
    read, again = rebuild(app, make_app)
    assert read == [page]
    status = again.status.getvalue()
    assert "checking profile data... up to date" in status
    assert "checking publications... up to date" in status
    assert new in html(again, page).get_text()


@pytest.mark.sphinx("html", testroot="incremental", srcdir="incremental-nothing")
def test_rebuilding_without_edits_rereads_nothing(app, make_app) -> None:
    app.build()
    read, _ = rebuild(app, make_app)
    assert read == []


@pytest.mark.parametrize(
    ("builder", "parallel"),
    [
        pytest.param(
            builder,
            parallel,
            marks=pytest.mark.sphinx(
                builder,
                testroot="incremental",
                srcdir=f"incremental-static-{builder}-{parallel}",
                parallel=parallel,
            ),
            id=f"{builder}-j{parallel}",
        )
        for builder, parallel in [("html", 1), ("html", 2), ("dirhtml", 1)]
    ],
)
def test_rebuilding_without_edits_writes_no_page(app, make_app, builder, parallel) -> None:
    """The stylesheet and script are shipped without changing a config value, so Sphinx
    sees the same configuration and rewrites nothing."""
    app.build()
    outdir = Path(app.outdir)
    # the documents' pages (Sphinx writes genindex and search on every build)
    files = [Path(app.builder.get_outfilename(doc)) for doc in sorted(app.env.found_docs)]
    pages = {path: path.stat().st_mtime_ns for path in files}
    read, again = rebuild(app, make_app)
    status = again.status.getvalue()
    assert read == []
    assert "configuration has changed" not in status
    assert "writing output... [" not in status  # no page is listed as written
    assert {path: path.stat().st_mtime_ns for path in files} == pages
    index = html(again, "index")
    assert index.find("link", href=re.compile(r"^_static/sphinx_profile\.css\?v="))
    assert index.find("script", src=re.compile(r"^_static/sphinx_profile\.js\?v="))
    assert (outdir / "_static" / "sphinx_profile.css").is_file()
    assert (outdir / "_static" / "sphinx_profile.js").is_file()
