"""Whether an author of a paper is a given person: one rule for the owner, every member
of the lab and every known co-author.

A name in a ``.bib`` file is spelled as the venue printed it: "M. Wang", "Mingze Wang",
"Wang, Mingze", "Mïngze Wang†". A :class:`Spelling` is one way a person's name is known
(the name in a data file, an alias, an al-folio ``firstname`` variant), folded once; a
bib name matches it when the family names agree and the given names agree word by word,
an initial standing for any word it begins. :class:`NameIndex` finds the spellings a
name may match by its folded family name, so matching every author of a big file
against a whole lab costs a dictionary look-up per author, not one comparison per person.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from .bib import Name, fold, parse_names


@dataclass(frozen=True)
class Spelling:
    """One spelling of a person's name, folded (see :func:`~.bib.fold`) for matching."""

    given: tuple[str, ...]
    family: str

    @classmethod
    def parse(cls, text: str) -> Spelling | None:
        """A name as a person writes it ("Mingze Wang", "Wang, M."); ``None`` if it has
        no family name."""
        name, _ = parse_names(text, {})  # a person's own spelling: no file to blame
        if not name or not name[0].family:
            return None
        return cls.of(name[0].given, name[0].family)

    @classmethod
    def of(cls, given: str, family: str) -> Spelling:
        """The given and family names as two texts (al-folio's ``coauthors.yml``)."""
        return cls(tuple(fold(given).split()), fold(family))


def _given_compatible(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """ "M." ~ "Mingze", "Mingze" ~ "Mingze Z.", but "Yuqing" !~ "Mingze"."""
    if not one or not other:
        return False
    for a, b in zip(one, other, strict=False):
        if a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
            continue
        return False
    return True


def _matches(family: str, given: tuple[str, ...], spelling: Spelling) -> bool:
    """The rule, on a name already folded.

    Family names must agree, except that a one-letter family ("Jishnu P", an Indian
    naming convention) matches the spelling's family initial when a given name is
    spelled out in full on both sides, so "J. P" alone matches nobody.
    """
    if family == spelling.family:
        return _given_compatible(given, spelling.given)
    short, long = sorted((family, spelling.family), key=len)
    return (
        len(short) == 1
        and long.startswith(short)
        and bool(given)
        and bool(spelling.given)
        and given[0] == spelling.given[0]
        and len(given[0]) > 1
    )


def _folded(name: Name) -> tuple[str, tuple[str, ...]]:
    return fold(name.family), tuple(fold(name.given).split())


def matches_any(name: Name, spellings: tuple[Spelling, ...]) -> bool:
    """Whether ``name`` is one of ``spellings`` (the owner's: a handful, no index needed)."""
    if name.is_others or not spellings:
        return False
    family, given = _folded(name)
    return any(_matches(family, given, spelling) for spelling in spellings)


T = TypeVar("T")


class NameIndex(Generic[T]):
    """Spellings of many people, each with what a match should give (an id, a link).

    Indexed by folded family name, and by the family's first letter for the
    one-letter family names :func:`_matches` allows on either side; where several
    spellings match a name, the one added first wins, so a member of the lab is
    preferred to an external co-author of the same name.
    """

    def __init__(self, spellings: Iterable[tuple[Spelling, T]] = ()) -> None:
        self._family: dict[str, list[tuple[int, Spelling, T]]] = {}
        self._initial: dict[str, list[tuple[int, Spelling, T]]] = {}  #: by the family's letter
        self._short: dict[str, list[tuple[int, Spelling, T]]] = {}  #: one-letter families
        self._found: dict[Name, T | None] = {}
        for order, (spelling, value) in enumerate(spellings):
            if not spelling.family:
                continue
            item = (order, spelling, value)
            self._family.setdefault(spelling.family, []).append(item)
            self._initial.setdefault(spelling.family[0], []).append(item)
            if len(spelling.family) == 1:
                self._short.setdefault(spelling.family, []).append(item)

    def __bool__(self) -> bool:
        return bool(self._family)

    def find(self, name: Name) -> T | None:
        """What the first matching spelling gives, or ``None``; remembered per name, as
        a lab's co-authors recur in entry after entry."""
        if name not in self._found:
            self._found[name] = self._find(name)
        return self._found[name]

    def _find(self, name: Name) -> T | None:
        if name.is_others or not self._family:
            return None
        family, given = _folded(name)
        if not family:
            return None
        candidates = [*self._family.get(family, ()), *self._short.get(family[0], ())]
        if len(family) == 1:
            candidates += self._initial.get(family, ())
        matching = [item for item in candidates if _matches(family, given, item[1])]
        return min(matching, key=lambda item: item[0])[2] if matching else None
