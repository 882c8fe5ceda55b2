"""One place that turns problems into Sphinx warnings of type ``profile``.

Every warning carries a subtype (``profile.data``, ``profile.bib``, ``profile.ref``,
``profile.option``, ``profile.metrics``) so users can silence one kind with
``suppress_warnings``, and a location in the file that holds the problem: the data
file and line for bad data, the page and line for a bad option or reference.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util import logging

from .data.problems import Problem, Subtype

WARNING_TYPE = "profile"

logger = logging.getLogger("sphinx_profile")


def report(problem: Problem) -> None:
    """Log a data problem at its file and line."""
    logger.warning(
        problem.message, type=WARNING_TYPE, subtype=problem.subtype.value, location=problem.location
    )


def warn(
    message: str,
    subtype: Subtype,
    location: str | tuple[str, int | None] | nodes.Node | None,
) -> None:
    """Log a problem found while building a page (a bad option, an unknown key...)."""
    logger.warning(message, type=WARNING_TYPE, subtype=subtype.value, location=location)
