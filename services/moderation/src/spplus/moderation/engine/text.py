"""What the policy's tables are written with: folded text (no accents, lower case), a pattern
builder, a flag."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from spplus.redaction import scan


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


#: Words of text messages and their French (folded), so that the tables read « tt le monde
#: dit » as « tout le monde dit » and « jsais pas » as « je sais pas ».
_SMS = {
    "tt": "tout",
    "ts": "tous",
    "tte": "toute",
    "ttes": "toutes",
    "pr": "pour",
    "ds": "dans",
    "bcp": "beaucoup",
    "qd": "quand",
    "pb": "probleme",
    "pbm": "probleme",
    "pk": "pourquoi",
    "pq": "pourquoi",
    "pcq": "parce que",
    "pck": "parce que",
    "koi": "quoi",
    "tjs": "toujours",
    "tjrs": "toujours",
    "mm": "meme",
    "vs": "vous",
    "dc": "donc",
    "ac": "avec",
    "avc": "avec",
    "mnt": "maintenant",
    "auj": "aujourd'hui",
    "jms": "jamais",
    "chui": "je suis",
    "chuis": "je suis",
    "ya": "il y a",
    "c": "c'est",
    "g": "j'ai",
    "jai": "j'ai",
    "jetais": "j'etais",
    "jen": "j'en",
    "jy": "j'y",
    "msg": "message",
    "rep": "reponse",
    "svp": "s'il vous plait",
    "stp": "s'il te plait",
}
_SMS_WORD = scan.compile(
    r"(?<![\w'])(?:" + "|".join(sorted(_SMS, key=len, reverse=True)) + r")(?![\w'])"
)
#: « jsuis », « jpense », « jvais »: « je » run into the verb after it.
_JE_RUN_IN = scan.compile(r"(?<![\w'])j(?=[bcdfghjklmnpqrstvwxz][aeiouyr][a-z])")


def unabbreviate(folded: str) -> str:
    """Folded text with the words of text messages written out (for the policy's tables)."""
    return _JE_RUN_IN.sub("je ", _SMS_WORD.sub(lambda m: _SMS[m.group()], folded))


#: A character class of a pattern, or a hyphen between two letters of it.
_CLASS_OR_HYPHEN = scan.compile(r"\[[^\]]*\]|(?<=[a-z])-(?=[a-z])")


def _rx(*words: str) -> re.Pattern[str]:
    """Whole words or phrases of folded text; an apostrophe may be typed as a space or left out
    ("m ont controle", "controle d identite", "jai"), a hyphen as a space ("abonnez vous",
    "ces gens la")."""
    # « ne » is often left out, in speech and in messages: « j'ai jamais eu affaire »,
    # « on a pas reçu »
    words = tuple(
        re.sub(
            r"\b(on|nous|vous|il|elle|ils|elles|y) n'",
            r"\1 (?:n')?",
            re.sub(r"\bje n'", "j(?:e n)?'", w),
        )
        for w in words
    )
    tolerant = [
        _CLASS_OR_HYPHEN.sub(lambda m: m.group() if m.group() != "-" else "[- ]?", w).replace(
            "'", "(?:'|\\s)?"
        )
        for w in words
    ]
    return scan.compile(r"(?<![a-z])(?:" + "|".join(tolerant) + r")(?![a-z])")


_MONTHS = (
    r"(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)"
)
