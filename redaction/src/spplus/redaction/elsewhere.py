"""What was found once, found again: the name of a quarter or a hamlet from an address, the
name in a spelled-out email; and where people live when the story says so (« habite Les
Makes », « vit section Bellevue »), when that is no commune of INSEE's list."""

from __future__ import annotations

import re

from . import lexicon, ner, scan
from .context import _SERVICE_WORDS
from .names import first_names
from .patterns import PLACEHOLDER, Emit, Finding
from .places import fold, places

#: An address's own name: "quartier Doujani 2", "lieu-dit Bordebasse", "section Bellevue".
_PLACE_NAMED = scan.compile(
    r"(?i:quartier|résidence|residence|lieu-dit|lieudit|hameau|lotissement|cité|cite|section|"
    r"village|domaine)\s+(?:(?:les|le|la|du|des|de la|de)\s+)?(?P<name>\S.*)$"
)

#: Where someone lives, named after the verb: « habite Les Makes », « vit section Bellevue »,
#: « chez moi à Javouhey ».
_LIVES_AT = scan.compile(
    r"(?i:\bhabit(?:e|es|ent|ons|ait|aient)|\bvi(?:t|s|vons|vent|vait)|\brésid(?:e|ait)|\bresid(?:e|ait)|"
    r"\bchez (?:moi|nous)(?=[ \t]+(?:à|a)[ \t]))"
    r"\s+(?:(?:à la|a la|à|a|au|aux|en|dans le|dans la|sur)\s+)?"
    r"(?P<where>(?:\d{1,4}(?:[ \t]?(?:bis|ter))?[ \t]+)?(?:(?i:section|quartier|lieu-dit|hameau|village|cité|cite)\s+)?"
    r"(?:(?:Les|Le|La|L['’])\s*)?[A-ZÀ-Ý][\w'’-]+(?:[ \t]+(?:Nord|Sud|Est|Ouest|Haut|Bas|Haute|Basse|"
    r"Hauts|Bas|Neuf|Vieux|Grand|Petit))?(?:\s+\d{1,3}\b)?)"
)

#: The commune a lived-in place is in, right after it: « au Coudray à Nérondes ».
_WITHIN_A_COMMUNE = scan.compile(
    r"[ \t]*(?:,[ \t]*(?:à|a)|[ \t]+(?:à|a|sur la commune de|commune de))[ \t]+(?P<commune>[A-ZÀ-Ý][\w'’-]+(?:[ \t]+[A-ZÀ-Ý][\w'’-]+)?)"
)

#: A street with no number after the verb or the home: « habite chemin Bœuf-Mort à Saint-Louis »,
#: « devant chez moi, rue des tanneurs à colmar », « mon domicile avenue jean jaurès ».
_LIVES_ON_STREET = scan.compile(
    r"(?i:\bhabit(?:e|es|ent|ons|ait|aient)|\bvi(?:t|s|vons|vent|vait)|\brésid(?:e|ait)|"
    r"\bresid(?:e|ait)|\bdomicilié(?:e|s|es)?|\bdomicilie(?:e|s|es)?|\bdemeur(?:e|ait)|"
    r"\bchez (?:moi|nous)|\b(?:mon|notre) (?:domicile|adresse|immeuble|appartement|appart|maison|"
    r"logement))"
    r"[ \t]*,?[ \t]+(?:(?i:au|à la|a la|dans la|dans le|sur le|sur la)\s+)?"
    r"(?P<where>(?i:rue|chemin|impasse|allée|allee|avenue|boulevard|route|ruelle|sentier|"
    r"traverse|place|quai|cours)\s+(?:(?:(?i:de la|des|du|de|d['’]|les|le|la)\s*)?"
    r"[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+){0,2}|(?:de la|des|du|de|d['’]|les|le|la)[ \t]*"
    r"[a-zà-ÿ][\w'’-]{2,}|[a-zà-ÿ][\w'’-]{2,}(?:[ \t]+(?!(?:à|a|au|aux|en|et|ou|où|pour|depuis|dans|sur|avec|le|la|les|"
    r"un|une|de|du|des|qui|que|mais|car|puis|quand|il|elle|on|je|j|nous|mon|ma|mes)(?![\w'’-]))"
    r"[a-zà-ÿ][\w'’-]{2,}){0,2}))"
)

