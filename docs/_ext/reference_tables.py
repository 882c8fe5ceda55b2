"""Reference tables generated from the code, so the docs cannot drift from it.

``.. profile-schema::`` renders the data schema declared in
``sphinx_profile.data.schema`` (``people`` and ``coauthors``: the fields of the people
and co-authors files, from ``sphinx_profile.data.people``); ``.. profile-config::``
the configuration values declared in ``sphinx_profile.config``.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from sphinx_profile.config import CONFIG_VALUES
from sphinx_profile.data.people import COAUTHOR, PERSON
from sphinx_profile.data.schema import BASICS, SECTIONS, Field

#: Tables of the other data files, by the argument that names them.
_FILES = {"basics": BASICS, "people": PERSON, "coauthors": COAUTHOR}


def _table(header: list[str], rows: list[list[str]]) -> nodes.table:
    table = nodes.table(classes=["longtable"])
    group = nodes.tgroup(cols=len(header))
    table += group
    group += [nodes.colspec(colwidth=1) for _ in header]
    head = nodes.thead()
    group += head
    body = nodes.tbody()
    group += body
    for target, cells in ((head, [header]), (body, rows)):
        for cells_row in cells:
            row = nodes.row()
            for text in cells_row:
                entry = nodes.entry()
                entry += nodes.paragraph(text=text)
                row += entry
            target += row
    return table


def _field_rows(fields: dict[str, Field], prefix: str = "") -> list[list[str]]:
    rows = []
    for name, spec in fields.items():
        notes = ["required" if spec.required else "", "extension" if spec.extension else ""]
        rows.append([prefix + name, spec.kind.value, spec.help, ", ".join(filter(None, notes))])
        if spec.fields:
            rows += _field_rows(dict(spec.fields), f"{prefix}{name}.")
    return rows


class SchemaTable(SphinxDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        fields = _FILES[name] if name in _FILES else SECTIONS[name]
        return [_table(["key", "kind", "meaning", "notes"], _field_rows(fields))]


class ConfigTable(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        rows = [[v.name, repr(v.default), v.help] for v in CONFIG_VALUES]
        return [_table(["name", "default", "meaning"], rows)]


def setup(app: Sphinx) -> dict[str, bool]:
    app.add_directive("profile-schema", SchemaTable)
    app.add_directive("profile-config", ConfigTable)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
