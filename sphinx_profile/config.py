"""The ``profile_*`` configuration values, declared once with type, default and help.

The declaration drives registration (:func:`setup_config`), validation at
``config-inited`` and the configuration reference in the docs, so the three cannot
drift apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sphinx.application import Sphinx
from sphinx.config import Config

from .data.files import ALFOLIO_FOLDERS, Places
from .data.problems import Subtype
from .warnings import warn


@dataclass(frozen=True)
class ConfigValue:
    """One ``profile_*`` value."""

    name: str
    default: Any
    types: tuple[type, ...]
    help: str
    rebuild: Literal["env", "html"] = "env"
    check: Callable[[Any], str | None] | None = None

    def problem(self, current: Any) -> str | None:
        """What is wrong with ``current`` as this value, or ``None``."""
        if not isinstance(current, self.types):
            return "must be " + " or ".join(t.__name__ for t in self.types)
        return self.check(current) if self.check is not None else None


def _str_list(value: Any) -> str | None:
    if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        return None
    return "must be a list of strings"


def _positive_or_none(value: Any) -> str | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool) and value > 0):
        return None
    return "must be a positive whole number or None"


def _str_dict(value: Any) -> str | None:
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        return None
    return "must be a dict with string keys"


def _str_to_str_dict(value: Any) -> str | None:
    if isinstance(value, dict) and all(isinstance(x, str) for x in (*value, *value.values())):
        return None
    return "must be a dict of strings to strings"


CONFIG_VALUES: tuple[ConfigValue, ...] = (
    ConfigValue(
        "profile_data",
        "profile.yaml",
        (str,),
        "The profile file (YAML, TOML or JSON), relative to the source folder.",
    ),
    ConfigValue(
        "profile_bibfiles",
        None,
        (list, tuple, type(None)),
        "BibTeX files for publist; None means sphinxcontrib-bibtex's bibtex_bibfiles"
        " when that extension is loaded, else none.",
        check=lambda v: None if v is None else _str_list(v),
    ),
    ConfigValue(
        "profile_paper_dirs",
        list(ALFOLIO_FOLDERS),
        (list, tuple),
        "Folders, relative to the source folder, where a publication's local preview,"
        " pdf, supp, slides and poster files are looked for after the folder of its .bib"
        " file (by default al-folio's); then the source folder itself.",
        check=_str_list,
    ),
    ConfigValue(
        "profile_owner",
        [],
        (list, tuple),
        "Extra spellings of the owner's name, emphasised in author lists.",
        check=_str_list,
    ),
    ConfigValue(
        "profile_date_format",
        "%b %Y",
        (str,),
        "strftime format for dates; parts a date does not know are left out.",
    ),
    ConfigValue(
        "profile_publist_defaults",
        {},
        (dict,),
        "Default options for every publist directive, e.g. {'numbered': 'none'}.",
        check=_str_dict,
    ),
    ConfigValue(
        "profile_link_icons",
        {},
        (dict,),
        "Extra or replacement link icons: network name -> SVG markup or path of an .svg"
        " file (relative to the folder of conf.py).",
        check=_str_to_str_dict,
    ),
    ConfigValue(
        "profile_max_authors",
        None,
        (int, type(None)),
        "Show at most this many authors (always keeping the owner), then 'and K more'.",
        check=_positive_or_none,
    ),
    ConfigValue(
        "profile_metrics",
        "metrics.json",
        (str,),
        "The committed file of citation counts (written by sphinx-profile refresh or"
        " import-citations), relative to the source folder; shown by :metrics:.",
    ),
    ConfigValue(
        "profile_metrics_max_age",
        90,
        (int, type(None)),
        "Warn (profile.metrics) when the citation counts are older than this many days;"
        " None never warns.",
        check=_positive_or_none,
    ),
    ConfigValue(
        "profile_paper_pages",
        False,
        (bool,),
        "Give every entry a publist shows its own page, papers/<key>.html, with Google"
        " Scholar's citation tags and .bib and .ris downloads (html and dirhtml builders).",
    ),
    ConfigValue(
        "profile_people",
        "",
        (str,),
        "The people of a lab site: a YAML, TOML or JSON file with a 'people' list, or a"
        " folder of such files, one person each, relative to the source folder; '' for none.",
    ),
    ConfigValue(
        "profile_people_roles",
        [],
        (list, tuple),
        "The order of roles on the people page, e.g. ['PI', 'Postdoc', 'PhD student'];"
        " roles not listed follow in the order of the people file.",
        check=_str_list,
    ),
    ConfigValue(
        "profile_coauthors",
        "",
        (str,),
        "al-folio's co-authors file (family name -> firstname spellings and url),"
        " relative to the source folder; '' for none.",
    ),
    ConfigValue(
        "profile_people_pages",
        False,
        (bool,),
        "Give every person of profile_people a page, people/<id>.html; their names in"
        " publication lists link there instead of to their url.",
    ),
    ConfigValue(
        "profile_jsonld",
        True,
        (bool,),
        "Add schema.org JSON-LD and Open Graph metadata to pages.",
        rebuild="html",
    ),
)


def bibfile_setting(
    profile_bibfiles: list[str] | None, bibtex_bibfiles: list[str] | None
) -> tuple[str, list[str]]:
    """The setting that names the site's BibTeX files, and the names.

    ``profile_bibfiles``; when it is not set, sphinxcontrib-bibtex's
    ``bibtex_bibfiles`` (pass ``None`` when that extension is not loaded), so a site
    that uses both extensions keeps one database.
    """
    if profile_bibfiles is not None:
        return "profile_bibfiles", profile_bibfiles
    return "bibtex_bibfiles", bibtex_bibfiles or []


def paper_places(srcdir: str | Path, paper_dirs: list[str]) -> Places:
    """Where a site's ``.bib`` files may name local files: ``profile_paper_dirs``, then
    the source folder, and nothing outside it."""
    return Places(Path(srcdir), (*(Path(srcdir, name) for name in paper_dirs), Path(srcdir)))


def link_icon_file(value: str, confdir: str | Path) -> Path | None:
    """The file a ``profile_link_icons`` value names (relative to ``conf.py``), or
    ``None`` when the value is the SVG markup itself."""
    return None if value.lstrip().startswith("<") else Path(confdir, value)


def setting_line(conf_text: str, name: str) -> int:
    """The line of ``conf.py`` that sets ``name``, or 0 (set by ``-D`` or in a loop)."""
    match = re.search(rf"^{re.escape(name)}\s*[:=]", conf_text, re.MULTILINE)
    return conf_text.count("\n", 0, match.start()) + 1 if match else 0


def conf_location(confdir: str | Path | None, name: str) -> str | None:
    """``conf.py:line`` of a setting, so a warning about it points where it is set."""
    if confdir is None:
        return None
    conf = Path(confdir) / "conf.py"
    try:
        text = conf.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    line = setting_line(text, name)
    return f"{conf}:{line}" if line else str(conf)


def setup_config(app: Sphinx) -> None:
    """Register every value and check them once the configuration is read."""
    for value in CONFIG_VALUES:
        app.add_config_value(
            value.name, value.default, value.rebuild, types=value.types, description=value.help
        )
    app.connect("config-inited", _validate)


def _validate(app: Sphinx, config: Config) -> None:
    """Replace a bad value by its default with a warning, so the build goes on."""
    for value in CONFIG_VALUES:
        problem = value.problem(config[value.name])
        if problem:
            warn(
                f"{value.name} {problem}; using the default {value.default!r}",
                Subtype.OPTION,
                conf_location(app.confdir, value.name),
            )
            config[value.name] = value.default
