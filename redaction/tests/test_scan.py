"""The look-ahead `scan.compile` puts in front of a pattern changes where matching is tried, never
what matches."""

import re

import pytest

from spplus.redaction import scan

TEXTS = [
    "Le conseiller M. Ben Saïd m'a reçue à la CAF de Lyon le 3 mars.",
    "ÉTÉ 2025 : la boulangerie Le Goff, l'épicerie « Chez Nous », 12 rue des Lilas",
    "mon fils a perdu sa carte vitale ; j'ai appelé le 36 46 — 06 51 22 80 17\n\tsigné Ana",
    "KELVIN \u212a et ſ long s, Straße, İstanbul, ﬁle, ½ — [crochets] ^chapeau^ a-b",
    "",
]

PATTERNS = [
    (
        r"\b(?:conseiller|conseillère|agent)\s+(?:M\.\s+)?(?P<name>[A-Z][\w'-]+(?: [A-Z][\w'-]+)?)",
        0,
    ),
    (r"(?i:\b(?:boulangerie|épicerie|garage))\s+(?P<name>[A-ZÉ][\w']+(?: [A-Z]\w+)?)", 0),
    (r"(?<![\w-])(?:été|rue|straße)\b", re.IGNORECASE),
    (r"(?<!\d)(?:\d{2}[ .]?){5}(?!\d)", 0),
    (r"\b(?:sign[ée]e?|cordialement)\s+(\w+)", 0),
    (r"(?:de la |du )?\b[A-Z]\w+", 0),
    (r"(?i:kelvin|long s)|[\[\]^-]", 0),
    (r"\bk\b|\bs\b", re.IGNORECASE),  # K and ſ fold to these under IGNORECASE
    (r"(?:\s*[,;]\s*|\s+)\w+", 0),
    (r"x*", 0),  # may match nothing: left as it is
    (r".ge", 0),  # any character first: left as it is
    (r"[^a-z ]+", 0),
]


@pytest.mark.parametrize(("source", "flags"), PATTERNS)
def test_same_matches_groups_and_spans(source: str, flags: int) -> None:
    plain, fast = re.compile(source, flags), scan.compile(source, flags)
    for text in TEXTS:
        assert [(m.span(), m.groups()) for m in fast.finditer(text)] == [
            (m.span(), m.groups()) for m in plain.finditer(text)
        ]
        assert fast.sub("<x>", text) == plain.sub("<x>", text)
        for pos in range(len(text)):
            a, b = fast.match(text, pos), plain.match(text, pos)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups()))


def test_the_lookahead_names_what_can_begin_a_match() -> None:
    assert scan.lookahead(r"\b(?:rue|avenue)\b") == "(?=[ar])"
    assert scan.lookahead(r"(?i:\bgarage|épicerie)") == "(?=(?i:[gé]))"
    assert scan.lookahead(r"(?:le |la )?\b[A-Z]\w+") == "(?=[A-Zl])"
    assert scan.lookahead(r"(?<!\d)\d{2}") == r"(?=[\d])"
    assert scan.compile(r"\b(?:rue|avenue)\b").pattern == r"(?=[ar])(?:\b(?:rue|avenue)\b)"


@pytest.mark.parametrize(
    "source", [r"x*", r"(?:a)?b?", r".ab", r"[^a]b", r"\Wx", r"(?x) a b", r"(?s:.)x", r"\b"]
)
def test_left_as_written_when_no_lookahead_helps(source: str) -> None:
    assert scan.lookahead(source) is None
    assert scan.compile(source).pattern == source
