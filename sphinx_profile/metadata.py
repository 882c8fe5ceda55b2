"""Machine-readable metadata in ``<head>``: schema.org JSON-LD, Open Graph, description.

Search engines read schema.org ``Person`` data to show a researcher's knowledge
panel, and chat apps and social sites read Open Graph tags to draw a preview card
when someone shares the homepage. Both come from the same profile data the
``profile`` card shows, on every page that has a card; a page with a ``people`` list
describes the lab as an ``Organization`` with its members; pages with publication lists
also describe each entry as a ``ScholarlyArticle`` in an ``ItemList``
(``profile_jsonld`` turns all of it off).

The tags go into Sphinx's ``metatags`` template variable, which every theme puts in
``<head>``; nothing is added to the page body. Data can never break out of the
markup: attribute values are HTML-escaped, and the JSON is made by ``json.dumps``
with ``<``, ``>`` and ``&`` written as ``\\u`` escapes, so no value can close the
``<script>`` element.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from .data.bib import BibEntry, plain
from .data.links import profile_links
from .data.people import Person
from .data.publications import safe_links, venue
from .data.schema import PRESENT, Profile
from .data.urls import is_safe_url
from .directives.people import PEOPLE_ATTRIBUTE, PERSON_ATTRIBUTE
from .directives.profile import DATA_ATTRIBUTE, HIDE_EMAIL_ATTRIBUTE
from .domain import person_docname, profile_domain
from .nodes import pub_entry

DESCRIPTION_LENGTH = 200
#: The publications a page's ``ItemList`` describes: the first ones the page shows.
#: Search engines make no use of a list of thousands of works; at 5,000 entries the
#: full list added 3 MB to the page and a quarter of the build's peak memory.
LISTED_PUBLICATIONS = 100


def json_for_script(data: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``</script>`` or ``<!--`` can appear."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def plain_description(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """One line of at most ``limit`` characters, cut at a word, for previews."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"


def web_url(url: str) -> str:
    """``url`` if it is an absolute http(s) URL, else ``""``: metadata readers need those."""
    return url if url.startswith(("http://", "https://")) and is_safe_url(url) else ""


def _organisation(kind: str, name: str, url: str = "") -> dict[str, Any]:
    organisation = {"@type": kind, "name": name}
    if web_url(url):
        organisation["url"] = url
    return organisation


def person(
    profile: Profile, image: str = "", description: str = "", show_email: bool = True
) -> dict[str, Any]:
    """The schema.org ``Person`` for the profile's ``basics``, without empty properties."""
    basics = profile.basics
    if basics is None or not basics.text("name"):
        return {}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": basics.text("name"),
        "alternateName": basics.texts("aliases") or None,
        "jobTitle": basics.text("label"),
        "description": description,
        "image": image,
        "url": web_url(basics.text("url")),
        "email": basics.text("email") if show_email else "",
    }
    if affiliation := basics.text("affiliation"):
        organisation = _organisation("Organization", affiliation)
        if department := basics.text("department"):
            organisation["department"] = _organisation("Organization", department)
        data["affiliation"] = organisation
    # the CV sections, as far as schema.org has words for them
    data["worksFor"] = [
        _organisation("Organization", job.text("name"), job.text("url"))
        for job in profile.entries("work")
        if job.text("name") and job.date("endDate") in (None, PRESENT)
    ] or None
    data["alumniOf"] = [
        _organisation("EducationalOrganization", school.text("institution"), school.text("url"))
        for school in profile.entries("education")
        if school.text("institution")
    ] or None
    data["award"] = [award.text("title") for award in profile.entries("awards")] or None
    place = basics.record("location")
    if place is not None and (place.text("city") or place.text("countryCode")):
        address = {
            "@type": "PostalAddress",
            "addressLocality": place.text("city"),
            "addressRegion": place.text("region"),
            "addressCountry": place.text("countryCode"),
        }
        data["address"] = {key: value for key, value in address.items() if value}
    if orcid := basics.text("orcid"):
        data["identifier"] = web_url(orcid if "://" in orcid else f"https://orcid.org/{orcid}")
    same_as = [
        link.url
        for link in profile_links(profile)
        if web_url(link.url) and link.icon not in ("cv", "homepage")
    ]
    data["sameAs"] = same_as or None
    return {key: value for key, value in data.items() if value}


