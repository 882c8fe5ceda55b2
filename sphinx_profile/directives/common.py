"""What every data directive shares: finding its data, parsing markup, making links."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..data.problems import Subtype
from ..data.schema import Profile
from ..data.urls import is_safe_url
from ..domain import default_profile_path, profile_domain
from ..warnings import warn


class DataDirective(SphinxDirective):
    """A directive that shows data from the profile file (or its ``:data:`` option)."""

    def data_path(self) -> Path:
        """``:data:`` relative to the page (``/``: the source folder), or the default file."""
        option = self.options.get("data")
        if option:
            return Path(self.env.relfn2path(option, self.env.docname)[1])
        return default_profile_path(self.env)

    def load_profile(self) -> Profile:
        """The validated profile; the page is rebuilt whenever the file changes."""
        path = self.data_path()
        self.env.note_dependency(str(path))
        return profile_domain(self.env).profile(path)

    def markup(self, text: str) -> list[nodes.Node]:
        """Data text parsed as inline markup of the page's own language (rST or MyST)."""
        parsed, messages = self.parse_inline(text, lineno=self.lineno)
        return [*parsed, *messages]

    def link(
        self, url: str, children: list[nodes.Node], where: str, classes: list[str] | None = None
    ) -> nodes.Element:
        """A reference to ``url`` if it is safe; otherwise the children alone, and a warning."""
        ref: nodes.Element
        if is_safe_url(url):
            ref = nodes.reference("", "", *children, refuri=url, classes=classes or [])
        else:
            warn(
                f"refusing unsafe URL {url!r} (only http, https, mailto and relative links)",
                Subtype.DATA,
                where,
            )
            ref = nodes.inline("", "", *children, classes=classes or [])
        self.set_source_info(ref)
        return ref

    def option_problem(self, message: str) -> None:
        """A located warning about this directive's options."""
        warn(message, Subtype.OPTION, self.get_location())
