"""Simple inline math as Unicode text (no MathJax), complex math left as its source."""
# ruff: noqa: RUF001 (the expected output is Unicode math: minus signs, primes)

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinx_profile.data.bib import MATH_CLOSE, MATH_OPEN, parse_bib, readable
from sphinx_profile.data.mathtext import MathPiece, math_to_unicode, unsafe_math

from .conftest import realworld


def shown(source: str) -> str | None:
    """The pieces as one string, scripts written ``^x`` / ``_x``, or None."""
    pieces = math_to_unicode(source)
    if pieces is None:
        return None
    marks = {"text": "", "sup": "^", "sub": "_"}
    return "|".join(marks[piece.kind] + piece.text for piece in pieces)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (r"\Delta T", "ΔT"),  # TeX swallows the space after a command
        (r"\alpha\beta\Omega", "αβΩ"),
        (r"\epsilon, \varepsilon, \phi, \varphi", "ϵ, ε, ϕ, φ"),
        (r"x^2", "x|^2"),
        (r"x_{i}^{ 2 }", "x|_i|^2"),
        (r"e^{-x}", "e|^−x"),
        (r"T_\mathrm{eff}", "T|_eff"),
        (r"H_2O", "H|_2|O"),
        (r"O(n \log n)", "O(n log n)"),
        (r"\log(x)", "log(x)"),
        (r"a \leq b \to c", "a ≤ b → c"),
        (r"a\times b\pm c \approx d", "a×b±c ≈ d"),
        (r"A \Rightarrow B \iff C", "A ⇒ B ⟺ C"),
        (r"10^{\circ}", "10°"),
        (r"f'(x)", "f′(x)"),
        (r"\mathbb{R}^n", "ℝ|^n"),
        (r"\sqrt{2}", "√2"),
        (r"\sqrt{n+1}", "√(n+1)"),
        (r"\text{km s}^{-1}", "km s|^−1"),
        (r"\left( x \right)", "( x )"),
        (r"\ell_1, \infty, \partial", "ℓ|_1|, ∞, ∂"),
        (r"50\%", "50%"),
    ],
)
def test_simple_math_becomes_unicode(source: str, expected: str) -> None:
    assert shown(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        r"\frac{1}{2}",
        r"\mathcal{O}(n)",
        r"x^{a^b}",  # scripts of scripts
        r"\sqrt[3]{x}",
        r"\begin{matrix} a & b \end{matrix}",
        r"\mathbb{K}",
        r"\text{\alpha}",
        "{",
        "}",
        "x^",
        r"\unknowncommand",
    ],
)
def test_complex_math_is_refused(source: str) -> None:
    assert math_to_unicode(source) is None


def test_pieces_are_typed() -> None:
    assert math_to_unicode("x^2") == (MathPiece("x"), MathPiece("2", "sup"))


def test_readable_text_for_search_and_alt_text() -> None:
    title = f"Emulating the {MATH_OPEN}\\Delta T{MATH_CLOSE} of {MATH_OPEN}\\frac12{MATH_CLOSE}"
    assert readable(title) == "Emulating the ΔT of $\\frac12$"
    assert readable(f"{MATH_OPEN}x_i^2{MATH_CLOSE}") == "x_i^2"
    assert readable("no math") == "no math"


@given(st.text(alphabet="\\{}^_ $&#%'-~abcxyzDelta0123", max_size=40))
def test_never_raises(source: str) -> None:
    pieces = math_to_unicode(source)
    assert pieces is None or all(piece.text for piece in pieces)


@pytest.mark.parametrize(
    ("source", "refused"),
    [
        (r"\alpha + \frac{1}{2} \le \sqrt{x_1}", None),
        (r"\mathcal{O}(n \log n)", None),
        (r"\begin{pmatrix} a & b \end{pmatrix}", None),
        (r"\input{/etc/hostname}", r"\input"),
        (r"x \href{javascript:alert(1)}{y}", r"\href"),
        (r"\csname input\endcsname", r"\csname"),
        (r"^^5cinput{x}", "^^"),
        (r"\begin{filecontents}{x.tex}", r"\begin{filecontents}"),
        (r"\mymacro", r"\mymacro"),
    ],
)
def test_data_math_may_only_typeset(source: str, refused: str | None) -> None:
    assert unsafe_math(source) == refused


def test_every_formula_of_the_real_files_may_be_typeset() -> None:
    bibs = sorted(realworld().glob("*.bib"))
    formulas = [
        part
        for bib in bibs
        for entry in parse_bib(bib)[0].entries.values()
        for value in entry.fields.values()
        for part in re.findall(f"{MATH_OPEN}(.*?){MATH_CLOSE}", value)
    ]
    assert len(formulas) > 50
    assert [(part, unsafe_math(part)) for part in formulas if unsafe_math(part)] == []
