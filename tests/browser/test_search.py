"""publist ``:search:`` in Chromium: the example site's publication page under every
theme, light and dark, and a list of 5,000 generated entries.

The box filters after a pause in typing, so each check waits for the live region's
sentence rather than for a time.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .harness import AXE, MODES, REPO, THEMES, View, build_site, open_page, serve

pytestmark = pytest.mark.browser

#: what each list item shows as its number, its id, whether it is shown, and the
#: group headings that are shown
STATE_JS = """() => ({
  items: [...document.querySelectorAll('.sp-publist li.sp-entry')].map(li => ({
    id: li.id, value: li.value, shown: li.checkVisibility()})),
  headings: [...document.querySelectorAll('.sp-publist .sp-publist-group')]
    .filter(h => h.checkVisibility()).map(h => h.textContent),
  status: document.querySelector('.sp-search-status').textContent,
})"""

AXE_JS = """async () => {
  const ours = document.querySelectorAll('[class^="sp-"], [class*=" sp-"]');
  const r = await axe.run(ours, {runOnly: {type: 'tag',
    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}});
  const contrast = r.passes.find(p => p.id === 'color-contrast');
  return {contrast: contrast ? contrast.nodes.map(n => n.target.join(' ')) : [],
          serious: r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))};
}"""


@pytest.fixture(params=[View(t, m, "desktop") for t in THEMES for m in MODES], ids=str)
def papers(request: pytest.FixtureRequest, browser: Any, base_url: str) -> Iterator[Any]:
    """The example site's publication page, fresh, in one theme and colour mode."""
    view: View = request.param
    page = open_page(browser, f"{base_url}/{view.theme}/publications.html", view)
    yield page
    page.context.close()


def search(page: Any, text: str, expected: str) -> dict[str, Any]:
    """Type ``text`` into the box (replacing what is there) and wait for the sentence."""
    page.locator(".sp-search input").fill(text)
    return settled(page, expected)


def settled(page: Any, expected: str) -> dict[str, Any]:
    page.wait_for_function(
        "text => document.querySelector('.sp-search-status').textContent === text",
        arg=expected,
        timeout=15000,  # a generous bound on a loaded machine; the wait ends at the sentence
    )
    state: dict[str, Any] = page.evaluate(STATE_JS)
    return state


def test_typing_narrows_clearing_restores_numbers_stay(papers: Any) -> None:
    box = papers.locator(".sp-search")
    assert box.is_visible()
    assert papers.get_by_label("Filter publications").is_visible()
    before: dict[str, Any] = papers.evaluate(STATE_JS)
    numbers = {item["id"]: item["value"] for item in before["items"]}
    assert sorted(numbers.values()) == list(range(1, 13))  # 12 entries, counting down
    assert before["status"] == ""

    state = search(papers, "Gaussian", "2 of 12 publications")
    shown = [item for item in state["items"] if item["shown"]]
    assert [item["id"] for item in shown] == ["marsh2021thesis", "marsh2020gp"]
    assert all(item["value"] == numbers[item["id"]] for item in shown)
    assert [numbers[item["id"]] for item in shown] == [3, 2]  # their numbers in the whole list
    assert state["headings"] == ["2021", "2020"]  # the empty groups' headings are hidden

    # every word must match, in any order, case and accent ("amelie" finds "Amélie")
    state = search(papers, "amelie  CHEAP", "1 of 12 publications")
    assert [item["id"] for item in state["items"] if item["shown"]] == ["marsh2024ensembles"]
    # keywords count though the entry does not show them
    state = search(papers, "emulation", "3 of 12 publications")
    assert "okafor2025conservation" in [item["id"] for item in state["items"] if item["shown"]]
    state = search(papers, "no such paper", "0 of 12 publications")
    assert state["headings"] == [] and not any(item["shown"] for item in state["items"])

    state = search(papers, "", "12 of 12 publications")
    assert state["items"] == before["items"]
    assert state["headings"] == before["headings"]


