"""sphinx-profile: an academic homepage and CV from one profile file and your BibTeX."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.osutil import copyfile
from sphinx.util.typing import ExtensionMetadata

from .config import setup_config
from .directives.collaborators import setup_collaborators
from .directives.cv import setup_cv
from .directives.people import setup_people
from .directives.profile import setup_profile
from .directives.publist import setup_publist
from .domain import (
    ProfileDomain,
    pages_citing_changed_lists,
    pages_showing_new_people,
    refresh_cache,
)
from .latex import setup_latex
from .metadata import setup_metadata
from .nodes import setup_nodes
from .papers.pages import setup_papers
from .people.pages import setup_people_pages
from .render.bib_download import setup_bib_download
from .render.search_box import setup_search_box
from .render.writers import setup_writers
from .roles import setup_roles
from .sitemap import setup_sitemap

__version__ = "0.1.0"

STATIC = Path(__file__).parent / "static"


def _add_static(app: Sphinx) -> None:
    """Ship the stylesheet and script with HTML builds only.

    The files are copied straight into the output's ``_static`` folder rather than
    appended to ``html_static_path``: a config value changed during the build differs
    from the one pickled with the environment, so every rebuild would report "The
    configuration has changed". Copying now, before any page is written, lets Sphinx
    put the files' checksums in the pages' links and the EPUB builder pack them;
    ``copyfile`` leaves an unchanged file (and its modification time) alone.
    """
    if app.builder.format == "html":
        static = Path(app.builder.outdir, "_static")
        static.mkdir(parents=True, exist_ok=True)
        for name in ("sphinx_profile.css", "sphinx_profile.js"):
            copyfile(STATIC / name, static / name, force=True)
        app.add_css_file("sphinx_profile.css")
        app.add_js_file("sphinx_profile.js", loading_method="defer")


def setup(app: Sphinx) -> ExtensionMetadata:
    """Wire the extension: config, domain, nodes, directives, static files."""
    setup_config(app)
    app.add_domain(ProfileDomain)
    setup_nodes(app)
    setup_profile(app)
    setup_cv(app)
    setup_latex(app)
    setup_publist(app)
    setup_writers(app)
    setup_search_box(app)
    setup_bib_download(app)
    setup_roles(app)
    setup_metadata(app)
    setup_papers(app)
    setup_people(app)
    setup_collaborators(app)
    setup_people_pages(app)
    setup_sitemap(app)
    app.add_message_catalog("sphinx_profile", str(Path(__file__).parent / "locale"))
    app.connect("builder-inited", _add_static)
    app.connect("env-before-read-docs", refresh_cache)
    app.connect("env-get-updated", pages_citing_changed_lists)
    app.connect("env-get-outdated", pages_showing_new_people)
    return {
        "version": __version__,
        # 3: names are named tuples; 4: publist entries stored by key; 5: entries hold
        # their checked record, the domain records which pages cite; 6: entries hold
        # their local files, cache stamps the folders they are found in; 7: the cache
        # holds metrics files, entries their citation count, publists their filter box
        # and download link; 8: entries name their paper page, styles say whether
        # they draw one; 9: the people files are cached, pages carry person pages
        "env_version": 9,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
