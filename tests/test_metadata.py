"""schema.org JSON-LD, Open Graph and description tags in the ``<head>`` of profile pages."""

from __future__ import annotations

import json
import shutil
from types import SimpleNamespace

import pytest
from docutils.utils import new_document
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_colors

from sphinx_profile.data.bib import BibEntry
from sphinx_profile.metadata import (
    LISTED_PUBLICATIONS,
    Page,
    json_for_script,
    plain_description,
    publication_tags,
)
from sphinx_profile.nodes import pub_entry

from .conftest import html

NAME = "Ada </script><script>alert(1)</script> Quantum"


def json_ld(soup) -> list[dict]:
    return [json.loads(tag.string) for tag in soup.select('script[type="application/ld+json"]')]


#: The one problem of the root's data, an unsafe education URL kept out of the JSON-LD:
#: reported once, when the profile file is read.
UNSAFE = "profile.yaml:24: WARNING: refusing unsafe URL 'javascript:x'"


def only_the_unsafe_url(app: SphinxTestApp) -> bool:
    warnings = strip_colors(app.warning.getvalue()).splitlines()
    return len(warnings) == 1 and UNSAFE in warnings[0]


def og(soup) -> dict[str, str]:
    return {tag["property"]: tag["content"] for tag in soup.select('meta[property^="og:"]')}


@pytest.mark.sphinx("html", testroot="metadata")
def test_person_on_the_profile_page(app: SphinxTestApp) -> None:
    app.build()
    assert only_the_unsafe_url(app)
    soup = html(app, "index")
    [person] = json_ld(soup)
    description = person.pop("description")
    assert person == {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": NAME,
        "jobTitle": 'Professor & "Chair"',
        "image": "https://ada.example.edu/_images/me.png",
        "url": "https://ada.example.edu",
        "email": "ada@example.edu",
        "affiliation": {
            "@type": "Organization",
            "name": "Example University",
            "department": {"@type": "Organization", "name": "Department of Statistics"},
        },
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Springfield",
            "addressCountry": "US",
        },
        "identifier": "https://orcid.org/0000-0002-1825-0097",
        # current jobs only; an unsafe URL is left out
        "worksFor": [
            {"@type": "Organization", "name": "Example University", "url": "https://example.edu"},
            {"@type": "Organization", "name": "Still Here Inc"},
        ],
        "alumniOf": [{"@type": "EducationalOrganization", "name": "Big School"}],
        "award": ["Best Paper"],
        # the CV download and the homepage are not other profiles of the person
        "sameAs": [
            "https://orcid.org/0000-0002-1825-0097",
            "https://github.com/adaq",
            "https://bsky.app/profile/ada.bsky.social",
        ],
    }
    # the rendered bio as plain text (markup gone, smart quotes as on the page),
    # cut at a word with an ellipsis
    assert description.startswith(
        "I study probabilistic programs <!\u2013 and \u2013> “things” & more."
    )
    assert description.endswith("…")
    assert len(description) <= 200
    assert soup.select_one('meta[name="description"]')["content"] == description
    assert og(soup) == {
        "og:type": "profile",
        "og:title": "Home",
        "og:description": description,
        "og:image": "https://ada.example.edu/_images/me.png",
        "og:url": "https://ada.example.edu/index.html",
    }
    # everything is in <head>, nothing in the body
    assert not soup.body.select('script[type="application/ld+json"], meta[property^="og:"]')


@pytest.mark.sphinx("html", testroot="metadata")
def test_data_cannot_close_the_script_element(app: SphinxTestApp) -> None:
    app.build()
    raw = (app.outdir / "index.html").read_text(encoding="utf-8")
    head = raw.split("</head>")[0]
    data = head.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in data and ">" not in data
    assert json.loads(data)["name"] == NAME
    assert "<script>alert(1)" not in raw


@pytest.mark.sphinx("html", testroot="metadata")
def test_page_options_are_respected(app: SphinxTestApp) -> None:
    app.build()
    soup = html(app, "private")
    [person] = json_ld(soup)
    # an obfuscated address on the card is not published in machine-readable form
    assert "email" not in person
    # the page's bio replaces the data's summary; no photo shown, none announced
    assert person["description"] == "A short bio written on the page."
    assert "image" not in person
    assert "og:image" not in og(soup)
    # the author's own description tag wins
    assert [m["content"] for m in soup.select('meta[name="description"]')] == [
        "The owner's own description."
    ]
    # MyST pages get the same metadata
    assert json_ld(html(app, "myst"))[0]["name"] == NAME
    # no card, no metadata
    plain = html(app, "plain")
    assert not json_ld(plain)
    assert not og(plain)


