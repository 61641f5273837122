"""What the statistical net saw, as the rules read it: a person's name the model found (or not:
a holiday, a box's letter, a service and its town), the owner in a firm's name, an address
the model found after a word that announces one."""

from __future__ import annotations

import re

from . import lexicon, ner, scan
from .context import (
    _ADDRESS_CONTEXT,
    _DETERMINER_BEFORE,
    _FILLERS,
    _GREETINGS,
    _LEADING_TITLE,
    _PLACE_WORD_BEFORE,
    _SERVICE_WORDS,
)
from .names import first_names
from .patterns import Emit
from .people import _a_service, _at_sentence_start
from .places import commune_tail, places
from .workplaces import _ADJECTIVE_END, _TRADE_WORDS

#: Holidays named like people ("Noël"), and what puts a day before them.
_HOLIDAYS = frozenset({"noel", "paques", "toussaint", "pentecote", "ascension"})
_BEFORE_A_DAY = scan.compile(
    r"(?i:avant|apres|après|pour|depuis|jusqu['’]à|jusqu['’]a|à|a|de|vers|pendant|fin|début|debut)"
    r"\s+(?:la\s+|les\s+|l['’])?$"
)


#: A thing labelled by a letter: « la case H », « bâtiment B », « guichet C ».
_LABELLED_THING = scan.compile(
    r"(?i:\b(?:case|annexe|bâtiment|batiment|bât\.?|escalier|porte|guichet|salle|box|étage|"
    r"etage|zone|ligne|colonne|rubrique|cadre|catégorie|categorie|type|classe|groupe|section|"
    r"article|partie|option|formulaire|modèle|modele|plan|vitamine|hall|aile|niveau|bureau|"
    r"quai|voie|terminal|permis))\s+$"
)


def _person_from_entity(text: str, e: ner.Entity, upper_story: bool) -> tuple[int, int] | None:
    """The span of a name the model saw, or None when the rules say it is not a person."""
    start, end = e.start, e.end
    if "\n" in text[start:end]:  # a title and the first line glued: keep the longer side
        cut = start + text[start:end].index("\n")
        start, end = (start, cut) if cut - start >= end - cut - 1 else (cut + 1, end)
    title = _LEADING_TITLE.match(text[start:end])
    if title:
        start += title.end()
    letter = re.match(r"[A-Z]\.?\s+", text[start:end])
    if letter and _LABELLED_THING.search(text[max(0, start - 20) : start]):
        start += letter.end()  # « la case H. Avis rectifié »: the letter is the box's
    net = ner.net()
    words = [(m.start() + start, m.group()) for m in re.finditer(r"[^\s,;:]+", text[start:end])]

    def filler(word: str) -> bool:
        low = word.casefold().strip(".'’")
        return (
            low in lexicon.NOT_NAMES
            or low in lexicon.COMMON_WORDS
            or low in _FILLERS
            or low in _GREETINGS
            or (not word[:1].isupper() and net.is_word(low) and low not in lexicon.FIRST_NAMES)
            or re.match(r"(?:n|m|t|s|j|c|qu)['’]", low) is not None  # "MORVAN N'A": a verb
        )

    def first_of_a_pair(i: int) -> bool:
        """« Noël Lagarde », « France Martin »: a first name that is a word too, before a name."""
        if i + 1 >= len(words):
            return False
        word, after = words[i][1], words[i + 1][1]
        return (
            word[:1].isupper()
            and word in first_names()
            and after[:1].isupper()
            and not filler(after)
            and after.casefold() not in _SERVICE_WORDS
            and after.upper() not in lexicon.ACRONYMS
        )

    while words and filler(words[0][1]) and not first_of_a_pair(0):
        words.pop(0)  # "Mon mari Roger", "Ma mère", "le conseiller kevin"
    while words and filler(words[-1][1]):
        words.pop()
    if len(words) >= 3 and words[-2][1].casefold() == "de" and words[-1][1].title() in places():
        words = words[:-2]  # "l'école jacques-prévert de lunel": the commune is where, not who
    if not words:
        return None
    start, end = words[0][0], words[-1][0] + len(words[-1][1])
    names = [w for _, w in words]
    folded = [w.casefold() for w in names]
    if any(any(c.isdigit() for c in w) for w in names):
        return None  # "S3705": a form, not a person
    if (
        len(names) == 1
        and names[0].isupper()
        and len(names[0]) <= 5
        and folded[0] not in lexicon.FIRST_NAMES
    ):
        return None  # "CGSS", "DSDEN": an acronym our list lacks
    if (
        len(names) == 1
        and ner._fold(folded[0]) in _HOLIDAYS
        and _BEFORE_A_DAY.search(text[max(0, start - 20) : start])
    ):
        return None  # "avant Noel", "pour Pâques": a holiday
    span = text[start:end]
    if "-" in span and (
        span in places()
        or (re.match(r"(?i:saint|sainte|st|ste)-", span) and places().names_part(span))
    ):
        return None  # "Saint-Pierre", "Villeneuve-Saint-Georges", "Saint-Pourçain": a town
    if (
        not title
        and all(
            w in places()
            or w.upper() in lexicon.ACRONYMS
            or f in _SERVICE_WORDS
            or f in ("de", "du", "des", "d'", "d’", "la", "le", "l'", "l’")
            for w, f in zip(names, folded, strict=True)
        )
        and not any(f in first_names() for f in folded)
    ):
        return None  # "cour d'appel de Metz", "France Travail Annemasse": a service and its town
    if _PLACE_WORD_BEFORE.search(text[max(0, start - 40) : start]):
        return None  # "gare Saint-Charles", "centre François-Baclesse", "CAF de Metz"
    if (
        not any(w[:1].isupper() for w in names)
        and not any(
            w in first_names()
            or (
                not net.is_word(w)
                and w.upper() not in lexicon.ACRONYMS  # « l'aeeh », « l'aide vacaf »
                and 2 < len(w) <= 14
                and w.isalpha()
                and not (w[0] == "j" and net.is_word(w[1:]))  # « jle dis », « jme suis »: SMS
            )
            for w in (p for n in folded for p in n.split("-"))
        )
    ):
        return None  # lower case: a name the model sees must be a first name or no French word
    if any(
        (w in lexicon.FIRST_NAMES and w not in lexicon.AMBIGUOUS_FIRST_NAMES)
        or (w in first_names() and not net.is_word(w))
        for w in folded
    ):
        return start, end
    if all(w.upper() in lexicon.ACRONYMS or w in _SERVICE_WORDS for w in folded):
        return None  # "CAF", "Carte Vitale"
    if upper_story:
        return None  # capitals say nothing in a shouted story
    if (
        len(names) >= 3
        and folded[0] in first_names()
        and folded[1] in ("de", "du", "des", "le", "la", "van", "von", "da", "di", "del", "dos")
        and names[-1][:1].isupper()
    ):
        return start, end  # "Hubert de La Roche": a first name and a particle surname
    ordinary = [net.is_word(w) or w in _SERVICE_WORDS for w in folded]
    if all(ordinary) and (
        _at_sentence_start(text, start)
        or len(names) > 1
        or _DETERMINER_BEFORE.search(text[max(0, start - 6) : start])
    ):
        return None  # "Premier loyer", "le Préfet": words, not a name
    if (
        len(names) == 1
        and ordinary[0]
        and _ADJECTIVE_END.search(folded[0])
        and folded[0] not in first_names()
    ):
        return None  # « la demande de Complémentaire santé solidaire »: an adjective, a thing's
    return start, end


