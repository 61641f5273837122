"""What may be personal data and nothing explains (the statistical net's spans no rule kept):
the residual risk a person looks at before publishing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon, ner
from .context import (
    _ADDRESS_CONTEXT,
    _CAPITAL_WORD,
    _DETERMINER_BEFORE,
    _FILLERS,
    _GREETINGS,
    _LEADING_TITLE,
    _LONG_NUMBER,
    _LOWER_AFTER_CONTEXT,
    _PLACE_WORD_BEFORE,
    _SERVICE_WORDS,
    _SMS_WORDS,
    _TOKEN,
    named_places,
)
from .names import first_names
from .patterns import _AMOUNT_AFTER, _NUMERIC_DATE, Emit, Finding
from .people import _a_service, _at_sentence_start
from .places import commune_tail, places
from .workplaces import _ADJECTIVE_END, _TRADE_WORDS


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


#: Holidays named like people ("Noël"), and what puts a day before them.
_HOLIDAYS = frozenset({"noel", "paques", "toussaint", "pentecote", "ascension"})
_BEFORE_A_DAY = re.compile(
    r"(?i:avant|apres|après|pour|depuis|jusqu['’]à|jusqu['’]a|à|a|de|vers|pendant|fin|début|debut)"
    r"\s+(?:la\s+|les\s+|l['’])?$"
)


#: A thing labelled by a letter: « la case H », « bâtiment B », « guichet C ».
_LABELLED_THING = re.compile(
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
    if not any(w[:1].isupper() for w in names) and not any(
        w in first_names()
        or (
            not net.is_word(w)
            and 2 < len(w) <= 14
            and w.isalpha()
            and not (w[0] == "j" and net.is_word(w[1:]))  # « jle dis », « jme suis »: SMS
        )
        for w in (p for n in folded for p in n.split("-"))
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
_LOWER_PLACE = re.compile(
    r"(?:\b(?:habite|habitons|habitent|vit|vivons|vivent|nous|moi|lui|elle|eux|né|née|"
    r"installée?s?|domiciliée?s?)\s+(?:à|a)\s+)(?P<word>[a-zà-ÿ]{5,})(?![\w'’-])"
)


#: What comes before a place's name: « à », « de », « lieu-dit », « quartier »…
_PLACE_BEFORE = re.compile(
    r"\b(?:à|a|au|en|de|du|vers|lieu-?dit|quartier|hameau|village)\s+$", re.IGNORECASE
)


_MONTH_ABBREVIATION = re.compile(r"janv|f[ée]vr?|avr|juil|sept|oct|nov|d[ée]c")


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
    for r in _unknown_lower_places(text, found, entities, upper_story):
        if not any(o.start < r.end and r.start < o.end for o in risks):
            risks.append(r)
    return risks