def test_keyboard_only(papers: Any) -> None:
    """Tab reaches the box, typing filters, Escape clears it, Tab goes on to the list."""
    field = papers.locator(".sp-search input")
    for _ in range(200):
        papers.keyboard.press("Tab")
        if field.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the filter box")
    papers.keyboard.type("sparse")
    state = settled(papers, "2 of 12 publications")
    assert [item["id"] for item in state["items"] if item["shown"]] == [
        "haddad2023sea",
        "marsh2020gp",
    ]
    papers.keyboard.press("Escape")
    settled(papers, "12 of 12 publications")
    assert field.input_value() == ""
    papers.keyboard.press("Tab")
    focused = papers.evaluate("document.activeElement.closest('.sp-download') !== null")
    assert focused, "the .bib link follows the box"


def test_axe_clean_while_filtering(papers: Any) -> None:
    """The box, its label and status sentence, in the theme's light or dark colours."""
    search(papers, "emulator", "4 of 12 publications")
    papers.add_script_tag(path=str(AXE))
    result = papers.evaluate(AXE_JS)
    assert result["serious"] == []
    measured = " ".join(result["contrast"])
    for part in ("label", "sp-search-status", "a[download"):
        assert part in measured, f"axe measured the contrast of {part}"


def test_the_bib_link_downloads_the_list(papers: Any) -> None:
    with papers.expect_download() as download:
        papers.locator(".sp-download a").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.count("\n@") + text.startswith("@") == 12
    assert download.value.suggested_filename == "publications.bib"


@pytest.fixture(scope="module")
def large(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A page of 5,000 generated entries (the benchmark's generator), alabaster."""
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    root = tmp_path_factory.mktemp("large")
    source = root / "source"
    source.mkdir()
    (source / "refs.bib").write_text(generator.generate(5000), encoding="utf-8")
    (source / "conf.py").write_text(
        "extensions = ['sphinx_profile']\nprofile_bibfiles = ['refs.bib']\n"
    )
    (source / "index.rst").write_text("Papers\n======\n\n.. publist::\n")
    outdir, warnings = build_site("alabaster", root / "out", str(source))
    assert "ERROR" not in warnings
    with serve(outdir) as url:
        page = open_page(browser, f"{url}/index.html", View("alabaster", "light", "desktop"))
        yield page
        page.context.close()


def test_5000_entries(large: Any) -> None:
    """On by default for a long list; the filter keeps numbers and groups right."""
    before: dict[str, Any] = large.evaluate(STATE_JS)
    assert len(before["items"]) == 5000
    numbers = {item["id"]: item["value"] for item in before["items"]}
    assert sorted(numbers.values()) == list(range(1, 5001))
    # a keyword every entry has or not, and a word of the titles
    for query in ("physics", "physics diffusion"):
        large.locator(".sp-search input").fill(query)
        large.wait_for_function(
            "() => / of 5000 publications$/.test("
            "document.querySelector('.sp-search-status').textContent)"
        )
        large.wait_for_timeout(300)  # nothing more comes: the box filtered once
        state: dict[str, Any] = large.evaluate(STATE_JS)
        shown = [item for item in state["items"] if item["shown"]]
        assert state["status"] == f"{len(shown)} of 5000 publications"
        assert 0 < len(shown) < 5000
        assert all(item["value"] == numbers[item["id"]] for item in shown)
        texts = large.evaluate(
            """() => [...document.querySelectorAll('li.sp-entry')]
              .filter(li => li.checkVisibility())
              .map(li => li.querySelector('.sp-entry-main').textContent.toLowerCase()
                         + JSON.parse(document.querySelector('.sp-search')
                           .dataset.keywords)[li.id])"""
        )
        assert all(all(word in text for word in query.split()) for text in texts)
        assert state["headings"] and set(state["headings"]) <= set(before["headings"])
    large.locator(".sp-search input").fill("")
    settled(large, "5000 of 5000 publications")
