"""A light element tree for generated content, written straight to HTML.

A 5,000-entry publication list is some 100,000 paragraphs, spans and emphases.
Built as docutils nodes, each element costs an attribute dictionary holding five
lists, parent links and a visitor dispatch to write; that was most of the time of
writing such a page. A renderer builds :class:`Tag` trees instead:
:func:`write_html` writes their markup into an HTML translator's body, exactly as
Sphinx's HTML writer would write the equivalent nodes (and ours, ``details`` or the
BibTeX block, as their visitors do, from the same functions of
:mod:`sphinx_profile.nodes`), and :func:`to_nodes` makes the equivalent docutils
nodes for every other builder.

A tree may hold real docutils nodes where a writer needs docutils' semantics
(links, images, pybtex's output); the translator writes those itself. Math is a
``Tag(nodes.math)`` holding the LaTeX source: real math for LaTeX, and for the
other builders :func:`readable_math`, which needs no TeX engine or JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from docutils import nodes

from ..data.mathtext import math_to_unicode
from ..nodes import (
    code_text,
    code_text_html,
    copy_button,
    copy_button_html,
    details,
    details_end,
    details_start,
    escape,
    tooltip,
    tooltip_start,
)

#: What a :class:`Tag` holds: text, another tag, or a node the translator writes.
Markup = str | nodes.Node


@dataclass(slots=True)
class Tag:
    """An element that becomes a ``node`` of the given class, with space-separated
    ``classes`` and extra node ``attributes`` (``details``' summary, for instance)."""

    node: type[nodes.Element]
    classes: str = ""
    children: list[Markup | Tag] = field(default_factory=list)
    attributes: dict[str, Any] | None = None


#: Node classes written here → (tag, class the HTML writer adds, text after the start
#: tag). Their markup is what Sphinx's HTML writer makes for a node without ids.
_HTML_TAGS: dict[type[nodes.Element], tuple[str, str, str]] = {
    nodes.container: ("div", "docutils container", "\n"),
    nodes.paragraph: ("p", "", ""),
    nodes.inline: ("span", "", ""),
    nodes.strong: ("strong", "", ""),
    nodes.emphasis: ("em", "", ""),
    nodes.superscript: ("sup", "", ""),
    nodes.subscript: ("sub", "", ""),
}


@cache  # a handful of tags and classes, written tens of thousands of times
def _start_tag(name: str, classes: str) -> str:
    return f'<{name} class="{escape(classes)}">' if classes else f"<{name}>"


def readable_math(source: str) -> list[Markup | Tag]:
    """Inline math for builders without a TeX engine: Unicode text with superscripts and
    subscripts, or, when too complex to read that way, the LaTeX as the author wrote it
    (``<span class="sp-math">``; never raw HTML, and no JavaScript typesetter needed)."""
    pieces = math_to_unicode(source)
    if pieces is None:
        return [Tag(nodes.inline, "sp-math", [f"${source}$"])]
    scripts = {"sup": nodes.superscript, "sub": nodes.subscript}
    return [
        Tag(scripts[piece.kind], "", [piece.text]) if piece.kind in scripts else piece.text
        for piece in pieces
    ]


def write_html(translator: Any, parent: Tag) -> None:
    """The children of ``parent`` into ``translator.body``, as the HTML writer would
    write their nodes."""
    _write_children(translator, parent, parent.children)


def _write_children(translator: Any, parent: Tag, children: list[Markup | Tag]) -> None:
    body: list[str] = translator.body
    for child in children:
        if isinstance(child, str):
            body.append(escape(child))
        elif isinstance(child, nodes.Node):
            child.walkabout(translator)
        elif child.node is nodes.math:
            _write_children(translator, parent, readable_math(_text(child)))
        elif child.node is nodes.reference:
            # as the writer writes a link: of the site's own (a paper or person page),
            # or a homepage elsewhere
            attributes = child.attributes or {}
            kind = "internal" if attributes.get("internal") else "external"
            classes = escape(f"{child.classes} reference {kind}".strip())
            href = escape(attributes["refuri"])
            body.append(f'<a class="{classes}" href="{href}">')
            _write_children(translator, child, child.children)
            body.append("</a>")
        elif (html := _HTML_TAGS.get(child.node)) is not None:
            name, extra, after = html
            body += (_start_tag(name, f"{child.classes} {extra}".strip()), after)
            _write_children(translator, child, child.children)
            body.append(f"</{name}>")
            # block ends: the writer's newlines (none after a list item's only paragraph)
            if name == "div" or (
                name == "p" and not (parent.node is nodes.list_item and len(parent.children) == 1)
            ):
                body.append("\n")
        elif child.node is details:
            attributes = child.attributes or {}
            body.append(
                details_start(child.classes, attributes["summary"], bool(attributes.get("open")))
            )
            _write_children(translator, child, child.children)
            body.append(details_end(bool(attributes.get("inline"))))
        elif child.node is tooltip:
            body.append(tooltip_start(child.classes, (child.attributes or {})["title"]))
            _write_children(translator, child, child.children)
            body.append("</span>")
        elif child.node is code_text:
            body.append(code_text_html(child.classes, _text(child)))
        elif child.node is copy_button:
            body.append(copy_button_html())
        else:
            raise TypeError(f"no HTML for {child.node.__name__} in a markup tree")


def to_nodes(markup: Markup | Tag, keep_math: bool) -> list[nodes.Node]:
    """The docutils nodes for ``markup``; math stays math only with ``keep_math``."""
    if isinstance(markup, str):
        return [nodes.Text(markup)]
    if isinstance(markup, nodes.Node):
        return [markup]
    if markup.node is nodes.math:
        source = _text(markup)
        if keep_math:
            return [nodes.math(source, source)]
        return [node for piece in readable_math(source) for node in to_nodes(piece, keep_math)]
    children = [node for child in markup.children for node in to_nodes(child, keep_math)]
    return [_node(markup, children)]


def _node(tag: Tag, children: list[nodes.Node]) -> nodes.Element:
    node = tag.node(classes=tag.classes.split(), **(tag.attributes or {}))
    node.extend(children)
    return node


def _text(tag: Tag) -> str:
    return "".join(child for child in tag.children if isinstance(child, str))