#: schema.org types for BibTeX entry types; everything else is a ``ScholarlyArticle``.
WORK_TYPES = {
    "book": "Book",
    "phdthesis": "Thesis",
    "mastersthesis": "Thesis",
    "thesis": "Thesis",
    "techreport": "Report",
    "report": "Report",
}


def scholarly_article(entry: BibEntry, url: str) -> dict[str, Any]:
    """A schema.org description of one publication, ``url`` being its place in the list."""
    fields = entry.fields
    shown = safe_links(entry)
    links = (web_url(shown.get(name, "")) for name in ("doi", "arxiv", "url"))
    data: dict[str, Any] = {
        "@type": WORK_TYPES.get(entry.type, "ScholarlyArticle"),
        "headline": plain(fields.get("title", "")),
        "author": [
            {"@type": "Person", "name": name.full} for name in entry.authors if not name.is_others
        ]
        or None,
        "datePublished": entry.year,
        # the venue's own name where there is one; venue() words it for readers ("In ...")
        "isPartOf": {"@type": "CreativeWork", "name": plain(where)}
        if (where := fields.get("journal") or fields.get("booktitle") or venue(entry))
        else None,
        "keywords": plain(fields.get("keywords", "")),
        "url": url,
        "sameAs": [link for link in dict.fromkeys(links) if link] or None,
    }
    return {key: value for key, value in data.items() if value}


def item_list(articles: list[dict[str, Any]]) -> dict[str, Any]:
    """The page's publications, in the order the page shows them."""
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "item": article}
            for position, article in enumerate(articles, start=1)
        ],
    }


def open_graph(
    title: str, description: str, image: str, url: str, kind: str = "profile"
) -> dict[str, str]:
    """Open Graph properties of a page: a profile, or a paper's page (``article``)."""
    tags = {
        "og:type": kind,
        "og:title": title,
        "og:description": description,
        "og:image": image,
        "og:url": url,
    }
    return {key: value for key, value in tags.items() if value}


def _card(doctree: nodes.document) -> nodes.Element | None:
    for node in doctree.findall(nodes.container):
        if DATA_ATTRIBUTE in node.attributes:
            return node
    return None


def _photo_url(app: Sphinx, card: nodes.Element, absolute: Callable[[str], str]) -> str:
    """Where the card's photo ended up in the output (``_images/...``), as a URL."""
    for image in card.findall(nodes.image):
        # the HTML writer has already rewritten ``uri`` for this page; the candidates
        # keep the source path that the builder's image table is keyed by
        candidates: dict[str, str] = image.get("candidates", {})
        source: str = candidates.get("*", image["uri"])
        if "://" in source:
            return web_url(source)
        copied = getattr(app.builder, "images", {}).get(source)
        if copied:
            return absolute(f"{app.builder.imagedir}/{copied}")
    return ""


class Page:
    """The page being written, and how to make URLs that point into the output."""

    def __init__(self, app: Sphinx, pagename: str, context: dict[str, Any]) -> None:
        self.app = app
        self.name = pagename
        self.context = context
        self.baseurl = (app.config.html_baseurl or "").rstrip("/")

    def absolute(self, target: str) -> str:
        """A URL for an output file: absolute with ``html_baseurl``, else page-relative."""
        if self.baseurl:
            return urljoin(self.baseurl + "/", target)
        # what the template's ``pathto(target, 1)`` gives, without the template (the
        # JSON and pickle builders' contexts have no such function)
        return relative_uri(self.app.builder.get_target_uri(self.name), target)

    @property
    def url(self) -> str:
        """The page's own absolute URL, or ``""`` without ``html_baseurl``."""
        if not self.baseurl:
            return ""
        return urljoin(self.baseurl + "/", self.app.builder.get_target_uri(self.name))


