"""Partial dates: parsing, ordering, and formatting that never invents a month or a day."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinx_profile.data.dates import PartialDate, is_present, parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024", PartialDate(2024)),
        (2024, PartialDate(2024)),
        ("2024-09", PartialDate(2024, 9)),
        ("2024-09-01", PartialDate(2024, 9, 1)),
        (dt.date(2024, 9, 1), PartialDate(2024, 9, 1)),
        ("2024-13", None),
        ("2023-02-29", None),
        ("Sep 2024", None),
        (True, None),
        ("2024-0", None),
        ("2024-0-8", None),  # found by the property tests: month 0 with a day
        ("2024-09-00", None),
        ("٦000-01", None),  # Arabic-Indic digits are not ISO-8601
    ],
)
def test_parse_date(value: object, expected: PartialDate | None) -> None:
    assert parse_date(value) == expected


def test_order_puts_unknown_parts_first() -> None:
    assert PartialDate(2024) < PartialDate(2024, 1) < PartialDate(2024, 1, 2) < PartialDate(2025)


@pytest.mark.parametrize(
    ("fmt", "month", "day"),
    [
        ("%b %Y", "Sep 2024", "Sep 2024"),
        ("%d %b %Y", "Sep 2024", "03 Sep 2024"),
        ("%b %d, %Y", "Sep 2024", "Sep 03, 2024"),
        ("%B %-d, %Y", "September 2024", "September 3, 2024"),
        ("%Y-%m-%d", "2024-09", "2024-09-03"),
        ("%d.%m.%Y", "09.2024", "03.09.2024"),
        ("%m/%d/%Y", "09/2024", "09/03/2024"),
        ("%d. %B %Y", "September 2024", "03. September 2024"),
        ("%A, %d %B %Y", "September 2024", "Tuesday, 03 September 2024"),
        ("%Y年%m月%d日", "2024年09月", "2024年09月03日"),
        ("%d de %B de %Y", "September de 2024", "03 de September de 2024"),
        ("%d", "Sep 2024", "03"),
    ],
)
def test_format_drops_the_day_a_date_does_not_know(fmt: str, month: str, day: str) -> None:
    assert PartialDate(2024, 9).format(fmt) == month
    assert PartialDate(2024, 9, 3).format(fmt) == day
    assert PartialDate(2024).format(fmt) == "2024"


def test_format_with_a_locale_aware_renderer() -> None:
    seen: list[str] = []

    def render(when: dt.date, fmt: str) -> str:
        seen.append(fmt)
        return f"{fmt}@{when.isoformat()}"

    assert PartialDate(2024, 9).format("%d %B %Y", render) == "%B %Y@2024-09-01"
    assert seen == ["%B %Y"]


@given(st.dates(min_value=dt.date(1000, 1, 1)), st.sampled_from(["%b %Y", "%d.%m.%Y", "%x"]))
def test_format_never_fails(when: dt.date, fmt: str) -> None:
    for date in (
        PartialDate(when.year),
        PartialDate(when.year, when.month),
        PartialDate(when.year, when.month, when.day),
    ):
        assert str(date.year) in date.format(fmt) or fmt == "%x"


def test_present_words() -> None:
    assert is_present("Present") and is_present(" now ")
    assert not is_present("2024") and not is_present(None)
