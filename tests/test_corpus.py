"""The bad-input corpus: every broken or hostile file gives a located warning, never a crash.

Each file in ``tests/corpus/`` is one case. A data file (``.yaml``, ``.json``,
``.toml``) becomes the site's profile file, shown by a ``profile`` card on an rST
page and on a MyST page (``tests/roots/test-corpus``); a page (``.rst``, ``.md``)
is added beside them, reading the root's good profile file; a metrics file
(``metrics-*.json``) becomes ``profile_metrics``, shown with ``:metrics:`` by a card
and a publist on a page of its own. :data:`CASES` says
what each file must produce: the warning's subtype, file, line and message. Every
case also checks that the build ends without a traceback, that every warning is a
located ``profile`` warning, that the rest of both pages is rendered, and that
nothing from the data reaches the HTML as markup.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.util.console import strip_colors

from sphinx_profile.check import check
from sphinx_profile.data.urls import is_safe_url

from .conftest import ROOTS, html

CORPUS = Path(__file__).parent / "corpus"
DATA_SUFFIXES = (".yaml", ".yml", ".json", ".toml")
METRICS = "metrics-"
#: The page a metrics case is shown on, and the settings it is shown with: counts of
#: 2026 are never old (a hundred years), the stale case's of 1900 are.
METRICS_PAGE = """Counts
======

.. profile::
   :metrics:

.. publist::
   :bibfiles: pubs.bib
   :metrics:

