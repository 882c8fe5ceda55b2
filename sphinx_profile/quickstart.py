"""Write a new site: the files of ``sphinx-profile quickstart``, rendered from templates.

The templates live in ``templates/quickstart/`` as package data, so what a user gets
is readable as files rather than buried in Python strings. Rendering and writing are
separate steps: :func:`render_site` returns the file texts (easy to test, nothing on
disk), :func:`write_site` puts them in place and refuses to overwrite by default.

The user's data (a name from a JSON Resume, the owner of a co-author's BibTeX) reaches
Python, YAML, Markdown, LaTeX and BibTeX files, so the templates never paste it: every
value goes through the filter for the syntax it lands in (``py``, ``yaml``,
``yaml_comment``, ``myst``, ``html``, ``latex``; ``bib_name`` is made by
:func:`bibtex_name`). A name that closes a docstring or opens a raw block stays text.
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import yaml
from sphinx.util import texescape

from . import __version__

TEMPLATES = Path(__file__).parent / "templates" / "quickstart"

#: template name -> file written; ``profile`` is handled apart (YAML or a JSON copy).
FILES = {
    "conf.py.jinja": "conf.py",
    "index.md.jinja": "index.md",
    "publications.md.jinja": "publications.md",
    "cv.md.jinja": "cv.md",
    "readthedocs.yaml.jinja": ".readthedocs.yaml",
    "requirements.txt.jinja": "requirements.txt",
    "Makefile.jinja": "Makefile",
    "gitignore.jinja": ".gitignore",
}
#: The weekly ``sphinx-profile refresh`` on GitHub, which a site can go without
#: (``--no-refresh-workflow``): template -> file written.
REFRESH_WORKFLOW = {"refresh.yml.jinja": ".github/workflows/refresh.yml"}

#: Sections a fresh site starts with, uncommented, so every page has something to show.
STARTERS = ("news", "education", "work")

#: Where each section goes on the CV page: (section, title, directive).
CV_SECTIONS = (
    ("education", "Education", "education"),
    ("work", "Experience", "experience"),
    ("awards", "Awards", "awards"),
    ("grants", "Grants", "grants"),
    ("talks", "Talks", "talks"),
    ("teaching", "Teaching", "teaching"),
    ("service", "Service", "service"),
    ("publications", "Other publications", "cvsection"),
    ("projects", "Projects", "cvsection"),
    ("skills", "Skills", "cvsection"),
    ("languages", "Languages", "cvsection"),
    ("volunteer", "Volunteering", "cvsection"),
    ("certificates", "Certificates", "cvsection"),
    ("interests", "Interests", "cvsection"),
    ("references", "References", "cvsection"),
)

#: Commented hints for the basics a user has not filled in yet.
BASICS_EXAMPLES = (
    ("image", "img/me.jpg       # a photo, relative to this file"),
    ("url", "https://example.org"),
    ("orcid", "0000-0002-1825-0097"),
    ("scholar", "abcDEF123AAAAJ   # the user= part of your Google Scholar URL"),
    ("cv", "cv.pdf            # a CV PDF, or leave it out and use the generated one"),
    ("location", "{city: Example City, countryCode: US}"),
    ("profiles", "[{network: GitHub, username: your-name}]"),
    ("summary", "A few sentences about your research, shown under your name."),
)

#: Basics quickstart writes on one line (a heading, a BibTeX name): no line breaks there.
ONE_LINE = ("name", "label", "affiliation", "email", "url")
#: Unicode categories that are no text on one line: controls (tab, newline, NUL...),
#: surrogates, and the line and paragraph separators YAML and editors break lines at.
NOT_ONE_LINE = frozenset({"Cc", "Cs", "Zl", "Zp"})

#: Themes whose package must be in requirements.txt (the others ship with Sphinx).
THEME_PACKAGES = {
    "furo": "furo",
    "pydata_sphinx_theme": "pydata-sphinx-theme",
    "sphinx_book_theme": "sphinx-book-theme",
}


@dataclass
class Site:
    """Everything the templates need; the importers fill ``basics`` and ``sections``."""

    basics: dict[str, Any]
    sections: dict[str, Any] = field(default_factory=dict)
    #: a JSON Resume file to write unchanged as ``profile.json`` instead of profile.yaml
    profile_json: bytes | None = None
    bib: bytes | None = None  #: the user's BibTeX, copied unchanged
    has_selected: bool = True  #: whether any BibTeX entry is marked ``selected``
    #: the previews and paper files the BibTeX names, copied unchanged: path → bytes
    paper_files: dict[str, bytes] = field(default_factory=dict)
    imported_from: str = ""
    theme: str = "furo"
    #: the site's public address, written as ``html_baseurl`` when known
    url: str = ""
    refresh_workflow: bool = True  #: whether to write :data:`REFRESH_WORKFLOW`
    #: a lab site's people (``quickstart --lab``), written as people.yaml; None: no lab
    people: list[dict[str, Any]] | None = None
    #: their avatars, copied unchanged: path relative to the site → bytes
    people_images: dict[str, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Refuse (``ValueError``) what no escaping makes one line of text, and a site
        address that is no absolute web URL (Sphinx joins page names to it)."""
        if self.url and not re.fullmatch(r"https?://[^\s/]+(/\S*)?", self.url):
            raise ValueError(f"the site's URL {self.url!r} must start with https:// or http://")
        for key in ONE_LINE:
            text = str(self.basics.get(key) or "")
            bad = next((c for c in text if unicodedata.category(c) in NOT_ONE_LINE), None)
            if bad is not None:
                raise ValueError(
                    f"basics.{key} holds the control character U+{ord(bad):04X};"
                    " it must be one line of text"
                )

    @property
    def name(self) -> str:
        return str(self.basics.get("name") or "")

    @property
    def profile_file(self) -> str:
        return "profile.json" if self.profile_json is not None else "profile.yaml"


