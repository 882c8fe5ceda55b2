"""The ``people`` directive: a lab's members as cards, grouped by role, and its alumni.

Each card is the ``profile`` card (:class:`~.profile.CardDirective`) drawn from a
person of the people file presented as a profile (:func:`person_profile`), so a
member's photo, links and icons look exactly like the owner's. With
``profile_people_pages`` on, the page also carries each person's page, drawn while it
is read (:mod:`sphinx_profile.people.pages` writes them).
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.locale import get_translation

from ..data.dates import PartialDate
from ..data.people import People, Person
from ..domain import default_people_path, profile_domain
from ..nodes import person_page
from ..people.publications import person_entries
from .common import OptionSpec
from .profile import CardDirective, person_profile

_ = get_translation("sphinx_profile")

#: The parts of a person's card, as ``:fields:`` names them (``role`` is the
#: profile card's ``label`` line).
PERSON_FIELDS = ("photo", "name", "role", "email", "links", "summary")
CARD_FIELDS = ("photo", "name", "role", "links")
#: A person's page shows their whole card (in the card's own field names) but the name,
#: which the page's heading says.
CARD_FIELDS_PAGE = ("photo", "pronouns", "label", "email", "links", "summary")
#: The attributes ``metadata.py`` reads: the people file a list is drawn from, and
#: the person each card shows.
PEOPLE_ATTRIBUTE = "sp_people"
PERSON_ATTRIBUTE = "sp_person"


def years(person: Person) -> str:
    """``2019–2023``, ``2019–``, ``–2023`` or ``""``: when they were a member."""
    start = str(person.start.year) if person.start else ""
    end = str(person.end.year) if isinstance(person.end, PartialDate) else ""
    return f"{start}–{end}" if start or end else ""


class PeopleDirective(CardDirective):
    """Cards of the current members by role (``:roles:``), or the alumni (``:alumni:``)."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = OptionSpec(
        {
            "roles": directives.unchanged_required,
            "alumni": directives.flag,
            "fields": directives.unchanged_required,
        }
    )

    def run(self) -> list[nodes.Node]:
        if default_people_path(self.env) is None:
            self.option_problem("people: needs profile_people in conf.py")
            return []
        people = self.load_people()
        if people is None:
            return []
        shown = nodes.container(classes=["sp-people"])
        self.set_source_info(shown)
        shown[PEOPLE_ATTRIBUTE] = people.path
        if "alumni" in self.options:
            shown += self.alumni(people)
        else:
            shown += self.groups(people)
        pages = self.person_pages(people)
        return [shown, *pages]

    def card_fields(self) -> list[str]:
        chosen = self.words_option("fields", PERSON_FIELDS, "field")
        names = list(CARD_FIELDS) if chosen is None else chosen
        return ["label" if name == "role" else name for name in names]

    def chosen_roles(self, members: list[Person]) -> list[str]:
        """``:roles:`` (comma-separated: a role may have spaces) in its order, else every
        role of ``members``: those of ``profile_people_roles`` in its order, then the
        others as the people file has them (:meth:`~.data.people.People.by_role`)."""
        order = self.config.profile_people_roles
        present = [role for role, _ in People("", tuple(members)).by_role(order)]
        if not (raw := self.options.get("roles")):
            return present
        chosen = []
        for role in (part.strip() for part in raw.split(",")):
            if role in present:
                chosen.append(role)
            elif role:
                self.option_problem(
                    f"people: no current member has the role {role!r} in :roles:"
                    f" (roles: {', '.join(present)})"
                )
        return chosen

    def groups(self, people: People) -> list[nodes.Node]:
        today = dt.date.today()
        members = [person for person in people.persons if not person.is_alumnus(today)]
        fields = self.card_fields()
        made: list[nodes.Node] = []
        for role in self.chosen_roles(members):
            group = nodes.container(classes=["sp-people-group"])
            self.set_source_info(group)
            rubric = nodes.rubric(text=role or _("Members"), classes=["sp-people-role"])
            self.set_source_info(rubric)
            made.append(rubric)
            for person in members:
                if person.role == role:
                    group += self.person_card(person, fields)
            made.append(group)
        return made

    def person_card(self, person: Person, fields: list[str]) -> nodes.container:
        """The person's card, their name linked to their page (or their ``url``)."""
        card = self.card(person_profile(person), fields, bio=False)
        card["classes"].append("sp-person")
        card[PERSON_ATTRIBUTE] = person.id
        for name in card.findall(nodes.strong):
            if "sp-name" in name.parent.get("classes", []):
                name.replace_self(self.person_link(person, [name.deepcopy()]))
                break
        return card

    def person_link(self, person: Person, children: list[nodes.Node]) -> nodes.Element:
        """A link to the person's page when the site makes them, else to their ``url``."""
        if self.config.profile_people_pages:
            return profile_domain(self.env).person_reference(person.id, children, self)
        return self.link(person.url, children) if person.url else nodes.inline("", "", *children)

    def alumni(self, people: People) -> list[nodes.Node]:
        """Past members as a list: "Name — what they do now (years)"."""
        items = nodes.bullet_list(classes=["sp-alumni"])
        self.set_source_info(items)
        today = dt.date.today()
        for person in people.persons:
            if not person.is_alumnus(today):
                continue
            para = nodes.paragraph()
            self.set_source_info(para)
            para += self.person_link(person, [nodes.strong(text=person.name)])
            if person.now:
                para += nodes.Text(" — ")
                para += nodes.inline(
                    "",
                    "",
                    *self.markup(person.now, person.path, person.line_of("now")),
                    classes=["sp-alumni-now"],
                )
            if when := years(person):
                para += nodes.inline(text=f" ({when})", classes=["sp-alumni-years"])
            items += nodes.list_item("", para)
        return [items] if items.children else []

    def person_pages(self, people: People) -> list[person_page]:
        """Each person's page, if the site makes them, unless a list earlier on this page
        carries it; of the pages that carry a person's page, the first in name order is
        the one it is written from (:mod:`sphinx_profile.people.pages`)."""
        if not self.config.profile_people_pages:
            return []
        carried = {node["person"] for node in self.state.document.findall(person_page)}
        pages: list[person_page] = []
        todo = [person for person in people.persons if person.id not in carried]
        if todo:  # the alumni list after the members' finds everyone carried
            entries = person_entries(self)
            for person in todo:
                page = person_page(person=person.id, title=person.name)
                self.set_source_info(page)
                page += self.card(person_profile(person), list(CARD_FIELDS_PAGE), bio=False)
                page += entries(person)
                pages.append(page)
        profile_domain(self.env).add_person_pages(
            self.env.docname, [page["person"] for page in pages]
        )
        return pages


def setup_people(app: Sphinx) -> None:
    """Register the ``people`` directive."""
    app.add_directive("people", PeopleDirective)
