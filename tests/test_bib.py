"""The BibTeX layer: LaTeX to Unicode, names and marks, owner matching, reader BibTeX."""

from __future__ import annotations

import pickle
import re
import sys
from pathlib import Path

import pytest
from sphinx.util.console import strip_colors

from sphinx_profile.check import check
from sphinx_profile.data.bib import (
    MATH_CLOSE,
    MATH_OPEN,
    BibFile,
    latex_to_text,
    merge_bibs,
    parse_annotations,
    parse_bib,
    parse_names,
)
from sphinx_profile.data.names import Spelling, matches_any
from sphinx_profile.data.problems import Problem
from sphinx_profile.data.publications import venue

from .conftest import html, realworld


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
    names, _ = parse_names(
        "Cooke*, Rob and ∗Yadav, Anil and Jishnu Jaykumar P† and others", {2: "†"}
    )
    assert [(n.given, n.family, n.marks) for n in names] == [
        ("Rob", "Cooke", "*"),
        ("Anil", "Yadav", "*†"),
        ("Jishnu Jaykumar", "P", "†"),
        ("", "others", ""),
    ]
    assert names[3].is_others
    particle, _ = parse_names(r"V{\'a}zques{ de }Parga, Mar{\'\i}a and van der Berg, Jan", {})
    assert [n.full for n in particle] == ["María Vázques de Parga", "Jan van der Berg"]


def test_owner_matching() -> None:
    owners = (Spelling.parse("Mingze Wang"),)
    assert all(owners)
    same, _ = parse_names("M. Wang and Wang, Mingze and Mingze Wang and W{\\'a}ng, Mingze", {})
    assert [matches_any(n, owners) for n in same] == [True, True, True, True]  # type: ignore[arg-type]
    other, _ = parse_names("Yuqing Wang and Wang, Y. and M. Wong and J. P", {})
    assert not any(matches_any(n, owners) for n in other)  # type: ignore[arg-type]


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


def test_a_name_pybtex_refuses_is_shown_as_written_with_a_warning(tmp_path: Path) -> None:
    records, problems = parse_text(
        tmp_path,
        "\n@misc{commas, title={T}, year=2020,\n"
        "  author={Roe, Ada and de la Mer, Jo, Jr, Sr and Poe, Bo}}\n",
    )
    authors = records.entries["commas"].authors
    assert [name.full for name in authors] == ["Ada Roe", "de la Mer, Jo, Jr, Sr", "Bo Poe"]
    assert [(p.line, p.message) for p in problems] == [
        (2, "commas: author: Too many commas in 'de la Mer, Jo, Jr, Sr'; shown as written")
    ]


def test_a_macro_bomb_is_cut_short_and_the_rest_of_the_file_is_read(tmp_path: Path) -> None:
    """Each macro two copies of the one before: 0.8 GB and seconds unless bounded."""
    bomb = "".join(f"@string{{b{n} = b{n - 1} # b{n - 1}}}\n" for n in range(1, 27))
    records, problems = parse_text(
        tmp_path,
        "@string{b0 = {boom }}\n@string{venue = {Bomb Review}}\n"
        f"{bomb}"
        "@article{after, author={Ann Author}, title={After}, year=2020,\n"
        "  journal=venue # { } # b2}\n",
    )
    assert records.entries["after"].fields["journal"] == "Bomb Review boom boom boom boom"
    assert problems, "the bomb is reported"
    for problem in problems:  # in the bomb, not at the entry after it
        assert 3 < problem.line < 29
        assert re.fullmatch(
            r"BibTeX @string expansion too large: 'b\d+' would pass the file's limit for"
            r" macro expansion \(a macro bomb\?\); left empty",
            problem.message,
        )


