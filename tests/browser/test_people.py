"""The example lab's people page in Chromium: desktop and phone, light and dark (furo).

Each view is screenshotted to ``SPHINX_PROFILE_SCREENSHOTS`` (default: the test's
temporary folder) as ``people-<mode>-<width>.png``, to be looked at after a change
to the cards' style; the checks are what a screenshot shows at a glance: every card
on screen with its photo and name, nothing wider than a phone.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import _require_browser
from .harness import MODES, View, build_site, open_page, serve

pytestmark = pytest.mark.browser

#: The viewports of the screenshots (the people page is taller than the home page).
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.fixture(scope="module")
def lab_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example lab built with furo and served on 127.0.0.1."""
    _require_browser()
    root = tmp_path_factory.mktemp("lab")
    _, warnings = build_site("furo", root, "example_lab")
    assert warnings == ""
    with serve(root / "furo") as url:
        yield url


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("SPHINX_PROFILE_SCREENSHOTS") or tmp_path_factory.mktemp("shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("width", SIZES)
@pytest.mark.parametrize("mode", MODES)
def test_people_page(browser: Any, lab_url: str, shots: Path, mode: str, width: str) -> None:
    page = open_page(browser, f"{lab_url}/people.html", View("furo", mode, width), SIZES[width])
    try:
        page.screenshot(path=str(shots / f"people-{mode}-{width}.png"), full_page=True)
        cards = page.locator(".sp-person")
        assert cards.count() >= 10
        for index in range(cards.count()):
            card = cards.nth(index)
            assert card.is_visible()
            box = card.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= SIZES[width][0]
            photo = card.locator("img").first
            assert photo.evaluate("img => img.complete && img.naturalWidth > 0")
        # nothing wider than the screen: no sideways scrolling on a phone
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
    finally:
        page.context.close()
