"""The ``:pub:`` role: a publication's number in the list that shows it.

Reading a page only records what was asked (one ``pending_xref`` per key, plus the
author–year form from the BibTeX in case no list shows the entry); the number is
chosen when every page has been read, in :meth:`ProfileDomain.resolve_xref`, because
the list that shows the entry may be on a page read later or in another process.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import make_refnode

from .data.bib import BibEntry, BibFile, short_citation
from .data.problems import Subtype
from .domain import PublistInfo, default_bib_paths, profile_domain
from .warnings import warn


class PubRole(SphinxRole):
    """``:pub:`key```, ``:pub:`k1,k2```, ``:pub:`label:key```."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        bibs = self.default_bibs()
        keys = [key.strip() for key in self.text.split(",") if key.strip()]
        label = ""
        if keys and _find(bibs, keys[0]) is None and ":" in keys[0]:
            label, keys[0] = (part.strip() for part in keys[0].split(":", 1))
        result = nodes.inline(classes=["sp-pub"])
        for key in keys:
            entry = _find(bibs, key)
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


def _find(bibs: list[BibFile], key: str) -> BibEntry | None:
    """The entry ``key`` of the first file that has it (the author–year form's source)."""
    return next((bib.entries[key] for bib in bibs if key in bib.entries), None)


def choose_list(
    publists: dict[str, list[PublistInfo]], key: str, label: str, docname: str
) -> PublistInfo | None:
    """The list ``:pub:`` means: the labelled one, else the one on the page, else the longest."""
    showing = [info for infos in publists.values() for info in infos if key in info.entries]
    if label:
        labelled = [info for info in showing if info.label == label]
        if labelled:
            return labelled[0]
    here = [info for info in showing if info.docname == docname]
    if here:
        return here[0]
    if not showing:
        return None
    return max(showing, key=lambda info: (len(info.entries), -sorted(publists).index(info.docname)))


def resolve_pub(
    env: BuildEnvironment, fromdocname: str, builder: Builder, node: addnodes.pending_xref
) -> nodes.Element:
    """``[12]`` linked to the entry, the author–year form, or the key with a warning."""
    domain = profile_domain(env)
    key: str = node["reftarget"]
    label: str = node.get("publabel", "")
    info = choose_list(domain.publists, key, label, fromdocname)
    if label and (info is None or info.label != label):
        warn(f":pub: no publist labelled {label!r} shows {key!r}", Subtype.REF, node)
    if info is None:
        citation: str = node.get("citation", "")
        if citation:
            warn(f":pub: {key!r} is not shown in any publist", Subtype.REF, node)
            return nodes.inline(text=citation, classes=["sp-pub-unlisted"])
        warn(f":pub: unknown publication key {key!r}", Subtype.REF, node)
        return nodes.inline(text=f"[{key}?]", classes=["sp-pub-unknown"])
    shown = info.entries[key]
    text = f"[{shown.number}]" if shown.number is not None else shown.citation
    return make_refnode(builder, fromdocname, info.docname, shown.anchor, nodes.inline(text=text))


def setup_roles(app: Sphinx) -> None:
    """Register ``:pub:``."""
    app.add_role("pub", PubRole())
