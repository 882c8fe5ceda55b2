"""Profile files (YAML, JSON, TOML) to plain Python values plus the line of every value.

Values come back as ordinary dicts, lists and scalars so validation stays simple;
their source lines live beside them in a :class:`SourceMap` keyed by the value's path
(``("work", 2, "startDate")``). YAML is read with PyYAML's *safe* constructors only, so a
tag can never run code, and alias expansion is bounded so an "alias bomb" is a problem
report, not an exhausted machine.
"""

from __future__ import annotations

import bisect
import json
import re
import sys
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

PathKey = tuple[str | int, ...]

#: More nodes than any real CV has; a file past it is almost surely an alias bomb.
MAX_NODES = 200_000
#: Characters the values built from a YAML file may hold, per character of the file
#: (with a floor for small files): an anchor reused for an affiliation is far below
#: it, a long string repeated through nested aliases (a "scalar alias bomb") far above.
MAX_EXPANSION = 10
#: Far deeper than the schema's four levels, far shallower than Python's stack.
MAX_DEPTH = 50
#: YAML's own collection tags; anything else on a mapping or list (``!!python/...``,
#: ``!include``) is an attempt to construct something the schema has no use for.
_YAML_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = frozenset({f"{_YAML_TAG}map", f"{_YAML_TAG}seq"})


def _written(tag: str) -> str:
    """A tag as the user wrote it: ``!!python/name:x`` rather than its expansion."""
    return "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag


SUFFIXES = (".yaml", ".yml", ".json", ".toml")


@dataclass
class SourceMap:
    """The line of every value in a loaded file, looked up by its path."""

    path: str
    lines: dict[PathKey, int] = field(default_factory=dict)

    def line(self, key: PathKey) -> int:
        """The line of ``key``, or of its nearest ancestor the map knows."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.lines.get((), 1)


@dataclass
class Loaded:
    """A file's top-level value (``None`` if unreadable), its lines and its problems."""

    data: Any
    source: SourceMap
    problems: list[Problem]


class _TooLargeError(Exception):
    """Built values outgrew the file: what grew (``values``, ``characters``) and the
    line of the node that passed the limit, the anchor the aliases repeat."""

    def __init__(self, what: str, line: int) -> None:
        super().__init__(what)
        self.what = what
        self.line = line


