"""Fixtures for the browser tests: the example site built once per theme, one browser.

The tests need Playwright, the system Chromium and axe-core (``npm ci`` in this
folder). Where one is missing they are skipped with the reason, except under CI
(``CI=true``), where a missing browser means the tests did not run and is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .harness import THEMES, build_site, chromium, missing_requirement, serve


def _require_browser() -> None:
    problem = missing_requirement()
    if problem is None:
        return
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"browser tests cannot run under CI: {problem}")
    pytest.skip(f"browser tests skipped: {problem}")


@pytest.fixture(scope="session")
def site_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site built under every theme: ``<root>/<theme>/index.html``."""
    _require_browser()
    root = tmp_path_factory.mktemp("themes")
    for theme in THEMES:
        _, warnings = build_site(theme, root)
        assert warnings == "", f"{theme}: {warnings}"
    return root


@pytest.fixture(scope="session")
def base_url(site_root: Path) -> Iterator[str]:
    """The built sites, served over HTTP on 127.0.0.1 (the clipboard needs a real origin)."""
    with serve(site_root) as url:
        yield url


@pytest.fixture(scope="session")
def browser(site_root: Path) -> Iterator[Any]:
    """One headless Chromium for the whole session."""
    with chromium() as instance:
        yield instance
