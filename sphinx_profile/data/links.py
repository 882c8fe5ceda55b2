"""The profile's links: the CV, homepage, Scholar and ORCID fields and ``basics.profiles``.

Pure data: which networks sphinx-profile knows, how a username becomes a URL, and the
card's links in reading order. The ``profile`` directive draws them and
``metadata.py`` lists them as ``sameAs``; both read them here, so they agree.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from sphinx.locale import get_translation

from .schema import Profile, Record

_ = get_translation("sphinx_profile")


@dataclass(frozen=True)
class Network:
    """How a ``basics.profiles`` network is shown, and its URL when only a username is given."""

    icon: str
    label: str
    url: Callable[[str], str] | None = None


def _mastodon(username: str) -> str:
    user, _, host = username.lstrip("@").partition("@")
    return f"https://{host}/@{user}" if host else ""


NETWORKS: dict[str, Network] = {
    "github": Network("github", "GitHub", lambda u: f"https://github.com/{u}"),
    "gitlab": Network("gitlab", "GitLab", lambda u: f"https://gitlab.com/{u}"),
    "linkedin": Network("linkedin", "LinkedIn", lambda u: f"https://www.linkedin.com/in/{u}"),
    "x": Network("x", "X", lambda u: f"https://x.com/{u.lstrip('@')}"),
    "twitter": Network("x", "X", lambda u: f"https://x.com/{u.lstrip('@')}"),
    "mastodon": Network("mastodon", "Mastodon", _mastodon),
    "bluesky": Network("bluesky", "Bluesky", lambda u: f"https://bsky.app/profile/{u.lstrip('@')}"),
    "googlescholar": Network("scholar", "Google Scholar"),
    "scholar": Network("scholar", "Google Scholar"),
    "orcid": Network("orcid", "ORCID", lambda u: f"https://orcid.org/{u}"),
    "researchgate": Network("researchgate", "ResearchGate"),
    "semanticscholar": Network("semanticscholar", "Semantic Scholar"),
    "dblp": Network("dblp", "dblp"),
    "arxiv": Network("arxiv", "arXiv"),
    "youtube": Network("youtube", "YouTube"),
}


def network_key(name: str) -> str:
    """``Google Scholar`` and ``google-scholar`` are the same network."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


@dataclass(frozen=True)
class Link:
    """One icon link of the card."""

    icon: str
    label: str
    url: str
    line: int
    download: bool = False


def profile_links(profile: Profile) -> list[Link]:
    """The card's links in reading order: CV, homepage, Scholar, ORCID, then ``profiles``."""
    return [] if profile.basics is None else record_links(profile.basics)


def record_links(basics: Record) -> list[Link]:
    """The links of a ``basics`` block or of a person of the people file (who has the
    same fields but ``cv`` and ``scholar``), so both cards link alike."""
    links: list[Link] = []
    if cv := basics.text("cv"):
        links.append(Link("cv", _("CV"), cv, basics.line_of("cv"), download=":" not in cv))
    if url := basics.text("url"):
        links.append(Link("homepage", _("Homepage"), url, basics.line_of("url")))
    if scholar := basics.text("scholar"):
        links.append(
            Link(
                "scholar",
                "Google Scholar",
                f"https://scholar.google.com/citations?user={quote(scholar)}",
                basics.line_of("scholar"),
            )
        )
    if orcid := basics.text("orcid"):
        orcid_url = orcid if orcid.startswith("http") else f"https://orcid.org/{quote(orcid)}"
        links.append(Link("orcid", "ORCID", orcid_url, basics.line_of("orcid")))
    for entry in basics.records("profiles"):
        name = entry.text("network") or entry.text("username") or entry.text("url")
        known = NETWORKS.get(network_key(name))
        url = entry.text("url")
        if not url and known and known.url and entry.text("username"):
            url = known.url(entry.text("username"))
        if url:
            links.append(
                Link(
                    known.icon if known else network_key(name),  # generic unless configured
                    known.label if known else name,
                    url,
                    entry.line,
                )
            )
    return links


def icon_name(network: str) -> str:
    """The icon a network's links use: "Google Scholar" → ``scholar``, "Codeberg" → ``codeberg``."""
    key = network_key(network)
    return NETWORKS[key].icon if key in NETWORKS else key
