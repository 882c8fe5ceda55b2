"""The BibTeX layer: LaTeX to Unicode, names and marks, owner matching, reader BibTeX."""

from __future__ import annotations

import pickle
import sys
from pathlib import Path

import pytest

from sphinx_profile.data.bib import (
    MATH_CLOSE,
    MATH_OPEN,
    BibFile,
    OwnerName,
    latex_to_text,
    matches_owner,
    parse_annotations,
    parse_bib,
    parse_names,
)
from sphinx_profile.data.problems import Problem


def parse_text(tmp_path: Path, text: str) -> tuple[BibFile, list[Problem]]:
    """``text`` parsed as a UTF-8 ``.bib`` file."""
    bib = tmp_path / "refs.bib"
    bib.write_text(text, encoding="utf-8")
    return parse_bib(bib)


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"Sch{\"o}dinger -- a---b", "Schödinger – a—b"),
        (r"{T}ackling {A}{G}{I}{S}", "Tackling AGIS"),
        (r"Smith \& Sons, 50\%", "Smith & Sons, 50%"),
        (r"\mkbibquote{hi} \emph{there}", "“hi” there"),
        (r"costs \$5", "costs $5"),
        (r"the $x^2$ law", f"the {MATH_OPEN}x^2{MATH_CLOSE} law"),
        (r"D\O{} \ensuremath{\mu}", f"DØ {MATH_OPEN}\\mu{MATH_CLOSE}"),
        # a bare % is text in a BibTeX value, not a LaTeX comment eating the rest
        ("accuracy of 99% -- on 54% of data", "accuracy of 99% – on 54% of data"),
        (r"139 fb$^{-1}$ of p{\'e}p", f"139 fb{MATH_OPEN}^{{-1}}{MATH_CLOSE} of pép"),
    ],
)
def test_latex_to_text(latex: str, text: str) -> None:
    assert latex_to_text(latex) == text


def test_names_marks_and_annotations() -> None:
    names = parse_names("Cooke*, Rob and ∗Yadav, Anil and Jishnu Jaykumar P† and others", {2: "†"})
    assert [(n.given, n.family, n.marks) for n in names] == [
        ("Rob", "Cooke", "*"),
        ("Anil", "Yadav", "*†"),
        ("Jishnu Jaykumar", "P", "†"),
        ("", "others", ""),
    ]
    assert names[3].is_others
    particle = parse_names(r"V{\'a}zques{ de }Parga, Mar{\'\i}a and van der Berg, Jan", {})
    assert [n.full for n in particle] == ["María Vázques de Parga", "Jan van der Berg"]


def test_owner_matching() -> None:
    owners = (OwnerName.parse("Mingze Wang"),)
    assert all(owners)
    same = parse_names("M. Wang and Wang, Mingze and Mingze Wang and W{\\'a}ng, Mingze", {})
    assert [matches_owner(n, owners) for n in same] == [True, True, True, True]  # type: ignore[arg-type]
    other = parse_names("Yuqing Wang and Wang, Y. and M. Wong and J. P", {})
    assert not any(matches_owner(n, owners) for n in other)  # type: ignore[arg-type]


def test_records_are_small_and_picklable(tmp_path: Path) -> None:
    records, problems = parse_text(
        tmp_path,
        "---\n---\n@string{j = {Journal}}\n\n"
        "@article{a, author={Doe*, Jane}, title={T}, journal=j, year=2020, selected={true},"
        " altmetric={1}, abbr={J}}\n"
        "@article{a, title={Again}}\n"
        "@misc{b, title={Broken\n",
    )
    # a broken entry keeps what could be read, with a located warning
    assert list(records.entries) == ["a", "b"]
    entry = records.entries["a"]
    assert (entry.line, entry.fields["journal"], entry.selected) == (5, "Journal", True)
    assert entry.bibtex == (
        "@article{a,\n  author = {Doe, Jane},\n  title = {T},\n  journal = {Journal},\n"
        "  year = {2020},\n}"
    )
    assert [(p.line, p.message.split(" (")[0]) for p in problems][:1] == [(6, "duplicate key 'a'")]
    assert any("syntax" in p.message for p in problems)
    assert pickle.loads(pickle.dumps(records)) == records
    # field names and types are shared (interned) strings, not one copy per entry
    for record in records.entries.values():
        assert all(name is sys.intern(name) for name in (record.type, *record.fields))


def test_annotations_keep_the_good_parts_and_say_what_was_ignored() -> None:
    assert parse_annotations("1=equal; 2=equal,corresponding; 3:family=‡") == (
        {1: "*", 2: "*†", 3: "‡"},
        [],
    )
    assert parse_annotations("1=equal, 2=equal")[0] == {1: "*", 2: "*"}
    marks, ignored = parse_annotations("0=equal; x=corresponding; 2=frobnicated; =equal")
    assert marks == {}
    assert ignored == [
        "'0' is not a name's number",
        "'x' is not a name's number",
        "unknown annotation 'frobnicated' (known: equal, corresponding, or a mark)",
        "'' is not a name's number",
    ]


def test_biblatex_date_gives_the_year(tmp_path: Path) -> None:
    records, problems = parse_text(
        tmp_path, "@online{a, title={A}, author={B, C}, date={2021-06-01}}\n"
    )
    assert records.entries["a"].year == "2021"
    assert problems == []


def test_unclosed_entry_is_located_where_it_starts_and_the_rest_is_read(tmp_path: Path) -> None:
    records, problems = parse_text(
        tmp_path,
        "@string{jx = {Journal X}}\n"
        "@article{broken, author = {A, B}, title = {Open {brace},\n  year = 2020}\n"
        "@article{after, author = {C, D}, title = {After}, journal = jx, year = 2021}\n"
        "@article{last, author = {E, F}, title = {Last}, year = 2022}\n",
    )
    assert list(records.entries) == ["broken", "after", "last"]
    assert records.entries["broken"].authors[0].family == "A"  # fields before the break kept
    assert records.entries["after"].fields["journal"] == "Journal X"  # @string survives
    assert [(p.line, p.message) for p in problems] == [
        (2, "BibTeX syntax error: entry 'broken' is not closed before the next entry at line 4")
    ]


def test_control_and_marker_characters_never_reach_the_output(tmp_path: Path) -> None:
    """Found by the property tests: docutils reads NUL + space as an escaped space and
    drops both, and the private-use characters are the parser's own math markers."""
    records, problems = parse_text(
        tmp_path, "@misc{a, title={0\x00\r0 \ue000x\ue001}, author={B, C}, year={2020}}\n"
    )
    assert records.entries["a"].fields["title"] == "0 0 x"
    assert problems == []


def test_biblatex_containers_are_not_publications(tmp_path: Path) -> None:
    records, problems = parse_text(
        tmp_path,
        "@set{both, entryset = {a,b}, annotation = {A set.}}\n"
        "@xdata{pub, publisher = {Press}, location = {Here}}\n"
        "@book{a, title = {A}, author = {Ann Author}, year = 2020, xdata = {pub}}\n"
        "@book{b, title = {B}, author = {Bo Author}, year = 2021}\n",
    )
    assert list(records.entries) == ["a", "b"]
    assert problems == []
