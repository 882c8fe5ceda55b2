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

from sphinx.application import Sphinx
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment

from .data.loader import load_file
from .data.problems import Problem
from .data.schema import Profile, validate
from .warnings import logger, report

T = TypeVar("T")


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
    data_version = 1
    initial_data: ClassVar[dict[str, Any]] = {"files": {}}

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        self._reported: set[str] = set()

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

    def clear_doc(self, docname: str) -> None:
        """Nothing per page yet: the file cache outlives every page."""

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        """Keep files a parallel reader parsed, so the next build reuses them."""
        for key, cached in otherdata["files"].items():
            self.files.setdefault(key, cached)


def default_profile_path(env: BuildEnvironment) -> Path:
    """``profile_data`` resolved against the source folder (where ``conf.py`` usually is)."""
    return Path(env.srcdir, env.config.profile_data)


def refresh_cache(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Parse changed default data files in the main process, before any reader forks."""
    path = default_profile_path(env)
    if not path.exists():
        return
    domain = profile_domain(env)
    cached = domain.files.get(str(path))
    fresh = cached is not None and cached.stamp == file_stamp(path)
    logger.info("checking profile data... %s", "up to date" if fresh else "parsing")
    domain.profile(path)


def profile_domain(env: BuildEnvironment) -> ProfileDomain:
    """The domain, typed."""
    domain = env.domains["profile"]
    assert isinstance(domain, ProfileDomain)
    return domain
