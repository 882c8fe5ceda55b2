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


@pytest.mark.parametrize(
    ("expression", "reason"),
    [
        ("author % '('", r"bad regular expression '\(' after %: missing \)"),
        ("author % 'x{1001}'", r"invalid repetition size"),
        # too long for RE2 to read as a number: it would take the braces literally
        ("author % 'x{99999999999}'", r"invalid repetition size: \{99999999999\}"),
        ("author % 'x{2,99999999999}'", r"invalid repetition size"),
        ("title % '(?<=a)b'", r"bad regular expression .*: invalid perl operator"),
        ("title % 'a++'", r"bad repetition operator"),
        ("not " * 60 + "selected", r"nested more than 50 deep"),
        ("'x' in " + "[" * 60 + "'x'" + "]" * 60, r"nested more than 50 deep"),
        # CPython's parser runs out of stack on this, well within the length limit
        ("[" * 199 + "-" * 1500 + "x" + "]" * 199, r"nested more than 50 deep"),
    ],
)
def test_refuses_with_reason(expression: str, reason: str) -> None:
    with pytest.raises(FilterError, match=reason):
        compile_filter(expression)


def test_pattern_search_is_linear() -> None:
    """A backtracking engine needs seconds for this; RE2 answers at once."""
    entry = {"title": "a" * 28 + "!", "note": "a" * 5000}
    assert not compile_filter("title % '(a|a)+$'").matches(entry)
    assert compile_filter("note % '^(a+)+$'").matches(entry)


def test_pattern_from_a_field_that_is_no_regex_is_plain_text() -> None:
    assert compile_filter("title % pattern").matches({"title": "f(x)", "pattern": "("})
