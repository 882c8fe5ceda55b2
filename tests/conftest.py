"""Shared fixtures: Sphinx's own testing fixtures, our test roots, HTML parsing."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"
REALWORLD = Path(__file__).parents[1].parent / "shared" / "realworld"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``test-<name>`` folders."""
    return ROOTS


def html(app: object, docname: str) -> BeautifulSoup:
    """The built page ``docname`` of a Sphinx test app, parsed."""
    outdir = Path(app.outdir)  # type: ignore[attr-defined]
    return BeautifulSoup((outdir / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")


#: Every builder besides html that Sphinx ships and a site might use.
OTHER_BUILDERS = ("text", "singlehtml", "dirhtml", "epub", "man", "latex", "texinfo")


def output_text(builder: str, outdir: Path) -> str:
    """Everything a builder wrote that a reader sees, as one string."""
    patterns = {
        "text": "*.txt",
        "man": "*.1",
        "latex": "*.tex",
        "texinfo": "*.texi",
        "epub": "*.xhtml",
        "singlehtml": "*.html",
        "dirhtml": "**/*.html",
    }
    files = sorted(outdir.glob(patterns[builder]))
    assert files, f"{builder} wrote nothing"
    return "\n".join(path.read_text(encoding="utf-8") for path in files)