@pytest.mark.parametrize("mark", ["*", "†", "‡"])
def test_long_runs_of_marks_are_read_in_linear_time(tmp_path: Path, mark: str) -> None:
    """A run of marks glued inside a word is text. The regexes this replaced took
    seconds per 10,000 marks, backtracking through the run from each of its marks."""
    run = mark * 20_000
    records, problems = parse_text(
        tmp_path,
        f"@misc{{long, title={{T}}, year=2020, author={{Wang{run}Li, Ann and Chen{mark}, Bo}}}}\n",
    )
    first, second = records.entries["long"].authors
    assert (first.family, first.marks) == (f"Wang{run}Li", "")
    assert (second.full, second.marks) == ("Bo Chen", mark)
    assert problems == []


def test_names_of_other_shapes_keep_their_marks(tmp_path: Path) -> None:
    names, problems = parse_names(r"Ng† and ∗Yadav, A. and A \& B* and Lee * Kim", {})
    assert [(n.full, n.marks) for n in names] == [
        ("Ng", "†"),
        ("A. Yadav", "*"),
        ("A & B", "*"),
        ("Lee * Kim", ""),  # a mark standing alone is text
    ]
    assert problems == []


def test_the_same_key_in_two_files_is_reported_at_the_second(tmp_path: Path) -> None:
    first = tmp_path / "a.bib"
    first.write_text("@misc{k, title={First}, author={A, B}, year=2020}\n", encoding="utf-8")
    second = tmp_path / "b.bib"
    second.write_text(
        "@misc{other, title={Other}, author={C, D}, year=2021}\n\n"
        "@misc{k, title={Second}, author={E, F}, year=2022}\n",
        encoding="utf-8",
    )
    bibs = [parse_bib(first)[0], parse_bib(second)[0]]
    entries, problems = merge_bibs([*bibs, bibs[0]])  # a file given twice is read once
    assert [(key, entry.fields["title"]) for key, entry in entries.items()] == [
        ("k", "First"),
        ("other", "Other"),
    ]
    assert [str(p) for p in problems] == [
        f"{second}:3: duplicate key 'k' (first in {first}:1); skipped"
    ]


def test_a_site_with_the_same_key_in_two_files_warns_once(make_app, tmp_path: Path) -> None:
    srcdir = tmp_path / "site"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(
        "extensions = ['sphinx_profile']\nprofile_bibfiles = ['a.bib', 'b.bib']\n"
    )
    (srcdir / "a.bib").write_text("@misc{k, title={From A}, author={A, B}, year=2020}\n")
    (srcdir / "b.bib").write_text(
        "@misc{j, title={From B}, author={C, D}, year=2021}\n"
        "@misc{k, title={Also in B}, author={E, F}, year=2022}\n"
    )
    (srcdir / "index.rst").write_text(
        "Home\n====\n\n.. publist::\n\nSee :pub:`k`.\n\n.. publist::\n   :keys: k\n"
    )
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = strip_colors(app.warning.getvalue())
    duplicate = (
        rf"{re.escape(str(srcdir / 'b.bib'))}:2: WARNING: duplicate key 'k' \(first in"
        rf" {re.escape(str(srcdir / 'a.bib'))}:1\); skipped \[profile\.bib\]"
    )
    assert len(re.findall(duplicate, warnings)) == 1, warnings
    # sphinx-profile check says the same
    assert f"{srcdir / 'b.bib'}:2: duplicate key 'k' (first in {srcdir / 'a.bib'}:1); skipped" in [
        str(problem) for problem in check(srcdir).problems
    ]
    text = html(app, "index").get_text()
    assert "From A" in text and "From B" in text and "Also in B" not in text


def test_an_empty_name_is_left_out_with_a_warning(tmp_path: Path) -> None:
    records, problems = parse_text(
        tmp_path,
        "@misc{gap, title={T}, year=2020,\n"
        "  author={Roe, Ada and and Poe, Bo and}, editor={and Ed Itor}}\n",
    )
    entry = records.entries["gap"]
    assert [name.full for name in entry.authors] == ["Ada Roe", "Bo Poe"]
    assert [name.full for name in entry.editors] == ["Ed Itor"]
    empty = "an empty name (an 'and' too many); left out"
    assert [(p.line, p.message) for p in problems] == [
        (1, f"gap: author: {empty}"),
        (1, f"gap: author: {empty}"),
        (1, f"gap: editor: {empty}"),
    ]
    assert "author = {Roe, Ada and Poe, Bo}" in entry.bibtex


