"""What every data directive shares: finding its data, reading its options, parsing
markup, making links.

**The option rule**, the same for ``publist``, ``profile`` and every CV section: a
bad value is reported at the directive's line (``profile.option``) and ignored, so
the directive renders as if the option were not there (a bad ``:filter:`` shows
every entry). One rule is easier to predict than a per-option guess of what was
meant, and ``-W`` turns the warning into a failed build.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.nodes import Node
from sphinx.util.docutils import SphinxDirective

from ..data.filters import FilterError, compile_filter
from ..data.metrics import Metrics
from ..data.people import Coauthors, People
from ..data.problems import Subtype
from ..data.schema import Profile
from ..data.urls import is_safe_url
from ..domain import (
    default_coauthors_path,
    default_metrics_path,
    default_people_path,
    default_profile_path,
    profile_domain,
)
from ..warnings import warn
from .data_markup import parse_data_markup

Converter = Callable[[str], object]


def option_words(value: str) -> list[str]:
    """An option's list of names, as users write them: ``a, b``, ``a b`` or ``a,b``."""
    return [word for word in re.split(r"[,\s]+", value) if word]


@dataclass(frozen=True)
class BadOption:
    """An option docutils or MyST would have rejected, kept until it can be reported."""

    name: str
    reason: str


class OptionSpec(dict[str, Converter]):
    """A directive's options whose mistakes become ``profile.option`` warnings.

    docutils and MyST reject a directive with an unknown option or a bad value
    outright, with a warning of their own that ``suppress_warnings`` cannot name.
    Both look converters up with ``spec[name]`` and report a converter's
    ``ValueError``, so here unknown names get a converter and every converter
    turns its error into a :class:`BadOption` that :class:`DataDirective` reports
    at the directive's line and drops: the directive still renders with defaults.
    """

    def __init__(self, converters: dict[str, Converter]) -> None:
        super().__init__({name: _lenient(name, convert) for name, convert in converters.items()})

    def __missing__(self, name: str) -> Converter:
        return lambda _: BadOption(name, f"unknown option (known: {', '.join(sorted(self))})")


def _lenient(name: str, convert: Converter) -> Converter:
    def converter(value: str) -> object:
        try:
            return convert(value)
        except (ValueError, TypeError) as exc:
            reason = " ".join(str(exc).split()) or "invalid value"
            return BadOption(name, f"{value!r}: {reason}" if value else reason)

    return converter


