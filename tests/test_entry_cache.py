"""A list page rewritten from stored entries is the page a clean build writes.

``tests/roots/test-paper-pages`` is built once, one thing is changed, and it is built
again from its saved environment: the rewritten pages must be byte for byte those of
a clean build of the changed sources, in ``html`` and ``dirhtml``, serial and with two
processes, with paper pages on and off. Which entries were drawn anew is counted
through the module's ``entry_tree`` (serial builds only: the workers of a parallel
build count in their own memory).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sphinx_profile.render import entry_cache, writers

from .conftest import copy_root
from .test_incremental import edit

ENTRIES = {"wang2024journal", "smith:2023/odd", "marsh.2019"}


def site(tmp_path: Path) -> Path:
    """The paper-pages root with a toctree child on its list page: retitling the child
    changes the list page's HTML but none of its entries."""
    srcdir = copy_root(tmp_path, "paper-pages")
    pubs = srcdir / "pubs.rst"
    pubs.write_text(pubs.read_text() + "\n.. toctree::\n\n   child\n", encoding="utf-8")
    (srcdir / "child.rst").write_text("Child\n=====\n\nText.\n", encoding="utf-8")
    return srcdir


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys of the list entries drawn from now on (not the paper pages' entries)."""
    keys: list[str] = []
    original = writers.entry_tree

    def counting(node: Any, *links: Any) -> Any:
        if not node["style"].page:
            keys.append(node["entry"].key)
        return original(node, *links)

    monkeypatch.setattr(writers, "entry_tree", counting)
    return keys


def pages(app: Any) -> dict[str, bytes]:
    """The pages that show entries: the list page and the paper pages (Sphinx leaves
    the others' navigation as it was after a retitled page, which is its own affair)."""
    outdir = Path(app.outdir)
    return {
        str(path.relative_to(outdir)): path.read_bytes()
        for path in outdir.rglob("*.html")
        if path.relative_to(outdir).parts[0] in {"pubs.html", "pubs", "papers"}
    }


def bodies(written: dict[str, bytes]) -> dict[str, bytes]:
    """The pages from ``<body`` on: after a changed configuration Sphinx itself keeps
    the old checksum of its ``documentation_options.js`` in the heads."""
    return {name: page[page.index(b"<body") :] for name, page in written.items()}


def clean_build(make_app: Callable[..., Any], srcdir: Path, tmp_path: Path, **kwargs: Any) -> Any:
    """A clean build of a copy of ``srcdir``'s sources, as they are now."""
    copy = tmp_path / "clean"
    shutil.copytree(srcdir, copy, ignore=shutil.ignore_patterns("_build"))
    app = make_app(srcdir=copy, **kwargs)
    app.build()
    return app


def rebuild(make_app: Callable[..., Any], app: Any, **kwargs: Any) -> Any:
    again = make_app(app.builder.name, srcdir=app.srcdir, freshenv=False, **kwargs)
    again.build()
    return again


BUILDS = [
    pytest.param("html", 1, True, id="html"),
    pytest.param("html", 1, False, id="html-no-paper-pages"),
    pytest.param("dirhtml", 1, True, id="dirhtml"),
    pytest.param("html", 2, True, id="html-j2"),
    pytest.param("dirhtml", 2, False, id="dirhtml-j2-no-paper-pages"),
]


@pytest.mark.parametrize(("builder", "parallel", "paper_pages"), BUILDS)
def test_rewritten_list_page_equals_clean_build(
    make_app: Callable[..., Any],
    tmp_path: Path,
    drawn: list[str],
    builder: str,
    parallel: int,
    paper_pages: bool,
) -> None:
    settings: dict[str, Any] = {
        "parallel": parallel,
        "confoverrides": {"profile_paper_pages": paper_pages},
    }
    app = make_app(builder, srcdir=site(tmp_path), **settings)
    app.build()
    stored = Path(app.doctreedir, entry_cache.CACHE_DIR, builder, "pubs.pickle")
    stored_at = stored.stat().st_mtime_ns
    edit(app, "child.rst", "Child\n=====", "Renamed child\n=============")
    drawn.clear()
    again = rebuild(make_app, app, **settings)
    assert stored.stat().st_mtime_ns == stored_at  # the same entries: nothing to store
    written = pages(again)
    list_page = "pubs.html" if builder == "html" else "pubs/index.html"
    assert b"Renamed child" in written[list_page]  # the list page was rewritten
    if parallel == 1:
        assert drawn == []
    clean = clean_build(make_app, app.srcdir, tmp_path, buildername=builder, **settings)
    assert written == pages(clean)
    assert any(name.startswith("papers") for name in written) == paper_pages


def test_changed_entry_is_drawn_anew(
    make_app: Callable[..., Any], tmp_path: Path, drawn: list[str]
) -> None:
    app = make_app("html", srcdir=site(tmp_path))
    app.build()
    assert set(drawn) == ENTRIES
    edit(app, "refs.bib", "A Report With a Dotted Key", "A Report With a Changed Title")
    drawn.clear()
    again = rebuild(make_app, app)
    assert drawn == ["marsh.2019"]
    written = pages(again)
    assert b"A Report With a Changed Title" in written["pubs.html"]
    assert written == pages(clean_build(make_app, app.srcdir, tmp_path))


def test_changed_option_draws_every_entry_anew(
    make_app: Callable[..., Any], tmp_path: Path, drawn: list[str]
) -> None:
    app = make_app("html", srcdir=site(tmp_path))
    app.build()
    assert b"sp-bibtex" in pages(app)["pubs.html"]
    edit(app, "pubs.rst", ".. publist::", ".. publist::\n   :links: doi pdf")
    drawn.clear()
    again = rebuild(make_app, app)
    assert sorted(drawn) == sorted(ENTRIES)
    written = pages(again)
    assert b"sp-bibtex" not in written["pubs.html"]
    assert written == pages(clean_build(make_app, app.srcdir, tmp_path))


@pytest.mark.parametrize(
    ("setting", "shown"),
    [
        pytest.param({"language": "de"}, b", und <span", id="language"),
        pytest.param({"profile_max_authors": 1}, b"sp-more-authors", id="max-authors"),
    ],
)
def test_changed_configuration_draws_every_entry_anew(
    make_app: Callable[..., Any],
    tmp_path: Path,
    drawn: list[str],
    setting: dict[str, Any],
    shown: bytes,
) -> None:
    app = make_app("html", srcdir=site(tmp_path))
    app.build()
    assert shown not in pages(app)["pubs.html"]
    drawn.clear()
    again = rebuild(make_app, app, confoverrides=setting)
    assert sorted(drawn) == sorted(ENTRIES)
    written = pages(again)
    assert shown in written["pubs.html"]
    clean = pages(clean_build(make_app, app.srcdir, tmp_path, confoverrides=setting))
    assert bodies(written) == bodies(clean)


def test_unreadable_store_is_ignored(
    make_app: Callable[..., Any], tmp_path: Path, drawn: list[str]
) -> None:
    app = make_app("html", srcdir=site(tmp_path))
    app.build()
    Path(app.doctreedir, entry_cache.CACHE_DIR, "html", "pubs.pickle").write_bytes(b"garbage")
    edit(app, "child.rst", "Child\n=====", "Renamed child\n=============")
    drawn.clear()
    again = rebuild(make_app, app)
    assert sorted(drawn) == sorted(ENTRIES)
    assert pages(again) == pages(clean_build(make_app, app.srcdir, tmp_path))
