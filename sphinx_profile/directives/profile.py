"""The ``profile`` directive: the header card of a homepage."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import get_translation

from ..config import conf_location, link_icon_file
from ..data.files import Places
from ..data.links import Link, icon_name, profile_links
from ..data.people import Person
from ..data.problems import Subtype
from ..data.schema import Profile, Record
from ..domain import default_people_path, profile_domain
from ..nodes import icon
from ..warnings import warn
from .common import DataDirective, OptionSpec

_ = get_translation("sphinx_profile")

#: Attributes of the card node for ``metadata.py``: which data file it shows, and
#: whether the owner hid the email address from scrapers (then JSON-LD omits it too).
DATA_ATTRIBUTE = "sp_data"
HIDE_EMAIL_ATTRIBUTE = "sp_hide_email"

FIELDS = ("photo", "name", "label", "affiliation", "location", "email", "links", "summary")
#: Not shown unless asked for: a phone number is rarely wanted on a web page, and
#: ``pronouns`` is the pronouns on their own line, for a card without ``name`` under a
#: heading that already says it (with ``name``, they follow the name).
OPTIONAL_FIELDS = ("phone", "pronouns")


def person_profile(person: Person) -> Profile:
    """A person as the profile card reads a profile: their checked fields as
    ``basics``, their role as its ``label``, at their lines in their file."""
    record = person.record or Record("person", person.line, {"name": person.name})
    values = {**record.values, "label": person.role}
    lines = {**record.lines, "label": record.line_of("role")}
    return Profile(person.path, Record("basics", record.line, values, lines), {}, [])


class CardDirective(DataDirective):
    """Draws a card (photo, name, position, links, bio) from a profile's ``basics``:
    the ``profile`` card, and each person's card of ``people`` and ``profile:: :person:``,
    which present a person of the people file as such a profile (one drawing for both)."""

    def card(self, profile: Profile, fields: list[str], *, bio: bool = True) -> nodes.container:
        """The card of ``profile`` with ``fields`` in that order; ``bio``: the
        directive's content, if any, stands for the summary."""
        basics = profile.basics or Record("basics", 1, {})
        card = nodes.container(
            classes=["sp-profile", f"sp-align-{self.options.get('align', 'left')}"]
        )
        self.set_source_info(card)
        text = nodes.container(classes=["sp-profile-text"])
        summary = nodes.container(classes=["sp-profile-bio"])
        for name in fields:
            if name == "photo":
                photo = self.photo(profile, basics)
                if photo is not None:
                    card += photo
            elif name == "summary":
                summary += self.bio(profile, basics, content=bio)
            elif name == "pronouns" and "name" in fields:
                continue  # they follow the name
            else:
                part = self.part(name, profile, basics)
                if part is not None:
                    text += part
        if "metrics" in self.options and (line := self.metrics()) is not None:
            text += line
        card += text
        if summary.children:
            card += summary
        return card

    def photo(self, profile: Profile, basics: Record) -> nodes.image | None:
        if "no-photo" in self.options:
            return None
        if option := self.options.get("photo"):
            uri = (
                option
                if "://" in option
                else "/" + self.env.relfn2path(option, self.env.docname)[0]
            )
        else:  # a problem with basics.image was reported when the file was read
            uri = Places(Path(self.env.srcdir)).photo(profile)[0]
        if not uri:
            return None
        alt = _("Photo of %s") % basics.text("name") if basics.text("name") else _("Photo")
        # ``dark-light`` is pydata-sphinx-theme's documented opt-out from dimming
        # images and giving them a white box in dark mode: a photo works in both modes.
        node = nodes.image(uri=uri, alt=alt, classes=["sp-photo", "dark-light"])
        self.set_source_info(node)
        return node

    def metrics(self) -> nodes.paragraph | None:
        """Total citations and h-index over the metrics file, with the source and date
        written out: unlike a badge's tooltip, they also reach print."""
        metrics = self.load_metrics()
        summary = metrics.summary() if metrics is not None else None
        if summary is None:
            return None
        para = nodes.paragraph(classes=["sp-metrics"])
        self.set_source_info(para)
        para += nodes.inline(text=_("%d citations") % summary.total, classes=["sp-cited-total"])
        para += nodes.Text(" · ")
        para += nodes.inline(text=_("h-index %d") % summary.h_index, classes=["sp-h-index"])
        source = _("%(source)s, as of %(date)s") % {
            "source": ", ".join(summary.sources),
            "date": summary.as_of.isoformat(),
        }
        para += nodes.Text(" ")
        para += nodes.inline(text=f"({source})", classes=["sp-metrics-source"])
        return para

    def data_uri(self, value: str, profile: Profile, line: int) -> str:
        """A download path from the data file as a source-relative URI (``/cv.pdf``)."""
        location = f"{profile.path}:{line}"
        path = (Path(profile.path).parent / value).resolve()
        try:
            relative = path.relative_to(Path(self.env.srcdir).resolve())
        except ValueError:
            warn(f"{value!r} is outside the documentation source folder", Subtype.DATA, location)
            return ""
        return "/" + relative.as_posix()

    def part(self, name: str, profile: Profile, basics: Record) -> nodes.Node | None:
        """One line of the card's text column."""
        para = nodes.paragraph(classes=[f"sp-{name}"])
        self.set_source_info(para)
        if name == "name":
            if not basics.text("name"):  # the pronouns are still worth saying
                return self.part("pronouns", profile, basics) if basics.text("pronouns") else None
            para += nodes.strong(text=basics.text("name"))
            if pronouns := basics.text("pronouns"):
                para += nodes.inline(text=f" ({pronouns})", classes=["sp-pronouns"])
        elif name == "pronouns":
            para += nodes.Text(basics.text("pronouns"))
        elif name == "label":
            para += nodes.Text(basics.text("label"))
        elif name == "affiliation":
            para += nodes.Text(
                ", ".join(filter(None, (basics.text("department"), basics.text("affiliation"))))
            )
        elif name == "location":
            place = basics.record("location")
            if place is not None:
                parts = (place.text("city"), place.text("region"), place.text("countryCode"))
                para += nodes.Text(", ".join(filter(None, parts)))
        elif name == "phone":
            para += nodes.Text(basics.text("phone"))
        elif name == "email":
            self.email(para, profile, basics)
        elif name == "links":
            for link in profile_links(profile):
                para += self.icon_link(link, profile)
                para += nodes.Text(" ")
        return para if para.astext().strip() else None

    def email(self, para: nodes.paragraph, profile: Profile, basics: Record) -> None:
        address = basics.text("email")
        if not address:
            return
        if "obfuscate-email" in self.options:
            shown = address.replace("@", " [at] ").replace(".", " [dot] ")
            para += [icon(name="email"), nodes.inline(text=shown, classes=["sp-email-text"])]
            return
        children: list[nodes.Node] = [icon(name="email"), nodes.inline(text=address)]
        para += self.link(f"mailto:{address}", children)

    def icon_link(self, link: Link, profile: Profile) -> nodes.Element:
        children: list[nodes.Node] = [
            icon(name=link.icon),
            nodes.inline(text=link.label, classes=["sp-link-label"]),
        ]
        if link.download:
            target = self.data_uri(link.url, profile, link.line)
            ref = addnodes.download_reference(
                "",
                "",
                *children,
                reftarget=target,
                refdoc=self.env.docname,
                refexplicit=True,
                classes=["sp-link"],
            )
            self.set_source_info(ref)
            return ref
        return self.link(link.url, children, classes=["sp-link"])

    def bio(self, profile: Profile, basics: Record, *, content: bool) -> list[nodes.Node]:
        """Directive content if any (and ``content``), else ``basics.summary``, parsed as
        the page's markup."""
        if content and self.content:
            return self.parse_content_to_nodes()
        summary = basics.text("summary")
        if not summary:
            return []
        return self.markup(summary, profile.path, basics.line_of("summary"), block=True)


