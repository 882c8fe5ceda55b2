"""The light markup tree: its direct HTML must be what Sphinx writes for its nodes."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from docutils import nodes
from docutils.writers._html_base import HTMLTranslator
from hypothesis import given
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from sphinx_profile.nodes import escape, pub_entry
from sphinx_profile.render.markup import Tag, to_nodes, write_html
from sphinx_profile.render.writers import entry_tree

#: One entry with every part the renderer makes: a badge, simple and complex math,
#: glued and annotated marks, folded authors (``max_authors = 2``) around the owner,
#: venue, note, state and award badges, links, abstract and BibTeX.
RICH_ENTRY = r"""
@inproceedings{rich2024,
  abbr = {NeurIPS},
  title = {Bounds of $O(n^2)$ for $\frac{a}{b}$ & friends},
  author = {Cooke*, Rob and Ng, Wei and Lovelace, Ada and Babbage, Charles and others},
  author+an = {2=corresponding},
  booktitle = {Advances in <Neural> Information Processing},
  year = {2024},
  note = {Spotlight},
  pubstate = {inpress},
  award = {Best paper},
  abstract = {We show $x_1 \le y$ for "all" inputs; mail us @ example.},
  doi = {10.1000/xyz},
  eprint = {2401.00001},
  archiveprefix = {arXiv},
  pdf = {https://example.org/rich.pdf},
}
"""
PLAIN_ENTRY = r"""
@article{plain2020,
  title = {A plain article},
  author = {Lovelace, Ada},
  journal = {Journal of Tests},
  year = {2020},
  url = {https://example.org/plain},
}
"""


@pytest.mark.parametrize("theme", ["alabaster", "furo", "pydata_sphinx_theme"])
def test_direct_html_is_what_the_translator_writes_for_the_nodes(
    make_app, tmp_path: Path, theme: str
) -> None:
    """The HTML fast path writes what the theme's own translator writes for the nodes
    every other builder gets, for each entry of a real page (both styles)."""
    srcdir = tmp_path / "site"
    srcdir.mkdir()
    (srcdir / "rich.bib").write_text(RICH_ENTRY + PLAIN_ENTRY)
    (srcdir / "conf.py").write_text(
        "extensions = ['sphinx_profile']\n"
        f"html_theme = {theme!r}\n"
        "profile_bibfiles = ['rich.bib']\nprofile_owner = ['Ada Lovelace']\n"
        "profile_max_authors = 2\nprofile_metrics_max_age = None\n"
    )
    counts = {"cited_by": 7, "as_of": "2026-01-01"}
    metrics = {"generated": "2026-01-01", "entries": {"rich2024": {"crossref": counts}}}
    (srcdir / "metrics.json").write_text(json.dumps(metrics))
    (srcdir / "index.rst").write_text(
        "Home\n====\n\n.. publist::\n   :metrics:\n\n.. publist::\n   :style: unsrt\n   :metrics:\n"
    )
    app: SphinxTestApp = make_app("html", srcdir=srcdir)
    app.build()
    doctree = app.env.get_and_resolve_doctree("index", app.builder)
    doctree.settings = app.builder.docsettings  # as the builder does before writing
    entries = list(doctree.findall(pub_entry))
    assert len(entries) == 4

    def translator() -> HTMLTranslator:
        return app.builder.create_translator(doctree, app.builder)  # type: ignore[return-value]

    def trees(node: pub_entry) -> list[Tag]:
        """As a list draws it, with its title linked to its paper page, and as that
        page draws it (open abstract, no title)."""
        page = node.deepcopy()
        page["style"] = replace(node["style"], page=True)
        return [entry_tree(node), entry_tree(node, 'papers/a&"b".html'), entry_tree(page)]

    for tree in (tree for node in entries for tree in trees(node)):
        direct = translator()
        write_html(direct, tree)
        walked = translator()
        [item] = to_nodes(tree, keep_math=False)
        for child in item.children:
            child.walkabout(walked)
        assert "".join(direct.body) == "".join(walked.body)
    html = "".join(direct.body)
    assert "Lovelace" in html
    # and the tree held what the entry has
    written = (Path(app.outdir) / "index.html").read_text()
    for text in ("O(n<sup>2</sup>)", "$\\frac{a}{b}$", "&amp; friends", "&lt;Neural&gt;"):
        assert text in written
    assert "Ada Lovelace</strong>" in written and "sp-more-authors" in written
    assert "&#64; example" in written and "&#64;inproceedings{rich2024," in written
    assert written.count('title="Crossref, as of 2026-01-01">Cited by 7</span>') == 2


def test_math_is_math_for_latex_and_readable_elsewhere() -> None:
    tree = Tag(nodes.paragraph, "", ["Area ", Tag(nodes.math, "", [r"\pi r^2"])])
    [latex] = to_nodes(tree, keep_math=True)
    assert latex.pformat().split() == ["<paragraph>", "Area", "<math>", "\\pi", "r^2"]
    [text] = to_nodes(tree, keep_math=False)
    assert text.pformat().split() == ["<paragraph>", "Area", "πr", "<superscript>", "2"]


@given(st.text())
def test_escape_is_docutils_encode(text: str) -> None:
    assert escape(text) == HTMLTranslator.encode(HTMLTranslator.__new__(HTMLTranslator), text)
