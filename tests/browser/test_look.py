"""The example site in a real browser: every theme, light and dark, desktop and phone.

Reading HTML cannot tell whether a card overflows a phone screen, whether a dark
theme turned our text invisible, or whether a link is covered by something else;
Chromium can. Each view loads the page once (a session-scoped page per view) and
the checks below only read it, so the whole matrix stays fast.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .harness import AXE, HEIGHTS, VIEWS, View, open_page

pytestmark = pytest.mark.browser

# the home page (the full card), every publication and every CV section; the gallery
# (tools/gallery.py) also shows the research page
PAGES = ("index", "publications", "cv")
CARD_PAGES = ("index", "cv")
DARK_THEMES = ("furo", "pydata_sphinx_theme", "sphinx_book_theme")

# the relative luminance of a CSS colour, for "is the page really dark?"
LUMINANCE_JS = """
(colour) => {
  const [r, g, b] = colour.match(/[\\d.]+/g).slice(0, 3).map(Number).map(c => {
    c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
"""


@pytest.fixture(scope="session", params=VIEWS, ids=lambda view: view.name)
def view(request: pytest.FixtureRequest) -> View:
    view: View = request.param
    return view


@pytest.fixture(scope="session", params=PAGES)
def page(request: pytest.FixtureRequest, browser: Any, base_url: str, view: View) -> Iterator[Any]:
    """One loaded page per (view, page name); tests must not navigate away."""
    loaded = open_page(browser, f"{base_url}/{view.theme}/{request.param}.html", view)
    yield loaded
    loaded.context.close()


@pytest.fixture
def publications(browser: Any, base_url: str, view: View) -> Iterator[Any]:
    """A fresh publications page, for tests that click things."""
    loaded = open_page(browser, f"{base_url}/{view.theme}/publications.html", view)
    yield loaded
    loaded.context.close()


def background_luminance(page: Any) -> float:
    """Luminance of the first non-transparent background behind our first component."""
    colour = page.evaluate(
        """() => {
          const ours = document.querySelector('.sp-profile, .sp-publist, .sp-cv');
          for (let el = ours; el; el = el.parentElement) {
            const bg = getComputedStyle(el).backgroundColor;
            if (bg && !bg.startsWith('rgba(0, 0, 0, 0)') && bg !== 'transparent') return bg;
          }
          return getComputedStyle(document.documentElement).backgroundColor || 'rgb(255,255,255)';
        }"""
    )
    if colour.startswith("rgba(0, 0, 0, 0)"):
        colour = "rgb(255, 255, 255)"
    luminance: float = page.evaluate(LUMINANCE_JS, colour)
    return luminance


def test_dark_mode_follows_the_theme(page: Any, view: View) -> None:
    """Themes with a dark mode switch it on; our card sits on the theme's background."""
    dark = view.mode == "dark" and view.theme in DARK_THEMES
    luminance = background_luminance(page)
    assert (luminance < 0.2) if dark else (luminance > 0.6)


def test_nothing_overflows_horizontally(page: Any) -> None:
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth,"
        " Math.max(...[...document.querySelectorAll('[class*=\"sp-\"]')]"
        ".map(el => el.getBoundingClientRect().right))]"
    )
    scroll_width, inner_width, rightmost = widths
    assert scroll_width <= inner_width
    assert rightmost <= inner_width


@pytest.mark.parametrize("page", CARD_PAGES, indirect=True)
def test_name_and_photo_above_the_fold(page: Any, view: View) -> None:
    # the card's name, or the heading that stands in for it on the home page
    name = page.locator(".sp-profile .sp-name, h1:has-text('Elena Marsh'):visible").first
    assert name.is_visible()
    box = name.bounding_box()
    assert box is not None
    assert box["y"] + box["height"] <= HEIGHTS[view.width]
    assert box["x"] >= 0
    photo = page.locator(".sp-profile img.sp-photo")
    if photo.count():  # the research page shows the card without a photo
        assert photo.first.is_visible()
        assert page.evaluate(
            "img => img.complete && img.naturalWidth > 0", photo.first.element_handle()
        )
        box = photo.first.bounding_box()
        assert box is not None
        assert box["y"] + box["height"] <= HEIGHTS[view.width]


def test_link_buttons_are_clickable(page: Any) -> None:
    """Nothing covers a link (the element at its centre is the link) and it is 24 px high.

    One script checks every link, scrolling each into view first: a round trip per
    link would make the whole matrix slow.
    """
    problems = page.evaluate(
        """() => {
          const links = document.querySelectorAll(
            '.sp-profile a.sp-link, .sp-profile .sp-email a, .sp-entry a.sp-button,'
            + ' .sp-entry details > summary');
          const problems = [];
          for (const link of links) {
            // instant: furo scrolls smoothly, which would measure before the scroll
            link.scrollIntoView({block: 'center', inline: 'center', behavior: 'instant'});
            const r = link.getBoundingClientRect();
            const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
            if (!link.contains(hit)) {
              problems.push(`${link.textContent}: covered by ${hit?.outerHTML.slice(0, 80)}`);
            }
            if (r.height < 24) problems.push(`${link.textContent}: ${r.height}px high`);
          }
          window.scrollTo({top: 0, behavior: 'instant'});
          return {count: links.length, problems};
        }"""
    )
    assert problems["count"] >= 4
    assert problems["problems"] == []


def test_axe_finds_no_serious_violations(page: Any) -> None:
    """axe-core's WCAG 2 A/AA and best-practice rules (contrast included) on our markup.

    The check covers every element of ours (``sp-*`` classes) in the theme's real page,
    so contrast is measured against the theme's own background. The themes' own
    chrome is left out: it has findings we cannot fix (alabaster's footer contrast,
    pydata's search button label).
    """
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        """async () => {
          const ours = document.querySelectorAll('[class^="sp-"], [class*=" sp-"]');
          const r = await axe.run(ours, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}});
          const contrast = r.passes.find(p => p.id === 'color-contrast');
          return {checked: contrast ? contrast.nodes.length : 0,
                  serious: r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => ({id: v.id, help: v.help,
                                nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))};
        }"""
    )
    assert result["checked"] >= 5, "axe measured the contrast of our text"
    assert result["serious"] == []


def test_every_theme_puts_the_metadata_in_head(page: Any) -> None:
    """Themes render Sphinx's ``metatags``; the browser parses every JSON-LD block."""
    found = page.evaluate(
        """() => ({
          types: [...document.head.querySelectorAll('script[type="application/ld+json"]')]
            .map(script => JSON.parse(script.textContent)['@type']),
          og: document.head.querySelector('meta[property="og:type"]')?.content,
          inBody: document.body.querySelectorAll('script[type="application/ld+json"]').length,
        })"""
    )
    name = page.url.rsplit("/", 1)[1].removesuffix(".html")
    expected = {
        "index": (["Person", "ItemList"], "profile"),  # the card and selected publications
        "publications": (["ItemList"], None),
        "cv": (["Person", "ItemList"], "profile"),  # the card and the publications
    }[name]
    assert (found["types"], found["og"]) == expected
    assert found["inBody"] == 0


def test_details_blocks_open_on_click(publications: Any) -> None:
    """Abstract and BibTeX blocks are closed, and open with a click (no JavaScript needed)."""
    for kind in ("sp-abstract", "sp-bibtex"):
        block = publications.locator(f".sp-entry details.{kind}").first
        body = block.locator("p, pre").first
        assert block.get_attribute("open") is None
        assert not body.is_visible()
        block.locator("summary").click()
        assert block.get_attribute("open") is not None
        assert body.is_visible()
        box = body.bounding_box()
        assert box is not None and box["width"] > 100
        # an open block (a long BibTeX line) scrolls inside itself, not the page
        assert box["x"] + box["width"] <= publications.viewport_size["width"]
    assert publications.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_bibtex_copy_button(publications: Any) -> None:
    """The copy button puts the entry's BibTeX, exactly as shown, on the clipboard."""
    entry = publications.locator("li.sp-entry").filter(
        has=publications.locator("details.sp-bibtex")
    )
    block = entry.first.locator("details.sp-bibtex")
    block.locator("summary").click()
    button = block.locator("button.sp-copy")
    assert button.is_visible()
    label = button.inner_text()
    button.click()
    publications.wait_for_function(
        "label => document.querySelector('button.sp-copy').textContent !== label",
        arg=label,
        timeout=3000,
    )
    copied = publications.evaluate("navigator.clipboard.readText()")
    shown = block.locator("pre").inner_text().strip()
    assert copied.strip() == shown
    assert copied.startswith("@")
    key = entry.first.get_attribute("id")
    assert key and key in copied.splitlines()[0]