#: Two words in capitals, one a first name: "YILMAZ EMRE", "EMRE YILMAZ".
_CAPS_PAIR = scan.compile(
    r"(?<![\w'’-])([A-ZÀ-Ý][A-ZÀ-Ý'’-]{2,})[ \t]+([A-ZÀ-Ý][A-ZÀ-Ý'’-]{2,})(?![\w'’-])"
)


#: A signature's address with no street word: « Anne-Sophie L., 3 Kerlann », « …, 4 Le Bourg ».
_SIGNED_ADDRESS = scan.compile(
    r"(?m)^[^\n,]{2,40},[ \t]*(?P<where>\d{1,4}(?:[ \t]?(?:bis|ter))?,?[ \t]+"
    r"(?:(?:Le|La|Les|L['’])[ \t]*)?[A-ZÀ-Ý][\w'’-]+(?:[ \t]+[A-ZÀ-Ý][\w'’-]+){0,3})[ \t.]*$"
)


def lives_at(text: str, emit: Emit) -> None:
    for m in _SIGNED_ADDRESS.finditer(text):
        if text[m.end() :].count("\n") <= 2:  # a signature: one of the text's last lines
            emit(m.start("where"), m.end("where"), "address")
    for m in _LIVES_ON_STREET.finditer(text):
        emit(m.start("where"), m.end("where"), "address")
    for m in _LIVES_AT.finditer(text):
        where = m.group("where")
        words = [
            w
            for w in re.findall(r"[^\W\d_][\w'’-]*", where)
            if w.casefold() not in ("les", "le", "la")
        ]
        head = [
            w
            for w in words
            if w.casefold()
            not in ("section", "quartier", "lieu-dit", "hameau", "village", "cité", "cite")
        ]
        if not head:
            continue
        name = " ".join(head)
        if where[:1].isdigit():  # « habite au 4 Le Bourg Nord »: a house number, an address
            emit(m.start("where"), m.end("where"), "address")
            continue
        within = _WITHIN_A_COMMUNE.match(text, m.end("where"))
        if within and within.group("commune") in places() and head[0] not in lexicon.ACRONYMS:
            # « il habite au Coudray à Nérondes »: a place inside a commune is a lieu-dit, even
            # when some other commune bears its name
            emit(m.start("where"), m.end("where"), "address")
            continue
        if (
            name in places()
            or head[0] in places()
            or head[0].upper() in lexicon.ACRONYMS
            or head[0].casefold() in _SERVICE_WORDS
            or head[0].casefold() in lexicon.COMMON_WORDS
        ):
            continue  # a commune, a service: « habite Lyon », « vit en France »
        if not re.match(
            r"(?i:section|quartier|lieu-dit|hameau|village|cité|cite|les|le|la|l['’])", where
        ) and (ner.net().is_word(head[0]) or places().names_part(head[0])):
            continue  # « vit à Carhaix »: a word or a piece of a commune's name
        # a town is no one's address, but a name no commune bears is a lieu-dit, a quarter, a
        # hamlet: « chez moi à Javouhey », « habite Les Makes »
        emit(m.start("where"), m.end("where"), "address")


#: Thanks to someone by name: « Merci a Ousseni », « merci encore à Maëlle ».
_THANKED = scan.compile(
    r"(?i:\bmerci(?:[ \t]+(?:encore|beaucoup|infiniment|bien))?[ \t]+(?:à|a)[ \t]+)"
    r"(?P<name>[A-ZÀ-Ý][\w'’-]+)(?:[ \t]+(?P<surname>[A-ZÀ-Ý][\w'’-]+))?(?![\w'’-])"
)

