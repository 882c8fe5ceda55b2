"""The ``profile`` domain: the per-environment cache of parsed data files.

Each data file is parsed once per change, keyed by its modification time and size,
and the parsed value is pickled with the environment so an incremental build that
does not touch the file does not parse it at all. The main process refreshes the
default files before reading starts, so parallel readers inherit them ready-made;
anything a reader loads itself comes back through :meth:`merge_domaindata`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from .config import bibfile_setting
from .data.bib import BibEntry, BibFile, parse_bib
from .data.loader import load_file
from .data.problems import Problem
from .data.schema import Profile, validate
from .warnings import logger, report

T = TypeVar("T")


@dataclass(frozen=True)
class ShownEntry:
    """Where a publist shows an entry: its number (``None`` if unnumbered) and anchor."""

    number: int | None
    anchor: str
    citation: str  #: the author–year form, for unnumbered lists


@dataclass(frozen=True)
class PublistInfo:
    """One publist on one page, as ``:pub:`` needs it to pick a list and a number."""

    docname: str
    label: str
    entries: dict[str, ShownEntry]


@dataclass
class CachedFile:
    """A parsed file with the stamp it was parsed at and the problems found."""

    stamp: tuple[int, int]
    value: Any
    problems: list[Problem]


def file_stamp(path: Path) -> tuple[int, int]:
    """(mtime in ns, size): changes whenever an editor saves the file."""
    try:
        stat = path.stat()
    except OSError:
        return (0, -1)
    return (stat.st_mtime_ns, stat.st_size)


def parse_profile(path: Path) -> tuple[Profile, list[Problem]]:
    """Load and validate a profile file."""
    profile = validate(load_file(path))
    return profile, profile.problems


class ProfileDomain(Domain):
    """Holds the cache; the directives and roles live in their own modules."""

    name = "profile"
    label = "Profile"
    data_version = 2
    initial_data: ClassVar[dict[str, Any]] = {"files": {}, "publists": {}}

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._reported: set[str] = set()
        #: Rendered entries of this build (not pickled): each entry is formatted once
        #: even when several lists or pages show it.
        self.rendered: dict[tuple[object, ...], Any] = {}

    @property
    def files(self) -> dict[str, CachedFile]:
        files: dict[str, CachedFile] = self.data["files"]
        return files

    def load(self, path: Path, parse: Callable[[Path], tuple[T, list[Problem]]]) -> T:
        """The parsed content of ``path``, parsing only when the file changed.

        A file's problems are reported once in every build that uses it, also when
        it comes from the cache, so ``-W`` keeps failing until the data is fixed.
        """
        key = str(path)
        stamp = file_stamp(path)
        cached = self.files.get(key)
        if cached is None or cached.stamp != stamp:
            value, problems = parse(path)
            cached = CachedFile(stamp, value, problems)
            self.files[key] = cached
            self._reported.discard(key)
        if key not in self._reported:
            self._reported.add(key)
            for problem in cached.problems:
                report(problem)
        result: T = cached.value
        return result

    def profile(self, path: Path) -> Profile:
        """The validated profile file at ``path``."""
        return self.load(path, parse_profile)

    def bib(self, path: Path) -> BibFile:
        """The parsed BibTeX file at ``path``."""
        return self.load(path, parse_bib)

    def entry(self, node: Element) -> BibEntry:
        """The record a ``pub_entry`` shows, from the cache: the node holds only its file
        and key, so a page's pickled doctree is not a second copy of every entry."""
        bib: BibFile = self.files[node["bibfile"]].value
        return bib.entries[node["key"]]

    @property
    def publists(self) -> dict[str, list[PublistInfo]]:
        """The publists of each page, in page order."""
        publists: dict[str, list[PublistInfo]] = self.data["publists"]
        return publists

    def add_publist(self, info: PublistInfo) -> None:
        self.publists.setdefault(info.docname, []).append(info)

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        """``:pub:`` references, resolved once every page's publists are known."""
        from .roles import resolve_pub  # the role module needs this one

        if typ != "pub":
            return None
        # Sphinx only replaces the pending node: an inline (for a key no list shows)
        # is as good as a reference there.
        resolved = resolve_pub(env, fromdocname, builder, node)
        return resolved  # type: ignore[return-value]

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        """``:any:`` does not look up publications: their keys are not document targets."""
        return []

    def clear_doc(self, docname: str) -> None:
        """Forget the page's publists; the file cache outlives every page."""
        self.publists.pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        """Keep files a parallel reader parsed: the pages it read show their entries, and
        the next build reuses them. A reader's copy is never older than this one."""
        self.files.update(otherdata["files"])
        for docname in docnames:
            if docname in otherdata["publists"]:
                self.publists[docname] = otherdata["publists"][docname]


def default_profile_path(env: BuildEnvironment) -> Path:
    """``profile_data`` resolved against the source folder (where ``conf.py`` usually is)."""
    return Path(env.srcdir, env.config.profile_data)


def default_bib_paths(env: BuildEnvironment) -> list[Path]:
    """The site's BibTeX files (:func:`~sphinx_profile.config.bibfile_setting`)."""
    bibtex_bibfiles = getattr(env.config, "bibtex_bibfiles", None)  # set if it is loaded
    _, names = bibfile_setting(env.config.profile_bibfiles, bibtex_bibfiles)
    return [Path(env.srcdir, name) for name in names]


def refresh_cache(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Parse changed default data files in the main process, before any reader forks."""
    domain = profile_domain(env)
    path = default_profile_path(env)
    if path.exists():
        logger.info("checking profile data... %s", _freshness(domain, [path]))
        domain.profile(path)
    bibs = [bib for bib in default_bib_paths(env) if bib.exists()]
    if bibs:
        logger.info("checking publications... %s", _freshness(domain, bibs))
        for bib in bibs:
            domain.bib(bib)


def _freshness(domain: ProfileDomain, paths: list[Path]) -> str:
    for path in paths:
        cached = domain.files.get(str(path))
        if cached is None or cached.stamp != file_stamp(path):
            return "parsing"
    return "up to date"


def profile_domain(env: BuildEnvironment) -> ProfileDomain:
    """The domain, typed."""
    domain = env.domains["profile"]
    assert isinstance(domain, ProfileDomain)
    return domain
