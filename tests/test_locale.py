"""The message catalogs: complete, compiled, and in step with the labels in the code.

To update after adding or changing a label (``_("...")``): extract the template with
``pybabel extract -k _ -c TRANSLATORS: --no-location --sort-output --no-wrap
-o sphinx_profile/locale/sphinx_profile.pot sphinx_profile``, then
``pybabel update -D sphinx_profile -i sphinx_profile/locale/sphinx_profile.pot
-d sphinx_profile/locale``, translate, and ``pybabel compile -D sphinx_profile
-d sphinx_profile/locale``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import sphinx_profile

#: The package under test, wherever it is installed (the release workflow tests a wheel).
PACKAGE = Path(sphinx_profile.__file__).parent
LOCALE = PACKAGE / "locale"
LANGUAGES = ["de", "zh_CN"]


def _ids(catalog) -> set[str]:
    return {message.id for message in catalog if message.id}


def test_template_has_every_label_in_the_code() -> None:
    in_code = {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(PACKAGE), keywords={"_": None}
        )
    }
    with (LOCALE / "sphinx_profile.pot").open("rb") as template:
        assert _ids(read_po(template)) == in_code


@pytest.mark.parametrize("language", LANGUAGES)
def test_translation_is_complete_and_compiled(language: str) -> None:
    folder = LOCALE / language / "LC_MESSAGES"
    with (LOCALE / "sphinx_profile.pot").open("rb") as template:
        expected = _ids(read_po(template))
    with (folder / "sphinx_profile.po").open("rb") as po_file:
        po = read_po(po_file, locale=language)
    assert _ids(po) == expected
    untranslated = [m.id for m in po if m.id and (not m.string or m.fuzzy)]
    assert untranslated == []
    with (folder / "sphinx_profile.mo").open("rb") as mo_file:
        mo = read_mo(mo_file)
    assert {m.id: m.string for m in mo if m.id} == {m.id: m.string for m in po if m.id}
