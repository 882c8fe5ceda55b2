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
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode

from .config import bibfile_setting, paper_places
from .data.bib import BibEntry, BibFile, merge_bibs
from .data.files import Places
from .data.loader import SUFFIXES, file_stamp, load_file
from .data.metrics import Metrics, read_metrics, stale_problem
from .data.people import (
    PEOPLE_DIR,
    AuthorMatches,
    Coauthors,
    People,
    author_index,
    author_matches,
    read_coauthors,
    read_people,
)
from .data.problems import Problem, Subtype
from .data.publications import read_publications
from .data.schema import Profile, validate
from .papers.citation import PAPER_BUILDERS
from .warnings import logger, report, warn

#: What the cache holds for one file.
Parsed = Profile | BibFile | Metrics | People | Coauthors


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
    line: int | None
    label: str
    entries: dict[str, ShownEntry]


@dataclass
class CachedFile:
    """A parsed file with the stamp it was parsed at and the problems found.

    The stamp is the file's, followed by those of the paper files a ``.bib`` file
    names but that were not found (:attr:`~.data.bib.BibFile.missing`): when one
    appears, the file is read again and the paper file found.
    """

    stamp: tuple[int, ...]
    value: Parsed
    problems: list[Problem]


def parse_profile(path: Path, root: Path) -> tuple[Profile, list[Problem]]:
    """Load and validate a profile file, and find its photo (inside ``root``)."""
    profile = validate(load_file(path))
    _, problem = Places(root).photo(profile)
    return profile, profile.problems + ([problem] if problem else [])