After the card.
"""
METRICS_MAX_AGE = 36500
CARD = ("Cora Pus",)  # the name in the good profile file of the corpus root
SECRET = "the contents of a file outside the project"
REST_OF_PAGE = {
    "index": "The rest of the page is still here.",
    "myst": "The rest of the MyST page is still here.",
}


@dataclass(frozen=True)
class Case:
    """One corpus file and the warning it must produce (``line`` 0: none expected)."""

    file: str
    line: int = 0
    message: str = ""
    subtype: str = "data"
    #: text from the data that must be on the page, escaped: data is never dropped
    shown: tuple[str, ...] = ()
    #: text that must not be on the page (what an attack would have put there)
    hidden: tuple[str, ...] = ()


CASES = [
    # YAML syntax and structure
    Case("yaml-bad-indent.yaml", 3, r"YAML syntax error: mapping values are not allowed here"),
    Case("yaml-tab-indent.yaml", 3, r"YAML syntax error: found character '\\t'"),
    Case("yaml-unclosed-quote.yaml", 4, r"YAML syntax error: found unexpected end of stream"),
    Case("yaml-unclosed-bracket.yaml", 4, r"YAML syntax error: expected ',' or ']'"),
    Case("yaml-duplicate-key.yaml", 4, r"duplicate key 'name' \(the later value wins\)"),
    Case("yaml-empty.yaml", 1, r"missing 'basics' \(with at least 'name'\)"),
    Case("yaml-comments-only.yaml", 1, r"missing 'basics'"),
    Case("yaml-top-list.yaml", 1, r"the profile file must be a mapping of sections"),
    Case("yaml-top-scalar.yaml", 1, r"the profile file must be a mapping of sections"),
    Case("yaml-latin1.yaml", 3, r"file is not valid UTF-8 \(save it as UTF-8\)"),
    Case("yaml-utf16.yaml", 1, r"file is not valid UTF-8"),
    Case("yaml-control-char.yaml", 3, r"YAML error: special characters are not allowed"),
    Case("yaml-alias-bomb.yaml", 3, r"file expands to too many characters \(a YAML alias bomb\?\)"),
    Case(
        "yaml-python-apply.yaml",
        3,
        r"unsupported YAML tag '!!python/object/apply:os\.system'",
        shown=("Cora",),
    ),
    Case("yaml-python-name.yaml", 3, r"unsupported YAML value: could not determine a constructor"),
    Case("yaml-python-object.yaml", 3, r"unsupported YAML tag '!!python/object:subprocess\.Popen'"),
    Case("yaml-custom-tag.yaml", 3, r"unsupported YAML value: .*'!include'"),
    Case("yaml-deep-nesting.yaml", 3, r"YAML nested too deeply"),
    Case("yaml-bad-merge.yaml", 3, r"bad YAML merge: expected a mapping"),
    Case("yaml-complex-key.yaml", 3, r"a key must be plain text"),
    # YAML against the schema
    Case("yaml-unknown-key.yaml", 3, r"unknown key 'emial'; did you mean 'email'\?"),
    Case("yaml-unknown-section.yaml", 3, r"unknown section 'educaton'; did you mean 'education'\?"),
    Case("yaml-wrong-type-name.yaml", 2, r"basics\.name must be text, not a list; entry skipped"),
    Case("yaml-boolean-as-text.yaml", 3, r"basics\.label must be text, not true/false"),
    Case("yaml-section-not-list.yaml", 3, r"'work' must be a list of entries, not str 'Acme Corp'"),
    Case("yaml-entry-not-mapping.yaml", 5, r"work\[1\] must be a mapping, not str"),
    Case(
        "yaml-list-of-mappings-in-text-list.yaml",
        5,
        r"skills\[0\]\.keywords must be list of text, not a list",
    ),
    Case("yaml-missing-name.yaml", 1, r"basics has no 'name'; entry skipped"),
    Case("yaml-missing-basics.yaml", 1, r"missing 'basics'"),
    Case("yaml-missing-required-entry-field.yaml", 5, r"awards\[1\] has no 'title'; entry skipped"),
    # dates
    Case("yaml-bad-month.yaml", 5, r"work\[0\]\.startDate: '2019-13' is not a date"),
    Case("yaml-impossible-date.yaml", 5, r"work\[0\]\.startDate: '2023-02-30' is not a date"),
    Case("yaml-impossible-date-quoted.yaml", 5, r".*startDate: '2023-02-29' is not a date"),
    Case("yaml-year-zero.yaml", 5, r"awards\[0\]\.date: '0000-01-01' is not a date"),
    Case("yaml-bad-end-date.yaml", 6, r".*endDate: 'someday' is not a date \(.* or 'present'\)"),
    Case("yaml-date-as-mapping.yaml", 5, r"awards\[0\]\.date: \{'year': 2020\} is not a date"),
    Case("yaml-date-words.yaml", 4, r"news\[0\]\.date: 'last Tuesday' is not a date"),
    Case("yaml-huge-number.yaml", 5, r"awards\[0\]\.date: '9999999.*' is not a date"),
    # JSON
    Case("json-trailing-comma.json", 4, r"JSON syntax error: Expecting property name"),
    Case("json-duplicate-key.json", 5, r"duplicate key 'name' \(the later value wins\)"),
    Case("json-empty.json", 1, r"JSON syntax error: Expecting value"),
    Case("json-top-array.json", 1, r"the profile file must be a mapping of sections"),
    Case("json-wrong-type.json", 4, r"basics\.profiles must be list of mappings, not a mapping"),
    Case("json-unknown-key.json", 8, r"unknown key 'strtDate'; did you mean 'startDate'\?"),
    Case("json-huge-number.json", 4, r"awards\[0\]\.date: '9999999.*' is not a date"),
    Case("json-deep-nesting.json", 2, r"JSON nested too deeply \(more than 50 levels\)"),
    Case("json-latin1.json", 3, r"file is not valid UTF-8"),
    # TOML
    Case("toml-syntax.toml", 3, r"TOML syntax error: Invalid value"),
    Case("toml-duplicate-key.toml", 4, r"TOML syntax error: Cannot overwrite a value"),
    Case("toml-impossible-date.toml", 6, r"TOML syntax error: Invalid date or datetime"),
    Case("toml-time-as-date.toml", 6, r"awards\[0\]\.date: datetime\.time\(10, 30\) is not a date"),
    Case("toml-huge-number.toml", 6, r"TOML number too long"),
    Case("toml-wrong-type.toml", 3, r"basics\.aliases must be list of text, not str"),
    Case("toml-empty.toml", 1, r"missing 'basics'"),
    # profile loading bounds: nesting depth, alias expansion, date order, filter patterns
    Case("toml-deep-inline-table.toml", 4, r"TOML nested too deeply \(more than 50 levels\)"),
    Case("json-deep-objects.json", 52, r"JSON nested too deeply \(more than 50 levels\)"),
    Case("yaml-scalar-alias-bomb.yaml", 3, r"file expands to too many characters"),
    Case(
        "yaml-end-before-start.yaml",
        6,
        r"education\[0\]: endDate 2015-06 is before startDate 2019-09",
        shown=("Cora",),
    ),
    Case(
        "option-filter-bad-regex.rst",
        4,
        r"publist: bad :filter: \(bad regular expression '\(\?<!Good\) Paper' after %: invalid",
        "option",
    ),
    Case(
        "option-filter-huge-repeat.rst",
        4,
        r"publist: bad :filter: \(bad regular expression .*invalid repetition size",
        "option",
    ),
    Case(
        "option-cv-filter-deep.rst",
        4,
        r"awards: bad :filter: \(filter nested more than 50 deep\); showing every entry",
        "option",
        ("Best Corpus Award",),
    ),
    # hostile content: text is shown escaped (no warning: it is legitimate text)...
    Case(
        "hostile-script-in-name.yaml",
        shown=("<script>alert(name)</script>Cora", "<b onmouseover=alert(1)>Researcher</b>"),
    ),
    Case("hostile-attribute-quotes.yaml", shown=("onerror=", "alert(1)")),
    Case("hostile-html-in-email.yaml", shown=("<img src=x onerror=alert(1)>@example.org",)),
    # ... links with other schemes than http, https, mailto are refused ...
    Case("hostile-javascript-url.yaml", 3, r"refusing unsafe URL 'javascript:alert"),
    Case("hostile-javascript-tab.yaml", 5, r"refusing unsafe URL 'java\\tscript:alert\(1\)'"),
    Case("hostile-javascript-mixed-case.yaml", 3, r"refusing unsafe URL 'JaVaScRiPt:alert\(1\)'"),
    Case("hostile-javascript-entity.yaml", 5, r"refusing unsafe URL '&#106;avascript:alert"),
    Case("hostile-javascript-leading-space.yaml", 5, r"refusing unsafe URL 'javascript:alert"),
    Case("hostile-vbscript-url.yaml", 3, r"refusing unsafe URL 'vbscript:msgbox\(1\)'"),
    Case("hostile-data-url.yaml", 3, r"refusing unsafe URL 'data:text/html"),
    Case("hostile-javascript-image.yaml", 3, r"refusing unsafe image URL 'javascript:alert\(1\)'"),
    Case("hostile-data-image.yaml", 3, r"refusing unsafe image URL 'data:image/svg\+xml"),
    # ... and raw HTML in data markup is shown as text, never passed through.
    Case(
        "hostile-raw-directive.yaml",
        3,
        r"directive 'raw' is not allowed in data markup; shown as text",
        shown=("Before.", "After.", "<script>alert(raw)</script>"),
    ),
    Case(
        "hostile-raw-role.yaml",
        3,
        r"directive 'role' is not allowed in data markup; shown as text",
        shown=("Hello", "<script>alert(role)</script>", "world."),
    ),
    Case(
        "hostile-inline-html.yaml",
        3,
        r"raw HTML is not allowed in data markup",
        shown=("Hi", "<script>alert(inline)</script>", "there"),
    ),
    Case(
        "hostile-myst-raw.yaml",
        3,
        r"directive 'raw' is not allowed in data markup; shown as text",
        shown=("Before.", "<script>alert(myst)</script>"),
    ),
    # directive options: a bad one is ignored with a warning, the directive still renders
    Case(
        "option-unknown-field.rst",
        4,
        r"profile: unknown field 'sparkles' in :fields:",
        "option",
        CARD,
    ),
    Case(
        "option-unknown-option.rst", 4, r"profile: option :colour: unknown option", "option", CARD
    ),
    Case(
        "option-unknown-option-myst.md",
        3,
        r"profile: option :colour: unknown option",
        "option",
        CARD,
    ),
    Case(
        "option-bad-align.rst", 4, r"profile: option :align: 'diagonal': .*\"left\"", "option", CARD
    ),
    Case("option-bad-align-myst.md", 3, r"profile: option :align: 'diagonal'", "option", CARD),
    Case("option-flag-with-value.rst", 4, r"profile: option :no-photo: 'please'", "option", CARD),
    Case("option-missing-data-file.rst", 4, r"profile data file not found: .*missing\.yaml"),
    Case(
        "hostile-link-in-markup.yaml",
        3,
        r"refusing unsafe URL 'JaVaScript:alert\(2\)' in data markup",
        shown=("See",),
    ),
    Case("hostile-include.yaml", 3, r"directive 'include' is not allowed in data markup"),
    # data markup is text: no directive, no file, no target, no Jinja, no TeX that reads
    Case(
        "hostile-named-target.yaml",
        3,
        r"refusing unsafe URL 'javascript:alert\(document\.domain\)' in data markup",
        shown=("my notes",),
    ),
    Case(
        "hostile-anonymous-target.yaml",
        3,
        r"refusing unsafe URL 'vbscript:msgbox\(7\)' in data markup",
        shown=("there",),
    ),
    Case("hostile-image-target.yaml", 3, r"directive 'image' is not allowed in data markup"),
    Case(
        "hostile-meta-refresh.yaml",
        3,
        r"directive 'meta' is not allowed in data markup",
        hidden=('http-equiv="refresh"',),
    ),
    Case(
        "hostile-download-outside.yaml",
        3,
        r"role 'download' is not allowed in data markup; shown as text",
        shown=("../secret.txt",),
    ),
    Case("hostile-figure-outside.yaml", 3, r"directive 'figure' is not allowed in data markup"),
    Case(
        "hostile-myst-image-outside.yaml",
        3,
        r"'image' is not allowed in data markup; shown as text",
        shown=("Look:",),
    ),
    Case(
        "hostile-myst-local-file.yaml",
        3,
        r"a link that is not a web address is not allowed in data markup; shown as text",
        shown=("the file",),
    ),
    Case(
        "hostile-myst-substitution.yaml",
        shown=("{{ env.config.myst_substitutions }}", "{{ token }}"),
        hidden=("conf-value-that-data-must-not-print",),
    ),
    Case("hostile-math-href.yaml", 3, r"math uses '\\\\href', which data may not use"),
    Case("hostile-math-char-code.yaml", 3, r"math uses '\^\^', which data may not use"),
    Case(
        "hostile-default-role.yaml",
        3,
        r"directive 'default-role' is not allowed in data markup",
        shown=("<b>bold</b>",),
    ),
    Case(
        "markup-pub-unknown-in-data.yaml",
        3,
        r":pub: unknown publication key 'nosuchpaper2020'",
        "ref",
        shown=("Best known for",),
    ),
    Case(
        "bib-math-input.bib",
        1,
        r"texfile2024: math uses '\\\\input', which data may not use; shown as text",
        "bib",
        shown=("$\\input{../secret.txt}$", "\N{GREEK SMALL LETTER ALPHA}"),
    ),
    # BibTeX files, shown by a publist
    Case("bib-duplicate-key.bib", 7, r"duplicate key 'same' \(first at line 1\); skipped", "bib"),
    Case(
        "bib-unbalanced-braces.bib",
        7,
        r"BibTeX syntax error: entry .broken2022. is not closed before the end of the file",
        "bib",
        shown=("A Good Paper", "broken2022"),
    ),
    Case("bib-unknown-macro.bib", 4, r"BibTeX undefined string: .*nosuchmacro", "bib"),
    Case(
        "bib-unclosed-before-next.bib",
        7,
        r"BibTeX syntax error: entry 'broken2023' is not closed before the next entry at line 14",
        "bib",
        shown=("The First Paper", "The Broken Paper", "The Paper After"),
    ),
    # missing fields: warned about, and the entry shown with what it has
    Case(
        "bib-missing-title.bib",
        7,
        r"notitle2023: no title; shown under its key",
        "bib",
        shown=("notitle2023", "Journal of Gaps", "Cora Pus"),
    ),
    Case(
        "bib-missing-author.bib",
        7,
        r"nobody2023: no author or editor; shown without names",
        "bib",
        shown=("Written by Nobody", "Journal of Gaps"),
    ),
    Case(
        "bib-missing-year.bib",
        7,
        r"undated: no year; listed as undated",
        "bib",
        shown=("A Timeless Paper", "Undated", "A Good Paper"),
    ),
    # a bad author+an part is ignored with a warning, the good part kept
    Case(
        "bib-annotation-number.bib",
        7,
        r"annotated: author\+an: there is no author 7 \(the entry has 2\); ignored",
        "bib",
        shown=("Cora Pus*", "equal contribution"),
    ),
    Case(
        "bib-annotation-not-number.bib",
        7,
        r"annotated: author\+an: 'x' is not a name's number; ignored",
        "bib",
        shown=("Cora Pus*", "equal contribution"),
    ),
    Case(
        "bib-annotation-unknown.bib",
        7,
        r"annotated: author\+an: unknown annotation 'frobnicated' \(known: equal, corresp",
        "bib",
        shown=("Cora Pus*", "Tex Bib", "equal contribution"),
    ),
    Case(
        "bib-hostile.bib",
        1,
        r"xss: refusing unsafe URL 'javascript:alert\(1\)' in 'url'",
        "bib",
        shown=("<script>alert(1)</script> Attacks",),
    ),
    # BibTeX names, macros and encodings: read in linear time, nothing dropped unsaid
    Case(
        "bib-name-many-commas.bib",
        2,
        r"lineage2023: author: Too many commas in 'Bib, Tex, III, Esq\.'; shown as written",
        "bib",
        shown=("Bib, Tex, III, Esq.", "Four Parts of a Name"),
    ),
    Case(
        "bib-string-bomb.bib",
        20,
        r"BibTeX @string expansion too large: 's16' would pass the file's limit for macro"
        r" expansion \(a macro bomb\?\); left empty",
        "bib",
        shown=("Survived the Bomb", "Journal of Survivors"),
    ),
    Case(
        "bib-mixed-encoding.bib",
        4,
        r"not valid UTF-8; this line read as Latin-1",
        "bib",
        shown=("Zoë Counts Ångströms", "Revue de la Crème", "Reviewed by Björk"),
    ),
    Case(
        "bib-empty-author.bib",
        1,
        r"gap2023: author: an empty name \(an 'and' too many\); left out",
        "bib",
        shown=("Cora Pus", "Tex Bib", "Mind the Gap"),
    ),
    Case("bib-mark-flood.bib", shown=("A Flood of Marks", "Ann Mark‡", "Cora Pus")),
    Case("bib-tilde-initials.bib", shown=("T. X. Bib", "Journal of Ties, 12, 2023")),
    # filters and roles
    Case("option-filter-syntax.rst", 4, r"publist: bad :filter: \(syntax error", "option"),
    Case(
        "option-filter-internals.rst",
        4,
        r"publist: bad :filter: \(attribute is not allowed",
        "option",
    ),
    Case("option-filter-call.rst", 4, r"publist: bad :filter: \(call is not allowed", "option"),
    Case(
        "option-keys-duplicate.rst",
        4,
        r"publist: key 'ok2023' is twice in :keys:; shown once",
        "option",
        ("A Good Paper",),
    ),
    Case(
        "option-group-by-list.rst",
        4,
        r"publist: :group-by: must be one field name \(year, .*\), not 'year, type'; using 'year'",
        "option",
        ("2023", "A Good Paper"),
    ),
    Case(
        "option-group-by-typo.rst",
        4,
        r"publist: :group-by: no entry has a field 'yaer'; using 'year'",
        "option",
        ("2023", "A Good Paper"),
    ),
    # CV sections: a bad :filter: is ignored, every entry shown
    Case(
        "option-cv-filter-syntax.rst",
        4,
        r"awards: bad :filter: \(syntax error in filter",
        "option",
        ("Best Corpus Award",),
    ),
    Case(
        "option-cv-filter-attribute.rst",
        4,
        r"awards: bad :filter: \(attribute is not allowed in a filter",
        "option",
        ("Best Corpus Award",),
    ),
    Case(
        "option-cv-filter-call.rst",
        4,
        r"news: bad :filter: \(call is not allowed in a filter",
        "option",
        ("A corpus news item.",),
    ),
    Case("role-unknown-pub-key.rst", 4, r":pub: unknown publication key 'nosuchkey'", "ref"),
    # markup problems in data are located in the data file, not on the page
    Case(
        "markup-unknown-role.yaml",
        3,
        r"role 'nosuchrole' is not allowed in data markup; shown as text",
        shown=("daily.",),
    ),
    Case(
        "markup-unclosed-emphasis.yaml",
        3,
        r"in data markup: Inline emphasis start-string without end-string",
        shown=("unclosed emphasis",),
    ),
    Case(
        "markup-recursive-directive.yaml",
        4,
        r"directive 'profile' is not allowed in data markup; shown as text",
        shown=("Me again:", "Researcher"),
    ),
    # the metrics file: broken counts are left out with a warning, the rest is shown
    Case("metrics-syntax.json", 4, r"JSON syntax error: Expecting property name", shown=CARD),
    Case(
        "metrics-top-list.json",
        1,
        r"the metrics file must be a mapping with 'generated' and 'entries'",
        shown=("A Good Paper",),
    ),
    Case(
        "metrics-bad-count.json",
        5,
        r"ok2023\.openalex\.cited_by must be a whole number of 0 or more, not 'many'; left out",
        shown=("Cited by 9", "9 citations · h-index 1 (Crossref, as of 2026-01-01)"),
    ),
    Case("metrics-negative-count.json", 5, r"ok2023\.openalex\.cited_by .* not -5; left out"),
    Case("metrics-boolean-count.json", 5, r"ok2023\.openalex\.cited_by .* not True; left out"),
    Case(
        "metrics-unknown-source.json",
        5,
        r"entries\.ok2023: unknown source 'scholar' \(known: openalex, semanticscholar",
        shown=("Cited by 6",),
    ),
    Case(
        "metrics-bad-date.json",
        5,
        r"entries\.ok2023\.openalex\.as_of: 'yesterday' is not a date \(YYYY-MM-DD\)",
        shown=("A Good Paper",),
        hidden=("Cited by",),
    ),
    Case(
        "metrics-bad-generated.json",
        2,
        r"generated: '2026-13-01' is not a date",
        shown=("Cited by 5", "as of 2026-01-01"),
    ),
    Case(
        "metrics-duplicate-key.json",
        5,
        r"duplicate key 'ok2023' \(the later value wins\)",
        shown=("Cited by 6",),
    ),
    Case(
        "metrics-entries-list.json",
        3,
        r"'entries' must be a mapping of keys or DOIs, not a list",
        shown=("A Good Paper",),
    ),
    Case(
        "metrics-hostile.json",
        4,
        r"ok2023\.openalex: unknown key 'url' \(known: cited_by, as_of\)",
        shown=("Cited by 5",),
        hidden=("alert(",),
    ),
    Case("metrics-deep-nesting.json", 1, r"JSON nested too deeply \(more than 50 levels\)"),
    Case(
        "metrics-stale.json",
        2,
        r"the citation counts are \d+ days old \(generated 1900-01-01, profile_metrics_max_age"
        r" is 36500\); run 'sphinx-profile refresh'",
        "metrics",
        shown=("Cited by 5", "as of 1900-01-01"),
    ),
    # quickstart: names a generated site takes from a JSON Resume, in template syntaxes
    Case(
        "quickstart-syntax-in-name.json",
        shown=("Ivo {{ 7*7 }} {% raw %} $(touch X); # Vex", "{raw}`<i>lab</i>` .. raw:: html"),
    ),
]


def test_every_corpus_file_has_a_case() -> None:
    assert sorted(case.file for case in CASES) == sorted(p.name for p in CORPUS.iterdir())
    assert len(CASES) >= 40


def is_data_case(case: Case) -> bool:
    """Whether the case is a profile file (shown by the root's own pages)."""
    return case.file.endswith(DATA_SUFFIXES) and not case.file.startswith(METRICS)


def build_case(make_app, tmp_path: Path, case: Case):
    """A copy of the corpus root with the case in place, built once."""
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-corpus", srcdir)
    for name in ("secret.txt", "secret.png"):  # outside the project: never in the site
        (tmp_path / name).write_text(SECRET)
    shutil.copy(CORPUS / case.file, srcdir / case.file)
    overrides = {"profile_data": case.file} if is_data_case(case) else {}
    if case.file.startswith(METRICS):
        overrides = {"profile_metrics": case.file, "profile_metrics_max_age": METRICS_MAX_AGE}
        (srcdir / f"{Path(case.file).stem}.rst").write_text(METRICS_PAGE)
    if case.file.endswith(".bib"):  # a page that lists it
        stem = Path(case.file).stem
        (srcdir / f"{stem}.rst").write_text(
            f"Publications\n============\n\n.. publist::\n   :bibfiles: {case.file}\n\n"
            "After the card.\n"
        )
    app = make_app("html", srcdir=srcdir, confoverrides=overrides)
    app.build()
    return app


def assert_no_markup_from_data(soup: BeautifulSoup) -> None:
    """Only Sphinx's own markup is in the page body: no script, handler or unsafe link."""
    body = soup.select_one("div.body")
    assert body is not None
    assert not body.find_all(["script", "iframe", "object", "embed", "style", "svg:script"])
    for tag in body.find_all(True):
        assert not [name for name in tag.attrs if name.lower().startswith("on")], tag
        for attribute in ("href", "src"):
            if tag.get(attribute):
                assert is_safe_url(tag[attribute]), tag


@pytest.mark.parametrize("case", CASES, ids=[case.file for case in CASES])
def test_corpus_case(make_app, tmp_path: Path, case: Case) -> None:
    app = build_case(make_app, tmp_path, case)
    warnings = strip_colors(app.warning.getvalue())
    assert "Traceback" not in warnings
    lines = [line for line in warnings.splitlines() if "WARNING" in line or "ERROR" in line]
    for line in lines:  # every warning is ours, typed and located
        assert re.search(r":\d+: WARNING: .*\[profile\.(data|bib|ref|option|metrics)\]$", line), (
            line
        )
    if case.line:
        located = rf"{re.escape(case.file)}:{case.line}: WARNING: {case.message}"
        assert re.search(rf"{located}.*\[profile\.{case.subtype}\]", warnings), warnings
    else:
        assert lines == []
    for written in Path(app.outdir).rglob("*"):
        assert not written.is_file() or SECRET.encode() not in written.read_bytes(), written
    pages = dict(REST_OF_PAGE)
    shown_on = set(pages) if is_data_case(case) else {Path(case.file).stem}
    if not is_data_case(case):  # a page case, or the page of a .bib or metrics file
        pages = {Path(case.file).stem: "After the card.", **pages}
    for page, rest in pages.items():
        soup = html(app, page)
        text = soup.get_text()
        assert rest in text
        for shown in case.shown if page in shown_on else ():
            assert shown in text, (page, shown)
        for hidden in case.hidden:
            assert hidden not in str(soup), (page, hidden)
        assert_no_markup_from_data(soup)


#: Data-file problems only a page can find, so ``check`` leaves them to the build:
#: data markup is parsed by the parser of the page that shows it (rST or MyST), and
#: what a list does with an undated entry depends on the list's options.
PAGE_ONLY = {
    "data": re.compile(r"data markup|^math uses|^:pub: "),
    "bib": re.compile(r"; listed as undated$"),
}
WARNING_LINE = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+): WARNING: (?P<message>.*) \[profile\.\w+\]$"
)


