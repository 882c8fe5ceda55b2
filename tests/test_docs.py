"""The user documentation says what the code does: every schema field has a meaning,
and the workflow files the docs hand out are valid and do what the docs say.

The schema tables are generated from ``sphinx_profile.data.schema``, so the test reads
the built page, as a reader would see it, rather than the declaration.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from sphinx_profile.data.schema import BASICS, SECTIONS, Field

from .conftest import html
from .test_sites import build_copy


def _keys(fields: Mapping[str, Field], prefix: str = "") -> Iterator[str]:
    for name, spec in fields.items():
        yield prefix + name
        yield from _keys(spec.fields, f"{prefix}{name}.")


def test_schema_page_explains_every_field(make_app, tmp_path: Path) -> None:
    app = build_copy(make_app, tmp_path, "docs")
    page = html(app, "schema")
    declared = {"basics": BASICS, **SECTIONS}
    for section, fields in declared.items():
        block = page.find("section", id=section)
        assert block is not None, f"docs/schema.md has no '{section}' section"
        rows = [
            [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
            for row in block.select("table tbody tr")
        ]
        assert [row[0] for row in rows] == list(_keys(fields)), section
        empty = [row[0] for row in rows if not row[2]]
        assert empty == [], f"{section}: no meaning for {empty}"