@pytest.mark.sphinx("html", testroot="metadata", confoverrides={"profile_jsonld": False})
def test_switched_off(app: SphinxTestApp) -> None:
    app.build()
    soup = html(app, "index")
    assert not json_ld(soup)
    assert not og(soup)
    assert not soup.select('meta[name="description"]')


@pytest.mark.sphinx(
    "html", testroot="metadata", confoverrides={"html_baseurl": "", "html_theme": "alabaster"}
)
def test_relative_urls_without_a_base_url(app: SphinxTestApp) -> None:
    app.build()
    soup = html(app, "index")
    assert json_ld(soup)[0]["image"] == "_images/me.png"
    assert "og:url" not in og(soup)


@pytest.mark.parametrize("builder", ["dirhtml", "singlehtml", "epub"])
def test_other_html_builders(make_app, rootdir, tmp_path, builder: str) -> None:
    srcdir = tmp_path / "metadata"
    shutil.copytree(rootdir / "test-metadata", srcdir)
    app = make_app(builder, srcdir=srcdir)
    app.build()
    assert "Traceback" not in app.warning.getvalue()


def test_json_for_script_escapes_markup() -> None:
    text = json_for_script({"x": "</script><!-- & -->"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"x": "</script><!-- & -->"}


def test_plain_description() -> None:
    assert plain_description("  two\n  lines ") == "two lines"
    assert plain_description("word " * 100, limit=20) == "word word word word…"


@pytest.mark.sphinx("html", testroot="bad-data", srcdir="metadata-bad-data")
def test_unsafe_urls_stay_out(app: SphinxTestApp) -> None:
    app.build()
    # the page also has a publication list (an ItemList); the Person is the card's
    [person] = [item for item in json_ld(html(app, "index")) if item["@type"] == "Person"]
    assert "url" not in person
    assert person["name"] == "Bea Broken"
    # the entries that failed validation are not published either
    assert person["alumniOf"] == [{"@type": "EducationalOrganization", "name": "Good University"}]


@pytest.mark.sphinx("html", testroot="metadata", parallel=2)
def test_parallel_build(app: SphinxTestApp) -> None:
    app.build()
    assert only_the_unsafe_url(app)
    assert json_ld(html(app, "index"))[0]["name"] == NAME
    assert "email" not in json_ld(html(app, "private"))[0]


@pytest.mark.sphinx("html", testroot="metadata")
def test_publications_as_an_item_list(app: SphinxTestApp) -> None:
    app.build()
    assert only_the_unsafe_url(app)
    # two lists show quantum2024: it is described once, where it first appears
    [items] = json_ld(html(app, "pubs"))
    assert items["@type"] == "ItemList"
    first, second = (element["item"] for element in items["itemListElement"])
    assert [element["position"] for element in items["itemListElement"]] == [1, 2]
    assert first == {
        "@type": "ScholarlyArticle",
        "headline": "Sampling </script> Programs with Öptimal $\\alpha$ Rates",
        "author": [
            {"@type": "Person", "name": "Ada Quantum"},
            {"@type": "Person", "name": "Jan Müller"},
        ],
        "datePublished": "2024",
        "isPartOf": {"@type": "CreativeWork", "name": "Proceedings of ICML"},
        "keywords": "sampling, programs",
        "url": "https://ada.example.edu/pubs.html#quantum2024",
        "sameAs": ["https://doi.org/10.1000/xyz123", "https://arxiv.org/abs/2401.01234"],
    }
    # a thesis is a Thesis; a relative URL means nothing to a search engine
    assert first["url"] != second["url"]
    assert second["@type"] == "Thesis"
    assert "sameAs" not in second
    raw = (app.outdir / "pubs.html").read_text(encoding="utf-8")
    assert raw.count("</script>") == raw.count("<script")
    # the home page has the Person and no publication list
    assert [data["@type"] for data in json_ld(html(app, "index"))] == ["Person"]


def test_item_list_describes_the_first_publications_only() -> None:
    # a page of thousands of entries would otherwise carry megabytes of JSON-LD
    document = new_document("pubs")
    for number in range(LISTED_PUBLICATIONS + 50):
        entry = BibEntry(f"key{number}", "article", 1, "refs.bib", {"title": f"T{number}"})
        document += pub_entry("", entry=entry, ids=[entry.key])
    page = Page(SimpleNamespace(config=SimpleNamespace(html_baseurl="")), "pubs", {})
    [tag] = publication_tags(page, document)
    items = json.loads(tag.removeprefix('<script type="application/ld+json">')[: -len("</script>")])
    headlines = [element["item"]["headline"] for element in items["itemListElement"]]
    assert headlines == [f"T{number}" for number in range(LISTED_PUBLICATIONS)]