def profile_tags(page: Page, doctree: nodes.document) -> list[str]:
    """Description, Open Graph and ``Person`` for a page with a ``profile`` card."""
    card = _card(doctree)
    if card is None:
        return []
    app = page.app
    # the data as the directive read it: its problems were reported then, at the page
    # (a missing file) or the data line, so it is never read or reported again here
    profile = profile_domain(app.env).read_profile(card[DATA_ATTRIBUTE])
    if profile is None or profile.basics is None:
        return []
    if not profile.basics.text("name"):
        return []
    bio = next(
        (node for node in card.findall(nodes.container) if "sp-profile-bio" in node["classes"]),
        None,
    )
    description = plain_description(
        bio.astext() if bio is not None else profile.basics.text("summary")
    )
    image = _photo_url(app, card, page.absolute)
    tags: list[str] = []
    if description and 'name="description"' not in page.context.get("metatags", ""):
        tags.append(f'<meta name="description" content="{html.escape(description)}" />')
    # sphinxext-opengraph writes its own og: tags; two sets would contradict each other
    if "sphinxext.opengraph" not in app.extensions:
        title = app.env.titles[page.name].astext() if page.name in app.env.titles else ""
        for prop, value in open_graph(title, description, image, page.url).items():
            tags.append(f'<meta property="{prop}" content="{html.escape(value)}" />')
    data = person(profile, image, description, not card.get(HIDE_EMAIL_ATTRIBUTE, False))
    tags.append(json_ld(data))
    return tags


def people_tags(page: Page, doctree: nodes.document) -> list[str]:
    """An ``Organization`` (the site's ``project``) with the ``member`` whose cards a
    ``people`` list shows, for a page with one."""
    app = page.app
    domain = profile_domain(app.env)
    members: list[dict[str, Any]] = []
    for shown in doctree.findall(nodes.container):
        if PEOPLE_ATTRIBUTE not in shown.attributes:
            continue
        for card in shown.findall(nodes.container):
            if PERSON_ATTRIBUTE not in card.attributes:
                continue
            people = domain.read_people(shown[PEOPLE_ATTRIBUTE])
            member = people.get(card[PERSON_ATTRIBUTE]) if people is not None else None
            if member is not None:
                members.append(member_person(page, member, card))
    if not members:
        return []
    organisation = _organisation(
        "Organization", app.config.project, page.baseurl + "/" if page.baseurl else ""
    )
    return [json_ld({"@context": "https://schema.org", **organisation, "member": members})]


def member_person(page: Page, member: Person, card: nodes.Element) -> dict[str, Any]:
    """A member as a schema.org ``Person``: their page (or ``url``), role and photo; the
    photo only where it has an absolute URL (``html_baseurl``)."""
    url = web_url(member.url)
    if page.app.config.profile_people_pages and page.baseurl:
        url = page.absolute(page.app.builder.get_target_uri(person_docname(member.id)))
    data = {
        "@type": "Person",
        "name": member.name,
        "url": url,
        "jobTitle": member.role,
        "image": _photo_url(page.app, card, page.absolute) if page.baseurl else "",
    }
    return {key: value for key, value in data.items() if value}


def publication_tags(page: Page, doctree: nodes.document) -> list[str]:
    """An ``ItemList`` of the page's first :data:`LISTED_PUBLICATIONS` publications,
    each entry once."""
    articles: dict[str, dict[str, Any]] = {}
    for node in doctree.findall(pub_entry):
        entry: BibEntry = node["entry"]
        if entry.key not in articles:
            articles[entry.key] = scholarly_article(entry, f"{page.url}#{node['ids'][0]}")
            if len(articles) == LISTED_PUBLICATIONS:
                break
    return [json_ld(item_list(list(articles.values())))] if articles else []


def json_ld(data: dict[str, Any]) -> str:
    return f'<script type="application/ld+json">{json_for_script(data)}</script>'


def add_metadata(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Add the metadata of the page's profile card and publication lists to ``<head>``."""
    if not app.config.profile_jsonld or doctree is None:
        return
    page = Page(app, pagename, context)
    tags = [
        *profile_tags(page, doctree),
        *people_tags(page, doctree),
        *publication_tags(page, doctree),
    ]
    if tags:
        context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(tags) + "\n"


def setup_metadata(app: Sphinx) -> None:
    """Register the ``<head>`` metadata for HTML pages."""
    app.connect("html-page-context", add_metadata)