def render_site(site: Site, today: dt.date | None = None) -> dict[str, bytes]:
    """The site's files (path relative to the site folder -> content)."""
    today = today or dt.date.today()
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the outputs are Python, YAML, Markdown and BibTeX, not HTML
    )
    env.filters["py"] = repr  # a Python literal of any str, list or dict
    env.filters["yaml"] = to_yaml
    env.filters["yaml_comment"] = yaml_comment
    env.filters["myst"] = myst_text
    # themes put project, html_title and copyright into their pages unescaped
    env.filters["html"] = html_text
    env.filters["latex"] = latex_text
    shown = set(site.sections) if site.imported_from else {*site.sections, *STARTERS}
    context = {
        "name": site.name,
        "position": str(site.basics.get("label") or ""),
        "affiliation": str(site.basics.get("affiliation") or ""),
        "basics": site.basics,
        "basics_examples": BASICS_EXAMPLES,
        "sections": site.sections,
        "starters": () if site.imported_from else STARTERS,
        "imported_from": site.imported_from,
        "today": today.strftime("%Y-%m"),
        "year": today.year,
        "profile_file": site.profile_file,
        "theme": site.theme,
        "url": site.url,
        "email": str(site.basics.get("email") or ""),
        "theme_package": THEME_PACKAGES.get(site.theme, ""),
        "version": __version__,
        "has_selected": site.has_selected,
        "show_news": "news" in shown,
        # a site made from the user's own data gets none of our made-up papers
        "example_papers": not site.imported_from,
        "has_papers": site.bib is not None or not site.imported_from,
        "bib_name": bibtex_name(site.name),
        "lab": site.people is not None,
        # the groups in the order the people file first names them (the PI first)
        "roles": list(dict.fromkeys(p["role"] for p in site.people or () if p.get("role"))),
        "cv_sections": [
            {
                "title": title,
                "directive": directive,
                "argument": section if directive == "cvsection" else "",
            }
            for section, title, directive in CV_SECTIONS
            if section in shown
        ],
    }

    def render(template: str) -> bytes:
        return (env.get_template(template).render(context).rstrip("\n") + "\n").encode()

    templates = FILES | (REFRESH_WORKFLOW if site.refresh_workflow else {})
    files = {target: render(template) for template, target in templates.items()}
    if site.profile_json is not None:
        files["profile.json"] = site.profile_json
    else:
        files["profile.yaml"] = render("profile.yaml.jinja")
    files["publications.bib"] = (
        site.bib if site.bib is not None else render("publications.bib.jinja")
    )
    if site.people is not None:
        files["people.md"] = render("people.md.jinja")
        files["people.yaml"] = (to_yaml({"people": site.people}) + "\n").encode()
    for name, content in {**site.paper_files, **site.people_images}.items():
        files.setdefault(name, content)  # never in place of a file of the site
    return files


