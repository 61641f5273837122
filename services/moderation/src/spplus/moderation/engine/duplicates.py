"""Near-duplicate stories: word shingles compared by Jaccard similarity."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from .policy import fold

_WORD = re.compile(r"[a-z0-9]+")


def shingles(text: str, size: int = 3) -> frozenset[int]:
    words = _WORD.findall(fold(text))
    if len(words) < size:
        return frozenset({_hash(" ".join(words))}) if words else frozenset()
    return frozenset(_hash(" ".join(words[i : i + size])) for i in range(len(words) - size + 1))


def _hash(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big")


def similarity(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass
class DuplicateIndex:
    """Stories seen before (in memory; the service keeps the same signatures in its database)."""

    threshold: float = 0.6
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
