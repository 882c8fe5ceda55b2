"""Property-based tests: random profile data and BibTeX never crash, never become markup.

Two layers. The data layer (loader + validator) gets arbitrary bytes and arbitrary
JSON-like values in every format, many times, because it is fast. The full stack (a
real Sphinx build of a ``profile`` card on an rST and a MyST page) gets fewer
examples, each checking that the build ends, the HTML parses, no markup from the
data appears, and every text value the card shows appears in it, escaped. Random
BibTeX entries (braces, commands, math, HTML, control characters in any field) go
through a publist on an rST and a MyST page the same way: every entry the parser
reads is shown once, with its title and authors, and a title and names without
BibTeX syntax arrive exactly as written.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from io import StringIO
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from sphinx_profile.data.bib import MATH_OPEN, parse_bib
from sphinx_profile.data.loader import SUFFIXES, load_file
from sphinx_profile.data.schema import BASICS, SECTIONS, Kind, validate

from .conftest import ROOTS, html
from .test_corpus import assert_no_markup_from_data

#: Text as researchers (and attackers) write it: HTML, quotes, Unicode, control characters.
hostile_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "javascript:alert(1)",
            "java\tscript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "&amp; &lt;b&gt;",
            "Zoë Ñúñez 王明泽 محمد",
            "\u202eevil\u202c",
            "x\x00y\x1bz",
        ]
    ),
    st.builds(lambda a, b: f"{a}<b>{b}</b>", st.text(max_size=10), st.text(max_size=10)),
)
dates = st.one_of(
    st.dates().map(str),
    st.from_regex(r"\A\d{4}(-\d{1,2}(-\d{1,2})?)?\Z"),
    st.sampled_from(["present", "2023-02-30", "2019-13", "0000", "soon"]),
)
scalars = st.one_of(
    hostile_text, dates, st.integers(), st.floats(), st.booleans(), st.none(), st.dates()
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def field_value(kind: Kind) -> st.SearchStrategy[Any]:
    """Mostly what the schema asks for, sometimes anything at all."""
    right = {
        Kind.DATE: dates,
        Kind.END_DATE: dates,
        Kind.TEXT_LIST: st.lists(hostile_text, max_size=3),
        Kind.MARKUP_LIST: st.lists(hostile_text, max_size=3),
        Kind.OBJECT: st.dictionaries(st.sampled_from(["city", "region"]), hostile_text),
        Kind.OBJECT_LIST: st.lists(
            st.fixed_dictionaries({"network": hostile_text, "url": hostile_text}), max_size=2
        ),
    }.get(kind, hostile_text)
    return st.one_of(*[right] * 15, values)


def records(spec: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """The required fields, any subset of the others, sometimes an unknown key."""
    fields = {name: field_value(field.kind) for name, field in spec.items()}
    required = {name: fields.pop(name) for name, field in spec.items() if field.required}
    return st.fixed_dictionaries(required, optional={**fields, "unknownKey": values})


profiles = st.fixed_dictionaries(
    {"basics": records(BASICS)},
    optional={
        name: st.lists(records(SECTIONS[name]), max_size=2) for name in ("work", "news", "awards")
    },
)


def visible(text: str) -> str:
    """Text as HTML can carry it: no control characters, one kind of line break."""
    return "".join(
        c for c in text.replace("\r", "\n") if c in "\t\n" or c.isprintable() or c == " "
    )


def dump(data: Any, suffix: str) -> str:
    if suffix == ".json":
        return json.dumps(data, default=str, ensure_ascii=False)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@settings(max_examples=150, deadline=None)
@given(raw=st.binary(max_size=300), suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_load_without_exception(raw: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, f"profile{suffix}")
        path.write_bytes(raw)
        profile = validate(load_file(path))
    assert all(problem.line >= 0 for problem in profile.problems)


@settings(max_examples=150, deadline=None)
@given(data=values, suffix=st.sampled_from([".yaml", ".json"]))
def test_any_values_validate_without_exception(data: Any, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, f"profile{suffix}")
        path.write_text(dump(data, suffix), encoding="utf-8")
        profile = validate(load_file(path))
    for problem in profile.problems:
        assert problem.line >= 1, problem  # every problem is located


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=profiles, suffix=st.sampled_from([".yaml", ".json"]))
@example(data={"basics": {"pronouns": "0"}}, suffix=".yaml")  # no name: still the pronouns
def test_random_profiles_build_and_escape(data: dict[str, Any], suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        srcdir = Path(tmp, "site")
        shutil.copytree(ROOTS / "test-corpus", srcdir)
        (srcdir / f"profile{suffix}").write_text(dump(data, suffix), encoding="utf-8")
        app = SphinxTestApp(
            "html",
            srcdir=srcdir,
            confoverrides={"profile_data": f"profile{suffix}", "smartquotes": False},
            status=StringIO(),
            warning=StringIO(),
        )
        try:
            app.build()
            profile = validate(load_file(srcdir / f"profile{suffix}"))
            for page in ("index", "myst"):
                soup = html(app, page)
                assert_no_markup_from_data(soup)
                event("card shown" if profile.basics else "basics skipped")
                if profile.basics is None:
                    assert profile.problems, "data is only dropped with a warning"
                    continue
                card = soup.select_one(".sp-profile")
                assert card is not None
                shown = card.get_text()
                for name in ("name", "label", "pronouns"):
                    value = profile.basics.text(name)
                    assert visible(value) in visible(shown), (name, value)
        finally:
            app.cleanup()


# ---- BibTeX ----------------------------------------------------------------------

#: Text with no BibTeX or LaTeX syntax: it must reach the page exactly, escaped.
plain_text = st.text(
    st.characters(
        categories=["L", "N", "Zs", "Po", "Sm", "So"], exclude_characters="\\{}$%#~'`-@\""
    ),
    max_size=30,
).map(lambda text: " ".join(text.split()))
PLAIN = re.compile(r"[^\\{}$%#~'`\-@\"\x00-\x1f\x7f-\x9f]*")
#: Values as BibTeX files hold them: braces (also unbalanced), commands, math, HTML.
latex_text = st.one_of(
    hostile_text,
    st.text(st.sampled_from(list("{}\\$^_&%#~'`\"-@ \nabcXYZ<>é王")), max_size=30),
    st.sampled_from(
        [
            r"Sch{\"o}dinger -- a---b",
            r"$\alpha < \beta$ and $x^2$",
            r"\emph{<script>alert(1)</script>}",
            r"\url{javascript:alert(1)}",
            r"{\bf unclosed",
            r"closed too early}",
            r"\ensuremath{\mu}\&\%",
        ]
    ),
)
name_part = st.builds(
    lambda first, rest: first + rest,
    st.characters(categories=["Lu"]),
    st.text(st.characters(categories=["Ll"]), max_size=8),
)
bib_entries = st.lists(
    st.fixed_dictionaries(
        {
            "key": st.from_regex(r"\A[a-z][a-z0-9]{0,8}\Z"),
            "type": st.sampled_from(["article", "inproceedings", "misc", "phdthesis", "book"]),
            "title": st.one_of(plain_text, latex_text),
            "authors": st.lists(st.tuples(name_part, name_part), max_size=4),
        },
        optional={
            name: latex_text
            for name in ("journal", "booktitle", "note", "abstract", "url", "pubstate", "abbr")
        }
        | {"year": st.one_of(st.integers(1900, 2100).map(str), latex_text)},
    ),
    max_size=5,
    unique_by=lambda entry: entry["key"],
)


def bibtex(entries: list[dict[str, Any]]) -> str:
    """The entries as a ``.bib`` file, each value in braces exactly as generated."""
    out = []
    for entry in entries:
        names = " and ".join(f"{family}, {given}" for given, family in entry["authors"])
        fields = {"title": entry["title"], "author": names}
        fields.update((k, v) for k, v in entry.items() if k not in ("key", "type", "authors"))
        body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields.items())
        out.append(f"@{entry['type']}{{{entry['key']},\n{body}}}\n")
    return "\n".join(out)


def collapsed(text: str) -> str:
    return " ".join(visible(text).split())


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(entries=bib_entries)
def test_random_bibtex_builds_and_escapes(entries: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        srcdir = Path(tmp, "site")
        shutil.copytree(ROOTS / "test-corpus", srcdir)
        (srcdir / "random.bib").write_text(bibtex(entries), encoding="utf-8")
        directive = ":bibfiles: random.bib\n:group-by: type\n"
        (srcdir / "pubs.rst").write_text(
            "Pubs\n====\n\n.. publist::\n"
            + "".join(f"   {line}\n" for line in directive.split("\n") if line)
        )
        (srcdir / "pubs-myst.md").write_text(f"# Pubs\n\n```{{publist}}\n{directive}```\n")
        app = SphinxTestApp(
            "html",
            srcdir=srcdir,
            confoverrides={"smartquotes": False},
            status=StringIO(),
            warning=StringIO(),
        )
        try:
            app.build()
            assert "Traceback" not in app.warning.getvalue()
            records, problems = parse_bib(srcdir / "random.bib")
            for page in ("pubs", "pubs-myst"):
                soup = html(app, page)
                assert_no_markup_from_data(soup)
                shown = {item["id"]: item for item in soup.select("li.sp-entry")}
                assert set(shown) == set(records.entries)  # every parsed entry, once
                for key, record in records.entries.items():
                    text = collapsed(shown[key].get_text())
                    title = record.fields.get("title", "")
                    if MATH_OPEN not in title:
                        assert collapsed(title or key) in text, (key, title)
                    for name in record.authors:
                        assert collapsed(name.full) in text, (key, name)
            broken = {problem.line for problem in problems}
            for entry in entries:  # what has no BibTeX syntax arrives exactly as written
                record = records.entries.get(entry["key"])
                if record and record.line not in broken and PLAIN.fullmatch(entry["title"]):
                    assert record.fields.get("title", "") == " ".join(entry["title"].split())
                    assert [(n.given, n.family) for n in record.authors] == entry["authors"]
        finally:
            app.cleanup()
