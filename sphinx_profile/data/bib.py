"""BibTeX files into small, picklable publication records.

The records are plain dataclasses of strings, not pybtex objects: they are pickled
with the Sphinx environment, so an incremental build that does not touch a ``.bib``
file neither parses nor formats it again, and a 5,000-entry file stays cheap to
store. pybtex's low-level parser does the tokenising (it is fast and forgiving:
text outside entries, such as al-folio's Jekyll front matter ``---`` or a Markdown
heading, is skipped as BibTeX itself skips it); names are split with pybtex's
:class:`~pybtex.database.Person`; LaTeX becomes Unicode through latexcodec.

Conventions understood beyond standard BibTeX:

* ``author+an = {1=equal; 3=corresponding}`` (biblatex data annotations);
* marks glued to names, al-folio style (``Cooke*, Rob``, ``∗Yadav``, ``Ng†``);
* ``selected`` / Hugo Blox's ``featured``; al-folio's link and display fields.

Math (``$...$``, ``\\ensuremath``) is kept as LaTeX between :data:`MATH_OPEN` and
:data:`MATH_CLOSE`, so renderers can turn it into math nodes and plain-text users
(filters, sorting, author–year labels) can drop the markers with :func:`plain`.
"""

from __future__ import annotations

import codecs
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import latexcodec  # noqa: F401 (registers the "ulatex" codec)
from pybtex.bibtex.utils import split_tex_string
from pybtex.database import Person
from pybtex.database.input.bibtex import LowLevelParser, month_names
from pybtex.exceptions import PybtexError
from pybtex.scanner import PrematureEOF, PybtexSyntaxError
from pybtex.utils import CaseInsensitiveDict

from .mathtext import math_to_unicode
from .problems import Problem, Subtype
from .text import printable

MATH_OPEN = "\ue000"
MATH_CLOSE = "\ue001"
_MARKERS = re.compile("[\ue000-\ue003]")

#: Fields whose values are URLs or paths: braces and escapes removed, nothing decoded.
URL_FIELDS = frozenset(
    {
        "url",
        "doi",
        "pdf",
        "code",
        "slides",
        "video",
        "poster",
        "website",
        "short",
        "html",
        "supp",
        "blog",
        "preview",
        "eprint",
        "arxiv",
    }
)
#: Fields a plain BibTeX user (and the standard styles) knows; only these are shown
#: in the BibTeX block readers copy, so al-folio's display fields never leak into it.
STANDARD_FIELDS = (
    "author",
    "editor",
    "title",
    "booktitle",
    "journal",
    "series",
    "volume",
    "number",
    "pages",
    "chapter",
    "edition",
    "publisher",
    "organization",
    "institution",
    "school",
    "address",
    "howpublished",
    "type",
    "month",
    "year",
    "note",
    "isbn",
    "issn",
    "doi",
    "url",
    "eprint",
    "archiveprefix",
    "primaryclass",
)
NAME_FIELDS = ("author", "editor")
#: Fields shown as parts of the venue line, which puts its own ", " or ". " between
#: them: a trailing comma in the value (``journal = {Phys. Rev.,}``, common in
#: al-folio files) is left out, or the line would read "Phys. Rev.,, 47".
SEPARATED_FIELDS = frozenset(
    {
        "journal",
        "booktitle",
        "volume",
        "number",
        "pages",
        "publisher",
        "howpublished",
        "organization",
        "institution",
        "school",
        "type",
        "note",
        "additional_info",
    }
)
#: Symbols al-folio users glue to a name to mark equal contribution and the like.
MARK_CHARS = "*∗†‡§¶‖&^"
#: A run of marks, always taken whole: what stands around it says whether it is glued
#: to a name, so no regex backtracks through a long run (``Wang`` and 50,000 ``*``).
_MARK_RUN = re.compile("[" + re.escape(MARK_CHARS) + "]+")
#: ``author+an`` annotation names and the marks they stand for.
ANNOTATION_MARKS = {"equal": "*", "corresponding": "†"}
#: Commands that are not publications: BibTeX's macros and preamble, and biblatex's
#: containers (a ``@set`` groups entries that are listed on their own; ``@xdata`` holds
#: fields for other entries to inherit).
NOT_PUBLICATIONS = frozenset({"string", "preamble", "set", "xdata"})
#: An entry's ``@`` at the start of a line: where a new entry begins in any sane file.
_ENTRY_START = re.compile(r"^@\s*[A-Za-z]", re.MULTILINE)


