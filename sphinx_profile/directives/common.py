"""What every data directive shares: finding its data, parsing markup, making links."""

from __future__ import annotations

from contextvars import ContextVar
from logging import WARNING
from pathlib import Path

from docutils import nodes
from docutils.nodes import Node
from sphinx.util import logging
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

    def markup(self, text: str, where: str | None = None, *, block: bool = False) -> list[Node]:
        """Data text parsed as markup of the page's own language (rST or MyST).

        Inline by default; ``block`` allows paragraphs and lists (a bio). The text
        comes from a data file, not from the page, so it is held to data rules:
        problems in it are reported at ``where`` (the data file and line) as
        ``profile.data``, raw HTML (``.. raw::``, raw roles, HTML in MyST) is shown
        as text, file inclusion is off, and data markup cannot show data again.
        """
        location = where or self.get_location()
        if _data_markup_depth.get():
            warn("data markup cannot use data directives", Subtype.DATA, location)
            return [nodes.Text(text)]
        settings = self.state.document.settings
        inserting = settings.file_insertion_enabled
        settings.file_insertion_enabled = False
        token = _data_markup_depth.set(1)
        try:
            with logging.suppress_logging() as captured:
                if block:
                    parsed = self.parse_text_to_nodes(text)
                else:
                    inline, messages = self.parse_inline(text, lineno=self.lineno)
                    parsed = [*inline, *messages]
        finally:
            _data_markup_depth.reset(token)
            settings.file_insertion_enabled = inserting
        for record in captured.clear():
            if record.levelno >= WARNING:
                message = record.getMessage().replace("directive disabled", "is not allowed")
                warn(f"in data markup: {message}", Subtype.DATA, location)
            else:
                logging.getLogger(logging.NAMESPACE).handle(record)
        return _without_raw(parsed, location)

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


#: Set while data markup is parsed, so a directive inside it cannot recurse into data.
_data_markup_depth: ContextVar[int] = ContextVar("data_markup_depth", default=0)


def _without_raw(parsed: list[Node], location: str) -> list[Node]:
    """``parsed`` with every raw node turned into its text, so data never injects HTML."""
    raws = [raw for node in parsed for raw in node.findall(nodes.raw)]
    if not raws:
        return parsed
    warn("raw HTML is not allowed in data markup; shown as text", Subtype.DATA, location)
    for raw in raws:
        if raw.parent is not None:
            raw.replace_self(nodes.inline("", raw.astext()))
    return [
        nodes.paragraph("", node.astext()) if isinstance(node, nodes.raw) else node
        for node in parsed
    ]
