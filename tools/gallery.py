"""Screenshots of the example site under every theme, colour mode and width.

    python tools/gallery.py [OUTDIR]      (default: gallery/, which git ignores)

Builds the example site once per theme (alabaster, furo, pydata-sphinx-theme,
sphinx-book-theme), serves it locally and writes ``<page>-<theme>-<mode>-<width>.png``
full-page screenshots, plus a print-preview PDF per theme. Look at them after every
change to the stylesheet: the browser tests catch overflow and accessibility
problems, not ugliness.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from tests.browser.harness import (
    THEMES,
    VIEWS,
    View,
    build_site,
    chromium,
    missing_requirement,
    open_page,
    serve,
)

PAGES = ("index", "research", "publications", "cv")
OPEN_FIRST_ENTRY = """() => {
  const entry = document.querySelector('ol .sp-entry');
  if (entry) entry.querySelectorAll('details').forEach(block => { block.open = true; });
}"""


def main(argv: list[str]) -> int:
    outdir = Path(argv[1] if len(argv) > 1 else "gallery").resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    if problem := missing_requirement():
        print(f"cannot make the gallery: {problem}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        root = Path(tmp)
        for theme in THEMES:
            _, warnings = build_site(theme, root)
            if warnings:
                print(f"{theme}: build warnings:\n{warnings}", file=sys.stderr)
        with serve(root) as base:
            for view in VIEWS:
                for name in PAGES:
                    page = open_page(browser, f"{base}/{view.theme}/{name}.html", view)
                    # show the first entry's abstract and BibTeX open, as a reader would
                    page.evaluate(OPEN_FIRST_ENTRY)
                    page.screenshot(path=outdir / f"{name}-{view.name}.png", full_page=True)
                    page.context.close()
            for theme in THEMES:
                page = open_page(
                    browser, f"{base}/{theme}/index.html", View(theme, "light", "desktop")
                )
                page.pdf(path=outdir / f"index-{theme}-print.pdf")
                page.context.close()
    print(f"gallery written to {outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
