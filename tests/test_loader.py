"""Reading profile files: hostile nesting, sizes and layouts end as located problems, fast.

The large inputs here took the old loader many seconds (or a traceback); each test
asserts on what is reported and where, and its own runtime is the guard.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sphinx_profile.data.loader import MAX_DEPTH, load_file
from sphinx_profile.data.problems import Problem
from sphinx_profile.data.schema import validate


def problems(tmp_path: Path, name: str, text: str) -> list[tuple[int, str]]:
    """The (line, message) of every problem reading and validating ``text`` as ``name``."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    found: list[Problem] = validate(load_file(path)).problems
    return [(problem.line, problem.message) for problem in found]


DEEP = 5000  # deep enough for json and tomllib to overflow Python's stack


@pytest.mark.parametrize(
    ("name", "text", "line", "language"),
    [
        (
            "deep.json",
            '{"basics": {"name": "A"},\n\n "x": ' + "[" * DEEP + "]" * DEEP + "}",
            3,
            "JSON",
        ),
        ("deep.json", '{"x":\n' + '{"y":\n' * DEEP + "1" + "}" * DEEP + "}", MAX_DEPTH + 1, "JSON"),
        ("deep.toml", '[basics]\nname = "A"\nx = ' + "[" * DEEP + "]" * DEEP, 3, "TOML"),
        ("deep.toml", "[basics]\nx = " + "{y = " * DEEP + "1" + "}" * DEEP, 2, "TOML"),
    ],
)
def test_deep_nesting_is_located_where_it_passes_the_limit(
    tmp_path: Path, name: str, text: str, line: int, language: str
) -> None:
    message = f"{language} nested too deeply (more than {MAX_DEPTH} levels)"
    assert problems(tmp_path, name, text) == [(line, message)]


def test_brackets_in_strings_and_comments_do_not_nest(tmp_path: Path) -> None:
    many = "[{" * 200
    json_text = f'{{"basics": {{"name": "A", "label": "{many}\\"{many}"}}}}'
    assert problems(tmp_path, "strings.json", json_text) == []
    toml_text = (
        f'[basics]\nname = "A"  # {many}\nlabel = \'{many}\'\nsummary = """\n{many}\n"""\n'
        f"email = '''{many}'''\nphone = \"{many}\\\"{many}\"\n"
    )
    assert problems(tmp_path, "strings.toml", toml_text) == []


ENTRIES = 3000


def test_escaped_json_keys_are_located_exactly(tmp_path: Path) -> None:
    """A key written with escapes is found where it is, and quickly, not searched for
    to the end of the file once per entry."""
    work = "".join(
        f'  {{"n\\u0061me": "E{i}", "\\u0073tartDate": "2020"}},\n' for i in range(ENTRIES)
    )
    last = '  {"n\\u0061me": "X", "strtDate": "2020"}\n'
    text = f'{{"basics": {{"name": "A"}},\n "work": [\n{work}{last}]}}\n'
    assert problems(tmp_path, "escaped.json", text) == [
        (ENTRIES + 3, "unknown key 'strtDate'; did you mean 'startDate'?")
    ]


def test_many_json_duplicates_are_located_in_linear_time(tmp_path: Path) -> None:
    many = 50_000
    text = '{"basics": {"name": "A"},\n "meta": {\n' + '"k": 1,\n' * many + '"end": 0}}\n'
    found = problems(tmp_path, "dups.json", text)
    assert len(found) == many - 1
    assert found[0] == (4, "duplicate key 'k' (the later value wins)")
    assert found[-1] == (many + 2, "duplicate key 'k' (the later value wins)")


def test_toml_keys_in_every_spelling_are_located(tmp_path: Path) -> None:
    """Quoted, literal and dotted keys are found, so no key is searched for to the end
    of the file once per entry, as the old loader did."""
    entry = '[[work]]\n\'name\' = "E"\n"startDate" = "2020"\n'
    last = '[[work]]\n\'name\' = "X"\nendDate = "soon"\n'
    text = '[basics]\nname = "A"\nlocation.cty = "x"\n' + entry * ENTRIES + last
    assert problems(tmp_path, "keys.toml", text) == [
        (3, "unknown key 'cty'; did you mean 'city'?"),
        (
            3 + 3 * ENTRIES + 3,
            f"work[{ENTRIES}].endDate: 'soon' is not a date"
            " (use 2024, 2024-09 or 2024-09-01 or 'present'); entry skipped",
        ),
    ]


def test_too_long_toml_number_is_found_in_linear_time(tmp_path: Path) -> None:
    """Runs of digits just under Python's limit made the old search quadratic per run."""
    near = "9" * 4200
    text = '[basics]\nname = "A"\n' + "".join(f"n{i} = {near}\n" for i in range(100))
    text += "big = " + "9" * 5000 + "\n"
    assert problems(tmp_path, "long.toml", text) == [(103, "TOML number too long")]
