"""Write a new site: the files of ``sphinx-profile quickstart``, rendered from templates.

The templates live in ``templates/quickstart/`` as package data, so what a user gets
is readable as files rather than buried in Python strings. Rendering and writing are
separate steps: :func:`render_site` returns the file texts (easy to test, nothing on
disk), :func:`write_site` puts them in place and refuses to overwrite by default.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
import yaml

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
    imported_from: str = ""
    theme: str = "alabaster"

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
    env.filters["py"] = partial(json.dumps, ensure_ascii=False)  # a valid Python str too
    env.filters["yaml"] = to_yaml
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
        "theme_package": THEME_PACKAGES.get(site.theme, ""),
        "version": __version__,
        "has_selected": site.has_selected,
        "bib_name": bibtex_name(site.name),
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

    files = {target: render(template) for template, target in FILES.items()}
    if site.profile_json is not None:
        files["profile.json"] = site.profile_json
    else:
        files["profile.yaml"] = render("profile.yaml.jinja")
    files["publications.bib"] = (
        site.bib if site.bib is not None else render("publications.bib.jinja")
    )
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
        path.write_bytes(content)
    return list(targets)


def to_yaml(value: Any) -> str:
    """Block-style YAML for a mapping, or a plain (quoted only if needed) scalar."""
    text = yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=88)
    return text.removesuffix("...\n").rstrip("\n")


def bibtex_name(name: str) -> str:
    """``Given Family`` as BibTeX's unambiguous ``Family, Given``."""
    parts = name.split()
    if len(parts) < 2:
        return name or "Doe, John"
    return f"{parts[-1]}, {' '.join(parts[:-1])}"
