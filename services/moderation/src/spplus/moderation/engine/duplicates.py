"""Near-duplicate stories: word shingles compared by Jaccard similarity."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from spplus.redaction import scan

from .policy import fold

_WORD = scan.compile(r"[a-z0-9]+")


def shingles(text: str, size: int = 3) -> frozenset[int]:
    words = _WORD.findall(fold(text))
    if len(words) < size:
        return frozenset({_hash(" ".join(words))}) if words else frozenset()
    return frozenset(_hash(" ".join(words[i : i + size])) for i in range(len(words) - size + 1))


def _hash(s: str) -> int:
    # 7 bytes: fits a signed 64-bit database integer.
    return int.from_bytes(hashlib.blake2b(s.encode(), digest_size=7).digest(), "big")


_PRIME = (1 << 61) - 1
_SEEDS = [(_hash(f"a{i}") | 1, _hash(f"b{i}")) for i in range(32)]


def bands(items: frozenset[int], rows: int = 4) -> list[str]:
    """MinHash locality-sensitive keys: similar stories share at least one with high probability,
    so a database can find candidates with one `$in` query."""
    if not items:
        return []
    signature = [min((a * x + b) % _PRIME for x in items) for a, b in _SEEDS]
    return [
        f"{i}:" + "-".join(map(str, signature[i : i + rows]))
        for i in range(0, len(signature), rows)
    ]


def similarity(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass
class DuplicateIndex:
    """Stories seen before (in memory; the service keeps the same signatures in its database)."""

    threshold: float = 0.7
    _seen: list[tuple[str, frozenset[int]]] = field(default_factory=list)

    def match(self, text: str) -> tuple[str, float] | None:
        mine = shingles(text)
        best: tuple[str, float] | None = None
        for story_id, theirs in self._seen:
            score = similarity(mine, theirs)
            if score >= self.threshold and (best is None or score > best[1]):
                best = (story_id, score)
        return best

    def add(self, story_id: str, text: str) -> None:
        self._seen.append((story_id, shingles(text)))
