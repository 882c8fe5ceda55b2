"""Writing BibTeX: a work's metadata as one clean entry, quoted for BibTeX and LaTeX.

Values from services are data, not markup: every LaTeX special character is escaped
and every value is wrapped in braces that balance, so no title can end its field, open
a command or comment out the rest of a line. Crossref sends titles with HTML/JATS inline
tags (``<i>Arabidopsis</i>``), which become the LaTeX commands for the same emphasis;
arXiv sends TeX as its authors typed it, kept when its braces balance.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

#: LaTeX's special characters and how to write each as text.
_SPECIALS = {
    "\\": r"\textbackslash{}",
    # BibTeX counts every brace, escaped or not, so ``\{`` could still end a field
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "$": r"\$",
    "&": r"\&",
    "%": r"\%",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_SPECIAL = re.compile("[" + re.escape("".join(_SPECIALS)) + "]")
#: An inline tag: bounded, so a stray ``<`` cannot make the scan quadratic.
_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]{0,40})[^<>]{0,500}?(/?)>")
_COMMANDS = {
    "i": r"\emph{",
    "em": r"\emph{",
    "italic": r"\emph{",
    "b": r"\textbf{",
    "strong": r"\textbf{",
    "bold": r"\textbf{",
    "sub": r"\textsubscript{",
    "sup": r"\textsuperscript{",
    "sc": r"\textsc{",
}
#: Words a key skips to reach the first word that says something.
_STOPWORDS = frozenset(
    {"a", "an", "the", "on", "of", "in", "for", "and", "to", "with", "from", "at", "by", "is"}
    | {"are", "via", "toward", "towards"}
)
#: The fields of an entry, in the order they are written.
FIELD_ORDER = (
    "journal",
    "booktitle",
    "volume",
    "number",
    "pages",
    "year",
    "publisher",
    "school",
    "institution",
    "note",
    "doi",
    "url",
    "eprint",
    "archiveprefix",
    "primaryclass",
)


@dataclass
class Work:
    """A work's metadata, every value already LaTeX (see :func:`escape`)."""

    type: str
    key: str
    title: str
    authors: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)


def escape(text: str) -> str:
    """Plain Unicode text as LaTeX text: specials escaped, whitespace one space."""
    return " ".join(_quote(text).split())


def _quote(text: str) -> str:
    return _SPECIAL.sub(lambda match: _SPECIALS[match.group()], text)


def from_html(text: str) -> str:
    """Text with inline HTML/JATS/MathML tags as LaTeX: emphasis, bold, sub- and
    superscripts become commands, other tags go, entities are decoded; the braces the
    commands open are closed even where the tags are not."""
    out: list[str] = []
    open_tags: list[str] = []
    position = 0
    for match in _TAG.finditer(text):
        out.append(_quote(html.unescape(text[position : match.start()])))
        position = match.end()
        closing, name, empty = match.group(1), match.group(2).lower(), match.group(3)
        command = _COMMANDS.get(name.rsplit(":", 1)[-1])
        if command is None or empty:
            continue
        if not closing:
            open_tags.append(name)
            out.append(command)
        elif name in open_tags:
            while open_tags:  # close what is still open inside it, then it
                out.append("}")
                if open_tags.pop() == name:
                    break
    out.append(_quote(html.unescape(text[position:])))
    out.append("}" * len(open_tags))
    return " ".join("".join(out).split())


def from_tex(text: str) -> str:
    """TeX an author typed (arXiv titles: ``$\\alpha$-decay``), kept when its braces
    balance and it ends no field; else escaped as plain text."""
    text = " ".join(text.split())
    depth = 0
    for brace in re.findall("[{}]", text):  # BibTeX counts ``\{`` too
        depth += 1 if brace == "{" else -1
        if depth < 0:
            return escape(text)
    return text if depth == 0 and not text.endswith("\\") else escape(text)


def protect_case(title: str) -> str:
    """``title`` with words whose capitals matter (``DNA``, ``eLife``, ``GPUs``) in
    braces: bibliography styles lower-case titles, and these must stay as written.
    Words already inside braces (a command's argument) are protected by them."""

    def word(match: re.Match[str]) -> str:
        token = match.group()
        return f"{{{token}}}" if any(c.isupper() for c in token[1:]) else token

    return re.sub(r"(?<![\\\w{])[^\W\d_][\w-]*(?![\w{])", word, title)


def person(family: str, given: str = "") -> str:
    """An author as ``Family, Given``; a family name with a comma or the word "and"
    in it is braced so BibTeX keeps it one name."""
    family, given = escape(family), escape(given)
    if "," in family or re.search(r"(?i)\band\b", family):
        family = f"{{{family}}}"
    return f"{family}, {given}" if given else family


def literal(name: str) -> str:
    """An organisation as author, braced whole so BibTeX does not split it into names."""
    return f"{{{escape(name)}}}"


def ascii_word(text: str) -> str:
    """Lower-case ASCII letters and digits of ``text``: what a key may contain."""
    decomposed = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z0-9]", "", decomposed.encode("ascii", "ignore").decode().lower())


def make_key(family: str, year: str, title: str) -> str:
    """A readable key such as ``sankar2014automated``: the first author's family name,
    the year and the title's first word that is not a stopword (all plain text)."""
    title_words = [ascii_word(word) for word in re.split(r"[\s\-/:]+", title)]
    first = next((word for word in title_words if word and word not in _STOPWORDS), "")
    words = family.split(",")[0].split()  # "Müller, Jr": Müller
    name = ascii_word(words[-1] if words else "") or "anon"
    return f"{name}{ascii_word(year)}{first}"


def entry(work: Work) -> str:
    """The BibTeX entry of ``work``, ending with a newline."""
    lines = [f"@{work.type}{{{work.key},"]
    values = {"author": " and ".join(work.authors), "title": protect_case(work.title)}
    values |= {name: work.fields[name] for name in FIELD_ORDER if work.fields.get(name)}
    width = max(len(name) for name in values)
    lines += [f"  {name:<{width}} = {{{value}}}," for name, value in values.items() if value]
    lines[-1] = lines[-1].rstrip(",")
    return "\n".join(lines) + "\n}\n"
