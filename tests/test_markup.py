"""The light markup tree: its direct HTML must be what Sphinx writes for its nodes."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.utils import new_document
from docutils.writers._html_base import HTMLTranslator
from hypothesis import given
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from sphinx_profile.data.bib import OwnerName, parse_bib
from sphinx_profile.directives.bibentry import LINK_NAMES, EntryRenderer, EntryStyle
from sphinx_profile.markup import Tag, escape, to_nodes, write_html

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


def test_direct_html_is_what_sphinx_writes_for_the_nodes(make_app, tmp_path: Path) -> None:
    srcdir = tmp_path / "site"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text("extensions = ['sphinx_profile']\n")
    (srcdir / "index.rst").write_text("Home\n====\n")
    app: SphinxTestApp = make_app("html", srcdir=srcdir)
    app.build()
    (tmp_path / "rich.bib").write_text(RICH_ENTRY)
    bib, _ = parse_bib(tmp_path / "rich.bib")
    style = EntryStyle(LINK_NAMES, (OwnerName.parse("Ada Lovelace"),), 2)  # type: ignore[arg-type]
    tree = EntryRenderer(style).render(bib.entries["rich2024"])

    def translator() -> HTMLTranslator:
        document = new_document("<test>", app.builder.docsettings)  # type: ignore[attr-defined]
        return app.builder.create_translator(document, app.builder)  # type: ignore[return-value]

    direct = translator()
    write_html(direct, tree)
    walked = translator()
    [item] = to_nodes(tree, keep_math=False)
    for child in item.children:
        child.walkabout(walked)
    html = "".join(direct.body)
    assert html == "".join(walked.body)
    # and the tree held what the entry has
    for text in ("O(n<sup>2</sup>)", "$\\frac{a}{b}$", "&amp; friends", "&lt;Neural&gt;"):
        assert text in html
    assert "Ada Lovelace</strong>" in html and "sp-more-authors" in html
    assert "&#64; example" in html and "&#64;inproceedings{rich2024," in html


def test_math_is_math_for_latex_and_readable_elsewhere() -> None:
    tree = Tag(nodes.paragraph, "", ["Area ", Tag(nodes.math, "", [r"\pi r^2"])])
    [latex] = to_nodes(tree, keep_math=True)
    assert latex.pformat().split() == ["<paragraph>", "Area", "<math>", "\\pi", "r^2"]
    [text] = to_nodes(tree, keep_math=False)
    assert text.pformat().split() == ["<paragraph>", "Area", "πr", "<superscript>", "2"]


@given(st.text())
def test_escape_is_docutils_encode(text: str) -> None:
    assert escape(text) == HTMLTranslator.encode(HTMLTranslator.__new__(HTMLTranslator), text)
