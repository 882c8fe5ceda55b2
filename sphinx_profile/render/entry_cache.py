"""The HTML of each entry of a page, remembered from one build to the next.

Sphinx rewrites a list page whenever anything it shows may have changed — its
toctree's titles, a cited page, the theme's navigation — though its entries rarely
did. Drawing 5,000 entries is most of the time of writing such a page, so the HTML
of every entry is kept, per page and builder, in a file beside the doctrees, and a
rewrite joins the stored strings.

An entry's HTML is keyed by everything it is drawn from: the record, the list's
style, the citation count, the links to the paper page and to the authors' pages,
the child nodes (preview, local files, a ``:style:`` citation, with the paths Sphinx
copied them to) and the image name the builder gave the preview. Whatever holds for
the whole build — the extension's, Sphinx's and docutils' versions, the builder, its
translator class (themes write links their own way) and the configuration, language
included — is one stamp per file: a different stamp, and the file is ignored. The
page's own place (relative URIs) is fixed by the file being the page's.

Each page's file is read when its first entry is written and written once the page
is (``html-page-context``), in the process that writes the page, so parallel
builds need no merging; a page holds only the strings its body holds anyway. Pages
that are not documents (paper pages, written whenever their list page is) are drawn
anew, without a file each.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder

from ..nodes import pub_entry

#: The folder of the stored entries inside the doctree folder.
CACHE_DIR = "sphinx_profile_entries"

#: The memos of the pages being written in this process, by page name.
_memos: dict[str, EntryMemo] = {}


def _stable(value: Any) -> Any:
    """``value`` as text that is the same in every process: ``repr`` of a set follows
    the string hashes, which Python salts per process."""
    if isinstance(value, (set, frozenset)):
        return sorted(map(repr, map(_stable, value)))
    if isinstance(value, dict):
        return [(repr(key), _stable(item)) for key, item in value.items()]
    if isinstance(value, (list, tuple)):
        return [_stable(item) for item in value]
    return repr(value)


def build_stamp(builder: Builder) -> str:
    """What every entry of every page of this build is drawn with, besides its node."""
    from .. import __version__

    config = sorted(
        (option.name, _stable(option.value))
        for option in builder.config.filter(frozenset({"env", "html"}))
    )
    translator = builder.get_translator_class()
    parts = (
        __version__,
        version("sphinx"),
        version("docutils"),
        builder.name,
        f"{translator.__module__}.{translator.__qualname__}",
        config,
    )
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def read_stamped(path: Path, stamp: str) -> dict[Any, Any]:
    """What :func:`write_stamped` kept in ``path``, or nothing when the file is missing,
    unreadable or was written with another stamp (a rebuild then draws it all)."""
    try:
        with path.open("rb") as file:
            stored, data = pickle.load(file)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
        return {}
    return data if stored == stamp and isinstance(data, dict) else {}


def write_stamped(path: Path, stamp: str, data: dict[Any, Any]) -> None:
    """Keep ``data`` in ``path`` with the ``stamp`` it holds for; a temporary file
    first, so an interrupted build leaves the old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}")
    with partial.open("wb") as file:
        pickle.dump((stamp, data), file, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(path)


class EntryMemo:
    """The entries of one page: those stored by the last build, and those of this one."""

    def __init__(self, path: Path, stamp: str) -> None:
        self.path = path
        self.stamp = stamp
        self.old: dict[bytes, str] = read_stamped(path, stamp)
        self.new: dict[bytes, str] = {}

    def html(self, key: bytes, draw: Callable[[], str]) -> str:
        """The entry's stored HTML, or ``draw()``'s; either way kept for the next build."""
        html = self.old.get(key)
        if html is None:
            html = draw()
        self.new[key] = html
        return html

    def save(self) -> None:
        """Keep only this build's entries: a page's file never grows with old ones.
        Nothing is written when the page drew the entries it had (a key fixes its
        HTML)."""
        if self.new.keys() != self.old.keys():
            write_stamped(self.path, self.stamp, self.new)


def page_memo(builder: Builder) -> EntryMemo | None:
    """The memo of the page being written, read on its first entry; ``None`` for a
    page that is no document (a paper page)."""
    docname = getattr(builder, "current_docname", None)  # every HTML builder's
    if docname not in builder.env.found_docs:
        return None
    memo = _memos.get(docname)
    if memo is None:
        path = Path(builder.doctreedir, CACHE_DIR, builder.name, f"{docname}.pickle")
        memo = _memos[docname] = EntryMemo(path, build_stamp(builder))
    return memo


def entry_key(builder: Builder, node: pub_entry, *links: object) -> bytes:
    """A digest of everything the entry's HTML is drawn from on this page: the node
    and the ``links`` the page gives it (to its paper page, to its authors' pages)."""
    children = [child.pformat() for child in node.children]
    images: dict[str, Any] = getattr(builder, "images", {})
    previews = [images.get(image["uri"]) for image in node.findall(nodes.image)]
    parts = (node["entry"], node["style"], node.get("cited"), links, children, previews)
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).digest()


def save_page(app: Sphinx, pagename: str, *args: Any) -> None:
    """Store the entries of the page just written, and forget them here."""
    memo = _memos.pop(pagename, None)
    if memo is not None:
        memo.save()


def setup_entry_cache(app: Sphinx) -> None:
    app.connect("html-page-context", save_page)
