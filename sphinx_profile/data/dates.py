"""Partial ISO-8601 dates, as researchers write them: ``2024``, ``2024-09``, ``2024-09-01``."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

# [0-9], not \d: \d also matches other scripts' digits, which int() accepts.
_DATE_RE = re.compile(r"^([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?$")
PRESENT_WORDS = frozenset({"present", "now", "current", "ongoing", "today"})


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day.

    Ordering treats a missing month or day as the start of the period, so
    ``2024 < 2024-01-02``; that is what sorting a CV needs.
    """

    year: int
    month: int = 0
    day: int = 0

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return text

    def format(self, fmt: str, render: Render | None = None) -> str:
        """Format with ``strftime`` codes, dropping the parts the date does not know.

        ``%b %Y`` on ``2024`` gives ``2024`` rather than an invented ``Jan 2024``, and
        ``%d %B %Y`` on ``2024-09`` gives ``September 2024``. ``render`` formats the
        reduced pattern (Sphinx passes a locale-aware one); the default is ``strftime``.
        """
        if not self.month:
            return str(self.year)
        if not self.day:
            fmt = _drop_day(fmt)
        when = dt.date(self.year, self.month, self.day or 1)
        return (render or _strftime)(when, fmt)


Render = Callable[[dt.date, str], str]

#: A strftime directive (``%d``, ``%-d``, ``%%``) or a run of literal text.
_TOKEN_RE = re.compile(r"%-?[A-Za-z%]|[^%]+|%")
#: Directives that need the day: day of month or year, weekday, week number.
_DAY_CODES = frozenset("dejaAuwUW")


def _strftime(when: dt.date, fmt: str) -> str:
    return when.strftime(fmt)


def _is_day(token: str) -> bool:
    return token.startswith("%") and token[-1] in _DAY_CODES


def _is_word(literal: str) -> bool:
    """``日`` in ``%d日`` or `` de `` in ``%d de %B``: text that belongs to the day."""
    return not literal.startswith("%") and any(char.isalnum() for char in literal)


def _drop_day(fmt: str) -> str:
    """``fmt`` without its day codes and the text that goes with them.

    A day code takes its word suffix (``日``, `` de ``) or, failing that, one
    separator: the one after it (``%d %b`` and ``%b %d, %Y``), else the one before
    it (``%Y-%m-%d``). Punctuation left dangling at either end is trimmed.
    """
    tokens = _TOKEN_RE.findall(fmt)
    index = 0
    while index < len(tokens):
        if not _is_day(tokens[index]):
            index += 1
            continue
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        before = tokens[index - 1] if index > 0 else None
        if after is not None and not after.startswith("%"):
            del tokens[index : index + 2]
        elif before is not None and not before.startswith("%") and not _is_word(before):
            del tokens[index - 1 : index + 1]
            index -= 1
        else:
            del tokens[index]
    reduced = "".join(tokens).strip(" ,.-/")
    return reduced or "%b %Y"


def parse_date(value: object) -> PartialDate | None:
    """Parse a partial date; ``None`` when the value is not one.

    YAML turns an unquoted ``2024-09-01`` into a ``datetime.date`` and ``2024`` into
    an ``int``, so both are accepted beside strings.
    """
    if isinstance(value, dt.datetime):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        return None
    match = _DATE_RE.match(value.strip())
    if not match:
        return None
    year, month, day = (int(part) if part else 0 for part in match.groups())
    if year < 1:  # the calendar (and strftime) start at year 1
        return None
    if match.group(2) and not 1 <= month <= 12:  # "2024-0" is a typo, not "2024"
        return None
    if match.group(3) and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return PartialDate(year, month, day)


def is_present(value: object) -> bool:
    """Whether an end date says the period is still going on."""
    return isinstance(value, str) and value.strip().lower() in PRESENT_WORDS