def load_file(path: str | Path) -> Loaded:
    """Read ``path`` by its suffix; never raises for bad content, only reports it."""
    path = Path(path)
    source = SourceMap(str(path))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Loaded(
            None, source, [Problem(f"cannot read profile data: {exc.strerror}", str(path))]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return Loaded(
            None,
            source,
            [Problem("file is not valid UTF-8 (save it as UTF-8)", str(path), line)],
        )
    return load_text(text, str(path), path.suffix.lower())


def load_text(text: str, path: str, suffix: str) -> Loaded:
    """Read ``text`` as the language of ``suffix`` (``.toml``, ``.json``, else YAML), with
    the bounds of :func:`load_file`: for data inside another file, such as the front
    matter of a Hugo page."""
    source = SourceMap(path)
    if suffix == ".toml":
        return _load_toml(text, source)
    if suffix == ".json":
        return _load_json(text, source)
    return _load_yaml(text, source)


def _load_yaml(text: str, source: SourceMap) -> Loaded:
    problems: list[Problem] = []
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        if node is None:
            return Loaded({}, source, problems)
        budget = MAX_EXPANSION * max(len(text), 10_000)
        data = _YamlBuilder(source, problems, budget).build(node, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        detail = exc.problem or exc.context or "syntax error"
        return Loaded(None, source, [Problem(f"YAML syntax error: {detail}", source.path, line)])
    except yaml.reader.ReaderError as exc:
        # A control character: the reader knows its offset, not its line.
        line = text[: exc.position].count("\n") + 1
        return Loaded(None, source, [Problem(f"YAML error: {exc.reason}", source.path, line)])
    except yaml.YAMLError as exc:
        return Loaded(None, source, [Problem(f"YAML error: {exc}", source.path)])
    except _TooLargeError as exc:
        message = f"file expands to too many {exc.what} (a YAML alias bomb?)"
        return Loaded(None, source, [Problem(message, source.path, exc.line)])
    except RecursionError:
        # PyYAML composes recursively; only the event stream can say where it got too deep.
        return Loaded(
            None, source, [Problem("YAML nested too deeply", source.path, _deepest_line(text))]
        )
    return Loaded(data, source, problems)


def _deepest_line(text: str) -> int:
    """The line where YAML nesting first gets deeper than any profile needs."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH and event.start_mark is not None:
                return event.start_mark.line + 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return 1


class _YamlBuilder:
    """Turns composed YAML nodes into values, recording lines and refusing unsafe tags."""

    def __init__(self, source: SourceMap, problems: list[Problem], budget: int) -> None:
        self.source = source
        self.problems = problems
        self.constructor = yaml.SafeLoader("")
        self.count = 0
        self.characters = budget  #: left to spend on text; aliases repeat it for free

    def build(self, node: yaml.Node, key: PathKey) -> Any:
        line = node.start_mark.line + 1
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLargeError("values", line)
        self.source.lines.setdefault(key, line)
        if len(key) > MAX_DEPTH:
            self.problems.append(Problem("YAML nested too deeply", self.source.path, line))
            return None
        if isinstance(node, yaml.CollectionNode) and node.tag not in _PLAIN_TAGS:
            self.problems.append(
                Problem(f"unsupported YAML tag {_written(node.tag)!r}", self.source.path, line)
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, key)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*key, i)) for i, item in enumerate(node.value)]
        try:
            return self._spend(self.constructor.construct_object(node, deep=True), line)
        except yaml.constructor.ConstructorError as exc:
            self.problems.append(
                Problem(f"unsupported YAML value: {exc.problem}", self.source.path, line)
            )
            return None
        except ValueError:
            # Looks like a date or number but is none (2023-02-30, a 5000-digit
            # number): keep the text as written and let validation judge it.
            return self._spend(str(node.value), line)

    def _spend(self, value: Any, line: int) -> Any:
        """``value``, after charging its text to the budget; later stages copy each
        repetition (cleaning, rendering), so a repeated string costs every time."""
        if isinstance(value, str):
            self.characters -= len(value)
            if self.characters < 0:
                raise _TooLargeError("characters", line)
        return value

    def _mapping(self, node: yaml.MappingNode, key: PathKey) -> dict[str, Any]:
        try:
            self.constructor.flatten_mapping(node)  # resolves `<<: *anchor` merges
        except yaml.constructor.ConstructorError as exc:
            line = node.start_mark.line + 1
            self.problems.append(Problem(f"bad YAML merge: {exc.problem}", self.source.path, line))
            return {}
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem("a key must be plain text", self.source.path, line))
                continue
            name = str(self._spend(self.constructor.construct_object(key_node), line))
            if name in result:
                self.problems.append(
                    Problem(
                        f"duplicate key {name!r} (the later value wins)", self.source.path, line
                    )
                )
            self.source.lines[(*key, name)] = line
            result[name] = self.build(value_node, (*key, name))
        return result


def _load_json(text: str, source: SourceMap) -> Loaded:
    lines = _Lines(text)
    if (deep := _too_deep(text, _JSON_TOKEN)) is not None:
        return Loaded(None, source, [_too_deep_problem("JSON", source, lines.line(deep))])
    try:
        data = json.loads(text, parse_int=_int_or_text)
    except json.JSONDecodeError as exc:
        return Loaded(
            None, source, [Problem(f"JSON syntax error: {exc.msg}", source.path, exc.lineno)]
        )
    keys, problems = _json_keys(text, source.path, lines)
    _locate_by_text(data, keys, lines, source)
    return Loaded(data, source, problems)


def _int_or_text(digits: str) -> int | str:
    """An integer, or its digits when Python refuses to convert that many."""
    try:
        return int(digits)
    except ValueError:
        return digits


class _Lines:
    """Offsets to line numbers through one index of line starts, searched by bisection,
    so locating every key of a file costs n log n, never the file's size per key."""

    def __init__(self, text: str) -> None:
        self.starts = [0, *(match.end() for match in re.finditer("\n", text))]

    def line(self, offset: int) -> int:
        """The 1-based line holding ``offset``."""
        return bisect.bisect_right(self.starts, offset)


class _Keys:
    """Where each key is written, to find "the next ``name`` from here" by bisection."""

    def __init__(self, found: Iterable[tuple[str, int]]) -> None:
        self.offsets: dict[str, list[int]] = {}
        for name, offset in found:  # in document order, so each list is sorted
            self.offsets.setdefault(name, []).append(offset)

    def next(self, name: str, start: int) -> int | None:
        """The offset of the first ``name`` at or after ``start``."""
        offsets = self.offsets.get(name, [])
        index = bisect.bisect_left(offsets, start)
        return offsets[index] if index < len(offsets) else None


#: A JSON string (an unclosed one ends with its line), a bracket or a colon.
_JSON_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"?|[{}\[\]:]')
#: The same for TOML: its four kinds of string and its comments hide brackets too.
_TOML_TOKEN = re.compile(
    r'"""(?:[^\\]|\\[\s\S])*?(?:"""|\Z)|\'\'\'[\s\S]*?(?:\'\'\'|\Z)'
    r'|"(?:[^"\\\n]|\\.)*"?|\'[^\'\n]*\'?|#[^\n]*|[{}\[\]]'
)


def _too_deep(text: str, tokens: re.Pattern[str]) -> int | None:
    """The offset where brackets first nest deeper than :data:`MAX_DEPTH`, or ``None``.

    :mod:`json` and :mod:`tomllib` recurse once per level and fail with a bare
    ``RecursionError``; counting brackets outside strings first, in one pass, says
    where the file went wrong instead.
    """
    depth = 0
    for match in tokens.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth > MAX_DEPTH:
                return match.start()
        elif token in ("]", "}"):
            depth -= 1
    return None


def _too_deep_problem(language: str, source: SourceMap, line: int) -> Problem:
    return Problem(
        f"{language} nested too deeply (more than {MAX_DEPTH} levels)", source.path, line
    )


def _json_keys(text: str, path: str, lines: _Lines) -> tuple[_Keys, list[Problem]]:
    """Every key with its offset, and the duplicate keys :mod:`json` neither reports nor
    locates.

    Runs on text that already parsed, so a string followed by ``:`` is always a key
    of the innermost open object.
    """
    problems = []
    found: list[tuple[str, int]] = []
    stack: list[set[str]] = []
    key: tuple[str, int] | None = None
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token == ":" and key is not None:
            name, offset = key
            found.append(key)
            if name in stack[-1]:
                problems.append(
                    Problem(
                        f"duplicate key {name!r} (the later value wins)", path, lines.line(offset)
                    )
                )
            stack[-1].add(name)
        elif token in ("{", "["):
            stack.append(set())
        elif token in ("}", "]"):
            stack.pop()
        key = (json.loads(token), match.start()) if token.startswith('"') else None
    return _Keys(found), problems


def _load_toml(text: str, source: SourceMap) -> Loaded:
    lines = _Lines(text)
    if (deep := _too_deep(text, _TOML_TOKEN)) is not None:
        return Loaded(None, source, [_too_deep_problem("TOML", source, lines.line(deep))])
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) if match else 0
        return Loaded(None, source, [Problem(f"TOML syntax error: {exc}", source.path, line)])
    except ValueError:
        # tomllib converts integers itself, and Python refuses very long ones. The
        # look-behind tries each run of digits once, from its start: linear.
        digits = re.search(rf"(?<!\d)\d{{{sys.get_int_max_str_digits() + 1}}}", text)
        line = lines.line(digits.start()) if digits else 0
        return Loaded(None, source, [Problem("TOML number too long", source.path, line)])
    keys = _Keys((_toml_key(m.group(1)), m.start()) for m in _TOML_KEY.finditer(text))
    _locate_by_text(data, keys, lines, source)
    return Loaded(data, source, [])


#: A TOML key as written: bare, quoted or literal, at a line's start, in a table
#: header, after a dot of a dotted key or in an inline table, followed by ``=``,
#: ``.`` or ``]``. Values can look like keys too; that only costs a nearby line.
_TOML_KEY = re.compile(r"""(?<![^\s{,.\[])("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[\w-]+)[ \t]*(?=[=.\]])""")


def _toml_key(written: str) -> str:
    if written.startswith('"'):
        try:
            return str(json.loads(written))  # TOML's basic strings escape as JSON does
        except ValueError:
            return written[1:-1]
    return written.strip("'")


def _locate_by_text(data: Any, keys: _Keys, lines: _Lines, source: SourceMap) -> None:
    """Find lines for JSON and TOML, whose parsers do not report positions.

    Keys are looked up in document order, each at or after the previous one found,
    which is exact for the way people write these files and close enough otherwise:
    a warning then points to a neighbouring line.
    """
    cursor = 0

    def find(name: str) -> int:
        nonlocal cursor
        offset = keys.next(name, cursor)
        if offset is None:
            return 0
        cursor = offset
        return lines.line(offset)

    def walk(value: Any, key: PathKey) -> None:
        if isinstance(value, dict):
            for name, child in value.items():
                line = find(name)
                if line:
                    source.lines[(*key, name)] = line
                walk(child, (*key, name))
        elif isinstance(value, list):
            for index, child in enumerate(value):
                child_key = (*key, index)
                # An entry is where its first key is; walking it then finds that key again.
                if isinstance(child, dict) and child and (first := find(next(iter(child)))):
                    source.lines[child_key] = first
                walk(child, child_key)

    source.lines[()] = 1
    walk(data, ())


def file_stamp(path: Path) -> tuple[int, int]:
    """(mtime in ns, size): changes whenever an editor saves the file; ``(0, -1)`` if
    it cannot be read, so a file that appears later is read then."""
    try:
        stat = path.stat()
    except OSError:
        return (0, -1)
    return (stat.st_mtime_ns, stat.st_size)
