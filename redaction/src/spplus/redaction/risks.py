"""What may be personal data and nothing explains (the statistical net's spans no rule kept):
the residual risk a person looks at before publishing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon, ner, scan
from .context import (
    _CAPITAL_WORD,
    _GREETINGS,
    _LONG_NUMBER,
    _LOWER_AFTER_CONTEXT,
    _PLACE_WORD_BEFORE,
    _SERVICE_WORDS,
    _SMS_WORDS,
    _TOKEN,
    named_places,
)
from .names import first_names
from .patterns import _AMOUNT_AFTER, _NUMERIC_DATE, Finding
from .places import places
from .tied import own_names


@dataclass(frozen=True)
class Risk:
    """A span that may be personal data and that no net could explain: a person should look."""

    start: int
    end: int
    kind: str  # unknown_name, unknown_place, unlabelled_number
    weight: float


@dataclass(frozen=True)
class Assessment:
    findings: list[Finding]
    risks: list[Risk]

    @property
    def risk(self) -> float:
        return sum(r.weight for r in self.risks)


def _explained(text: str, e: ner.Entity, net: ner.StatisticalNet) -> bool:
    """Does the model's label account for the entity? A place after « à », « de »… is a place;
    an organisation or a thing named with some known word is one; a lone unknown word the model
    calls a place or a thing after « par » or « avec » may well be a surname."""
    if e.label == "PER":
        return False
    words = re.findall(r"[\w]+", e.text)
    if any(w.upper() in lexicon.ACRONYMS or w.casefold() in _SERVICE_WORDS for w in words):
        return True  # "SNCF Connect", "Crous de Bordeaux-Aquitaine": a service and its town
    if len(words) > 4 or _PLACE_WORD_BEFORE.search(text[max(0, e.start - 40) : e.start]):
        return True  # a sentence the model misread; "gare de …", "hôpital …": a public place
    # A place or a thing is explained when each capitalised word in it is known: a French word,
    # a commune, a country, a word of a place's name. "à Kawéni", "quartier du Mirail": a
    # locality below the commune, which may well locate someone, is not.
    return all(
        not w[:1].isupper()
        or net.is_word(w)
        or all(net.is_word(p) for p in re.split(r"[-'’]", w) if p)
        or w in places()
        or places().names_part(w)
        for w in re.findall(r"[\w'’-]+", e.text)
    )


def _in_public_figure(text: str, start: int, end: int) -> bool:
    """Is the word part of a public figure's name ("Gérald Darmanin", "la réforme Macron")?"""
    before = re.search(r"(?:[\w'’-]+\s+){0,2}$", text[:start])
    after = re.match(r"(?:\s+[\w'’-]+){0,2}", text[end:])
    window = (before.group() if before else "") + text[start:end] + (after.group() if after else "")
    folded = ner._fold(window.casefold())
    word = ner._fold(text[start:end].casefold())
    if any(name in folded and word in name for name in lexicon.PUBLIC_FIGURES):
        return True
    # « la réforme Lagarde » is the public figure; « Noël Lagarde », another first name before
    # the surname, is someone else
    first = re.search(r"([^\W\d_][\w'’-]*)\s+$", text[:start])
    return word in lexicon.PUBLIC_FIGURE_SURNAMES and not (
        first and first.group(1)[:1].isupper() and first_names().folded_has(first.group(1))
    )


def _place_around(text: str, start: int, end: int) -> bool:
    """Is the word part of a compound place name ("Saint-Roch", "Aix-en-Provence")?"""
    m = re.search(r"[\w'’-]*$", text[:start])
    n = re.match(r"[\w'’-]*", text[end:])
    whole = (m.group() if m else "") + text[start:end] + (n.group() if n else "")
    return whole != text[start:end] and whole in places()


#: A word in lower case where a place is named: after « habite à », « chez nous à », « vit à ».
_LOWER_PLACE = scan.compile(
    r"(?:\b(?:habite|habitons|habitent|vit|vivons|vivent|nous|moi|lui|elle|eux|né|née|"
    r"installée?s?|domiciliée?s?)\s+(?:à|a)\s+)(?P<word>[a-zà-ÿ]{5,})(?![\w'’-])"
)


#: What comes before a place's name: « à », « de », « lieu-dit », « quartier »…
_PLACE_BEFORE = scan.compile(
    r"\b(?:à|a|au|en|de|du|vers|lieu-?dit|quartier|hameau|village)\s+$", re.IGNORECASE
)


_MONTH_ABBREVIATION = scan.compile(r"janv|f[ée]vr?|avr|juil|sept|oct|nov|d[ée]c")


def _known_lower(word: str, net: ner.StatisticalNet) -> bool:
    """A word in lower case that says nothing of anyone: a French word, a place, an acronym,
    an SMS word, « jvivais » (a French word after an elided pronoun)."""
    return (
        len(word) < 4
        or net.is_word(word)
        or all(net.is_word(part) for part in re.split(r"[-'’]", word) if part)
        or word in places()
        or places().names_part(word)
        or word in _SMS_WORDS
        or word in _SERVICE_WORDS
        or word.upper() in lexicon.ACRONYMS
        or net.is_word(re.sub(r"^[jmtslcdn]", "", word))
        or _MONTH_ABBREVIATION.fullmatch(word) is not None
    )


