"""``sphinx-profile check``: validate a site's data files without building it.

A full Sphinx build takes seconds to minutes and mixes data problems with everything
else; an editor or a CI step wants only "is my profile.yaml and my BibTeX right?".
So this reads ``conf.py`` the way Sphinx does (executing it, as Sphinx would) but
only to learn where the data files are, then runs the same loader and validator as
the build, so both report exactly the same problems at the same lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sphinx.config import eval_config_file
from sphinx.errors import ConfigError
from sphinx.util.tags import Tags

from .config import CONFIG_VALUES, bibfile_setting, link_icon_file, paper_places, setting_line
from .data.bib import merge_bibs
from .data.files import ALFOLIO_FOLDERS
from .data.metrics import read_metrics, stale_problem
from .data.problems import Problem, Subtype
from .data.publications import read_publications
from .domain import parse_profile

BIBTEX_EXTENSION = "sphinxcontrib.bibtex"


@dataclass
class Checked:
    """What was checked and what was wrong."""

    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: where the files are: the site's source folder (a lone file's own folder) ...
    root: Path = Path()
    #: ... and its ``profile_paper_dirs``
    paper_dirs: list[str] = field(default_factory=lambda: list(ALFOLIO_FOLDERS))
    #: its metrics file, if it has one, and how old its counts may be
    metrics: Path | None = None
    metrics_max_age: int | None = None


def check(target: Path) -> Checked:
    """Check a site folder (through its ``conf.py``), or one data or BibTeX file.

    The files are read by the functions the build reads them with, so both report
    the same problems: :func:`~.domain.parse_profile`,
    :func:`~.data.publications.read_publications` and :func:`~.data.metrics.read_metrics`
    (with the build's staleness check, against today).
    """
    result = Checked(root=target if target.is_dir() else target.parent)
    if target.is_dir():
        profile, bibfiles = _site_files(target, result)
    elif target.suffix.lower() == ".bib":
        profile, bibfiles = None, [target]
    else:
        profile, bibfiles = target, []
    if profile is not None:
        result.files.append(profile)
        result.problems += parse_profile(profile, result.root)[1]
    places = paper_places(result.root, result.paper_dirs)
    bibs = []
    for path in bibfiles:
        result.files.append(path)
        bib, problems = read_publications(path, places)
        result.problems += problems
        bibs.append(bib)
    result.problems += merge_bibs(bibs)[1]  # a key in two of the site's files
    if result.metrics is not None:
        result.files.append(result.metrics)
        metrics, problems = read_metrics(result.metrics)
        stale = stale_problem(metrics, result.metrics_max_age, date.today())
        result.problems += [*problems, *([stale] if stale else [])]
    return result


def _site_files(folder: Path, result: Checked) -> tuple[Path | None, list[Path]]:
    """The profile file and the BibTeX files the site's ``conf.py`` names."""
    conf = folder / "conf.py"
    if not conf.is_file():
        result.problems.append(Problem("no conf.py here (is this a Sphinx site?)", str(conf)))
        return None, []
    try:
        namespace = eval_config_file(conf.resolve(), Tags())  # it changes directory
    except ConfigError as exc:
        result.problems.append(Problem(str(exc), str(conf), subtype=Subtype.OPTION))
        return None, []
    text = conf.read_text(encoding="utf-8", errors="replace")
    values: dict[str, Any] = {}
    for value in CONFIG_VALUES:
        if value.name not in namespace:
            values[value.name] = value.default
            continue
        values[value.name] = namespace[value.name]
        problem = value.problem(namespace[value.name])
        if problem:
            message = f"{value.name} {problem}"
            result.problems.append(_conf_problem(message, conf, text, value.name))
            values[value.name] = value.default
    result.paper_dirs = values["profile_paper_dirs"]
    if (metrics := folder / values["profile_metrics"]).is_file():
        result.metrics, result.metrics_max_age = metrics, values["profile_metrics_max_age"]
    profile: Path | None = folder / values["profile_data"]
    if "profile_data" not in namespace and not (folder / values["profile_data"]).exists():
        profile = None  # a site that shows no profile data needs no profile file
    with_bibtex = BIBTEX_EXTENSION in namespace.get("extensions", [])
    setting, names = bibfile_setting(
        values["profile_bibfiles"], namespace.get("bibtex_bibfiles") if with_bibtex else None
    )
    bibfiles = []
    for name in names:
        path = folder / name
        if path.is_file():
            bibfiles.append(path)
        else:
            message = f"{setting} names {name!r}, which does not exist"
            result.problems.append(_conf_problem(message, conf, text, setting))
    for network, value in values["profile_link_icons"].items():
        icon = link_icon_file(value, folder)
        if icon is not None and not icon.is_file():
            message = f"profile_link_icons: the icon for {network!r}, {value!r}, does not exist"
            result.problems.append(_conf_problem(message, conf, text, "profile_link_icons"))
    return profile, bibfiles


def _conf_problem(message: str, conf: Path, text: str, name: str) -> Problem:
    """A problem located at the line of ``conf.py`` that sets ``name``."""
    return Problem(message, str(conf), setting_line(text, name), Subtype.OPTION)
