"""A person's publications: the entries of the site's BibTeX files they wrote."""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx.locale import get_translation

from ..data.bib import BibEntry
from ..data.people import Person
from ..data.publications import LINK_NAMES
from ..directives.common import DataDirective
from ..directives.publist import bib_entries, entry_node, sort_entries
from ..domain import default_bib_paths, profile_domain
from ..nodes import publist_list
from ..render.entry import EntryStyle

_ = get_translation("sphinx_profile")


def person_entries(directive: DataDirective) -> Callable[[Person], list[nodes.Node]]:
    """What draws a person's publications, newest first, their name emphasised as the
    owner's is in a publist: the entries whose authors include them, as every publist
    matches authors to people (:func:`~sphinx_profile.data.people.author_matches`); the
    directive's page depends on every BibTeX file."""
    merged = bib_entries(directive, default_bib_paths(directive.env))
    entries = sort_entries(list(merged.values()), "year-desc")
    pages = bool(directive.config.profile_paper_pages)
    # who the other authors are, so their names link as in every publist
    people = directive.load_people()
    authors = profile_domain(directive.env).authors(merged, people, directive.load_coauthors())

    # each person's entries in one pass over the entries, not one pass per person: a lab
    # of 60 on a 10,000-entry file would otherwise test 600,000 author lists
    by_person: dict[str, list[BibEntry]] = {}
    for entry in entries:
        matches = authors.get(entry.key, ())
        known = (match.person for match in matches if match is not None and match.person)
        for person_id in dict.fromkeys(known):  # once, if a paper names them twice
            by_person.setdefault(person_id, []).append(entry)

    def draw(person: Person) -> list[nodes.Node]:
        theirs = by_person.get(person.id, [])
        if not theirs:
            return []
        style = EntryStyle(
            links=LINK_NAMES,
            owners=person.spellings,
            max_authors=directive.config.profile_max_authors,
        )
        items = publist_list(numbers=[], reversed=False)
        for entry in theirs:
            node = entry_node(entry, style, None, None, pages, authors)
            node["ids"] = [entry.key]
            items += node
        heading = nodes.rubric(text=_("Publications"), classes=["sp-person-publications"])
        return [heading, nodes.container("", items, classes=["sp-publist"])]

    return draw
