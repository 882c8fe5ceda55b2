"""The safe :filter: language: what it accepts, what it refuses, what it means."""

from __future__ import annotations

import pytest

from sphinx_profile.data.filters import FilterError, compile_filter

ENTRY = {
    "year": "2023",
    "type": "inproceedings",
    "selected": True,
    "keywords": ["LLM", "calibration"],
    "author": "Wang, Mingze and Marsh, Elena",
    "title": "Calibrated emulators",
}


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("year >= 2022", True),
        ("year >= 2022 and type == 'inproceedings'", True),
        ("year < 2020 or not selected", False),
        ("selected", True),
        ("'llm' in keywords", True),
        ("'quantum' not in keywords", True),
        ("author % 'wang'", True),
        ("author % '^Marsh'", False),
        ("type in ['article', 'inproceedings']", True),
        ("2020 < year <= 2023", True),
        ("missing_field", False),
        ("pubstate == ''", True),
        ("'emulator' in title", True),
        ("author % '('", False),  # a broken pattern is searched as plain text
    ],
)
def test_meaning(expression: str, expected: bool) -> None:
    assert compile_filter(expression).matches(ENTRY) is expected


@pytest.mark.parametrize(
    "expression",
    [
        "__import__('os').system('true')",
        "().__class__.__bases__[0].__subclasses__()",
        "year.__class__",
        "open('/etc/passwd')",
        "[x for x in keywords]",
        "lambda: 1",
        "keywords[0]",
        "_private",
        "year + 1 > 2",
        "b'bytes' in title",
        "year ==",
        "x" * 3000,
    ],
)
def test_refuses(expression: str) -> None:
    with pytest.raises(FilterError):
        compile_filter(expression)


def test_names_are_reported() -> None:
    assert compile_filter("year > 2000 and 'x' in keywords").names == {"year", "keywords"}
