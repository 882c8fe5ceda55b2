"""The ``:filter:`` expression language, evaluated safely.

Expressions look like Python (``year >= 2022 and type == "inproceedings"``,
``selected``, ``"llm" in keywords``, ``author % "Wang"``) because that is what
sphinxcontrib-bibtex users already write. They are parsed with :mod:`ast` and
checked against an allow-list once, when the directive is read; evaluation walks
the tree itself. Nothing is ever passed to ``eval``, and attribute access,
calls, subscripts and comprehensions are refused, so a filter cannot reach
Python internals.

Semantics: a name is a field of the entry; a missing field is ``""`` (false).
``%`` is a case-insensitive regular-expression search, run by RE2, whose time is
linear in the text whatever the pattern: a filter on a page must not be able to hang
the build (``(a+)+$``) or exhaust memory (``a{99999999999}``). Comparing a number with
text compares numerically when the text is a number (BibTeX years are text).
"""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import re2


class FilterError(ValueError):
    """A filter that cannot be parsed or uses something not allowed."""


_COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], bool]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.In: lambda a, b: _contains(b, a),
    ast.NotIn: lambda a, b: not _contains(b, a),
}
_ALLOWED = (
    ast.Expression,
    ast.BoolOp,
    ast.And,
    ast.Or,
    ast.UnaryOp,
    ast.Not,
    ast.Compare,
    ast.BinOp,
    ast.Mod,
    ast.Name,
    ast.Load,
    ast.Constant,
    ast.List,
    ast.Tuple,
    ast.Set,
    *_COMPARE,
)
MAX_LENGTH = 2000
#: Far more than a readable filter nests; evaluation recurses once per level.
MAX_DEPTH = 50


@dataclass(frozen=True)
class Filter:
    """A checked filter expression."""

    source: str
    tree: ast.Expression

    def matches(self, fields: Mapping[str, object]) -> bool:
        """Whether an entry with these fields passes the filter."""
        return bool(_evaluate(self.tree.body, fields))


def compile_filter(source: str) -> Filter:
    """Parse and check ``source``; raises :class:`FilterError` with a readable reason."""
    source = " ".join(source.split())
    if len(source) > MAX_LENGTH:
        raise FilterError(f"filter longer than {MAX_LENGTH} characters")
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as exc:
        raise FilterError(f"syntax error in filter at column {exc.offset}: {source!r}") from None
    except (RecursionError, MemoryError):
        # CPython's parser gives up on deep nesting this way, well within MAX_LENGTH.
        raise FilterError(f"filter nested more than {MAX_DEPTH} deep") from None
    for node in _checked_depth(tree):
        if not isinstance(node, _ALLOWED):
            raise FilterError(
                f"{type(node).__name__.lower()} is not allowed in a filter"
                " (use field names, text, numbers, comparisons, and/or/not, in, %)"
            )
        if isinstance(node, ast.Constant) and not isinstance(node.value, str | int | float):
            raise FilterError(f"{node.value!r} is not allowed in a filter")
        if isinstance(node, ast.Name) and node.id.startswith("_"):
            raise FilterError(f"{node.id!r} is not a field")
        if isinstance(node, ast.BinOp) and isinstance(node.right, ast.Constant):
            _pattern(str(node.right.value))  # a pattern written in the filter is checked now
    return Filter(source, tree)


def _checked_depth(tree: ast.AST) -> list[ast.AST]:
    """Every node of ``tree``, refusing trees deeper than :data:`MAX_DEPTH`.

    Walks with its own stack, so the check itself cannot overflow Python's.
    """
    nodes: list[ast.AST] = []
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise FilterError(f"filter nested more than {MAX_DEPTH} deep")
        nodes.append(node)
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return nodes


_CONSTANTS = {"true": True, "false": False, "none": None}


def _evaluate(node: ast.AST, fields: Mapping[str, object]) -> Any:
    if isinstance(node, ast.BoolOp):
        values = (_evaluate(value, fields) for value in node.values)
        return all(values) if isinstance(node.op, ast.And) else any(values)
    if isinstance(node, ast.UnaryOp):
        return not _evaluate(node.operand, fields)
    if isinstance(node, ast.Compare):
        left = _evaluate(node.left, fields)
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            right = _evaluate(comparator, fields)
            if not _compare(type(op), left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.BinOp):
        text, pattern = _evaluate(node.left, fields), _evaluate(node.right, fields)
        return _search(str(pattern), _as_text(text))
    if isinstance(node, ast.Name):
        if node.id in fields:
            return fields[node.id]
        return _CONSTANTS.get(node.id.lower(), "")
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return [_evaluate(item, fields) for item in node.elts]
    raise FilterError(f"{type(node).__name__} is not allowed in a filter")  # pragma: no cover


def _compare(op: type[ast.cmpop], left: Any, right: Any) -> bool:
    if op not in (ast.In, ast.NotIn):
        left, right = _comparable(left, right)
    try:
        return _COMPARE[op](left, right)
    except TypeError:
        return False


def _comparable(left: Any, right: Any) -> tuple[Any, Any]:
    """Make ``"2023" >= 2022`` compare as numbers, as a reader means it."""
    numbers = (int, float)
    if isinstance(left, numbers) and isinstance(right, str):
        return left, _number(right, right)
    if isinstance(right, numbers) and isinstance(left, str):
        return _number(left, left), right
    return left, right


def _number(text: str, default: Any) -> Any:
    try:
        return float(text) if "." in text else int(text)
    except ValueError:
        return default


def _contains(container: Any, item: Any) -> bool:
    """``"llm" in keywords`` for text and lists alike, ignoring case."""
    needle = _as_text(item).lower()
    if isinstance(container, list | tuple | set | frozenset):
        return any(_as_text(value).lower() == needle for value in container)
    return needle in _as_text(container).lower()


def _as_text(value: Any) -> str:
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(_as_text(item) for item in value)
    return "" if value is None else str(value)


_RE2_OPTIONS = re2.Options()
_RE2_OPTIONS.case_sensitive = False
_RE2_OPTIONS.log_errors = False  # the error becomes a FilterError, not stderr noise


#: A repeat count too long for RE2 to read (``a{99999999999}``): RE2 then takes the
#: braces as literal text, so the writer's mistake would match nothing, unannounced.
_HUGE_REPEAT = re.compile(r"(?<!\\)\{\d{5,}(?:,\d*)?\}|(?<!\\)\{\d+,\d{5,}\}")


@lru_cache(maxsize=256)  # bounded: patterns can come from fields, one per entry
def _pattern(pattern: str) -> Any:
    try:
        if huge := _HUGE_REPEAT.search(pattern):
            raise re2.error(f"invalid repetition size: {huge.group()[:20]}")
        return re2.compile(pattern, _RE2_OPTIONS)
    except re2.error as exc:
        reason = exc.args[0] if exc.args else ""
        if isinstance(reason, bytes):
            reason = reason.decode(errors="replace")
        raise FilterError(
            f"bad regular expression {pattern[:60]!r} after %: {reason} (RE2 syntax:"
            " no backreferences or look-around, repeat counts up to 1000)"
        ) from None


def _search(pattern: str, text: str) -> bool:
    """``text % pattern``; a pattern from a field that is no regular expression is
    searched for as plain text, since the reader cannot fix the data from the page."""
    try:
        return bool(_pattern(pattern).search(text))
    except FilterError:
        return pattern.lower() in text.lower()
