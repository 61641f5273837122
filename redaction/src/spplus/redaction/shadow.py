"""The text as recognisers should read it, with a map back to the author's characters.

People (and attackers) write personal data in forms that plain patterns miss: full-width digits
and ＠ (NFKC folds them), e + a combining accent, zero-width spaces and soft hyphens inside a number,
Hangul or Braille fillers, Cyrillic or Greek letters that look Latin, underscores between digits,
a phone number spelled out in words. `Shadow.of(text)` rewrites all of that into plain text for
recognition; every character of the shadow remembers the span of the original it comes from, so
a finding is cut out of the author's text, which is published with its own characters.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from . import scan

#: Characters that show nothing (or a blank) and can hide inside a word or a number.
_INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
    "\u206a\u206b\u206c\u206d\u206e\u206f\u2800\u3164\ufeff\uffa0"
)

#: Letters of other scripts drawn like Latin ones (Unicode's confusables for Cyrillic and Greek
#: that French text never needs): folded, so "jеаn@…" with Cyrillic е and а is an email again.
_CONFUSABLES = str.maketrans(
    {
        **dict(zip("аеорсухіјѕԁһӏԛԝɑ", "aeopcyxijsdhlqwa", strict=True)),
        **dict(zip("АВЕКМНОРСТУХІЈЅ", "ABEKMHOPCTYXIJS", strict=True)),
        **dict(zip("αονρικτυχ", "aovpiktux", strict=True)),
        **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX", strict=True)),
    }
)

#: Latin letters French does not use and that do not decompose into a letter and an accent.
_LATIN_BASE = str.maketrans("ıłŁđĐħĦŧŦŀĿ", "ilLdDhHtTlL")


def _latin_base(c: str) -> str:
    """« ş », « ı », « ł », « ễ »: the letter under the marks of Turkish, Polish, Romanian,
    Vietnamese… names, so that « yılmaz » reads like « yilmaz ». French letters stay."""
    if not ("\u0100" <= c <= "\u024f" or "\u1e00" <= c <= "\u1eff") or c in "Œœ":
        return c
    plain = unicodedata.normalize("NFKD", c.translate(_LATIN_BASE))
    base = "".join(x for x in plain if not unicodedata.combining(x))
    return base if len(base) == 1 else c


#: Text NFKC leaves as it is and that hides nothing: printable ASCII, French letters, the usual
#: typographic marks.
_PLAIN = scan.compile(r"[\t\n\x20-\x7eÀ-ÖØ-öø-ÿŒœ’‘“”«»–—€]*")
#: A separator someone put between the digits of a number ("06_12_34", "06•12•34").
_DIGIT_SEPARATOR = scan.compile(r"(?<=\d)[_·•|~]+(?=\s?\d)|(?<=\d)_(?=[A-Z](?![a-z]))")

_UNITS = {
    "zero": 0,
    "zéro": 0,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
}
_TENS = {
    "vingt": 20,
    "vingts": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "septante": 70,
    "huitante": 80,
    "octante": 80,
    "nonante": 90,
}
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_TENS, "et", "cent", "cents"], key=len, reverse=True))
#: A run of number words, as someone spells a phone or a file number: at least four of them.
_SPELLED = scan.compile(
    rf"(?<![\w-])(?:{_NUMBER_WORD})(?:[\s,.\-]+(?:{_NUMBER_WORD})){{3,}}(?![\w-])",
    re.IGNORECASE,
)
_WORD_SPLIT = scan.compile(r"[\s,.\-]+")


def _teen(words: list[str], i: int) -> tuple[int, int]:
    """The number at `words[i]` below 20 ("dix-huit" is two words) and the index after it."""
    if words[i] == "dix" and i + 1 < len(words) and words[i + 1] in ("sept", "huit", "neuf"):
        return 10 + _UNITS[words[i + 1]], i + 2
    return _UNITS[words[i]], i + 1


def _spelled_groups(words: list[str]) -> list[int]:
    """Numbers below 100 in a run of French number words: "zéro six douze soixante-dix-huit"
    → [0, 6, 12, 78]."""
    groups: list[int] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w in ("et", "cent", "cents"):
            i += 1
            continue
        if w == "quatre" and i + 1 < len(words) and words[i + 1] in ("vingt", "vingts"):
            value, i = 80, i + 2
        elif w in _TENS:
            value, i = _TENS[w], i + 1
        else:
            unit, i = _teen(words, i)
            groups.append(unit)
            continue
        if i < len(words) and words[i] == "et":
            i += 1
        if i < len(words) and words[i] in _UNITS and words[i] not in ("zero", "zéro"):
            unit, after = _teen(words, i)
            if unit < 10 or value in (60, 80):
                value, i = value + unit, after
        groups.append(value)
    return groups


#: A label a number follows: spelled after it, five digits already make an identifier.
_ID_LABEL = scan.compile(
    r"(?i:identifiant|num[ée]ro|n°|dossier|allocataire|r[ée]f[ée]rence|matricule|code|compte)"
    r"[^.\n]{0,20}$"
)
#: A house number spelled before its street: "au vingt-trois rue Jean-Jaurès".
_SPELLED_HOUSE = scan.compile(
    rf"(?<![\w-])((?:{_NUMBER_WORD})(?:[\s-]+(?:{_NUMBER_WORD})){{0,4}})(?=\s+(?:bis\s+|ter\s+)?"
    r"(?:rue|avenue|boulevard|bd|allée|allee|impasse|chemin|route|quai|square|"
    r"traverse|lotissement|résidence|residence)\b)",
    re.IGNORECASE,
)


def _spelled_house(run: str) -> str | None:
    groups = _spelled_groups([w for w in _WORD_SPLIT.split(run.casefold()) if w])
    if len(groups) != 1 or not 1 < groups[0] < 1000:
        return None  # "une rue", "un chemin": an article, no house number
    return str(groups[0])


def _spelled_digits(run: str, labelled: bool = False) -> str | None:
    """The digits a spelled-out number stands for, grouped as written; None for prose.
    `labelled`: the run follows a label ("mon identifiant c'est le …"), five digits suffice."""
    groups = _spelled_groups([w for w in _WORD_SPLIT.split(run.casefold()) if w])
    digits = "".join(str(g) if g < 10 else f"{g:02d}" for g in groups)
    if len(groups) < 4 or len(digits) < (5 if labelled else 8):
        return None  # "deux enfants de trois et cinq ans" is not a number to hide
    out: list[str] = []  # single digits said one by one stick together: "zéro six" → "06"
    for g in groups:
        text = str(g) if g < 10 else f"{g:02d}"
        if out and g < 10 and len(out[-1]) == 1:
            out[-1] += text
        else:
            out.append(text)
    return " ".join(out)


@dataclass(frozen=True)
class Shadow:
    """`text` for recognisers; character i of it comes from `original[starts[i]:ends[i]]`."""

    original: str
    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, original: str) -> Shadow:
        if _PLAIN.fullmatch(original):  # most stories: nothing to fold, the map is the identity
            n = len(original)
            shadow = cls(original, original, tuple(range(n)), tuple(range(1, n + 1)))
        else:
            shadow = cls._folded(original)
        shadow = shadow._rewrite(_DIGIT_SEPARATOR, lambda m: " " * len(m.group()))
        if _SPELLED.search(shadow.text):
            shadow = shadow._rewrite(
                _SPELLED,
                lambda m: _spelled_digits(
                    m.group(), bool(_ID_LABEL.search(m.string[max(0, m.start() - 40) : m.start()]))
                ),
            )
        if _SPELLED_HOUSE.search(shadow.text):
            shadow = shadow._rewrite(_SPELLED_HOUSE, lambda m: _spelled_house(m.group(1)))
        return shadow

    @classmethod
    def _folded(cls, original: str) -> Shadow:
        chars: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        i, n = 0, len(original)
        while i < n:
            j = i + 1  # a cluster: one character and the combining marks that follow it
            while j < n and (unicodedata.combining(original[j]) or original[j] in _INVISIBLE):
                j += 1
            cluster = "".join(c for c in original[i:j] if c not in _INVISIBLE)
            if cluster and ((cluster.isascii() and cluster.isprintable()) or cluster in "\n\t"):
                folded = cluster
            elif cluster:
                folded = unicodedata.normalize("NFKC", cluster).translate(_CONFUSABLES)
                folded = "".join(map(_latin_base, folded))
                folded = "".join(
                    c for c in folded if c in "\n\t" or unicodedata.category(c)[0] != "C"
                )
            else:
                folded = ""
            for c in folded:
                chars.append(c)
                starts.append(i)
                ends.append(j)
            i = j
        return cls(original, "".join(chars), tuple(starts), tuple(ends))

    def _rewrite(
        self, pattern: re.Pattern[str], fn: Callable[[re.Match[str]], str | None]
    ) -> Shadow:
        """Each match replaced by `fn(match)` (None keeps it), the new characters mapped to the
        whole original span of the match."""
        chars: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        cursor = 0
        for m in pattern.finditer(self.text):
            new = fn(m)
            if new is None:
                continue
            chars.append(self.text[cursor : m.start()])
            starts += self.starts[cursor : m.start()]
            ends += self.ends[cursor : m.start()]
            begin, end = self.starts[m.start()], self.ends[m.end() - 1]
            chars.append(new)
            starts += [begin] * len(new)
            ends += [end] * len(new)
            cursor = m.end()
        if cursor == 0 and not chars:
            return self
        chars.append(self.text[cursor:])
        starts += self.starts[cursor:]
        ends += self.ends[cursor:]
        return Shadow(self.original, "".join(chars), tuple(starts), tuple(ends))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that shadow characters `start:end` come from."""
        if end <= start:
            at = self.starts[start] if start < len(self.starts) else len(self.original)
            return at, at
        return self.starts[start], self.ends[end - 1]

    @property
    def changed(self) -> bool:
        return self.text != self.original
