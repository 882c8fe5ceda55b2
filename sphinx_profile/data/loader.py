"""Profile files (YAML, JSON, TOML) to plain Python values plus the line of every value.

Values come back as ordinary dicts, lists and scalars so validation stays simple;
their source lines live beside them in a :class:`SourceMap` keyed by the value's path
(``("work", 2, "startDate")``). YAML is read with PyYAML's *safe* constructors only, so a
tag can never run code, and alias expansion is bounded so an "alias bomb" is a problem
report, not an exhausted machine.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem

PathKey = tuple[str | int, ...]

#: More nodes than any real CV has; a file past it is almost surely an alias bomb.
MAX_NODES = 200_000
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
    pass


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
    suffix = path.suffix.lower()
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
        data = _YamlBuilder(source, problems).build(node, ())
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
    except _TooLargeError:
        return Loaded(
            None,
            source,
            [Problem("file expands to too many values (a YAML alias bomb?)", source.path, 1)],
        )
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

    def __init__(self, source: SourceMap, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        self.constructor = yaml.SafeLoader("")
        self.count = 0

    def build(self, node: yaml.Node, key: PathKey) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLargeError
        line = node.start_mark.line + 1
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
            return self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            self.problems.append(
                Problem(f"unsupported YAML value: {exc.problem}", self.source.path, line)
            )
            return None
        except ValueError:
            # Looks like a date or number but is none (2023-02-30, a 5000-digit
            # number): keep the text as written and let validation judge it.
            return str(node.value)

    def _mapping(self, node: yaml.MappingNode, key: PathKey) -> dict[str, Any]:
        try:
            self.constructor.flatten_mapping(node)  # resolves `<<: *anchor` merges
        except yaml.constructor.ConstructorError as exc:
            line = node.start_mark.line + 1
            self.problems.append(Problem(f"bad YAML merge: {exc.problem}", self.source.path, line))
            return {}
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(
                    Problem(
                        "a key must be plain text", self.source.path, key_node.start_mark.line + 1
                    )
                )
                continue
            name = str(self.constructor.construct_object(key_node))
            if name in result:
                self.problems.append(
                    Problem(
                        f"duplicate key {name!r} (the later value wins)",
                        self.source.path,
                        key_node.start_mark.line + 1,
                    )
                )
            self.source.lines[(*key, name)] = key_node.start_mark.line + 1
            result[name] = self.build(value_node, (*key, name))
        return result


def _load_json(text: str, source: SourceMap) -> Loaded:
    try:
        data = json.loads(text, parse_int=_int_or_text)
    except json.JSONDecodeError as exc:
        return Loaded(
            None, source, [Problem(f"JSON syntax error: {exc.msg}", source.path, exc.lineno)]
        )
    except RecursionError:
        return Loaded(None, source, [Problem("JSON nested too deeply", source.path, 1)])
    _locate_by_text(data, text, source)
    return Loaded(data, source, _json_duplicates(text, source.path))


def _int_or_text(digits: str) -> int | str:
    """An integer, or its digits when Python refuses to convert that many."""
    try:
        return int(digits)
    except ValueError:
        return digits


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:]')


def _json_duplicates(text: str, path: str) -> list[Problem]:
    """Duplicate keys with their lines, which :mod:`json` neither reports nor locates.

    Runs on text that already parsed, so a string followed by ``:`` is always a key
    of the innermost open object.
    """
    problems = []
    stack: list[set[str]] = []
    key: tuple[str, int] | None = None
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        if token == ":" and key is not None:
            name, offset = key
            if name in stack[-1]:
                line = text.count("\n", 0, offset) + 1
                problems.append(
                    Problem(f"duplicate key {name!r} (the later value wins)", path, line)
                )
            stack[-1].add(name)
        elif token in "{[":
            stack.append(set())
        elif token in "}]":
            stack.pop()
        key = (json.loads(token), match.start()) if token.startswith('"') else None
    return problems


def _load_toml(text: str, source: SourceMap) -> Loaded:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) if match else 0
        return Loaded(None, source, [Problem(f"TOML syntax error: {exc}", source.path, line)])
    except ValueError:
        # tomllib converts integers itself, and Python refuses very long ones.
        digits = re.search(rf"\d{{{sys.get_int_max_str_digits() + 1},}}", text)
        line = text.count("\n", 0, digits.start()) + 1 if digits else 0
        return Loaded(None, source, [Problem("TOML number too long", source.path, line)])
    _locate_by_text(data, text, source)
    return Loaded(data, source, [])


def _locate_by_text(data: Any, text: str, source: SourceMap) -> None:
    """Find lines for JSON and TOML, whose parsers do not report positions.

    Keys are searched for in document order, each after the previous one found,
    which is exact for the way people write these files (one key per line) and
    close enough otherwise: a warning then points to a neighbouring line.
    """
    lines = text.splitlines()
    cursor = 0

    def find(name: str) -> int:
        nonlocal cursor
        pattern = re.compile(
            r'(^|[\s{,])("' + re.escape(name) + r'"|' + re.escape(name) + r")\s*[:=\]]"
        )
        for index in range(cursor, len(lines)):
            if pattern.search(lines[index]):
                cursor = index
                return index + 1
        return 0

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
                if isinstance(child, dict) and child:
                    first = find(next(iter(child)))
                    if first:
                        source.lines[child_key] = first
                        cursor_back(first)
                walk(child, child_key)

    def cursor_back(line: int) -> None:
        nonlocal cursor
        cursor = line - 1

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