def _owner_firm(text: str, e: ner.Entity) -> tuple[int, int] | None:
    """The owner's name in a firm named after them ("Da Silva Rénovation" → "Da Silva")."""
    words = list(re.finditer(r"[\w'’-]+", e.text))
    trades = [i for i, w in enumerate(words) if w.group().casefold() in _TRADE_WORDS]
    if not trades or trades[0] == 0:
        return None
    owner = words[: trades[0]]
    if trades[0] > 0 and words[trades[0] - 1].group().casefold() == "france":
        return None  # "France Services", "France Travail": the State's counters, no owner
    if all(
        w.group().upper() in lexicon.ACRONYMS or w.group().casefold() in _SERVICE_WORDS
        for w in owner
    ):
        return None
    if not any(w.group()[:1].isupper() and not ner.net().is_word(w.group()) for w in owner):
        return None
    return e.start + owner[0].start(), e.start + owner[-1].end()


def _statistical(text: str, entities: list[ner.Entity], upper_story: bool, emit: Emit) -> None:
    for e in entities:
        if e.label == "PER":
            span = _person_from_entity(text, e, upper_story)
            if span:
                emit(span[0], span[1], "person")
        elif e.label in ("ORG", "MISC") and (span := _owner_firm(text, e)):
            emit(span[0], span[1], "employer")
        elif (
            e.label in ("LOC", "ORG", "MISC")
            and _ADDRESS_CONTEXT.search(text[max(0, e.start - 30) : e.start])
            and not _a_service(e.text.split()[0])
        ):
            # "résidence Les Tilleuls", "hameau de Kerbrat"; never past the sentence's end (the
            # model reads "bâtiment C. J'avais peur pour l'" as one name)
            stop = re.search(r"[.!?;:,]\s", text[e.start : e.end])
            end = e.start + stop.start() if stop else e.end
            cut = commune_tail(text[e.start : end])  # « Les Tilleuls de Montbrison »
            if cut is not None:
                end = e.start + cut
            emit(e.start, end, "address")
