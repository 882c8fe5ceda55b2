"""Simple inline LaTeX math as readable Unicode text, so a site needs no MathJax.

BibTeX titles and abstracts use math mostly for a symbol or two (``$\\Delta T$``,
``$O(n^2)$``, ``$\\alpha$-divergence``). Loading a JavaScript typesetter from a CDN
for that would break the promise that a site works offline, and typesetting at
write time would need a TeX installation. Instead the common cases become Unicode
text with superscripts and subscripts; anything this small reader does not know
(fractions, roots of expressions, matrices, unknown commands) is reported as
``None``, and the renderer shows the LaTeX source as it is, which is honest and
still readable. The LaTeX builder keeps real math and never comes here.
"""

# ruff: noqa: RUF001, RUF003 (look-alike characters, such as the minus sign, are the output here)
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

# fmt: off
#: The Greek letters in Unicode order (from U+03B1 and, capitalised, from U+0391;
#: the capitals have no final sigma).
_GREEK = (
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
    "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "varsigma", "sigma", "tau",
    "upsilon", "phi", "chi", "psi", "omega",
)
# fmt: on
#: Symbol commands → Unicode: Greek letters, operators, relations, arrows, dots.
SYMBOLS = {
    **{name: chr(0x3B1 + index) for index, name in enumerate(_GREEK)},
    **{
        name.capitalize(): chr(0x391 + index)
        for index, name in enumerate(_GREEK)
        if name != "varsigma"
    },
    "varepsilon": "ε",
    "epsilon": "ϵ",
    "vartheta": "ϑ",
    "varphi": "φ",
    "phi": "ϕ",
    "varpi": "ϖ",
    "varrho": "ϱ",
    "varkappa": "ϰ",
    "ell": "ℓ",
    "hbar": "ℏ",
    "infty": "∞",
    "partial": "∂",
    "nabla": "∇",
    "emptyset": "∅",
    "varnothing": "∅",
    "forall": "∀",
    "exists": "∃",
    "neg": "¬",
    "prime": "′",
    "circ": "∘",
    "degree": "°",
    "star": "⋆",
    "ast": "∗",
    "times": "×",
    "cdot": "·",
    "div": "÷",
    "pm": "±",
    "mp": "∓",
    "oplus": "⊕",
    "otimes": "⊗",
    "wedge": "∧",
    "land": "∧",
    "vee": "∨",
    "lor": "∨",
    "cup": "∪",
    "cap": "∩",
    "setminus": "∖",
    "sum": "∑",
    "prod": "∏",
    "int": "∫",
    "oint": "∮",
    "leq": "≤",
    "le": "≤",
    "geq": "≥",
    "ge": "≥",
    "neq": "≠",
    "ne": "≠",
    "approx": "≈",
    "sim": "∼",
    "simeq": "≃",
    "cong": "≅",
    "equiv": "≡",
    "propto": "∝",
    "ll": "≪",
    "gg": "≫",
    "in": "∈",
    "notin": "∉",
    "ni": "∋",
    "subset": "⊂",
    "subseteq": "⊆",
    "supset": "⊃",
    "supseteq": "⊇",
    "mid": "∣",
    "parallel": "∥",
    "perp": "⊥",
    "to": "→",
    "rightarrow": "→",
    "gets": "←",
    "leftarrow": "←",
    "leftrightarrow": "↔",
    "Rightarrow": "⇒",
    "Leftarrow": "⇐",
    "Leftrightarrow": "⇔",
    "implies": "⟹",
    "iff": "⟺",
    "mapsto": "↦",
    "uparrow": "↑",
    "downarrow": "↓",
    "langle": "⟨",
    "rangle": "⟩",
    "lfloor": "⌊",
    "rfloor": "⌋",
    "lceil": "⌈",
    "rceil": "⌉",
    "vert": "|",
    "Vert": "‖",
    "|": "‖",
    "ldots": "…",
    "dots": "…",
    "cdots": "⋯",
    "{": "{",
    "}": "}",
    "%": "%",
    "&": "&",
    "$": "$",
    "_": "_",
    "#": "#",
    ",": "\u2009",
    ":": "\u2005",
    ";": "\u2004",
    " ": " ",
    "!": "",
    "quad": "\u2003",
    "qquad": "\u2003\u2003",
    "left": "",
    "right": "",
}
# fmt: off
#: Operator names, set upright and followed by a space, as TeX spaces them.
FUNCTIONS = frozenset((
    "log", "ln", "lg", "exp", "sin", "cos", "tan", "sinh", "cosh", "tanh", "arcsin",
    "arccos", "arctan", "max", "min", "sup", "inf", "lim", "det", "dim", "ker", "arg",
    "deg", "gcd", "Pr",
))
#: Commands whose braced argument is text; the style (roman, bold...) is dropped.
TEXT_COMMANDS = frozenset((
    "text", "textrm", "textnormal", "textit", "textbf", "textsf", "texttt", "mathrm",
    "mathit", "mathbf", "mathsf", "mathtt", "mathnormal", "operatorname", "boldsymbol", "bm",
))
# fmt: on
#: ``\mathbb`` letters that have a Unicode character of their own.
BLACKBOARD = {"C": "ℂ", "E": "𝔼", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"}
#: Plain characters that read better as their mathematical Unicode form.
CHARACTERS = {"-": "−", "'": "′", "~": "\u00a0", "*": "∗"}

_TOKEN = re.compile(r"\\[A-Za-z]+\s*|\\.|\s+|.", re.DOTALL)

Kind = Literal["text", "sup", "sub"]


@dataclass(frozen=True, slots=True)
class MathPiece:
    """A run of text, set normally or as a superscript or subscript."""

    text: str
    kind: Kind = "text"


class _TooComplexError(Exception):
    """The formula uses something this reader does not render; show the source."""


def math_to_unicode(source: str) -> tuple[MathPiece, ...] | None:
    """``source`` (LaTeX math, without ``$``) as text pieces, or ``None`` if too complex."""
    tokens = _TOKEN.findall(source)
    tokens.reverse()  # popped from the end, in reading order
    try:
        pieces = _sequence(tokens, in_script=False)
        if tokens:  # a "}" without its "{"
            raise _TooComplexError
    except _TooComplexError:
        return None
    return _merge(pieces)


def _sequence(tokens: list[str], in_script: bool) -> list[MathPiece]:
    """Pieces up to the end or the ``}`` that closes the current group (left unread)."""
    pieces: list[MathPiece] = []
    while tokens and tokens[-1] != "}":
        token = tokens.pop()
        if token in {"^", "_"}:
            if in_script:
                raise _TooComplexError  # scripts of scripts need real typesetting
            text = "".join(piece.text for piece in _argument(tokens, in_script=True)).strip()
            if token == "^" and text in {"∘", "°"}:
                pieces.append(MathPiece("°"))
            elif token == "^" and text == "′":
                pieces.append(MathPiece(text))
            else:
                pieces.append(MathPiece(text, "sup" if token == "^" else "sub"))
        else:
            after_space = bool(pieces) and pieces[-1].text.endswith(" ")
            pieces += _atom(token, tokens, in_script, after_space)
    return pieces


def _argument(tokens: list[str], in_script: bool) -> list[MathPiece]:
    """One argument: a braced group or the next single token (spaces skipped)."""
    while tokens and tokens[-1].isspace():
        tokens.pop()
    if not tokens or tokens[-1] == "}":
        raise _TooComplexError
    token = tokens.pop()
    if token == "{":
        return _group(tokens, in_script)
    return _atom(token, tokens, in_script)


def _group(tokens: list[str], in_script: bool) -> list[MathPiece]:
    """The rest of a group whose ``{`` has been read."""
    pieces = _sequence(tokens, in_script)
    if not tokens:
        raise _TooComplexError  # a "{" without its "}"
    tokens.pop()
    return pieces


def _atom(
    token: str, tokens: list[str], in_script: bool, after_space: bool = False
) -> list[MathPiece]:
    """One token that is not a script marker: a symbol, a command with arguments, text."""
    if token == "{":
        return _group(tokens, in_script)
    if token.isspace():
        return [MathPiece(" ")]
    if not token.startswith("\\"):
        if token in {"&", "#", "%"}:
            raise _TooComplexError  # alignment and parameters belong to environments
        return [MathPiece(CHARACTERS.get(token, token))]
    name = token[1:].rstrip() or token[1:]
    if name in TEXT_COMMANDS:
        return [MathPiece(_literal_argument(tokens))]
    if name == "mathbb":
        letter = _literal_argument(tokens)
        if letter not in BLACKBOARD:
            raise _TooComplexError
        return [MathPiece(BLACKBOARD[letter])]
    if name == "sqrt":
        if tokens and tokens[-1] == "[":
            raise _TooComplexError  # n-th roots
        inner = "".join(piece.text for piece in _argument(tokens, in_script))
        return [MathPiece("√" + (inner if len(inner) == 1 else f"({inner})"))]
    if name in FUNCTIONS:  # "log n", "log(n)": a space only before a letter or digit
        spaced = bool(tokens) and re.match(r"\\?[A-Za-z0-9]", tokens[-1]) is not None
        return [MathPiece(name + " " * spaced)]
    if name in {"left", "right"} and tokens and tokens[-1] == ".":
        tokens.pop()  # the invisible delimiter
    if name in SYMBOLS:
        # TeX swallows the space after a command ("\\Delta T" is ΔT, "a\\times b" is a×b),
        # but spaces the writer put around a relation ("a \\leq b") read better kept
        symbol = SYMBOLS[name]
        spaced = after_space and token[-1].isspace() and not symbol.isalpha()
        return [MathPiece(symbol + " " * spaced)]
    raise _TooComplexError


def _literal_argument(tokens: list[str]) -> str:
    """The braced text argument of ``\\text`` and its kin, its spaces kept."""
    while tokens and tokens[-1].isspace():
        tokens.pop()
    if not tokens:
        raise _TooComplexError
    if tokens.pop() != "{":
        raise _TooComplexError
    text = ""
    while tokens and tokens[-1] != "}":
        token = tokens.pop()
        if token == "{" or re.match(r"\\[A-Za-z]", token):
            raise _TooComplexError  # nested groups and commands inside text
        text += token[1:] if token.startswith("\\") else token  # \& \_ \%
    if not tokens:
        raise _TooComplexError
    tokens.pop()
    return text


def _merge(pieces: list[MathPiece]) -> tuple[MathPiece, ...]:
    """Neighbouring pieces of one kind joined; runs of spaces collapsed, ends trimmed."""
    merged: list[MathPiece] = []
    for piece in pieces:
        if merged and merged[-1].kind == piece.kind:
            merged[-1] = MathPiece(merged[-1].text + piece.text, piece.kind)
        elif piece.text:
            merged.append(piece)
    result = [MathPiece(re.sub(" +", " ", piece.text), piece.kind) for piece in merged]
    if result and result[0].kind == "text":
        result[0] = MathPiece(result[0].text.lstrip(" "), "text")
    if result and result[-1].kind == "text":
        result[-1] = MathPiece(result[-1].text.rstrip(" "), "text")
    return tuple(piece for piece in result if piece.text)


# fmt: off
#: Math commands that only typeset: layout, accents, fonts, sizes and symbols beyond
#: :data:`SYMBOLS`. Data math may use these and nothing else, because in the LaTeX
#: builder's PDF a formula is TeX (``\input``, ``\write``, ``\csname`` read files and
#: build commands) and in a browser it is MathJax (``\href``, ``\style``, ``\require``).
LAYOUT_COMMANDS = frozenset((
    "frac", "dfrac", "tfrac", "cfrac", "binom", "dbinom", "tbinom", "over", "choose", "sqrt",
    "mathbb", "mathcal", "mathfrak", "mathscr", "cal", "rm", "bf", "it", "sf", "tt",
    "hat", "bar", "tilde", "vec", "dot", "ddot", "breve", "check", "acute", "grave",
    "widehat", "widetilde", "overline", "underline", "overbrace", "underbrace",
    "overrightarrow", "overleftarrow", "overset", "underset", "stackrel", "slashed",
    "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr",
    "Biggl", "Biggr", "middle", "displaystyle", "textstyle", "scriptstyle",
    "scriptscriptstyle", "limits", "nolimits", "substack", "mathop", "mathbin", "mathrel",
    "mathord", "phantom", "hphantom", "vphantom", "not", "begin", "end", "cr", "hline",
    "varsigma", "varepsilon", "vartheta", "varphi", "Re", "Im", "aleph", "wp", "angle",
    "triangle", "square", "Box", "diamond", "bullet", "dagger", "ddagger", "top", "bot",
    "vdash", "dashv", "models", "perp", "sharp", "flat", "natural", "clubsuit",
    "heartsuit", "spadesuit", "diamondsuit", "surd", "imath", "jmath", "coprod",
    "bigcup", "bigcap", "bigoplus", "bigotimes", "bigvee", "bigwedge", "iint", "iiint",
    "prec", "succ", "preceq", "succeq", "lesssim", "gtrsim", "lessapprox", "gtrapprox",
    "leqslant", "geqslant", "nleq", "ngeq", "asymp", "doteq", "bowtie", "smile", "frown",
    "sqsubset", "sqsupset", "sqsubseteq", "sqsupseteq", "sqcup", "sqcap", "uplus",
    "ominus", "odot", "oslash", "bigcirc", "wr", "amalg", "lhd", "rhd", "unlhd", "unrhd",
    "longrightarrow", "longleftarrow", "longleftrightarrow", "Longrightarrow",
    "Longleftarrow", "Longleftrightarrow", "longmapsto", "hookrightarrow",
    "hookleftarrow", "rightharpoonup", "rightharpoondown", "leftharpoonup",
    "leftharpoondown", "rightleftharpoons", "nearrow", "searrow", "swarrow", "nwarrow",
    "Uparrow", "Downarrow", "updownarrow", "Updownarrow", "uparrow", "downarrow",
    "vdots", "ddots", "colon", "backslash", "lbrace", "rbrace", "lbrack", "rbrack",
    "lvert", "rvert", "lVert", "rVert", "checkmark", "mathring", "pmod", "bmod", "mod",
    "hspace", "mspace", "enspace", "thinspace", "negthinspace", "space",
))
#: Environments of ``\begin``: arrays only (``filecontents`` would write a file).
MATH_ENVIRONMENTS = frozenset((
    "matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "smallmatrix", "cases",
    "array", "aligned", "gathered", "split",
))
# fmt: on
_COMMAND = re.compile(r"\\([A-Za-z]+)(?:\s*\{([^{}]*)\})?")


def unsafe_math(source: str) -> str | None:
    """The first thing in ``source`` that data math may not use, or ``None``.

    An allow-list, because TeX can build any command from text: ``^^`` writes a
    character by its code (``^^5cinput`` is ``\\input``), so it is refused as well.
    """
    if "^^" in source:
        return "^^"
    for match in _COMMAND.finditer(source):
        name = match.group(1)
        if not (
            name in SYMBOLS or name in FUNCTIONS or name in TEXT_COMMANDS or name in LAYOUT_COMMANDS
        ):
            return "\\" + name
        environment = match.group(2)
        if name in {"begin", "end"} and environment not in MATH_ENVIRONMENTS:
            return f"\\{name}{{{environment}}}" if environment else "\\" + name
    return None
