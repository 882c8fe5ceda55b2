"""Custom nodes and their visitors, one per builder family.

Directives build ordinary docutils nodes wherever one exists (containers,
paragraphs, references, bullet lists), so every builder has something to render.
Custom nodes exist only where HTML needs markup docutils has no node for (inline
SVG icons); their non-HTML visitors degrade to plain text or nothing.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

ICON_NAMES = frozenset(
    path.name.removesuffix(".svg")
    for path in resources.files("sphinx_profile").joinpath("icons").iterdir()
    if path.name.endswith(".svg")
)


class icon(nodes.Inline, nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """An inline SVG icon, decorative: the accessible name is the text beside it."""


@cache
def _packaged_svg(name: str) -> str:
    return resources.files("sphinx_profile").joinpath("icons", f"{name}.svg").read_text()


def svg_markup(name: str, overrides: dict[str, str]) -> str:
    """The SVG for ``name``: a ``profile_link_icons`` override, a packaged icon, or the generic one.

    Overrides come from ``conf.py``, which the site owner controls, so they may hold
    markup; data files never reach this function with anything but an icon name.
    """
    override = overrides.get(name)
    if override is not None:
        markup = override if override.lstrip().startswith("<") else Path(override).read_text()
    else:
        markup = _packaged_svg(name if name in ICON_NAMES else "generic")
    return markup.strip().replace(
        "<svg ", '<svg class="sp-icon" aria-hidden="true" focusable="false" ', 1
    )


def visit_icon_html(self: HTML5Translator, node: icon) -> None:
    overrides: dict[str, str] = self.builder.config.profile_link_icons
    self.body.append(svg_markup(node["name"], overrides))
    raise nodes.SkipNode


def skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup_nodes(app: Sphinx) -> None:
    """Register the nodes with a visitor for every builder Sphinx ships."""
    fallback = (skip, None)
    app.add_node(
        icon,
        html=(visit_icon_html, None),
        latex=fallback,
        text=fallback,
        man=fallback,
        texinfo=fallback,
    )
