"""Property-based tests: random profile data never crashes and never becomes markup.

Two layers. The data layer (loader + validator) gets arbitrary bytes and arbitrary
JSON-like values in every format, many times, because it is fast. The full stack (a
real Sphinx build of a ``profile`` card on an rST and a MyST page) gets fewer
examples, each checking that the build ends, the HTML parses, no markup from the
data appears, and every text value the card shows appears in it, escaped.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from io import StringIO
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

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