def test_a_trailing_comma_in_a_venue_field_is_left_out(tmp_path: Path) -> None:
    records, problems = parse_text(
        tmp_path,
        "@article{tc, title={Comma, Please,}, author={Roe, Ada}, year=2020,\n"
        "  journal={Phys. Rev.,}, volume={47, }, pages={1--2,}}\n",
    )
    entry = records.entries["tc"]
    assert venue(entry) == "Phys. Rev., 47, 1–2"
    assert entry.fields["title"] == "Comma, Please,"  # not a venue part: as written
    assert problems == []


@pytest.mark.parametrize("invisible", ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])
def test_invisible_characters_do_not_hide_the_owner(tmp_path: Path, invisible: str) -> None:
    records, _ = parse_text(
        tmp_path,
        "@misc{a, title={T}, year=2020,\n"
        f"  author={{Ming{invisible}ze Wang and Wang{invisible}, M.}}}}\n",
    )
    owners = (Spelling.parse("Mingze Wang"), Spelling.parse(f"Min{invisible}gze Wa{invisible}ng"))
    assert all(owners)
    for owner in owners:
        assert [matches_any(name, (owner,)) for name in records.entries["a"].authors] == [  # type: ignore[arg-type]
            True,
            True,
        ]


def test_simple_looking_names_are_still_decoded(tmp_path: Path) -> None:
    records, problems = parse_text(
        tmp_path,
        "@misc{a, title={T}, year=2020,\n"
        "  author={Knuth, D.~E. and Jean--Luc Picard and Ada ``Countess'' Lovelace}}\n",
    )
    assert [n.full for n in records.entries["a"].authors] == [
        "D. E. Knuth",
        "Jean–Luc Picard",
        "Ada “Countess” Lovelace",
    ]
    assert problems == []


def test_a_utf8_file_with_latin1_lines_keeps_its_utf8(tmp_path: Path) -> None:
    bib = tmp_path / "mixed.bib"
    bib.write_bytes(
        "@misc{a, title={Zoë and Łukasz}, author={Brontë, Zoë}, year=2020,\n".encode()
        + b"  note={Caf\xe9 cr\xe8me}}\n"
        + "@misc{b, title={Señal}, author={Núñez, Íñigo}, year=2021,\n".encode()
        + b"  address={S\xe3o Paulo}}\n"
    )
    records, problems = parse_bib(bib)
    a, b = records.entries.values()
    assert (a.fields["title"], a.authors[0].full, a.fields["note"]) == (
        "Zoë and Łukasz",
        "Zoë Brontë",
        "Café crème",
    )
    assert (b.authors[0].full, b.fields["address"]) == ("Íñigo Núñez", "São Paulo")
    assert [str(p) for p in problems] == [
        f"{bib}:2: not valid UTF-8; this line and 1 more read as Latin-1 (save the file as UTF-8)"
    ]


def test_the_real_lsst_file_keeps_its_accents() -> None:
    """UTF-8 but for two Latin-1 lines: read whole as Latin-1, its accents were mojibake
    ("E.~GarcÃ\xada-Berro"), and its ``~`` between initials and family names stayed."""
    records, problems = parse_bib(realworld("large_lsst-texmf_gaia_livelink_valid.bib"))
    names = {name.full for entry in records.entries.values() for name in entry.authors}
    assert {"E. García-Berro", "W. O\u2019Mullane", "J. Castañeda"} <= names
    texts = [
        *names,
        *(value for entry in records.entries.values() for value in entry.fields.values()),
    ]
    assert not [text for text in texts if re.search("[ÃÂâ~]", text)]
    encoding = [p for p in problems if "UTF-8" in p.message]
    assert [(p.line, p.message) for p in encoding] == [
        (6454, "not valid UTF-8; this line and 1 more read as Latin-1 (save the file as UTF-8)")
    ]
