"""Silent normalisation: case of an all-capitals story, spacing and punctuation."""

from __future__ import annotations

import re

from spplus.redaction import lexicon, scan

_SPACES = scan.compile(r"[ \t\u00a0]{2,}")
_SPACE_BEFORE = scan.compile(r"\s+([,.)])")
_REPEATED_PUNCT = scan.compile(r"([!?.])\1{2,}")
_SENTENCE = scan.compile(r"(^|[.!?]\s+|\n\s*)([a-zàâäçéèêëîïôöùûü])")


def is_shouting(text: str) -> bool:
    letters = sum(map(str.isalpha, text))
    return letters >= 20 and sum(map(str.isupper, text)) / letters > 0.7


def sentence_case(text: str) -> str:
    """An all-capitals text in normal case, acronyms kept (CAF stays CAF)."""

    def word(m: re.Match[str]) -> str:
        w = m.group()
        return w if w in lexicon.ACRONYMS else w.lower()

    lowered = re.sub(r"[A-Za-zÀ-ÖØ-öø-ÿ]+", word, text)
    return _SENTENCE.sub(lambda m: m.group(1) + m.group(2).upper(), lowered)


def normalise(text: str) -> str:
    """The text with silent corrections only (never a change of meaning)."""
    out = sentence_case(text) if is_shouting(text) else text
    out = _SPACES.sub(" ", out)
    out = _SPACE_BEFORE.sub(r"\1", out)
    out = _REPEATED_PUNCT.sub(r"\1", out)
    out = "\n".join(line.strip() for line in out.splitlines())
    out = out.strip()
    if out and out[0].islower():
        out = out[0].upper() + out[1:]
    return out
