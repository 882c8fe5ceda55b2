"""Data markup: the part of reStructuredText and MyST that text from a data file may use.

A ``summary``, a news ``text`` or a ``highlights`` item is written by whoever wrote
the data file — a co-author, an importer, a student's pull request — not by the
site's owner, but it is parsed by the page's own parser. Everything that parser can
do a page may do; data may only do what text does. So data markup is held to two
allow-lists, one while it is parsed and one on what the parse made:

* **while parsing**, only the roles in :data:`DATA_ROLES` and the directives in
  :data:`DATA_DIRECTIVES` are found. Directives act as they are parsed (``include``
  reads a file, ``meta`` writes a redirect, ``role`` and ``default-role`` change the
  page, ``py:module`` writes to a domain), so refusing them afterwards is too late.
  MyST's ``{{ ... }}`` substitutions are Jinja expressions over the configuration
  and are switched off.
* **on the result**, only the nodes in :data:`DATA_NODES` stay: an image (which
  Sphinx would copy into the site, from anywhere), a download link, a link target,
  a reference to a named target (which docutils resolves later, to whatever URL the
  target names), raw HTML, a cross-reference other than ``:pub:`` — each is shown
  as its text, with a warning. Links keep only safe URLs
  (:func:`~sphinx_profile.data.urls.is_safe_url`) and math only commands that
  typeset (:func:`~sphinx_profile.data.mathtext.unsafe_math`).

Every node that comes out carries the data file's line as its location, so a
problem Sphinx finds later (an unknown ``:pub:`` key) is reported there too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from logging import WARNING
from typing import Any

from docutils import nodes
from docutils.nodes import Node
from docutils.parsers.rst import Directive, directives, roles
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from ..data.mathtext import unsafe_math
from ..data.problems import Subtype
from ..data.urls import is_safe_url
from ..warnings import warn

#: Roles data may use: inline formatting, math and ``:pub:``; ``""`` is the default role.
DATA_ROLES = frozenset(
    {
        "",
        "emphasis",
        "strong",
        "literal",
        "code",
        "math",
        "sub",
        "subscript",
        "sup",
        "superscript",
        "abbr",
        "title-reference",
        "title",
        "t",
        "pub",
    }
)
#: Directives data may use: displayed math, nothing that reads or changes anything.
DATA_DIRECTIVES = frozenset({"math"})
#: What parsed data markup may contain (a bio's paragraphs, lists and quotes included).
DATA_NODES: tuple[type[Node], ...] = (
    nodes.Text,
    nodes.paragraph,
    nodes.emphasis,
    nodes.strong,
    nodes.literal,
    nodes.math,
    nodes.math_block,
    nodes.subscript,
    nodes.superscript,
    nodes.abbreviation,
    nodes.title_reference,
    nodes.inline,
    nodes.reference,
    nodes.target,
    nodes.bullet_list,
    nodes.enumerated_list,
    nodes.list_item,
    nodes.definition_list,
    nodes.definition_list_item,
    nodes.term,
    nodes.definition,
    nodes.block_quote,
    nodes.line_block,
    nodes.line,
    nodes.literal_block,
    nodes.problematic,
    nodes.system_message,
    addnodes.pending_xref,
)


def parse_data_markup(
    directive: SphinxDirective, text: str, path: str, line: int, *, block: bool
) -> list[Node]:
    """``text`` from ``path`` at ``line``, parsed as the page's markup within the rules."""
    location = f"{path}:{line}"
    refused: list[str] = []
    with _data_rules(directive, refused), logging.suppress_logging() as captured:
        if block:
            parsed = directive.parse_text_to_nodes(text)
        else:
            inline, messages = directive.parse_inline(text, lineno=directive.lineno)
            parsed = [*inline, *messages]
    for record in captured.clear():
        if record.levelno >= WARNING:
            warn(f"in data markup: {record.getMessage()}", Subtype.DATA, location)
        else:
            logging.getLogger(logging.NAMESPACE).handle(record)
    for message in refused:
        warn(message, Subtype.DATA, location)
    holder = nodes.Element("", *parsed)
    _keep_allowed(holder, location, inline=not block)
    for node in holder.findall(nodes.Element):
        node.source, node.line = path, line
    return list(holder.children)


