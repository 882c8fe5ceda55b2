"""Formatting with a pybtex style plugin, for lists that ask for one with ``:style:``.

Our own renderer is the default because it is fast and knows al-folio's fields;
this path exists for users who need a bibliographic standard (``unsrt``, ``alpha``,
a plugin of their own). pybtex styles need pybtex's own entry objects; they are made
from the checked record (:func:`pybtex_entry`), not by parsing the file again, so the
style sees what every other renderer sees and no limit of the reading is bypassed
(a second, unbounded parse would expand an ``@string`` bomb).

pybtex's docutils backend makes its own links (``url``, ``doi``, ``eprint``), which
pass the same URL rule as every other link: an unsafe one keeps its text, not its
``href`` (the file's reading reported it already, at the entry's line).
"""

from __future__ import annotations

from docutils import nodes
from pybtex.database import Entry, Person
from pybtex.exceptions import PybtexError
from pybtex.plugin import find_plugin

from ..data.bib import BibEntry, Name, plain
from ..data.problems import Subtype
from ..data.urls import is_safe_url
from ..warnings import warn


def pybtex_entry(entry: BibEntry) -> Entry:
    """The record as a pybtex entry: decoded fields (math as ``$...$``) and names."""

    def person(name: Name) -> Person:
        if name.is_others:
            return Person("others")
        return Person(first=name.given, last=name.family + name.marks)

    persons = {
        role: [person(name) for name in names]
        for role, names in (("author", entry.authors), ("editor", entry.editors))
        if names
    }
    fields = {name: plain(value) for name, value in entry.fields.items()}
    return Entry(entry.type, fields=fields, persons=persons)


def format_with_style(entry: BibEntry, style_name: str) -> nodes.paragraph | None:
    """The entry as ``style_name`` formats it, or ``None`` (with a warning) if it cannot."""
    try:
        style = find_plugin("pybtex.style.formatting", style_name)()
        if not any(hasattr(style, name % entry.type) for name in ("get_%s_template", "format_%s")):
            # pybtex would raise AttributeError: the BibTeX-era styles know no biblatex
            # types (@periodical, @online...)
            raise PybtexError(f"it has no format for @{entry.type} entries")
        backend = find_plugin("pybtex.backends", "docutils")()
        formatted = style.format_entry(entry.key, pybtex_entry(entry))
        rendered: list[nodes.Node] = formatted.text.render(backend)
    except (PybtexError, KeyError) as error:
        warn(
            f"{entry.key}: pybtex style {style_name!r} cannot format this entry ({error});"
            " using the default style",
            Subtype.BIB,
            entry.location,
        )
        return None
    paragraph = nodes.paragraph("", "", *rendered, classes=["sp-formatted"])
    for ref in list(paragraph.findall(nodes.reference)):
        if not is_safe_url(ref.get("refuri", "")):
            ref.replace_self(nodes.inline("", "", *ref.children))
    return paragraph
