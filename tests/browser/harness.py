"""Build the example site under every supported theme, serve it, and drive Chromium.

Shared by the browser tests and by ``tools/gallery.py`` so the screenshots show
exactly the pages the tests check. Nothing here downloads a browser: it uses the
system's Chromium (Debian package ``chromium``) through Playwright.
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

REPO = Path(__file__).parents[2]
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

THEMES = ("alabaster", "furo", "pydata_sphinx_theme", "sphinx_book_theme")
MODES = ("light", "dark")
WIDTHS = {"desktop": 1280, "phone": 390}
HEIGHTS = {"desktop": 800, "phone": 844}


@dataclass(frozen=True)
class View:
    """One theme x colour mode x width combination."""

    theme: str
    mode: str
    width: str

    @property
    def name(self) -> str:
        return f"{self.theme}-{self.mode}-{self.width}"

    def context_options(self) -> dict[str, Any]:
        """Playwright context options; dark mode through ``prefers-color-scheme``.

        Every theme with a dark mode (furo, pydata, book) follows the system
        preference by default, so emulating it switches the theme's own mechanism
        (furo's and pydata's ``data-theme``) exactly as a visitor's browser would.
        """
        return {
            "viewport": {"width": WIDTHS[self.width], "height": HEIGHTS[self.width]},
            "color_scheme": self.mode,
            "device_scale_factor": 1,
            "has_touch": self.width == "phone",
        }


VIEWS = [View(t, m, w) for t in THEMES for m in MODES for w in WIDTHS]


def missing_requirement() -> str | None:
    """Why the browser checks cannot run here, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the Python package 'playwright' is not installed"
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if not AXE.exists():
        return f"axe-core is not installed (run 'npm ci' in {AXE.parents[2]})"
    return None


def build_site(theme: str, outroot: Path, source: str = "example_site") -> tuple[Path, str]:
    """Build ``source`` with ``theme`` into ``outroot/theme``; return it and the warnings."""
    srcdir = outroot / "src" / theme
    shutil.copytree(REPO / source, srcdir, ignore=shutil.ignore_patterns("_build"))
    outdir = outroot / theme
    warnings = io.StringIO()
    # a fresh docutils registry per build, as sphinx-build does, so several builds in
    # one process do not trip over each other's directives and nodes
    with patch_docutils(srcdir), docutils_namespace():
        app = Sphinx(
            srcdir,
            srcdir,
            outdir,
            outroot / "doctrees" / theme,
            "html",
            confoverrides={"html_theme": theme},
            status=None,
            warning=warnings,
            freshenv=True,
        )
        app.build()
    return outdir, warnings.getvalue()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1 (a free port) while the block runs; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Any]:
    """The system Chromium, headless, through Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser: Any, url: str, view: View, size: tuple[int, int] | None = None) -> Any:
    """A fresh context and page for ``view`` at ``url``, with the theme's scripts settled;
    ``size`` (width, height) replaces the view's viewport."""
    options = view.context_options()
    if size is not None:
        options["viewport"] = {"width": size[0], "height": size[1]}
    context = browser.new_context(**options)
    parts = urlsplit(url)
    context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=f"{parts.scheme}://{parts.netloc}"
    )
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready")
    return page