class DataDirective(SphinxDirective):
    """A directive that shows data from the profile file (or its ``:data:`` option)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, value in list(self.options.items()):
            if isinstance(value, BadOption):
                self.option_problem(f"{self.name}: option :{name}: {value.reason}; ignored")
                del self.options[name]

    def data_path(self) -> Path:
        """``:data:`` relative to the page (``/``: the source folder), or the default file."""
        option = self.options.get("data")
        if option:
            return Path(self.env.relfn2path(option, self.env.docname)[1])
        return default_profile_path(self.env)

    def load_profile(self) -> Profile:
        """The validated profile; the page is rebuilt whenever the file changes."""
        path = self.data_path()
        self.env.note_dependency(str(path))
        if not path.is_file():
            # Said at the page that asks for it: the missing file has no line to point to.
            where = self.options.get("data") or "profile_data"
            warn(
                f"profile data file not found: {path} (from {where})",
                Subtype.DATA,
                self.get_location(),
            )
            return Profile(str(path), None, {}, [])
        return profile_domain(self.env).profile(path)

    def load_metrics(self) -> Metrics | None:
        """The citation counts (``profile_metrics``), for a directive with ``:metrics:``:
        only such pages depend on the file, so editing it re-reads only them."""
        path = default_metrics_path(self.env)
        self.env.note_dependency(str(path))
        if not path.is_file():
            warn(
                f"{self.name}: :metrics: needs the citation counts file {path} (from"
                " profile_metrics); write it with 'sphinx-profile refresh'",
                Subtype.DATA,
                self.get_location(),
            )
            return None
        return profile_domain(self.env).metrics(path)

    def load_people(self) -> People | None:
        """The people file or folder (``profile_people``), ``None`` when the site has
        none: only pages that show people depend on it, so editing it re-reads only them.
        The page depends on each file, not on a folder (Sphinx reads a page that depends
        on a folder again in every build); a file added to the folder re-reads the pages
        that show everyone (:func:`~sphinx_profile.domain.pages_showing_new_people`)."""
        path = default_people_path(self.env)
        if path is None:
            return None
        if not path.exists():
            self.env.note_dependency(str(path))  # read again once it is there
            warn(
                f"people file not found: {path} (from profile_people)",
                Subtype.DATA,
                self.get_location(),
            )
            return None
        people = profile_domain(self.env).people(path)
        for name in people.files:
            self.env.note_dependency(name)
        return people

    def load_coauthors(self) -> Coauthors | None:
        """al-folio's co-authors file (``profile_coauthors``), ``None`` when not set."""
        path = default_coauthors_path(self.env)
        if path is None:
            return None
        self.env.note_dependency(str(path))
        if not path.is_file():
            warn(
                f"co-authors file not found: {path} (from profile_coauthors)",
                Subtype.DATA,
                self.get_location(),
            )
            return None
        return profile_domain(self.env).coauthors(path)

    def markup(self, text: str, path: str, line: int, *, block: bool = False) -> list[Node]:
        """Data text from ``path`` at ``line`` as markup of the page's own language
        (rST or MyST), held to the rules of :mod:`.data_markup`; inline by default,
        ``block`` allows paragraphs and lists (a bio)."""
        return parse_data_markup(self, text, path, line, block=block)

    def link(
        self, url: str, children: list[nodes.Node], classes: list[str] | None = None
    ) -> nodes.Element:
        """A reference to ``url`` if it is safe; otherwise the children alone (an unsafe
        URL of a data file was reported when the file was read, see
        :mod:`~sphinx_profile.data.schema`)."""
        ref: nodes.Element
        if is_safe_url(url):
            ref = nodes.reference("", "", *children, refuri=url, classes=classes or [])
        else:
            ref = nodes.inline("", "", *children, classes=classes or [])
        self.set_source_info(ref)
        return ref

    def option_problem(self, message: str) -> None:
        """A located warning about this directive's options."""
        warn(message, Subtype.OPTION, self.get_location())

    # ---- options, read by one rule (see the module's docstring) --------------------

    def choice_option(self, name: str, allowed: Sequence[str], default: str) -> str:
        """``:name:``, one of ``allowed`` in any case, else ``default``."""
        value = (self.options.get(name) or default).strip().lower()
        if value in allowed:
            return value
        self.option_problem(
            f"{self.name}: :{name}: must be one of {', '.join(allowed)}, not {value!r};"
            f" using {default!r}"
        )
        return default

    def limit_option(self, default: int | None = None) -> int | None:
        """``:limit:``, a positive whole number, else ``default``."""
        raw = (self.options.get("limit") or "").strip()
        if not raw:
            return default
        if raw.isdigit() and int(raw) > 0:
            return int(raw)
        self.option_problem(f"{self.name}: :limit: must be a positive whole number, not {raw!r}")
        return default

    def filter_option(self) -> Callable[[Mapping[str, object]], bool]:
        """Whether ``:filter:`` keeps an entry with these fields."""
        source = (self.options.get("filter") or "").strip()
        if not source:
            return lambda fields: True
        try:
            return compile_filter(source).matches
        except FilterError as error:
            self.option_problem(f"{self.name}: bad :filter: ({error}); showing every entry")
            return lambda fields: True

    def switch_option(self, name: str) -> bool | None:
        """``:name:`` as a flag that can be turned off: alone or ``on`` is on, ``off`` is
        off; ``None`` when not given (or given badly), so the directive's own default
        applies, which may depend on what it shows (``publist``'s ``:search:``)."""
        if name not in self.options:
            return None
        value = (self.options[name] or "on").strip().lower()
        if value in {"on", "off"}:
            return value == "on"
        self.option_problem(
            f"{self.name}: :{name}: must be on, off or empty, not {value!r}; ignored"
        )
        return None

    def words_option(self, name: str, known: Sequence[str], what: str) -> list[str] | None:
        """``:name:``'s words (matched in any case) in the order given, those not in
        ``known`` dropped; ``None`` when the option is not given."""
        if not (raw := self.options.get(name)):
            return None
        spelled = {word.lower(): word for word in known}
        chosen = []
        for word in option_words(raw):
            if word.lower() in spelled:
                chosen.append(spelled[word.lower()])
            else:
                self.option_problem(
                    f"{self.name}: unknown {what} {word!r} in :{name}: (known: {', '.join(known)})"
                )
        return chosen