class ProfileDirective(CardDirective):
    """Photo, name, position, affiliation, links and bio, from ``basics``."""

    has_content = True
    option_spec: ClassVar[OptionSpec] = OptionSpec(
        {
            "data": directives.unchanged_required,
            "photo": directives.unchanged_required,
            "no-photo": directives.flag,
            "align": lambda arg: directives.choice(arg, ("left", "right", "center")),
            "fields": directives.unchanged_required,
            "obfuscate-email": directives.flag,
            "metrics": directives.flag,
            "person": directives.unchanged_required,
        }
    )

    def run(self) -> list[nodes.Node]:
        if "person" in self.options:
            return self.person_card()
        card = self.card(self.load_profile(), self.fields())
        card[DATA_ATTRIBUTE] = str(self.data_path())
        card[HIDE_EMAIL_ATTRIBUTE] = "obfuscate-email" in self.options
        return [card]

    def person_card(self) -> list[nodes.Node]:
        """``:person: ID``: the card of a person of the people file; the page depends
        on that person's file only (an unknown id: on every file, where it may come)."""
        person_id = self.options["person"].strip()
        path = default_people_path(self.env)
        if path is None:
            self.option_problem("profile: :person: needs profile_people in conf.py")
            return []
        if not path.exists():
            self.load_people()  # says it is missing
            return []
        people = profile_domain(self.env).people(path)
        person = people.get(person_id)
        if person is None:
            for file in people.files:
                self.env.note_dependency(file)
            close = people.close_ids(person_id)
            hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
            self.option_problem(f"profile: no person {person_id!r} in the people file{hint}")
            return []
        self.env.note_dependency(person.path)
        return [self.card(person_profile(person), self.fields())]

    def fields(self) -> list[str]:
        """``:fields:`` in the given order, unknown names dropped with a warning."""
        chosen = self.words_option("fields", FIELDS + OPTIONAL_FIELDS, "field")
        return list(FIELDS) if chosen is None else chosen


def read_link_icons(app: Sphinx, config: Config) -> None:
    """``profile_link_icons`` as icon name → SVG markup, files read relative to ``conf.py``.

    Reading here, once, keeps a missing file a located warning rather than an error
    while writing pages, and makes an edited icon file a configuration change, so the
    pages that show it are rebuilt.
    """
    icons: dict[str, str] = {}
    for network, value in config.profile_link_icons.items():
        path = link_icon_file(value, app.confdir)
        if path is None:
            icons[icon_name(network)] = value
            continue
        try:
            icons[icon_name(network)] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            warn(
                f"profile_link_icons: cannot read the icon for {network!r} from {str(path)!r}"
                f" ({getattr(error, 'strerror', None) or error}); using the built-in icon",
                Subtype.OPTION,
                conf_location(app.confdir, "profile_link_icons"),
            )
    config.profile_link_icons = icons


def setup_profile(app: Sphinx) -> None:
    """Register the ``profile`` directive and read the configured link icons."""
    app.add_directive("profile", ProfileDirective)
    app.connect("config-inited", read_link_icons, priority=600)  # after validation