class ProfileDomain(Domain):
    """The parse-once cache of data files, the publists of each page, and ``:pub:``.

    Directives read data through :meth:`profile` and :meth:`bib`; the ``:pub:`` role
    records what it cites (:meth:`note_citation`) and its references are resolved
    here once every page's publists are known (:meth:`resolve_xref`). Writers never
    come back here: what a page shows is in its doctree.
    """

    name = "profile"
    label = "Profile"
    data_version = 5
    initial_data: ClassVar[dict[str, Any]] = {
        "files": {},
        "publists": {},
        "citing": {},
        "person_pages": {},
    }

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._reported: set[str] = set()
        #: :meth:`merged` results of this build, by the identities of the files; the
        #: files are kept with them, so an identity is never reused by another file
        self._merged: dict[tuple[int, ...], tuple[list[BibFile], dict[str, BibEntry]]] = {}
        #: :meth:`authors` results of this build, by the identities of what they match
        self._authors: dict[tuple[int, ...], tuple[tuple[object, ...], AuthorMatches]] = {}
        #: Whether a page with a publist was read in this build (not pickled): then
        #: every page that cites an entry is written again, as its number may change.
        self.lists_changed = False

    @property
    def files(self) -> dict[str, CachedFile]:
        files: dict[str, CachedFile] = self.data["files"]
        return files

    def _load(self, path: Path, parse: Callable[[Path], tuple[Parsed, list[Problem]]]) -> Parsed:
        """The parsed content of ``path``, parsing only when the file changed.

        A file's problems are reported once in every build that uses it, also when
        it comes from the cache, so ``-W`` keeps failing until the data is fixed.
        """
        key = str(path)
        cached = self.files.get(key)
        if not self.is_fresh(path):
            stamp = file_stamp(path)
            value, problems = parse(path)
            cached = CachedFile((*stamp, *_missing_stamps(value)), value, problems)
            self.files[key] = cached
            self._reported.discard(key)
        assert cached is not None
        if key not in self._reported:
            self._reported.add(key)
            for problem in cached.problems:
                report(problem)
        return cached.value

    def profile(self, path: Path) -> Profile:
        """The validated profile file at ``path``."""
        value = self._load(path, partial(parse_profile, root=Path(self.env.srcdir)))
        assert isinstance(value, Profile)
        return value

    def bib(self, path: Path) -> BibFile:
        """The parsed and checked BibTeX file at ``path``, its local paper files found
        in ``profile_paper_dirs``."""
        places = paper_places(self.env.srcdir, self.env.config.profile_paper_dirs)
        value = self._load(path, partial(read_publications, places=places))
        assert isinstance(value, BibFile)
        return value

    def metrics(self, path: Path) -> Metrics:
        """The citation counts of the metrics file at ``path``; once per build, a warning
        when they are older than ``profile_metrics_max_age`` (today's age, not cached)."""
        first = str(path) not in self._reported
        value = self._load(path, read_metrics)
        assert isinstance(value, Metrics)
        if first and (
            stale := stale_problem(value, self.env.config.profile_metrics_max_age, date.today())
        ):
            report(stale)
        return value

    def people(self, path: Path) -> People:
        """The people file (or folder) at ``path``; photos are found inside the source folder."""
        value = self._load(path, partial(read_people, root=Path(self.env.srcdir)))
        assert isinstance(value, People)
        return value

    def coauthors(self, path: Path) -> Coauthors:
        """al-folio's co-authors file at ``path``."""
        value = self._load(path, read_coauthors)
        assert isinstance(value, Coauthors)
        return value

    def authors(
        self, entries: dict[str, BibEntry], people: People | None, coauthors: Coauthors | None
    ) -> AuthorMatches:
        """Who the authors of ``entries`` are (:func:`~.data.people.author_matches`): once
        per build for a bib file and a people file, however many lists show them."""
        key = tuple(map(id, (entries, people, coauthors)))
        if key not in self._authors:
            matches = author_matches(entries.values(), author_index(people, coauthors))
            self._authors[key] = ((entries, people, coauthors), matches)
        return self._authors[key][1]

    def is_fresh(self, path: Path) -> bool:
        """Whether the cached parse of ``path`` is current (see :class:`CachedFile`)."""
        cached = self.files.get(str(path))
        if cached is None:
            return False
        return cached.stamp == (*file_stamp(path), *_missing_stamps(cached.value))

    def merged(self, bibs: list[BibFile]) -> dict[str, BibEntry]:
        """The entries of several files by key (:func:`~.data.bib.merge_bibs`); a key in
        two of them is reported once per build, however many lists and roles use them."""
        key = tuple(map(id, bibs))
        if key not in self._merged:
            entries, problems = merge_bibs(bibs)
            for problem in problems:
                report(problem)
            self._merged[key] = (bibs, entries)
        return self._merged[key][1]

    def read_profile(self, path: str) -> Profile | None:
        """The profile a page's card was made from, as it was read (its problems were
        reported then): for the page's ``<head>`` metadata. ``None`` if unknown."""
        cached = self.files.get(path)
        return cached.value if cached is not None and isinstance(cached.value, Profile) else None

    def read_people(self, path: str) -> People | None:
        """The people a page's list was drawn from, as they were read (their problems
        were reported then): for the page's ``<head>`` metadata. ``None`` if unknown."""
        cached = self.files.get(path)
        return cached.value if cached is not None and isinstance(cached.value, People) else None

    # ---- publists and :pub: --------------------------------------------------------

    @property
    def publists(self) -> dict[str, list[PublistInfo]]:
        """The publists of each page, in page order."""
        publists: dict[str, list[PublistInfo]] = self.data["publists"]
        return publists

    @property
    def citing(self) -> dict[str, set[str]]:
        """The keys each page cites with ``:pub:``."""
        citing: dict[str, set[str]] = self.data["citing"]
        return citing

    def add_publist(self, info: PublistInfo) -> None:
        self.publists.setdefault(info.docname, []).append(info)
        self.lists_changed = True

    @property
    def person_pages(self) -> dict[str, list[str]]:
        """The persons whose pages each page carries (``profile_people_pages``)."""
        pages: dict[str, list[str]] = self.data["person_pages"]
        return pages

    def add_person_pages(self, docname: str, ids: list[str]) -> None:
        self.person_pages.setdefault(docname, []).extend(ids)

    def person_home(self, person_id: str) -> str | None:
        """The page that carries a person's page: the first in name order (a site may
        have several people lists; each person gets one page)."""
        return next(
            (name for name in sorted(self.person_pages) if person_id in self.person_pages[name]),
            None,
        )

    def person_reference(
        self, person_id: str, children: list[nodes.Node], directive: Any
    ) -> pending_xref:
        """A link to a person's page, resolved once every page is read (HTML only)."""
        ref = pending_xref(
            "", *children, refdomain="profile", reftype="person", reftarget=person_id
        )
        directive.set_source_info(ref)
        return ref

    def note_citation(self, docname: str, key: str) -> None:
        self.citing.setdefault(docname, set()).add(key)

    def choose_list(self, key: str, label: str, docname: str) -> PublistInfo | None:
        """The list ``:pub:`` means: the labelled one, else the one on the page, else the
        longest (the first page in name order among equals)."""
        showing = [
            info
            for name in sorted(self.publists)
            for info in self.publists[name]
            if key in info.entries
        ]
        if label:
            labelled = [info for info in showing if info.label == label]
            if labelled:
                return labelled[0]
        here = [info for info in showing if info.docname == docname]
        if here:
            return here[0]
        return max(showing, key=lambda info: len(info.entries), default=None)

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
        """``[12]`` linked to the entry, the author–year form, or the key with a warning.

        Sphinx only replaces the pending node: an inline (for a key no list shows) is
        as good as a reference there.
        """
        if typ == "person":
            return self.resolve_person(builder, fromdocname, target, contnode)
        if typ != "pub":
            return None
        label: str = node.get("publabel", "")
        info = self.choose_list(target, label, fromdocname)
        if label and (info is None or info.label != label):
            warn(f":pub: no publist labelled {label!r} shows {target!r}", Subtype.REF, node)
        resolved: nodes.Element
        if info is None:
            citation: str = node.get("citation", "")
            if citation:
                warn(f":pub: {target!r} is not shown in any publist", Subtype.REF, node)
                resolved = nodes.inline(text=citation, classes=["sp-pub-unlisted", CITATION])
            else:
                warn(f":pub: unknown publication key {target!r}", Subtype.REF, node)
                resolved = nodes.inline(text=f"[{target}?]", classes=["sp-pub-unknown"])
            return resolved  # type: ignore[return-value]
        shown = info.entries[target]
        if shown.number is not None:
            text = nodes.inline(text=f"[{shown.number}]")
        else:
            text = nodes.inline(text=shown.citation, classes=[CITATION])
        return make_refnode(builder, fromdocname, info.docname, shown.anchor, text)

    def resolve_person(
        self, builder: Builder, fromdocname: str, target: str, contnode: Element
    ) -> nodes.reference | None:
        """The person's page where the builder makes them; elsewhere the name alone."""
        if builder.name not in PAPER_BUILDERS or self.person_home(target) is None:
            return contnode  # type: ignore[return-value]
        return make_refnode(builder, fromdocname, person_docname(target), "", contnode)

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

    def check_consistency(self) -> None:
        """Two publists with one ``:label:``: ``:pub:`label:key``` could mean either."""
        first: dict[str, PublistInfo] = {}
        for docname in sorted(self.publists):
            for info in self.publists[docname]:
                if not info.label:
                    continue
                if info.label in first:
                    other = first[info.label]
                    warn(
                        f"publist: label {info.label!r} is also the label of a publist in"
                        f" {other.docname!r}; :pub:`{info.label}:...` uses that one",
                        Subtype.OPTION,
                        (docname, info.line),
                    )
                else:
                    first[info.label] = info

    def clear_doc(self, docname: str) -> None:
        """Forget the page's publists and citations; the file cache outlives every page."""
        if self.publists.pop(docname, None):
            self.lists_changed = True
        self.citing.pop(docname, None)
        self.person_pages.pop(docname, None)

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        """Keep files a parallel reader parsed: the pages it read show their entries, and
        the next build reuses them. A reader's copy is never older than this one."""
        self.files.update(otherdata["files"])
        for docname in docnames:
            if docname in otherdata["publists"]:
                self.publists[docname] = otherdata["publists"][docname]
                self.lists_changed = True
            if docname in otherdata["citing"]:
                self.citing[docname] = otherdata["citing"][docname]
            if docname in otherdata["person_pages"]:
                self.person_pages[docname] = otherdata["person_pages"][docname]