_TITLE_WORDS = frozenset(
    "mme madame monsieur mr mlle mademoiselle docteur docteure dr maître maitre me tous toutes "
    "vous toi elle lui eux".split()
)


def _someone(word: str) -> bool:
    """Could `word`, capitalised, be a person's name rather than a place, a service, a word?"""
    low = word.casefold()
    if (
        word in places()
        or word.upper() in lexicon.ACRONYMS
        or low in _SERVICE_WORDS
        or low in lexicon.COMMON_WORDS
        or low in _TITLE_WORDS
    ):
        return False
    return first_names().folded_has(word) or not ner.net().is_word(word)


#: A signature dictated in a sentence: « merci à elle de ma part Aurore tél… ».
_FROM_ME = scan.compile(
    r"(?i:\bde (?:ma|la) part(?: de)?)[ \t]+(?P<name>[A-ZÀ-Ý][\w'’-]+)(?![\w'’-])"
)

#: A care home's name typed in lower case: « à l'ehpad les tilleuls ».
_CARE_HOME_LOWER = scan.compile(
    r"(?i:\b(?:ehpad|maison de retraite|foyer[ -]logement|résidence autonomie|"
    r"residence autonomie|usld|marpa)[ \t]+)"
    r"(?P<name>(?:les|le|la|l['’])[ \t]*[a-zà-ÿ][a-zà-ÿ'’-]{2,})(?![\w'’-])"
)


def thanked(text: str, emit: Emit) -> None:
    """The person thanked by name at the end of a story is an agent or a helper: a name; so is
    the first name a dictated signature gives; and a care home's own name, typed in lower
    case, says where a relative lives."""
    for m in _FROM_ME.finditer(text):
        if first_names().folded_has(m.group("name")) and _someone(m.group("name")):
            emit(m.start("name"), m.end("name"), "person")
    for m in _CARE_HOME_LOWER.finditer(text):
        emit(m.start("name"), m.end("name"), "school")
    for m in _THANKED.finditer(text):
        if not _someone(m.group("name")):
            continue
        end = (
            m.end("surname")
            if m.group("surname") and _someone(m.group("surname"))
            else m.end("name")
        )
        emit(m.start("name"), end, "person")


#: A number right after a person's name on its line: « KESSLER Julien 27713 » (a prisoner's, a
#: member's, an employee's number).
_NUMBER_AFTER = scan.compile(
    r"[ \t]*[,:-]?[ \t]*(?:(?i:n°|no|nº|num|numéro|numero|matricule)[ \t]*:?[ \t]*|#)?"
    r"(?P<number>\d{4,12})(?![\d,.]?\d)(?![ \t]*(?i:€|euros?\b|eur\b|km\b|ans?\b|mois\b|jours?\b|%|h\b))"
)

#: A web address: « www.orsini-avocat-penal.fr », « https://cabinet-x.com/contact ».
_WEB_ADDRESS = scan.compile(
    r"(?i:\b(?:https?://|www\.)[^\s<>\"«»]+|\b[\w-]{3,}\.(?:fr|com|net|org|eu|info|biz|pro)\b"
    r"(?:/[^\s<>\"«»]*)?)"
)