def _unknown_lower_places(
    text: str, found: list[Finding], entities: list[ner.Entity], upper_story: bool
) -> list[Risk]:
    """What the model calls a place and no rule kept: a word in lower case no list knows, after
    « à », « de », « lieu-dit »… (« la combe de pech-rigal », « arrivée à mgombani »)."""
    net = ner.net()
    out: list[Risk] = []
    for e in entities:
        if any(f.start < e.end and e.start < f.end for f in found):
            continue
        if (
            e.label == "LOC"
            and not upper_story
            and "." not in e.text  # a site
            and len(e.text.split()) <= 3
            and _PLACE_BEFORE.search(text[max(0, e.start - 20) : e.start])
        ):
            for w in re.finditer(r"(?<![\w'’-])[a-zà-ÿ][a-zà-ÿ-]*(?![\w'’-])", e.text):
                if not _known_lower(w.group(), net):
                    out.append(Risk(e.start + w.start(), e.start + w.end(), "unknown_place", 1.0))
    return out


def _risks(
    text: str, found: list[Finding], entities: list[ner.Entity], upper_story: bool
) -> list[Risk]:
    """Spans that look like personal data and that neither net explains."""
    net = ner.net()
    covered = [(f.start, f.end) for f in found] + [
        (e.start, e.end) for e in entities if _explained(text, e, net)
    ]

    def inside(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in covered)

    risks: list[Risk] = []
    public = named_places(text)
    if not upper_story:
        for m in _CAPITAL_WORD.finditer(text):
            word = m.group()
            low = word.casefold()
            if (
                inside(m.start(), m.end())
                or word.upper() in lexicon.ACRONYMS
                or word.isupper()
                or low in lexicon.NOT_NAMES
                or low in lexicon.COMMON_WORDS
                or low.rstrip("'’") in _SERVICE_WORDS  # « MaPrimeRénov' »
                or low in _GREETINGS
                or low in _SMS_WORDS  # « Avt », « Slt » at a sentence's start
                or net.is_word(word)
                or all(net.is_word(part) for part in re.split(r"[-'’]", word) if part)
                or net.is_word(re.sub(r"^(?i:qu|[nmtsjcld])['’]", "", word))  # "Qu'en"
                or word in places()
                or low in public
                or _place_around(text, m.start(), m.end())
                or _in_public_figure(text, m.start(), m.end())
                or _PLACE_WORD_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
            ):
                continue
            # A sentence starts with a capital anyway; but a word no lexicon knows there is as
            # likely a name as anywhere else ("Aminata, l'agente du guichet 4, …").
            risks.append(Risk(m.start(), m.end(), "unknown_name", 1.0))
    for m in _LOWER_AFTER_CONTEXT.finditer(text):
        word = re.split(r"['’]", m.group("word"))[-1]  # "l'espace": the word after the article
        if (
            len(word) < 4
            or inside(m.start("word"), m.end("word"))
            or net.is_word(word)
            or word in _SMS_WORDS
            or word in places()
            or word.casefold() in _SERVICE_WORDS
        ):
            continue
        risks.append(Risk(m.start("word"), m.end("word"), "unknown_name", 1.0))
    for m in _LOWER_PLACE.finditer(text):  # "chez nous à mgombani": a village no list knows
        word = m.group("word")
        if (
            any(f.start <= m.start("word") and m.end("word") <= f.end for f in found)
            or net.is_word(word)
            or word in _SMS_WORDS
            or word in places()
            or places().names_part(word)
            or word in _SERVICE_WORDS
            or re.search(r"(?:ée?s?|er|ez|ait|aient)$", word)  # "nous à recontactés": a verb
        ):
            continue
        risks.append(Risk(m.start("word"), m.end("word"), "unknown_name", 1.0))
    if upper_story:  # capitals hide names: any word that is no French word and no place
        for m in _TOKEN.finditer(text):
            word = m.group()
            if (
                len(word) < 3
                or inside(m.start(), m.end())
                or word.casefold() in _GREETINGS
                or word.upper() in lexicon.ACRONYMS
                or word.casefold() in _SERVICE_WORDS
                or net.is_word(word)
                or all(net.is_word(part) for part in re.split(r"[-'’]", word) if part)
                or net.is_word(re.sub(r"^(?i:qu|[nmtsjcld])['’]", "", word))  # "QU'IL"
                or re.sub(r"^(?i:qu|[nmtsjcld])['’]", "", word).upper() in lexicon.ACRONYMS
                or word in places()
                or _in_public_figure(text, m.start(), m.end())
            ):
                continue
            risks.append(Risk(m.start(), m.end(), "unknown_name", 1.0))
    for m in _LONG_NUMBER.finditer(text):
        if inside(m.start(), m.end()) or _AMOUNT_AFTER.match(text[m.end() :]):
            continue
        raw = m.group()
        if _NUMERIC_DATE.fullmatch(raw) or re.match(r"0\s?8\d", raw):
            continue
        risks.append(Risk(m.start(), m.end(), "unlabelled_number", 1.0))
    for start, end, _ in own_names(text) if not upper_story else ():
        if not any(f.start <= start and end <= f.end for f in found) and not any(
            r.start < end and start < r.end for r in risks
        ):
            risks.append(Risk(start, end, "unknown_place", 1.0))  # « au gîte Le Clos des Vignes »
    for r in _unknown_lower_places(text, found, entities, upper_story):
        if not any(o.start < r.end and r.start < o.end for o in risks):
            risks.append(r)
    return risks
