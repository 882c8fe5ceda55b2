"""Files this extension writes into the output beside Sphinx's pages (paper pages and
their downloads, a list's ``.bib``, the sitemap)."""

from __future__ import annotations

from pathlib import Path


def write_if_changed(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` unless the file holds it already: its time then says when it last
    changed, and a rebuild touches nothing that stayed the same, as Sphinx does.

    A site with paper pages has three files per paper, thousands of them, so this is
    plain bytes I/O, and the folder is made only when the file's write finds it missing."""
    # as Sphinx writes its pages: a character the encoding lacks becomes a reference
    data = text.encode(encoding, "xmlcharrefreplace")
    try:
        if path.read_bytes() == data:
            return
    except FileNotFoundError:
        pass
    try:
        path.write_bytes(data)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