@pytest.mark.parametrize(
    "case",
    [case for case in CASES if case.file.endswith((*DATA_SUFFIXES, ".bib"))],
    ids=lambda case: case.file,
)
def test_check_reports_what_the_build_reports(make_app, tmp_path: Path, case: Case) -> None:
    """``sphinx-profile check`` and the build agree on every data and BibTeX case: the
    same (file, line, message) set. Page cases (options, roles) are the build's alone:
    ``check`` reads no page."""
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-corpus", srcdir)
    shutil.copy(CORPUS / case.file, srcdir / case.file)
    if case.file.endswith(".bib"):
        setting = f"profile_bibfiles = [{case.file!r}]"
    elif case.file.startswith(METRICS):
        setting = f"profile_metrics = {case.file!r}\nprofile_metrics_max_age = {METRICS_MAX_AGE}"
        (srcdir / "counts.rst").write_text(METRICS_PAGE)
    else:
        setting = f"profile_data = {case.file!r}"
    with (srcdir / "conf.py").open("a") as conf:
        conf.write(f"\n{setting}\n")
    if case.file.endswith(".bib"):
        (srcdir / "pubs.rst").write_text("Publications\n============\n\n.. publist::\n")
    app = make_app("html", srcdir=srcdir)
    app.build()
    built = set()
    for line in strip_colors(app.warning.getvalue()).splitlines():
        if not (match := WARNING_LINE.match(line)):
            continue
        path, number, message = match.groups()
        if not PAGE_ONLY["bib" if path.endswith(".bib") else "data"].search(message):
            built.add((str(Path(path).resolve()), int(number), message))
    checked = {
        (str(Path(problem.path).resolve()), problem.line, problem.message)
        for problem in check(srcdir).problems
    }
    assert checked == built