def write_site(folder: Path, files: Mapping[str, bytes], force: bool = False) -> list[Path]:
    """Write ``files`` into ``folder``; the existing ones first, so nothing is half-written.

    Raises :class:`FileExistsError` naming every file that would be overwritten
    unless ``force`` is set.
    """
    targets = {folder / name: content for name, content in files.items()}
    existing = [path for path in targets if path.exists()]
    if existing and not force:
        names = ", ".join(path.name for path in existing)
        raise FileExistsError(f"{folder} already has {names} (use --force to overwrite)")
    folder.mkdir(parents=True, exist_ok=True)
    for path, content in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)  # the paper files' folders
        path.write_bytes(content)
    return list(targets)


def to_yaml(value: Any) -> str:
    """Block-style YAML for a mapping; a scalar as one double-quoted line.

    A scalar stands after a key inside a template line (``name: {{ x | yaml }}``), so
    it must not wrap or break onto a line of its own: the double-quoted style writes
    line breaks and other unprintable characters as escapes, and no width wraps it.
    """
    mapping = isinstance(value, Mapping)
    text = yaml.safe_dump(
        value,
        sort_keys=False,
        allow_unicode=True,
        width=88 if mapping else math.inf,
        default_style=None if mapping else '"',
    )
    return text.removesuffix("...\n").rstrip("\n")


def yaml_comment(text: str) -> str:
    """``text`` as YAML comment lines: a line break in it cannot end the comment."""
    return "\n".join(f"# {line}".rstrip() for line in text.splitlines() or [""])


#: Every ASCII punctuation character, which CommonMark (and so MyST) lets a backslash
#: escape: with all of them escaped no emphasis, link, role, HTML or fence can start.
_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def myst_text(text: str) -> str:
    """``text`` for MyST Markdown, shown as written."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", text)


def html_text(text: str) -> str:
    """``text`` for the HTML themes write ``project``, ``html_title`` and ``copyright``
    into unescaped (alabaster, furo). Quotes stay: ``O'Brien`` is a common name, and
    those values land in element text."""
    return html.escape(text, quote=False)


def latex_text(text: str) -> str:
    """``text`` for ``latex_documents``, whose title and author are LaTeX markup.

    Sphinx's own escaping, as its LaTeX writer uses for document text (pdflatex's
    map: ``latex_engine`` is left at its default in the generated ``conf.py``).
    """
    texescape.init()  # fills the map once; the LaTeX builder calls it too
    return texescape.escape(text)


#: What BibTeX cannot carry as text inside a braced value -> the LaTeX that prints it.
#: A brace of the name would end (or never end) the field and let the rest of the
#: name write entries of its own.
_BIBTEX_TEXT = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\textbraceleft{}",
        "}": r"\textbraceright{}",
        "%": r"\%",
        "&": r"\&",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)
#: What splits a BibTeX name list or a name: a comma, or the word ``and``.
_BIBTEX_SEPARATOR = re.compile(r",|(?<!\S)and(?!\S)", re.IGNORECASE)


def bibtex_name(name: str) -> str:
    """``Given Family`` as BibTeX's unambiguous ``Family, Given``, each part escaped.

    A part holding a comma or the word ``and`` is braced, so it stays one part of one
    person ("Tom and Jerry" is not two authors).
    """
    parts = name.split() or ["John", "Doe"]
    family, given = parts[-1], " ".join(parts[:-1])
    return ", ".join(_bibtex_part(part) for part in (family, given) if part)


def _bibtex_part(text: str) -> str:
    escaped = text.translate(_BIBTEX_TEXT)
    return f"{{{escaped}}}" if _BIBTEX_SEPARATOR.search(escaped) else escaped
