"""The ``:pub:`` role: a publication's number in the list that shows it.

Reading a page only records what was asked (one ``pending_xref`` per key, plus the
author–year form from the BibTeX in case no list shows the entry); the number is
chosen when every page has been read, by
:meth:`~sphinx_profile.domain.ProfileDomain.resolve_xref`, because the list that
shows the entry may be on a page read later or in another process.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import ReferencesResolver, SphinxPostTransform
from sphinx.util.docutils import SphinxRole

from .data.bib import BibFile, short_citation
from .domain import CITATION, default_bib_paths, profile_domain


class PubRole(SphinxRole):
    """``:pub:`key```, ``:pub:`k1,k2```, ``:pub:`label:key```."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        domain = profile_domain(self.env)
        bib_entries = domain.merged(self.default_bibs())
        keys = [key.strip() for key in self.text.split(",") if key.strip()]
        label = ""
        if keys and keys[0] not in bib_entries and ":" in keys[0]:
            label, keys[0] = (part.strip() for part in keys[0].split(":", 1))
        result = nodes.inline(classes=["sp-pub"])
        for key in keys:
            entry = bib_entries.get(key)
            ref = addnodes.pending_xref(
                "",
                nodes.inline(text=key),
                refdomain="profile",
                reftype="pub",
                reftarget=key,
                refdoc=self.env.docname,
                publabel=label,
                citation=short_citation(entry) if entry is not None else "",
            )
            self.set_source_info(ref)
            result += ref
            domain.note_citation(self.env.docname, key)
        return [result], []

    def default_bibs(self) -> list[BibFile]:
        """The default BibTeX files, which this page now depends on."""
        domain = profile_domain(self.env)
        bibs = []
        for path in default_bib_paths(self.env):
            self.env.note_dependency(str(path))
            if path.is_file():
                bibs.append(domain.bib(path))
        return bibs


class JoinCitations(SphinxPostTransform):
    """Several keys in one role read as one citation: numbers stay glued ("[2][5]"),
    author–year forms are separated and the group is bracketed
    ("(Wang et al., 2023; Li, 2022)"), once every reference is resolved."""

    default_priority = ReferencesResolver.default_priority + 1

    def run(self, **kwargs: Any) -> None:
        for group in list(self.document.findall(nodes.inline)):
            if "sp-pub" not in group["classes"] or len(group.children) < 2:
                continue
            cited = [_is_citation(child) for child in group.children]
            if not any(cited):
                continue
            children = list(group.children)
            group.clear()
            group += nodes.Text("(")
            for index, child in enumerate(children):
                if index and (cited[index] or cited[index - 1]):
                    group += nodes.Text("; ")
                group += child
            group += nodes.Text(")")


def _is_citation(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Element) and any(
        CITATION in part["classes"] for part in node.findall(nodes.Element)
    )


def setup_roles(app: Sphinx) -> None:
    """Register ``:pub:``."""
    app.add_role("pub", PubRole())
    app.add_post_transform(JoinCitations)
