"""Files this extension writes into the output beside Sphinx's pages (paper pages and
their downloads, a list's ``.bib``, the sitemap)."""

from __future__ import annotations

from pathlib import Path


def write_if_changed(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` unless the file holds it already: its time then says when it last
    changed, and a rebuild touches nothing that stayed the same, as Sphinx does.

    The folder is made only when the file's write finds it missing."""
    # as Sphinx writes its pages: a character the encoding lacks becomes a reference
    data = text.encode(encoding, "xmlcharrefreplace")
    if _holds(path, data):
        return
    try:
        path.write_bytes(data)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def _holds(path: str | Path, data: bytes) -> bool:
    """Whether the file holds ``data`` already (a missing file holds nothing)."""
    try:
        with open(path, "rb") as file:  # noqa: PTH123 (a plain string path: see Folder)
            return file.read() == data
    except FileNotFoundError:
        return False


class Folder:
    """A folder of the output that gets thousands of files in one build (a site's paper
    pages and their downloads), each written only if it changed, as
    :func:`write_if_changed` writes one.

    The folder is listed once, when the build starts writing into it: a name it did not
    hold cannot hold the text already, so a clean build reads nothing back. Paths are
    plain strings, opened with ``open``: ``pathlib`` parses every path it is given,
    which cost a quarter of writing a small file.
    """

    def __init__(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        self.path = str(path)
        self.held = {child.name for child in path.iterdir()}

    def holds(self, name: str) -> bool:
        """Whether the file ``name`` (``key.bib``, ``key/index.html``) was there."""
        folder, slash, _ = name.partition("/")
        return folder in self.held and (not slash or Path(self.path, name).is_file())

    def write(self, name: str, text: str, encoding: str = "utf-8") -> None:
        """Write ``text`` to ``name`` (``key.bib``, or ``key/index.html`` for a page in a
        folder of its own) unless it holds it already."""
        data = text.encode(encoding, "xmlcharrefreplace")
        path = f"{self.path}/{name}"
        folder, slash, _ = name.partition("/")
        if folder in self.held:
            if _holds(path, data):
                return
        elif slash:
            Path(self.path, folder).mkdir(exist_ok=True)
        with open(path, "wb") as file:  # noqa: PTH123 (see the class)
            file.write(data)
