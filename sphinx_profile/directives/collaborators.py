"""The ``collaborators`` directive: a person's coauthors as a table, as funders ask.

A real docutils table, so the LaTeX, text and every other builder write it as a
table (a grant application is often pasted from the PDF or text output).
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.locale import get_translation

from ..data.collaborators import Coauthor, coauthors, since_date
from ..data.names import Spelling
from ..data.people import People
from ..domain import default_bib_paths
from .common import DataDirective, OptionSpec
from .publist import bib_entries

_ = get_translation("sphinx_profile")

#: ``:since:`` when not given: the NSF's window.
DEFAULT_SINCE = "48 months"


def since_option(value: str) -> dt.date:
    """``:since:``: ``48 months``, ``4 years`` or an ISO date."""
    return since_date(value, dt.date.today())


class CollaboratorsDirective(DataDirective):
    """Name, affiliation and year of the latest joint paper of each coauthor."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = OptionSpec(
        {"author": directives.unchanged_required, "since": since_option}
    )

    def run(self) -> list[nodes.Node]:
        people = self.load_people()  # if the site has one: its people are known by name
        author = self.author(people)
        if not author:
            return []
        today = dt.date.today()
        since = self.options.get("since") or since_date(DEFAULT_SINCE, today)
        entries = bib_entries(self, default_bib_paths(self.env)).values()
        rows = coauthors(entries, author, people, self.config.project, since, today)
        return [self.table(rows)]

    def author(self, people: People | None) -> tuple[Spelling, ...]:
        """``:author: ID``'s spellings, or the owner's (profile name and aliases and
        ``profile_owner``)."""
        if person_id := (self.options.get("author") or "").strip():
            person = people.get(person_id) if people is not None else None
            if person is None:
                close = people.close_ids(person_id) if people is not None else []
                hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
                self.option_problem(
                    f"collaborators: no person {person_id!r} in the people file{hint}"
                )
                return ()
            return person.spellings
        spellings = list(self.config.profile_owner)
        if self.data_path().is_file() and (basics := self.load_profile().basics) is not None:
            spellings += [basics.text("name"), *basics.texts("aliases")]
        parsed = (Spelling.parse(name) for name in spellings if name.strip())
        return tuple(name for name in parsed if name is not None)

    def table(self, rows: list[Coauthor]) -> nodes.table:
        table = nodes.table(classes=["sp-collaborators"])
        self.set_source_info(table)
        group = nodes.tgroup(cols=3)
        table += group
        for width in (40, 45, 15):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        head += self.row([_("Name"), _("Affiliation"), _("Last joint paper")])
        group += head
        body = nodes.tbody()
        for coauthor in rows:
            body += self.row([coauthor.name, coauthor.affiliation, str(coauthor.latest)])
        group += body
        return table

    def row(self, cells: list[str]) -> nodes.row:
        row = nodes.row()
        for text in cells:
            row += nodes.entry("", nodes.paragraph(text=text))
        return row


def setup_collaborators(app: Sphinx) -> None:
    """Register the ``collaborators`` directive."""
    app.add_directive("collaborators", CollaboratorsDirective)
