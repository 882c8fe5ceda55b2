"""Files this extension writes into the output beside Sphinx's pages (paper pages'
downloads, a list's ``.bib``, the sitemap)."""

from __future__ import annotations

from pathlib import Path


def write_if_changed(path: Path, text: str) -> None:
    """Write ``text`` unless the file holds it already: its time then says when it last
    changed, and a rebuild touches nothing that stayed the same, as Sphinx does."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return
    except OSError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
