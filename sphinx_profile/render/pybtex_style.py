"""Formatting with a pybtex style plugin, for lists that ask for one with ``:style:``.

Our own renderer is the default because it is fast and knows al-folio's fields;
this path exists for users who need a bibliographic standard (``unsrt``, ``alpha``,
a plugin of their own). pybtex styles need pybtex's own entry objects, so the file
is parsed a second time by pybtex, once per process and file version.

pybtex's docutils backend makes its own links (``url``, ``doi``, ``eprint``), which
pass the same URL rule as every other link: an unsafe one keeps its text, not its
``href`` (the file's reading reported it already, at the entry's line).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from docutils import nodes
from pybtex.database import BibliographyData, parse_string
from pybtex.errors import capture
from pybtex.exceptions import PybtexError
from pybtex.plugin import find_plugin

from ..data.bib import BibEntry, read_text
from ..data.loader import file_stamp
from ..data.problems import Subtype
from ..data.urls import is_safe_url
from ..warnings import warn


@cache
def _pybtex_data(path: str, stamp: tuple[int, int]) -> BibliographyData:
    text, _ = read_text(Path(path))
    with capture():  # our own parser has reported the file's problems already
        return parse_string(text, "bibtex")


def format_with_style(entry: BibEntry, style_name: str) -> nodes.paragraph | None:
    """The entry as ``style_name`` formats it, or ``None`` (with a warning) if it cannot."""
    try:
        data = _pybtex_data(entry.path, file_stamp(Path(entry.path)))
        style = find_plugin("pybtex.style.formatting", style_name)()
        if not any(hasattr(style, name % entry.type) for name in ("get_%s_template", "format_%s")):
            # pybtex would raise AttributeError: the BibTeX-era styles know no biblatex
            # types (@periodical, @online...)
            raise PybtexError(f"it has no format for @{entry.type} entries")
        backend = find_plugin("pybtex.backends", "docutils")()
        formatted = style.format_entry(entry.key, data.entries[entry.key])
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