@contextmanager
def _data_rules(directive: SphinxDirective, refused: list[str]) -> Iterator[None]:
    """Roles and directives looked up within the allow-lists (each refusal noted in
    ``refused``); MyST substitutions off."""
    find_role, find_directive = roles.role, directives.directive

    def role(name: str, *args: Any) -> tuple[Any, list[nodes.system_message]]:
        if name.lower() in DATA_ROLES:
            return find_role(name, *args)
        return _refused_role(name, refused), []

    def directive_class(name: str, *args: Any) -> tuple[Any, list[nodes.system_message]]:
        if name.lower() in DATA_DIRECTIVES:
            return find_directive(name, *args)
        return _refused_directive(name, refused), []

    roles.role, directives.directive = role, directive_class  # type: ignore[assignment]
    try:
        with _myst_substitutions_off(directive):
            yield
    finally:
        roles.role, directives.directive = find_role, find_directive


@contextmanager
def _myst_substitutions_off(directive: SphinxDirective) -> Iterator[None]:
    """On a MyST page, parse without ``{{ ... }}``: it is Jinja, and would run the
    data's expression with the configuration in reach."""
    # MyST's state object renders nested text with the page's markdown-it parser.
    parser = getattr(getattr(directive.state, "_renderer", None), "md", None)
    if parser is None:
        yield
        return
    with parser.reset_rules():
        parser.disable(["substitution_inline", "substitution_block"], ignoreInvalid=True)
        yield


def _refused_role(name: str, refused: list[str]) -> Callable[..., tuple[list[Node], list[Node]]]:
    def role(
        _name: str, rawtext: str, text: str, *args: Any, **kwargs: Any
    ) -> tuple[list[Node], list[Node]]:
        refused.append(f"role {name!r} is not allowed in data markup; shown as text")
        return [nodes.Text(text)], []

    return role


class _AnyOption(dict[str, Callable[[str], str]]):
    """Every option is accepted, so a refused directive is refused once, for itself."""

    def __missing__(self, name: str) -> Callable[[str | None], str]:
        return lambda value: value or ""


def _refused_directive(name: str, refused: list[str]) -> type[Directive]:
    class Refused(Directive):
        has_content = True
        optional_arguments = 1
        final_argument_whitespace = True
        option_spec = _AnyOption()

        def run(self) -> list[Node]:
            refused.append(f"directive {name!r} is not allowed in data markup; shown as text")
            return [nodes.paragraph("", self.block_text)]

    return Refused


def _keep_allowed(holder: nodes.Element, location: str, *, inline: bool) -> None:
    """Replace every node the rules do not allow by its text — a paragraph of it
    where the node stood among blocks (iteratively: data markup may nest deeper than
    Python recurses)."""
    stack = [holder]
    while stack:
        parent = stack.pop()
        in_text = isinstance(parent, nodes.TextElement | nodes.Inline) or (
            parent is holder and inline
        )
        kept: list[Node] = []
        for child in parent.children:
            refusal = _refusal(child) if isinstance(child, nodes.Element) else None
            if refusal is None:
                kept.append(child)
                if isinstance(child, nodes.Element):
                    stack.append(child)
                continue
            if refusal:
                warn(refusal, Subtype.DATA, location)
            if text := child.astext():
                kept.append(nodes.Text(text) if in_text else nodes.paragraph("", text))
        parent.children = []
        parent.extend(kept)


def _refusal(node: nodes.Element) -> str | None:
    """Why ``node`` may not stay (``""``: it goes without a word), or ``None``."""
    if isinstance(node, nodes.raw):
        return "raw HTML is not allowed in data markup; shown as text"
    if not isinstance(node, DATA_NODES):
        return f"{node.tagname!r} is not allowed in data markup; shown as text"
    if isinstance(node, nodes.reference | nodes.target):
        url = node.get("refuri")
        if url is None:
            if isinstance(node, nodes.target):
                return "a link target is not allowed in data markup"
            return "a link that is not a web address is not allowed in data markup; shown as text"
        if not is_safe_url(url):
            return f"refusing unsafe URL {url!r} in data markup"
    if isinstance(node, nodes.math | nodes.math_block):
        refused = unsafe_math(node.astext())
        if refused is not None:
            return f"math uses {refused!r}, which data may not use; shown as text"
    if isinstance(node, addnodes.pending_xref) and node.get("refdomain") != "profile":
        return "a cross-reference is not allowed in data markup; shown as text"
    return None
