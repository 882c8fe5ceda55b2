"""What each paper page was made from, remembered from one build to the next.

Sphinx writes a list page again whenever anything it shows may have changed (its
toctree's titles, a cited page, one entry of its file), and with it come every paper
page it is the home of: drawing 5,000 of them costs seconds, though a page made from
the same parts comes out the same bytes. So the digest of everything a paper page is
made from — its entry's node and place (as :func:`~sphinx_profile.render.entry_cache.entry_key`
digests an entry of a list), the theme's page for its list (the skeleton) and what
holds for the whole build (:func:`~sphinx_profile.render.entry_cache.build_stamp`, the
extensions loaded) — is kept per builder in a file beside the doctrees, and a page
whose digest is the one stored, and whose files are all in the output, is neither
drawn nor written. A clean build has no file, and draws every page.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sphinx.application import Sphinx

from ..nodes import pub_entry
from ..render.entry_cache import build_stamp, entry_key, read_stamped, write_stamped

#: The folder of the stored digests inside the doctree folder.
MEMO_DIR = "sphinx_profile_papers"


class PageMemo:
    """The digests of the paper pages: those the last build stored, and this build's."""

    def __init__(self, app: Sphinx) -> None:
        self.builder = app.builder
        self.path = Path(app.doctreedir, MEMO_DIR, f"{app.builder.name}.pickle")
        parts = (build_stamp(app.builder), sorted(app.extensions))
        self.stamp = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
        self.old: dict[str, bytes] = read_stamped(self.path, self.stamp)
        self.new: dict[str, bytes] = {}

    def unchanged(self, slug: str, node: pub_entry, *parts: object) -> bool:
        """Whether the page ``slug``, made from the ``pub_entry`` ``node`` and ``parts``
        (its list, the list's skeleton), is made from what the last build stored; its
        digest is kept for the next build either way."""
        key = entry_key(self.builder, node, *parts)
        self.new[slug] = key
        return self.old.get(slug) == key

    def save(self, slugs: set[str]) -> None:
        """Keep the digests of the pages ``slugs`` (the site's paper pages): this
        build's, and the stored ones of pages whose lists were not written this time."""
        digests = {slug: key for slug, key in {**self.old, **self.new}.items() if slug in slugs}
        if digests != self.old:
            write_stamped(self.path, self.stamp, digests)
