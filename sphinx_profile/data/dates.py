"""Partial ISO-8601 dates, as researchers write them: ``2024``, ``2024-09``, ``2024-09-01``."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
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

    def format(self, fmt: str) -> str:
        """Format with ``strftime`` codes, dropping the parts the date does not know.

        ``%b %Y`` on ``2024`` gives ``2024`` rather than an invented ``Jan 2024``.
        """
        if not self.month:
            return str(self.year)
        when = dt.date(self.year, self.month, self.day or 1)
        if not self.day:
            fmt = re.sub(r"[^%]*%-?[dej][^%]*?(?=%|$)", " ", fmt).strip() or "%b %Y"
            fmt = re.sub(r"\s+", " ", fmt)
        return when.strftime(fmt).strip(" ,")


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
    if month and not 1 <= month <= 12:
        return None
    if day and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return PartialDate(year, month, day)


def is_present(value: object) -> bool:
    """Whether an end date says the period is still going on."""
    return isinstance(value, str) and value.strip().lower() in PRESENT_WORDS
