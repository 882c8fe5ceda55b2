"""Problems found in data files, kept as values so any front end can report them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Subtype(StrEnum):
    """The warning subtypes users can list in ``suppress_warnings`` as ``profile.<name>``."""

    DATA = "data"
    BIB = "bib"
    REF = "ref"
    OPTION = "option"
    METRICS = "metrics"  #: citation counts older than ``profile_metrics_max_age``
    #: paper pages without the site's address: a site not yet published may silence it
    BASEURL = "baseurl"


@dataclass(frozen=True)
class Problem:
    """One located problem in a data file; ``line`` is 1-based, 0 when unknown."""

    message: str
    path: str
    line: int = 0
    subtype: Subtype = Subtype.DATA

    @property
    def location(self) -> str:
        """``path:line`` as Sphinx and compilers print locations."""
        return f"{self.path}:{self.line}" if self.line else self.path

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"