class Name(NamedTuple):
    """One author: display parts plus the marks that follow the name.

    A named tuple rather than a dataclass: a big file has tens of thousands of
    names, pickled with the environment on every build, and tuples unpickle
    without a Python-level ``__setstate__`` per name (about three times faster).
    """

    given: str
    family: str
    marks: str = ""

    @property
    def is_others(self) -> bool:
        """``and others`` in BibTeX: shown as "et al."."""
        return not self.given and self.family.lower() == "others"

    @property
    def full(self) -> str:
        """ "Given Family", as a reader writes the name."""
        return f"{self.given} {self.family}".strip()


@dataclass(slots=True)
class BibEntry:
    """One publication, decoded. ``fields`` holds every field but the name lists."""

    key: str
    type: str
    line: int
    path: str
    fields: dict[str, str]
    authors: tuple[Name, ...] = ()
    editors: tuple[Name, ...] = ()
    bibtex: str = ""
    #: local files the entry names, field → path relative to the source folder, found
    #: when the file was read (:func:`~.publications.read_publications`)
    files: dict[str, str] = field(default_factory=dict)

    @property
    def location(self) -> str:
        """``file:line`` for warnings about this entry."""
        return f"{self.path}:{self.line}"

    @property
    def year(self) -> str:
        """``year``, or the year of biblatex's ``date`` (``2021-06-01``, ``2019/2021``)."""
        if year := self.fields.get("year"):
            return plain(year)
        return self.fields.get("date", "")[:4].strip()

    @property
    def selected(self) -> bool:
        """``selected = {true}``, or Hugo Blox's ``featured = {true}``."""
        return any(
            self.fields.get(name, "").strip().lower() in {"true", "yes", "1"}
            for name in ("selected", "featured")
        )

    def filter_fields(self) -> dict[str, object]:
        """What a ``:filter:`` expression sees: every field as text, plus typed extras."""
        values: dict[str, object] = {name: plain(value) for name, value in self.fields.items()}
        values.update(
            key=self.key,
            type=self.type,
            author=" and ".join(name.full for name in self.authors),
            editor=" and ".join(name.full for name in self.editors),
            selected=self.selected,
            keywords=[
                word.strip()
                for word in re.split(r"[,;]", self.fields.get("keywords", ""))
                if word.strip()
            ],
        )
        return values


@dataclass
class BibFile:
    """A parsed file: its entries by key, in file order."""

    path: str
    entries: dict[str, BibEntry] = field(default_factory=dict)
    #: where a paper file an entry names was looked for in vain
    #: (:func:`~.publications.read_publications`): the file is read again when one appears
    missing: list[str] = field(default_factory=list)


def plain(text: str) -> str:
    """``text`` without the math markers (the LaTeX of the math stays)."""
    return text.replace(MATH_OPEN, "$").replace(MATH_CLOSE, "$")


def readable(text: str) -> str:
    """``text`` for plain-text readers (search index, alt text): simple math as Unicode
    ("ΔT", "x^2"), complex math as its ``$LaTeX$``."""
    if MATH_OPEN not in text:
        return text

    def unicode(match: re.Match[str]) -> str:
        pieces = math_to_unicode(match.group(1))
        if pieces is None:
            return f"${match.group(1)}$"
        marks = {"text": "", "sup": "^", "sub": "_"}
        return "".join(marks[piece.kind] + piece.text for piece in pieces)

    return re.sub(f"{MATH_OPEN}(.*?){MATH_CLOSE}", unicode, text)


# ---- LaTeX to Unicode ------------------------------------------------------------