def next_to_names(text: str, found: list[Finding]) -> list[Finding]:
    """What a removed name gives away beside it: the number written right after it, and a web
    address built on it."""
    out: list[Finding] = []
    taken = [(f.start, f.end) for f in found]
    names: set[str] = set()
    for f in found:
        if f.kind != "person":
            continue
        names.update(  # not « connectés » of a name taken from « Les Aînés Connectés »
            fold(w)
            for w in re.findall(r"[^\W\d_]{4,}", text[f.start : f.end])
            if not ner.net().is_word(w)
        )
        m = _NUMBER_AFTER.match(text, f.end)
        if m is None:
            continue
        number = m.group("number")
        if len(number) == 4 and number[:2] in ("19", "20"):
            continue  # a year
        if not any(a < m.end("number") and m.start("number") < b for a, b in taken):
            out.append(
                Finding(m.start("number"), m.end("number"), "reference", PLACEHOLDER["reference"])
            )
    for m in _WEB_ADDRESS.finditer(text) if names else ():
        address = fold(m.group())
        if any(n in address for n in names) and not any(
            a < m.end() and m.start() < b for a, b in taken
        ):
            out.append(Finding(m.start(), m.end(), "handle", PLACEHOLDER["handle"]))
    return out


def caps_pairs(text: str, emit: Emit) -> None:
    """In a story in capitals, a first name beside a word that is no French word and no place
    is a person's name, in either order."""
    for m in _CAPS_PAIR.finditer(text):
        a, b = m.group(1), m.group(2)
        for first, other in ((a, b), (b, a)):
            if (
                first_names().folded_has(first)
                and first.casefold() not in lexicon.COMMON_WORDS
                and first.title() not in places()  # « FRANCE TRAVAIL »
                and re.fullmatch(r"[A-ZÀ-Ý]+(?:-[A-ZÀ-Ý]+)?", other) is not None  # « L'AGENCE »
                and not ner.net().is_word(other)
                and other.title() not in places()
                and other not in lexicon.ACRONYMS
                and other.casefold() not in _SERVICE_WORDS
            ):
                emit(m.start(), m.end(), "person")
                break


#: In capitals, a surname of another language by its particle ("PLOMBERIE DA COSTA").
_CAPS_PARTICLE_NAME = scan.compile(
    r"(?<![\w'’-])(?:DA|DAS|DOS|VAN DER|VAN DEN|VAN|VON|BEN|OULD|AIT)[ \t]+"
    r"(?P<name>[A-ZÀ-Ý][A-ZÀ-Ý'’-]{2,})(?![\w'’-])"
)


def caps_particle_names(text: str, emit: Emit) -> None:
    """In a story in capitals, a foreign particle and a word that is no French word (a town's
    name too: « DA COSTA », « VAN LOON »)."""
    for m in _CAPS_PARTICLE_NAME.finditer(text):
        name = m.group("name")
        if (
            not ner.net().is_word(name)
            and name not in lexicon.ACRONYMS
            and name.casefold() not in _SERVICE_WORDS
        ):
            emit(m.start(), m.end(), "person")


def found_again(text: str, found: list[Finding]) -> list[Finding]:
    """A quarter's name from an address, or a name from a spelled-out email, wherever it
    stands again in the story."""
    needles: dict[str, str] = {}
    for f in found:
        span = text[f.start : f.end]
        if f.kind == "address":
            m = _PLACE_NAMED.search(span)
            name = m.group("name") if m else ""
            words = name.split()
            if (
                m
                and len(name) >= 4
                and len(words) <= 3
                and name not in places()
                and not any(w.casefold() in lexicon.COMMON_WORDS for w in words)
            ):
                needles[m.group("name").casefold()] = "address"
        elif f.kind == "email" and " " in span:  # spelled out: "kevin point marchal arobase…"
            local = re.split(r"(?i)\s+(?:arr?obase|arr?obas|at|chez)\s+", span)[0]
            for w in re.findall(r"[^\W\d_]{4,}", local):
                if w.casefold() not in ("point", "tiret") and not ner.net().is_word(w):
                    needles[w.casefold()] = "person"
    out = []
    for needle, kind in needles.items():
        for m in re.finditer(rf"(?<![\w-]){re.escape(needle)}(?![\w-])", text, re.IGNORECASE):
            if not any(f.start <= m.start() < f.end for f in found):
                out.append(Finding(m.start(), m.end(), kind, PLACEHOLDER[kind]))
    return out
