"""Local files that data names: a paper's preview, PDF, slides and poster, the photo.

A data file names them by a path, not a URL, and the build copies them into the
site as Sphinx copies the files a page names (images to ``_images/``, the rest to
``_downloads/``). Whether such a path names a file the site may copy is decided
here, once, while the data file is read: a missing file is then one problem at
the data file's line, not one per page that shows it, and ``sphinx-profile check``
finds it with the same code.

Only files inside the source folder are copied, after symlinks are resolved: a
``.bib`` file from a co-author must not publish ``~/.ssh`` as a "preview".
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .problems import Problem
from .schema import Profile, Record
from .urls import is_safe_url

#: al-folio's folders for previews and paper files, searched by default.
ALFOLIO_FOLDERS = ("assets/img/publication_preview", "assets/pdf")


def is_local(value: str) -> bool:
    """Whether a link value names a file (``paper.pdf``, ``/assets/pdf/x.pdf``) rather
    than a web address (``https://...``, ``//host/x``, ``mailto:...``)."""
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    return bool(value.strip()) and not parts.scheme and not parts.netloc


@dataclass(frozen=True)
class Places:
    """Where the relative paths of a data file may lead.

    A path is looked for next to the data file, then in ``folders`` in order; what is
    found must lie inside ``root`` (the source folder). A leading ``/`` is al-folio's
    site root, so it is looked for in the same places.
    """

    root: Path
    folders: tuple[Path, ...] = ()

    def candidates(self, value: str, near: Path) -> list[Path]:
        """Where ``value`` is looked for, in order."""
        return [folder / value.lstrip("/") for folder in self._folders(near)]

    def find(self, value: str, near: Path) -> tuple[str | None, str]:
        """(the file's path relative to ``root``, ``""``), or (``None``, why not)."""
        root = self.root.resolve()
        outside = ""
        for path in self.candidates(value, near):
            candidate = path.resolve()
            if not candidate.is_file():
                continue
            if not candidate.is_relative_to(root):
                outside = f"{value!r} is outside the source folder; not copied"
                continue
            if not os.access(candidate, os.R_OK):
                return None, f"{value!r} is not readable"
            return candidate.relative_to(root).as_posix(), ""
        if outside:
            return None, outside
        names = ", ".join(map(self._name, self._folders(near)))
        return None, f"{value!r} not found (looked in {names})"

    def _folders(self, near: Path) -> list[Path]:
        return list(dict.fromkeys((near, *self.folders)))

    def photo(self, profile: Profile) -> tuple[str, Problem | None]:
        """``basics.image`` as an image URI (see :meth:`image`)."""
        if profile.basics is None:
            return "", None
        return self.image(profile.basics, profile.path, "basics.image")

    def image(self, record: Record, path: str, where: str) -> tuple[str, Problem | None]:
        """A record's ``image`` (the profile's photo, a person's) as an image URI: a
        safe URL, or ``/`` and the path of the file found next to the data file at
        ``path``; ``""`` and the problem when neither."""
        value = record.text("image")
        if not value:
            return "", None
        if not is_local(value):
            if is_safe_url(value):
                return value, None
            why = f"refusing unsafe image URL {value!r}"
        else:
            found, why = self.find(value, Path(path).parent)
            if found is not None:
                return "/" + found, None
            why = f"{where} {why}"
        return "", Problem(why, path, record.line_of("image"))

    def _name(self, folder: Path) -> str:
        """A searched folder as the docs and settings name it: relative to the root."""
        resolved, root = folder.resolve(), self.root.resolve()
        if resolved == root:
            return "the source folder"
        return (
            resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else str(folder)
        )