_MATH = re.compile(r"(?<!\\)\$(.+?)(?<!\\)\$|\\ensuremath\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
_QUOTE_COMMANDS = re.compile(r"\\(?:mkbibquote|enquote)\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
_URL_COMMAND = re.compile(r"\\(?:url|href)\s*\{([^{}]*)\}(?:\s*\{([^{}]*)\})?")
_COMMAND = re.compile(r"\\([A-Za-z]+)\s*")
_NEEDS_CODEC = re.compile(r"[\\~`']|--")


#: A command that may take the next word as its argument (``\\" u``, ``\\ss x``, ``\\em x``):
#: text with one is decoded whole, as splitting it into words would change its meaning.
_COMMAND_BEFORE_SPACE = re.compile(r"\\(?:[A-Za-z]+|[\"'`^~=.])?\s")
_SPACES = re.compile(r"(\s+)")


def _ulatex(text: str) -> str:
    """latexcodec's decoding, word by word through a memo.

    latexcodec walks the text token by token in Python, which made it the largest
    cost of parsing a big file. The words that need it (accented names, venues,
    ``--``) repeat across entries, so each distinct word is decoded once per file.
    """
    if _COMMAND_BEFORE_SPACE.search(text):
        return _ulatex_memo(text)
    return "".join(
        _ulatex_memo(part) if _NEEDS_CODEC.search(part) else part for part in _SPACES.split(text)
    )


@lru_cache(maxsize=1 << 16)
def _ulatex_memo(text: str) -> str:
    decoded: str = codecs.decode(text, "ulatex")  # type: ignore[call-overload]
    return decoded


@lru_cache(maxsize=1 << 14)  # journals, publishers, keywords and months recur in most entries
def latex_to_text(value: str) -> str:
    """Unicode text for a BibTeX value: accents, dashes and quotes decoded, braces gone.

    A value seen before is decoded once, and the entries share the one decoded string.
    """
    parts: list[str] = []
    position = 0
    for match in _MATH.finditer(value):
        parts.append(_decode(value[position : match.start()]))
        math = match.group(1) if match.group(1) is not None else match.group(2)
        parts.append(f"{MATH_OPEN}{math.strip()}{MATH_CLOSE}")
        position = match.end()
    parts.append(_decode(value[position:]))
    return " ".join("".join(parts).split())


def _decode(text: str) -> str:
    if not text:
        return text
    text = _QUOTE_COMMANDS.sub(lambda m: f"“{m.group(1)}”", text)
    text = _URL_COMMAND.sub(lambda m: m.group(2) or m.group(1), text)
    if _NEEDS_CODEC.search(text):
        # a dollar or percent sign is text here: LaTeX would read a bare % as a
        # comment and drop the rest of the value ("99% of cases" is common in abstracts)
        text = text.replace(r"\$", "\ue002").replace(r"\%", "\ue003").replace("%", "\ue003")
        with suppress(ValueError, LookupError):  # an odd sequence latexcodec cannot read
            text = _ulatex(text)
        text = text.replace("\ue002", "$").replace("\ue003", "%")
        # what latexcodec leaves: formatting commands (\emph, \textit, \mkbibemph...)
        text = _COMMAND.sub("", text).replace("\\", "")
    return text.replace("{", "").replace("}", "")


def url_value(value: str) -> str:
    """A URL or path field: braces, ``\\url{}`` and LaTeX escapes removed, nothing else."""
    value = _URL_COMMAND.sub(lambda m: m.group(1), value)
    value = re.sub(r"\\([_%&#$~])", r"\1", value)
    return value.replace("{", "").replace("}", "").strip()


# ---- names -------------------------------------------------------------------------


def parse_names(value: str, annotations: dict[int, str]) -> tuple[tuple[Name, ...], list[str]]:
    """Split a BibTeX name list; glued and annotated marks go to :attr:`Name.marks`.

    Also returns what is wrong with the list: an empty name (``A and and B``) is left
    out, a name BibTeX cannot split is kept as written; either is said, never silent.
    """
    names: list[Name] = []
    complaints: list[str] = []
    for raw in _split_list(value):
        if not raw:
            complaints.append("an empty name (an 'and' too many); left out")
            continue
        name, complaint = _person(raw)
        names.append(name)
        if complaint:
            complaints.append(complaint)
    for index, marks in annotations.items():
        if 0 < index <= len(names):
            name = names[index - 1]
            names[index - 1] = name._replace(marks=_unique(name.marks + marks))
    return tuple(names), complaints


#: ``and`` between names. Unlike pybtex's `` and ``, it does not need a space of its
#: own on each side, so in ``A and and B`` both are separators, with an empty name
#: between them, as in BibTeX, instead of a name "and B".
_AND = r"(?<=\s)[Aa][Nn][Dd](?=\s)"


@lru_cache(maxsize=64)  # each list is split for the record, then for the BibTeX shown
def _split_list(value: str) -> tuple[str, ...]:
    """The names of a list, ``""`` for an empty one; braces protect an ``and``."""
    if not value.strip():
        return ()
    # the spaces make a leading or trailing "and" a separator too
    return tuple(split_tex_string(f" {value} ", _AND))


@lru_cache(maxsize=1 << 16)  # co-authors and the owner recur in every entry they share
def _person(raw: str) -> tuple[Name, str]:
    """One name as written in a name list, marks and all, and what is wrong with it."""
    cleaned, marks = _unmarked(raw)
    complaint = ""
    try:
        given, family = _split_name(cleaned or raw)
    except PybtexError as error:  # "Too many commas in 'Smith, John, Jr, III'"
        complaint = f"{error}; shown as written"
        given, family = "", latex_to_text(cleaned or raw)
    return Name(plain(given), plain(family), _unique(marks)), complaint


@lru_cache(maxsize=1 << 16)
def _unmarked(raw: str) -> tuple[str, str]:
    """(the name without glued marks, the marks).

    Marks trail a name (``Ng†``, ``Cooke*,``: after a letter, before a space, comma or
    the end) or lead it (``∗Yadav``: at the start or after a space, before a letter).
    A run standing alone between spaces is text, and an escaped mark (``\\&``) is the
    name's own character.
    """
    trailing: list[str] = []
    leading: list[str] = []
    kept: list[str] = []
    position = 0
    for run in _MARK_RUN.finditer(raw):
        start, end = run.span()
        if start and raw[start - 1] == "\\":
            start += 1  # the first mark is escaped; the rest may still be glued
        before = raw[start - 1] if start else ""
        after = raw[end : end + 1]
        glued_after = bool(before) and not before.isspace() and before not in "\\,"
        if glued_after and (not after or after.isspace() or after == ","):
            trailing.append(raw[start:end])
        elif (not before or before.isspace()) and after and not after.isspace() and after != ",":
            leading.append(raw[start:end])
        else:
            continue
        kept.append(raw[position:start])
        position = end
    kept.append(raw[position:])
    return "".join(kept).strip(" ,"), "".join(trailing + leading)


#: A name with nothing for LaTeX to decode (see :data:`_NEEDS_CODEC`; ``$`` is math).
_SIMPLE_NAME = re.compile(r"[^{}\\,$]+(?:,[^{}\\,$]+)?")


def _split_name(raw: str) -> tuple[str, str]:
    """(given, family). Plain "First Last" / "Last, First" names (most of them) are split
    here, which is several times faster than pybtex; anything with braces, commands,
    lower-case particles or a "Jr" part goes through pybtex's full BibTeX rules."""
    if _SIMPLE_NAME.fullmatch(raw) and not _NEEDS_CODEC.search(raw):
        family, comma, given = raw.partition(",")
        words = (given if comma else family).split()
        if comma and family.strip() and not any(w[:1].islower() for w in family.split()):
            return " ".join(words), family.strip()
        if not comma and words and not any(w[:1].islower() for w in words):
            return " ".join(words[:-1]), words[-1]
    person = Person(raw)
    given = latex_to_text(" ".join(person.first_names + person.middle_names))
    family = latex_to_text(" ".join(person.prelast_names + person.last_names))
    if person.lineage_names:
        family += ", " + latex_to_text(" ".join(person.lineage_names))
    return given, family


def _unique(marks: str) -> str:
    return "".join(dict.fromkeys(marks.replace("∗", "*")))


def parse_annotations(value: str) -> tuple[dict[int, str], list[str]]:
    """``{1=equal; 3=corresponding}`` → ``{1: "*", 3: "†"}``, and what was ignored.

    biblatex separates items with ``;`` and an item's annotations with ``,``
    (``2=equal,corresponding``); ``,`` between items (``1=equal, 2=equal``) is read too.
    A part annotation (``2:family=...``) applies to the whole name. Besides the known
    names, a single mark character (``3=‡``) is kept as that mark.
    """
    result: dict[int, str] = {}
    ignored: list[str] = []
    position: int | None = None
    for item in re.split(r"[;,]", value):
        if not item.strip():
            continue
        if "=" in item:
            number, _, item = item.partition("=")
            number = number.partition(":")[0].strip()
            position = int(number) if number.isdigit() and int(number) > 0 else None
            if position is None:
                ignored.append(f"{number!r} is not a name's number")
                continue
        elif position is None:
            ignored.append(f"{item.strip()!r} has no name number (write N=annotation)")
            continue
        for name in item.split():
            mark = ANNOTATION_MARKS.get(name.lower(), name if name in MARK_CHARS else "")
            if mark:
                result[position] = result.get(position, "") + mark
            else:
                known = ", ".join(ANNOTATION_MARKS)
                ignored.append(f"unknown annotation {name!r} (known: {known}, or a mark)")
    return result, ignored


@lru_cache(maxsize=1 << 16)  # called for every author of every entry shown
def fold(text: str) -> str:
    """Lower case without accents or punctuation: how names are compared.

    Format characters (Unicode category Cf: soft hyphens, zero-width spaces and
    joiners, byte-order marks) are invisible in the name as shown, so they are
    dropped, not read as a word break.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(
        c for c in decomposed if not unicodedata.combining(c) and unicodedata.category(c) != "Cf"
    )
    return re.sub(r"[^\w\s]", " ", letters.lower()).strip()


# ---- entries -----------------------------------------------------------------------


class _Lines:
    """Line numbers for increasing offsets, counting each newline once (big files)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.line = 1

    def at(self, offset: int) -> int:
        if offset < self.offset:
            self.offset, self.line = 0, 1
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def read_text(path: Path) -> tuple[str, Problem | None]:
    """The file's text; lines that are not UTF-8 are read as Latin-1, with a problem.

    Line by line, because a UTF-8 file with a line or two pasted from a Latin-1 one
    is common: read whole as Latin-1, every correct accent would turn into mojibake.
    """
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    lines: list[str] = []
    latin1: list[int] = []
    for number, line in enumerate(data.split(b"\n"), 1):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode("latin-1"))
            latin1.append(number)
    more = f" and {len(latin1) - 1} more" if len(latin1) > 1 else ""
    problem = Problem(
        f"not valid UTF-8; this line{more} read as Latin-1 (save the file as UTF-8)",
        str(path),
        latin1[0],
        Subtype.BIB,
    )
    return "\n".join(lines).removeprefix("\ufeff"), problem


#: How many characters ``@string`` macros may expand to in all: a fixed allowance plus
#: so many per character of the file. A journal macro used in every entry stays far
#: below it; a macro bomb (each macro two copies of the one before) reaches it within
#: some twenty lines instead of filling the memory.
_EXPANSION_ALLOWANCE = 1_000_000
_EXPANSION_PER_CHARACTER = 20


class _ExpansionError(PybtexSyntaxError):  # type: ignore[misc]
    error_type = "@string expansion too large"


@dataclass
class _Budget:
    """Characters macros may still expand to, shared by the parsers of one file."""

    left: int


class _Parser(LowLevelParser):  # type: ignore[misc]
    """pybtex's parser, with macro expansion charged to a :class:`_Budget`."""

    def __init__(self, text: str, macros: Any, budget: _Budget, handle_error: Any) -> None:
        super().__init__(text, macros=macros, handle_error=handle_error)
        self.budget = budget
        self.refused_in: int | None = None

    def substitute_macro(self, name: str) -> str:
        """The macro's value, or ``""`` with an error (one per command) once it no longer
        fits the budget; a smaller macro used later still does."""
        value: str = super().substitute_macro(name)
        if len(value) > self.budget.left:
            if self.refused_in == self.command_start:
                return ""
            self.refused_in = self.command_start
            self.handle_error(
                _ExpansionError(
                    f"{name!r} would pass the file's limit for macro expansion"
                    " (a macro bomb?); left empty",
                    self,
                )
            )
            return ""
        self.budget.left -= len(value)
        return value


class _UnclosedError(Exception):
    """The entry being read is still open at the ``@`` of the next entry (at ``offset``)."""

    def __init__(self, offset: int) -> None:
        super().__init__(offset)
        self.offset = offset


def _commands(
    text: str, lines: _Lines, report: Callable[[int, str], None]
) -> Iterator[tuple[int, str, Any, bool]]:
    """(offset, type, body, complete) of every command in ``text``; syntax errors go to
    ``report`` as (line, message), and an entry read with one is not ``complete``.

    An unclosed brace makes pybtex read on to the end of the file, swallowing the
    entries after it, and report the error where it gave up. So when an error comes
    while an ``@`` at the start of a line lies inside the entry being read, the
    imbalance is reported at this entry, which keeps the fields read before it, and
    reading starts again at that ``@``.
    """
    macros = CaseInsensitiveDict(month_names)  # shared, so @string survives a restart
    budget = _Budget(_EXPANSION_ALLOWANCE + _EXPANSION_PER_CHARACTER * len(text))
    faulty: set[int] = set()

    def syntax_error(error: PybtexError) -> None:
        start = parser.command_start or 0
        faulty.add(start)
        what = f"entry {parser.current_entry_key!r}" if parser.current_entry_key else "entry"
        following = _ENTRY_START.search(text, start + 1)
        if following and following.start() <= parser.pos:
            next_line = lines.at(following.start())
            report(
                lines.at(start),
                f"syntax error: {what} is not closed before the next entry at line {next_line}",
            )
            raise _UnclosedError(following.start())
        if isinstance(error, PrematureEOF):
            report(
                lines.at(start), f"syntax error: {what} is not closed before the end of the file"
            )
        else:
            where = getattr(error, "lineno", 0) or lines.at(start)
            report(where, re.sub(r" in line \d+", "", str(error)))  # the location says it

    base = 0
    while True:
        parser = _Parser(text, macros, budget, syntax_error)
        parser.pos, parser.lineno = base, lines.at(base)
        try:
            for entry_type, body in parser:
                start = parser.command_start or 0
                yield start, entry_type, body, start not in faulty
            return
        except _UnclosedError as unclosed:
            start = parser.command_start or 0
            partial = _Parser(text[start : unclosed.offset], macros, budget, lambda error: None)
            for entry_type, body in partial:
                yield start, entry_type, body, False
                break
            base = unclosed.offset


def parse_bib(path: Path) -> tuple[BibFile, list[Problem]]:
    """Parse one ``.bib`` file; every problem is located and none stops the parse."""
    problems: list[Problem] = []
    bib = BibFile(str(path))
    try:
        text, problem = read_text(path)
    except OSError as error:
        return bib, [Problem(f"cannot read the file: {error.strerror}", str(path), 0, Subtype.BIB)]
    if problem:
        problems.append(problem)
    # control characters cannot be shown, and the private-use characters are this
    # module's own markers (math, escaped $ and %): neither may come from the file
    text = _MARKERS.sub("", printable(text))
    lines = _Lines(text)

    def report(line: int, message: str) -> None:
        problems.append(Problem(f"BibTeX {message}", str(path), line, Subtype.BIB))

    for offset, entry_type, body, complete in _commands(text, lines, report):
        kind = sys.intern(entry_type.lower())
        if kind in NOT_PUBLICATIONS:
            continue
        key, raw_fields = body
        line = lines.at(offset)
        if not key:
            continue
        if key in bib.entries:
            problems.append(
                Problem(
                    f"duplicate key {key!r} (first at line {bib.entries[key].line}); skipped",
                    str(path),
                    line,
                    Subtype.BIB,
                )
            )
            continue
        bib.entries[key], complaints = make_entry(key, kind, line, str(path), raw_fields, complete)
        problems += [Problem(f"{key}: {text}", str(path), line, Subtype.BIB) for text in complaints]
    # the memos share work between the entries of one file; kept, they would hold
    # its raw values until the process ends (3 MB at 5,000 entries)
    for memo in (latex_to_text, _ulatex_memo, _person, _unmarked, _split_list):
        memo.cache_clear()
    return bib, problems


def merge_bibs(bibs: Iterable[BibFile]) -> tuple[dict[str, BibEntry], list[Problem]]:
    """The entries of several files by key, in file order, and the keys found twice.

    A key means one entry: as within one file, the first one is kept and a later one is
    reported where it is, naming the first. A file given twice is read once.
    """
    entries: dict[str, BibEntry] = {}
    problems: list[Problem] = []
    seen: set[str] = set()
    for bib in bibs:
        if bib.path in seen:
            continue
        seen.add(bib.path)
        for key, entry in bib.entries.items():
            first = entries.setdefault(key, entry)
            if first is not entry:
                problems.append(
                    Problem(
                        f"duplicate key {key!r} (first in {first.location}); skipped",
                        entry.path,
                        entry.line,
                        Subtype.BIB,
                    )
                )
    return entries, problems


def make_entry(
    key: str,
    kind: str,
    line: int,
    path: str,
    raw_fields: list[tuple[str, list[str]]],
    complete: bool = True,
) -> tuple[BibEntry, list[str]]:
    """A record from the parser's raw (name, value parts) pairs, and what is wrong with it.

    An entry with problems is still made from what it has: a reader sees the entry
    (under its key when it has no title), the author sees the warning. An entry cut
    short by a syntax error (not ``complete``) is not blamed again for what it lost.
    """
    raw: dict[str, str] = {}
    for name, parts in raw_fields:
        # interned: one "title" for all entries, in memory and in the pickled environment
        raw.setdefault(sys.intern(name.lower()), " ".join("".join(parts).split()))
    fields: dict[str, str] = {}
    for name, value in raw.items():
        if name in NAME_FIELDS:
            continue
        if name in URL_FIELDS:
            fields[name] = url_value(value)
        elif name in SEPARATED_FIELDS:
            fields[name] = latex_to_text(value).rstrip(", ")
        else:
            fields[name] = latex_to_text(value)
    complaints: list[str] = []
    authors, editors = (_names(raw, name, complaints) for name in NAME_FIELDS)
    if complete and not fields.get("title"):
        complaints.append("no title; shown under its key")
    if complete and not authors and not editors:
        complaints.append("no author or editor; shown without names")
    entry = BibEntry(
        key=key,
        type=kind,
        line=line,
        path=path,
        fields=fields,
        authors=authors,
        editors=editors,
        bibtex=reader_bibtex(key, kind, raw),
    )
    return entry, complaints


def _names(raw: dict[str, str], name: str, complaints: list[str]) -> tuple[Name, ...]:
    """The ``author`` or ``editor`` list with its ``+an`` marks; bad annotations complained
    about and left out, the good ones kept."""
    annotation = f"{name}+an"
    marks, ignored = parse_annotations(raw.get(annotation, ""))
    names, wrong = parse_names(raw.get(name, ""), marks)
    ignored += [
        f"there is no {name} {n} (the entry has {len(names)})" for n in marks if n > len(names)
    ]
    complaints += [f"{annotation}: {reason}; ignored" for reason in ignored]
    complaints += [f"{name}: {reason}" for reason in wrong]
    return names


def reader_bibtex(key: str, kind: str, raw: dict[str, str]) -> str:
    """The entry as standard BibTeX, for readers to copy: custom fields and marks gone."""
    lines = [f"@{kind}{{{key},"]
    for name in STANDARD_FIELDS:
        value = raw.get(name)
        if not value:
            continue
        if name in NAME_FIELDS:
            value = " and ".join(_unmarked(person)[0] for person in _split_list(value) if person)
        lines.append(f"  {name} = {{{value}}},")
    lines.append("}")
    return "\n".join(lines)


def short_citation(entry: BibEntry) -> str:
    """The author–year form: "Wang, 2023", "Wang and Li, 2023", "Wang et al., 2023"."""
    names = [name for name in entry.authors or entry.editors if not name.is_others]
    more = len(entry.authors or entry.editors) > 2
    if not names:
        who = plain(entry.fields.get("title", entry.key))
    elif len(names) == 1 and not more:
        who = names[0].family
    elif len(names) == 2 and not more:
        who = f"{names[0].family} and {names[1].family}"
    else:
        who = f"{names[0].family} et al."
    return f"{who}, {entry.year}" if entry.year else who
