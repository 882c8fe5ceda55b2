"""The same sources always give the same HTML: clean, parallel and incremental builds.

A homepage is deployed by comparing files, so any difference between two builds of
the same sources (an unordered set, a path, a cache that outlives a data edit) is a
spurious change or, worse, stale content. Every test builds the example site.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).parents[1]


def copy_site(tmp_path: Path, name: str) -> Path:
    srcdir = tmp_path / name
    shutil.copytree(REPO / "example_site", srcdir, ignore=shutil.ignore_patterns("_build"))
    return srcdir


def build(make_app, srcdir: Path, **kwargs) -> dict[str, bytes]:
    """Build ``srcdir`` and return every HTML page's bytes, by path in the output."""
    app = make_app("html", srcdir=srcdir, **kwargs)
    app.build()
    outdir = Path(app.outdir)
    pages = {str(path.relative_to(outdir)): path.read_bytes() for path in outdir.rglob("*.html")}
    assert "index.html" in pages
    return pages


def test_two_clean_builds_are_identical(make_app, tmp_path: Path) -> None:
    first = build(make_app, copy_site(tmp_path, "one"))
    second = build(make_app, copy_site(tmp_path, "two"))
    assert first == second


def test_parallel_build_equals_serial(make_app, tmp_path: Path) -> None:
    serial = build(make_app, copy_site(tmp_path, "serial"))
    parallel = build(make_app, copy_site(tmp_path, "parallel"), parallel=2)
    assert parallel == serial


def _rename(text: str) -> str:
    return text.replace("Elena Marsh", "Elena M. Marsh")


def _break(text: str) -> str:
    """A wrong type: ``basics`` is skipped with a warning, so the card loses its data."""
    return text.replace("  label: ", "  label: !!binary ", 1)


def _drop_summary(text: str) -> str:
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("  summary:"))
    end = next(
        (i for i in range(start + 1, len(lines)) if not lines[i].startswith("    ")), len(lines)
    )
    return "".join(lines[:start] + lines[end:])


@pytest.mark.parametrize("edit", [_rename, _break, _drop_summary], ids=lambda f: f.__name__[1:])
def test_incremental_build_after_data_edit_equals_clean_build(
    make_app, tmp_path: Path, edit: Callable[[str], str]
) -> None:
    incremental = copy_site(tmp_path, "incremental")
    before = build(make_app, incremental)
    data = incremental / "profile.yaml"
    data.write_text(edit(data.read_text()))
    after = build(make_app, incremental, freshenv=False)
    assert after != before, "the edit must show"

    clean = copy_site(tmp_path, "clean")
    (clean / "profile.yaml").write_text(data.read_text())
    assert after == build(make_app, clean)
