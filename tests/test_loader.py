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


def nested_aliases(anchor: str, levels: int) -> str:
    """YAML whose last line holds ``anchor`` nine to the power ``levels`` times."""
    lines = [f"l1: &l1 [{', '.join([anchor] * 9)}]"]
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(2, levels + 1)]
    return "\n".join(lines) + "\n"


def test_repeated_long_string_is_an_alias_bomb(tmp_path: Path) -> None:
    """A few hundred repetitions of one long string: few values, but megabytes of text
    that cleaning and rendering would copy each time."""
    text = f"basics:\n  name: A\n  label: &s {'x' * 2000}\n" + nested_aliases("*s", 3)
    assert problems(tmp_path, "text-bomb.yaml", text) == [
        (3, "file expands to too many characters (a YAML alias bomb?)")
    ]


def test_repeated_numbers_are_an_alias_bomb(tmp_path: Path) -> None:
    text = "basics:\n  name: A\n" + nested_aliases("0", 6)
    assert problems(tmp_path, "value-bomb.yaml", text) == [
        (3, "file expands to too many values (a YAML alias bomb?)")
    ]


def test_anchors_for_shared_text_are_fine(tmp_path: Path) -> None:
    work = "".join(f"  - name: &u{i} Universität Beispielstadt {i}\n" for i in range(20))
    again = "".join(f"  - {{name: *u{i}, position: Visitor}}\n" * 5 for i in range(20))
    assert problems(tmp_path, "anchors.yaml", "basics:\n  name: A\nwork:\n" + work + again) == []


def test_messages_quote_a_huge_value_briefly(tmp_path: Path) -> None:
    dates = ", ".join(f'"d{i}"' for i in range(100_000))
    text = f'{{"basics": {{"name": "A"}},\n "awards": [{{"title": "T", "date": [{dates}]}}]}}'
    assert problems(tmp_path, "huge.json", text) == [
        (
            2,
            "awards[0].date: ['d0', 'd1', 'd2', 'd3', 'd4', 'd5', ...] is not a date"
            " (use 2024, 2024-09 or 2024-09-01); entry skipped",
        )
    ]


@pytest.mark.parametrize(
    ("start", "end", "reported"),
    [
        ("2021-03", "2020-11", True),
        ("2021", "2020-12-31", True),
        ("2020-05-02", "2020-05-01", True),
        ("2020-05", "2020", False),  # the same year: may have ended in November
        ("2020-05-10", "2020-05", False),
        ("2020", "2020", False),
        ("2020", "present", False),
    ],
)
def test_end_before_start_is_reported_and_the_entry_kept(
    tmp_path: Path, start: str, end: str, reported: bool
) -> None:
    path = tmp_path / "dates.yaml"
    path.write_text(
        f"basics:\n  name: A\nwork:\n  - name: Acme\n    startDate: '{start}'\n"
        f"    endDate: '{end}'\n",
        encoding="utf-8",
    )
    profile = validate(load_file(path))
    message = f"work[0]: endDate {end} is before startDate {start}"
    assert [(p.line, p.message) for p in profile.problems] == ([(6, message)] if reported else [])
    assert [record.text("name") for record in profile.entries("work")] == ["Acme"]
