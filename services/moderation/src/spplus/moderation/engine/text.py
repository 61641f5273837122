"""What the policy's tables are written with: folded text (no accents, lower case), a pattern
builder, a flag."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Flag:
    code: str
    confidence: float
    evidence: str


_STRIP_MARKS = {i: None for i in range(0x300, 0x370) if unicodedata.combining(chr(i))}


def fold(text: str) -> str:
    """Lower case without accents, for keyword rules."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    if not plain.isascii():
        plain = plain.translate(_STRIP_MARKS)
    return plain.replace("’", "'")


#: A character class of a pattern, or a hyphen between two letters of it.
_CLASS_OR_HYPHEN = re.compile(r"\[[^\]]*\]|(?<=[a-z])-(?=[a-z])")


def _rx(*words: str) -> re.Pattern[str]:
    """Whole words or phrases of folded text; an apostrophe may be typed as a space or left out
    ("m ont controle", "controle d identite", "jai"), a hyphen as a space ("abonnez vous",
    "ces gens la")."""
    tolerant = [
        _CLASS_OR_HYPHEN.sub(lambda m: m.group() if m.group() != "-" else "[- ]?", w).replace(
            "'", "(?:'|\\s)?"
        )
        for w in words
    ]
    return re.compile(r"(?<![a-z])(?:" + "|".join(tolerant) + r")(?![a-z])")


_MONTHS = (
    r"(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)"
)