#: The class of a ``:pub:`` reference shown in author–year form.
CITATION = "sp-pub-cite"


def person_docname(person_id: str) -> str:
    """The name of a person's page in the output: ``people/<slug>``."""
    return f"{PEOPLE_DIR}/{person_id}"  # ids are checked when read: safe in a path


def pages_citing_changed_lists(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages whose ``:pub:`` numbers may have changed, so incremental = clean: when a page
    with a publist was read again, every page that cites an entry is written again."""
    domain = profile_domain(env)
    if not domain.lists_changed:
        return []
    domain.lists_changed = False
    return sorted(domain.citing)


def pages_showing_new_people(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """The pages that read the whole people folder (the lists of everyone, a card of an
    unknown id), when a file came or went: Sphinx re-reads a page when a file it
    depends on changed, but a page cannot depend on a folder."""
    path = default_people_path(env)
    people = profile_domain(env).read_people(str(path)) if path is not None else None
    if path is None or people is None or not path.is_dir():
        return []
    known_files = set(people.files)
    if {
        str(file) for file in path.iterdir() if file.suffix.lower() in SUFFIXES and file.is_file()
    } == known_files:
        return []
    return sorted(
        doc for doc, deps in env.dependencies.items() if known_files <= {str(dep) for dep in deps}
    )


def default_profile_path(env: BuildEnvironment) -> Path:
    """``profile_data`` resolved against the source folder (where ``conf.py`` usually is)."""
    return Path(env.srcdir, env.config.profile_data)


def default_bib_paths(env: BuildEnvironment) -> list[Path]:
    """The site's BibTeX files (:func:`~sphinx_profile.config.bibfile_setting`)."""
    bibtex_bibfiles = getattr(env.config, "bibtex_bibfiles", None)  # set if it is loaded
    _, names = bibfile_setting(env.config.profile_bibfiles, bibtex_bibfiles)
    return [Path(env.srcdir, name) for name in names]


def default_people_path(env: BuildEnvironment) -> Path | None:
    """``profile_people`` resolved against the source folder; ``None`` when not set."""
    return Path(env.srcdir, env.config.profile_people) if env.config.profile_people else None


def default_coauthors_path(env: BuildEnvironment) -> Path | None:
    """``profile_coauthors`` resolved against the source folder; ``None`` when not set."""
    name = env.config.profile_coauthors
    return Path(env.srcdir, name) if name else None


def default_metrics_path(env: BuildEnvironment) -> Path:
    """``profile_metrics`` resolved against the source folder."""
    return Path(env.srcdir, env.config.profile_metrics)


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
        domain.merged([domain.bib(bib) for bib in bibs])
    if (people := default_people_path(env)) is not None and people.exists():
        logger.info("checking people... %s", _freshness(domain, [people]))
        domain.people(people)
    if (coauthors := default_coauthors_path(env)) is not None and coauthors.is_file():
        logger.info("checking co-authors... %s", _freshness(domain, [coauthors]))
        domain.coauthors(coauthors)
    if (metrics := default_metrics_path(env)).is_file():
        logger.info("checking citation counts... %s", _freshness(domain, [metrics]))
        domain.metrics(metrics)


def _freshness(domain: ProfileDomain, paths: list[Path]) -> str:
    return "up to date" if all(map(domain.is_fresh, paths)) else "parsing"


def _missing_stamps(value: Parsed) -> tuple[int, ...]:
    """Stamps of the other files a parse depends on: the paper files a ``.bib`` file
    missed, the files of a people folder (editing one leaves the folder's stamp alone)."""
    if isinstance(value, BibFile):
        others: Iterable[str] = value.missing
    elif isinstance(value, People) and Path(value.path).is_dir():
        others = value.files
    else:
        others = ()
    return tuple(number for path in others for number in file_stamp(Path(path)))


def profile_domain(env: BuildEnvironment) -> ProfileDomain:
    """The domain, typed."""
    domain = env.domains["profile"]
    assert isinstance(domain, ProfileDomain)
    return domain
