"""Regular expressions that skip, fast, the places where they cannot start.

Most of the engine's patterns open with a word boundary or a look-behind and then a long
alternation (a hundred roles, shops, kinds of place). Python's engine then tries every
alternative at every position of the text. When a pattern opens with a literal or a character
set it skips ahead in C instead; a boundary in front defeats that. `compile` works out from the
parsed pattern the characters a match can begin with and puts a look-ahead on them in front:
the same matches, groups and spans, at positions that are refused after one character test.
Over the whole corpus this took the rules' and the policy's time down by about a fifth.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

_c: Any
_p: Any
try:  # the parser `re` itself uses; if a Python lacks it, patterns are compiled as written
    _c = importlib.import_module("re._constants")
    _p = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover
    _c = _p = None


class _Anything(Exception):
    """A match may begin with any character: no look-ahead helps."""


_CATEGORIES = (
    {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_WORD: r"\w", _c.CATEGORY_SPACE: r"\s"} if _c else {}
)
_GLOBAL_FLAGS = re.compile(r"\A\(\?[aiLmsux]+\)")


def _escaped(char: str) -> str:
    return "\\" + char if char in "\\]^-[" else char


def _sequence(starts: set[tuple[str, bool]], items: Any, caseless: bool) -> bool:
    """Add the characters `items` may begin with; say whether `items` may match nothing."""
    return all(_item(starts, op, arg, caseless) for op, arg in items)


def _item(starts: set[tuple[str, bool]], op: Any, arg: Any, caseless: bool) -> bool:
    if op is _c.LITERAL:
        starts.add((_escaped(chr(arg)), caseless))
        return False
    if op is _c.IN:
        for kind, value in arg:
            if kind is _c.LITERAL:
                starts.add((_escaped(chr(value)), caseless))
            elif kind is _c.RANGE:
                starts.add((f"{_escaped(chr(value[0]))}-{_escaped(chr(value[1]))}", caseless))
            elif kind is _c.CATEGORY and value in _CATEGORIES:
                starts.add((_CATEGORIES[value], False))
            else:  # a negated set, a negated category
                raise _Anything
        return False
    if op is _c.BRANCH:
        empty = False
        for alternative in arg[1]:
            empty |= _sequence(starts, alternative, caseless)
        return empty
    if op is _c.SUBPATTERN:
        _, added, removed, items = arg
        inner = (caseless or bool(added & re.IGNORECASE)) and not removed & re.IGNORECASE
        return _sequence(starts, items, inner)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        least, _, items = arg
        return _sequence(starts, items, caseless) or least == 0
    if op is _c.ATOMIC_GROUP:
        return _sequence(starts, arg, caseless)
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):  # takes no character
        return True
    raise _Anything  # any character, a back-reference, a conditional


def lookahead(source: str, flags: int = 0) -> str | None:
    """The look-ahead on the characters a match of `source` can begin with, or None when any
    character may begin one (or the pattern may match the empty string)."""
    if _p is None or flags & re.VERBOSE or _GLOBAL_FLAGS.match(source):
        return None
    starts: set[tuple[str, bool]] = set()
    try:
        if _sequence(starts, _p.parse(source, flags), bool(flags & re.IGNORECASE)):
            return None
    except _Anything:
        return None
    caseless = "".join(sorted(item for item, folded in starts if folded))
    cased = "".join(sorted(item for item, folded in starts if not folded))
    if caseless and cased:
        return f"(?=(?i:[{caseless}])|[{cased}])"
    return f"(?=(?i:[{caseless}]))" if caseless else f"(?=[{cased}])"


def compile(source: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(source, flags)`, with the look-ahead in front when one can be worked out."""
    ahead = lookahead(source, flags)
    return re.compile(source if ahead is None else f"{ahead}(?:{source})", flags)
