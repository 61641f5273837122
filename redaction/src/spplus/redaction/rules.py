"""The rules pass: every pattern of `words.py` run over a text, numbers classified by their
context and checksums (python-stdnum), then the names (`people.py`)."""

from __future__ import annotations

import re

from . import lexicon, ner, scan
from .context import _SERVICE_WORDS, _SMS_WORDS, ELIDED_NAME
from .identifiers import _classify_number, _digits, _valid, std_iban
from .names import first_names
from .patterns import (
    _AMOUNT_AFTER,
    _ID_CONTEXT,
    _MAILHOST,
    _NOT_ID_CONTEXT,
    _NUMERIC_DATE,
    _OLD_DATE_YEAR,
    _PLATE_CONTEXT,
    _YEAR_IN,
    _YEARS,
    ADDRESS,
    ANY_DATE,
    BIRTH,
    BIRTH_NEAR,
    BIRTHDAY,
    BUILDING,
    CODE,
    EMAIL,
    EMAIL_OBFUSCATED,
    EMAIL_SPELLED,
    FAMILY_NAME,
    FOREIGN_ADDRESS,
    HANDLE,
    IBAN,
    LOOSE_PLATE,
    LOWER_CODE,
    LOWER_PLATE,
    NAMED_GROUP,
    NAMED_HANDLE,
    NUMBERED_SPACE,
    NUMBERISH,
    OLD_PLATE,
    PARCEL,
    PARCEL_MORE,
    PHONE,
    PLACEHOLDER,
    PLATE,
    POSTCODE_CITY,
    PROFILE_LINK,
    SHORT_ADDRESS,
    SHORT_ID,
    UNDERSCORE_HANDLE,
    Finding,
)
from .people import _accent_variants, _lowercase_places, _named_people, _qualifies
from .places import commune_tail, places
from .roles import _find_people, _short_names
from .signatures import _closing_signature, _last_line_signature, _upper_signature
from .tied import own_names, tied_places
from .words import _ARTICLES, _FUNCTION_WORDS, _PARTICLE_CAPS, _WORDY
from .workplaces import (
    _LEGAL_FORM,
    ARTICLE_NAME,
    BOAT,
    CARE_WORKPLACE,
    EMPLOYER,
    EMPLOYER_CONTEXT,
    FIRM_STREET,
    FOUNDED_FIRM,
    HYPHENATED_SCHOOL,
    LOWER_CHEZ_FIRM,
    LOWER_EMPLOYER,
    LOWER_LEGAL_FIRM,
    NAMED_ESTABLISHMENT_BEFORE,
    NATIONAL_CHARITY,
    OWNER_FIRM,
    SCHOOL,
    UPPER_EMPLOYER,
    firm_appositions,
    named_firms,
)

#: "…, à Grand Coude": the place right after a street address.
_LOCALITY_AFTER = scan.compile(
    r",?\s*(?:à|a)\s+(?P<place>[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+){0,2})(?![\w'’-])"
)

#: What an address block puts before the postal code and the town, on its line or the line
#: above: « Le Bourg, 71460 Saint-Gengoux », « La Ville-Orhan\n22980 Plélan-le-Petit ». A short
#: line with no sentence in it; a lieu-dit has no street number for `ADDRESS` to find.
_ADDRESS_LINE_BEFORE = scan.compile(
    r"(?:^|\n)[ \t]*(?P<line>(?![ \t]*(?i:tél|tel|cordialement|bien|merci|salutations)\b)"
    r"[^\W\d_][^\n.!?:;,]{1,38}?)[ \t]*(?:,[ \t]*|\n[ \t]*)\Z"
)

#: What a spelled-out email has in its middle.
_SPELLED_AT = scan.compile(rf"(?i:\b(?:chez|arr?obase|arr?obas|at)\s+(?:{_MAILHOST}))")

#: The words `BOAT` starts from, looked for before it runs.
_BOAT_WORDS = (
    "bateau navire voilier chalutier caseyeur fileyeur bolincheur ligneur palangrier senneur "
    "goélette goelette vedette catamaran pêche peche pêcheur pecheur matelot marin embarqu mousse"
).split()


#: A postal code and the town after it, inside an address.
_POSTCODE_TOWN = scan.compile(r"\d{5}\s(?P<town>\S.*)$")

#: "chez mdahoma": a word no dictionary knows after « chez » is whose home it is.
_LOWER_CHEZ = scan.compile(
    r"(?<![\w'’])chez\s+(?P<name>[a-zà-ÿ]{4,}(?:-[a-zà-ÿ]{2,})?)(?![\w'’@.-])"
)

#: Kinds of family a card or a benefit names: no surname.
_FAMILY_KINDS = frozenset(
    "nombreuse monoparentale recomposée recomposee d'accueil accueil solidaire".split()
)


#: A site's address, not a person's handle: "ameli.fr", "impots.gouv.fr".
_WEBSITE = scan.compile(r"\.(?:fr|com|org|net|eu|gouv\.fr|gouv)$")


#: A building's own name right after the service that runs it: "(résidence Crous) Les Lauriers".
_OWN_NAME = scan.compile(
    r"\s+(?P<name>(?:(?:Les|Le|La|L['’])\s*)?[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+){0,2})"
)


def _rules(text: str, upper_story: bool) -> list[Finding]:
    """What the rules find in `text` (a shadow: see `shadow.py`), overlaps included."""
    found: list[Finding] = []

    def add(start: int, end: int, kind: str, replacement: str | None = None) -> None:
        if (
            kind in _WORDY
            and 0 < end < len(text)
            and text[end - 1].isalpha()
            and text[end].isalpha()
        ):
            # A name never ends inside a word ("résidence Chapou de|ux"): back to the last
            # whole word, or nothing.
            cut = text.rfind(" ", start, end)
            if cut <= start:
                return
            end = cut
        found.append(
            Finding(start, end, kind, PLACEHOLDER[kind] if replacement is None else replacement)
        )

    for m in EMAIL.finditer(text):
        add(m.start(), m.end(), "email")
    for m in EMAIL_OBFUSCATED.finditer(text):
        add(m.start(), m.end(), "email")
    for m in PHONE.finditer(text):
        add(m.start(), m.end(), "phone")
    for m in IBAN.finditer(text):
        compact = _digits(m.group()).upper()
        if _valid(std_iban, compact) or compact.startswith("FR"):
            add(m.start(), m.end(), "iban")
    for m in BIRTH.finditer(text):
        add(m.start(1), m.end(1), "birth_date")
    for m in BIRTHDAY.finditer(text):
        group = next(g for g in (1, 2, 3, 4, 5, 6) if m.group(g))
        add(m.start(group), m.end(group), "birth_date")
    for m in BIRTH_NEAR.finditer(text):
        add(m.start(1), m.end(1), "birth_date")
    for m in ANY_DATE.finditer(text):  # a full date decades ago is someone's birth
        year = _YEAR_IN.search(m.group(1))
        if year and int(year.group(1)) < _OLD_DATE_YEAR:
            add(m.start(1), m.end(1), "birth_date")
    for m in ADDRESS.finditer(text):
        # the town after the postal code names no one: « 5 chemin des Vignes, 24100 Bergerac »
        code = _POSTCODE_TOWN.search(m.group())
        add(m.start(), m.start() + code.start("town") - 1 if code else m.end(), "address")
        # "27 chemin Lebon, à Grand Coude": after a street, a place that is no commune is the
        # hamlet or the quarter, which locates the person as much as the street
        after = _LOCALITY_AFTER.match(text, m.end())
        if after and after.group("place") not in places():
            add(after.start("place"), after.end("place"), "address")
    for m in FOREIGN_ADDRESS.finditer(text):
        add(m.start(), m.end(), "address")
    for m in UNDERSCORE_HANDLE.finditer(text):
        add(m.start(), m.end(), "handle")
    for m in NUMBERED_SPACE.finditer(text):
        add(m.start(), m.end(), "address")
    for m in BUILDING.finditer(text):
        span, start, end = m.group(), m.start(), m.end()
        cut = commune_tail(span)
        if cut is not None and re.search(r"\s[A-ZÀ-Ý0-9]", span[:cut]):  # « hameau de Lacoste »
            span, end = span[:cut], start + cut  # is one; « Les Tilleuls de Montbrison » is not
        head = [
            w
            for w in re.findall(r"[\w'’-]+", span)[1:]
            if w[:1].isupper() and w.casefold() not in _ARTICLES
        ]
        if head and (head[0].upper() in lexicon.ACRONYMS or head[0].casefold() in _SERVICE_WORDS):
            # "une résidence du Crous de Créteil": the service's, not an address; but its own
            # name after the service's ("résidence Crous Les Lauriers") says where one lives
            own = _OWN_NAME.match(span, span.find(head[0]) + len(head[0]))
            if own and own.group("name") not in places():
                add(start + own.start("name"), start + own.end("name"), "address")
            continue
        if span.casefold().startswith("section") and (
            not head or ner.net().is_word(head[0]) or head[0].casefold() in lexicon.COMMON_WORDS
        ):
            continue  # "la section Jeunesse": a department; "la section Boisripeaux": a place
        named = re.match(r"\S+\s+(?:LES|LE|LA|DES|DU|DE LA|DE|L['’])\s*\w", span) or (
            re.match(
                r"(?:HAMEAU|LIEU-DIT|LIEUDIT|LOTISSEMENT|RÉSIDENCE|RESIDENCE|CITÉ|LOT\.)\s",
                span,
            )
            and not re.search(
                r"\s(?:PRINCIPALE|SECONDAIRE|ALTERN[ÉE]E|HABITUELLE|FISCALE|UNIVERSITAIRE|"
                r"[ÉE]TUDIANTE|DU CROUS|CROUS)\b",
                span,
            )
        )
        if (
            upper_story
            and not named
            and all(ner.net().is_word(w) or w in places() for w in re.findall(r"[^\W\d_]+", span))
        ):
            continue  # "DOMAINE VITICOLE PRÈS DE BEAUNE": capitals say nothing in a shouted story
        add(start, end, "address")
    for m in POSTCODE_CITY.finditer(text):
        add(m.start(), m.start() + 5, "address")  # the town alone names no one
        line = _ADDRESS_LINE_BEFORE.search(text, 0, m.start())
        words = re.findall(r"[^\W\d_][\w'’-]*", line.group("line")) if line else []
        if (
            line
            and len(words) <= 5
            and not any(  # « je vis à Dijon, 21000 Dijon »: a sentence
                w.casefold() in _FUNCTION_WORDS and w.casefold() not in _ARTICLES for w in words
            )
        ):
            add(line.start("line"), line.end("line"), "address")
    for m in PLATE.finditer(text):
        if not upper_story or _PLATE_CONTEXT.search(text[max(0, m.start() - 60) : m.start()]):
            add(m.start(), m.end(), "plate")
    for m in OLD_PLATE.finditer(text):
        if _PLATE_CONTEXT.search(text[max(0, m.start() - 60) : m.start()]):
            add(m.start(), m.end(), "plate")
    for m in NUMBERISH.finditer(text):
        raw = m.group().rstrip(" .-/")
        if _NUMERIC_DATE.fullmatch(raw) or _YEARS.fullmatch(raw):
            continue  # a date or "2026-2027": birth dates are found above, others are the story's
        if re.match(r"0\s?8\d", raw) and len(re.sub(r"\D", "", raw)) == 10:
            continue  # 08xx xx xx xx: a service's public number, not a person's
        if _AMOUNT_AFTER.match(text[m.start() + len(raw) :]):
            continue
        kind = _classify_number(raw, text[: m.start()])
        if kind:
            add(m.start(), m.start() + len(raw), kind)
    for m in SHORT_ID.finditer(text):
        if not _AMOUNT_AFTER.match(text[m.end(1) :]):
            add(m.start(1), m.end(1), "reference")
    for m in CODE.finditer(text):
        raw = m.group()
        before = text[: m.start()]
        if _NOT_ID_CONTEXT.search(before[-20:]) or raw.upper() in lexicon.ACRONYMS:
            continue
        if sum(c.isdigit() for c in raw) >= 3 or _ID_CONTEXT.search(before[-40:]):
            kind = (
                "document_number"
                if re.search(r"passeport|permis|carte", before[-40:], re.IGNORECASE)
                else "reference"
            )
            add(m.start(), m.end(), kind)

    # the full pattern backtracks over every word: look for its « arobase gmail » first
    for m in EMAIL_SPELLED.finditer(text) if _SPELLED_AT.search(text) else ():
        add(m.start(), m.end(), "email")
    for m in HANDLE.finditer(text):
        add(m.start(), m.end(), "handle")
    for m in PARCEL.finditer(text):
        end = m.end()
        while more := PARCEL_MORE.match(text, end):
            end = more.end()
        add(m.start(), end, "address")
    for m in LOWER_PLATE.finditer(text):
        add(m.start(), m.end(), "plate")
    for m in LOOSE_PLATE.finditer(text):
        if _PLATE_CONTEXT.search(text[max(0, m.start() - 60) : m.start()]):
            add(m.start(), m.end(), "plate")
    for m in LOWER_CODE.finditer(text):
        if not _NUMERIC_DATE.fullmatch(m.group()) and not re.fullmatch(r"[\d-]+", m.group()):
            add(m.start(), m.end(), "reference")
    for m in SHORT_ADDRESS.finditer(text):
        add(m.start(), m.end(), "address")
    for m in NAMED_HANDLE.finditer(text):
        if not _WEBSITE.search(m.group("handle")):  # "mon compte ameli.fr": a site, no one's
            add(m.start("handle"), m.end("handle"), "handle")
    for m in NAMED_GROUP.finditer(text):
        add(m.start("name"), m.end("name"), "handle")
    low = text.casefold()
    boats = any(w in low for w in _BOAT_WORDS)
    for m in BOAT.finditer(text) if boats else ():
        kept = []  # the leading words that can be a name: capitalised, or no French word
        for w in re.finditer(r"[\w'’-]+", m.group("name")):
            word = w.group()
            if word[:1].islower() and ner.net().is_word(word) and word not in first_names():
                break
            kept.append(w)
        if kept:  # not "pêcheur sur le port", "sur la côte"
            add(m.start("name") + kept[0].start(), m.start("name") + kept[-1].end(), "address")
    for m in _LOWER_CHEZ.finditer(text):
        word = m.group("name")
        if not (
            ner.net().is_word(word)
            or word in _SMS_WORDS
            or word in places()
            or word in _SERVICE_WORDS
            or word.upper() in lexicon.ACRONYMS
        ):
            add(m.start("name"), m.end("name"), "person")  # "l'adresse chez mdahoma"
    for m in CARE_WORKPLACE.finditer(text):
        words = [w for w in re.split(r"[\s'’-]+", m.group("name")) if w]
        if any(not ner.net().is_word(w) or w[:1].isupper() for w in words):
            start = m.start("name") + len(m.group("name")) - len(m.group("name").lstrip())
            add(start, m.end("name"), "employer")  # not « à l'hôpital public »
    for start, end in (
        named_firms(
            text,
            ner.net().is_word,
            lambda w: w.upper() in lexicon.ACRONYMS or w.casefold() in _SERVICE_WORDS,
            lambda w: first_names().folded_has(w),
        )
        if not upper_story
        else ()
    ):
        add(start, end, "employer")  # « recruté par la start-up Veloxia »
    for m in LOWER_CHEZ_FIRM.finditer(text) if not upper_story else ():
        words = m.group("name").split()
        net = ner.net()
        if (
            words[0] not in _FUNCTION_WORDS
            and net.is_word(words[0])
            and not net.is_word(words[-1])
            and words[-1] not in places()
            and words[-1] not in _SMS_WORDS
            and words[-1] not in _SERVICE_WORDS
            and words[-1].upper() not in lexicon.ACRONYMS
        ):
            add(m.start("name"), m.end("name"), "employer")  # « chez logistique dubreuil »
    for m in FAMILY_NAME.finditer(text):
        name = m.group("name")
        low = name.casefold()
        if (
            low in _FAMILY_KINDS
            or name.upper() in lexicon.ACRONYMS
            or low in _SERVICE_WORDS
            or (upper_story and ner.net().is_word(name.split()[-1]))
        ):
            continue  # "carte Famille Nombreuse", "FAMILLE MONOPARENTALE"
        add(m.start("name"), m.end("name"), "person")
    for m in PROFILE_LINK.finditer(text):
        add(m.start(), m.end(), "handle")
    _lowercase_places(text, add)
    for m in ELIDED_NAME.finditer(text):
        word = m.group(1)
        rest = word[2:]
        if rest.isupper() and (len(rest) <= 4 or rest in lexicon.ACRONYMS):
            continue  # "d'APL", "d'AIF"
        known = ner.net().is_word(rest) or rest in places() or rest.casefold() in _SERVICE_WORDS
        if rest.islower() and word[:1] != "n":
            continue  # "d'xyz" typed in lower case: too often a word
        if (rest[:1].isupper() or not known) and not (word[:1] in "Dd" and known):
            add(m.start(1), m.end(1), "person")  # but "d'Orléans", "d'Ille-et-Vilaine" stay
    for m in OWNER_FIRM.finditer(text):
        owner = m.group("owner").split()
        if any(
            w.upper() not in lexicon.ACRONYMS
            and (
                not ner.net().is_word(w)  # "Da Silva Rénovation"
                or (  # "Lopes Propreté": a surname that is a rare word too
                    first_names().is_surname(w)
                    and w.casefold() not in lexicon.COMMON_WORDS
                    and w not in places()
                )
            )
            for w in owner
        ):
            add(m.start("owner"), m.end("owner"), "employer")
    capitals = sum(map(str.isupper, text))
    lower_story = not upper_story and capitals <= max(2, sum(map(str.isalpha, text)) // 100)
    lower_firms: list[re.Match[str]] = []
    at = 0
    while firm := LOWER_EMPLOYER.search(text, at):  # "entreprise plomberie riviere": both trades
        lower_firms.append(firm)
        at = firm.start("name")
    for m in lower_firms:
        name = m.group("name")
        if LOWER_EMPLOYER.match(text, m.start("name")):
            continue  # a trade after a trade: the name, if any, comes after it
        if name.casefold() in _ARTICLES:
            continue  # « la sarl des collines »: the name is after the article
        if (
            m.group("kind").casefold() in _LEGAL_FORM
            or not (ner.net().is_word(name) or name.casefold() in _FUNCTION_WORDS)
            or (lower_story and not _qualifies(name) and name not in places())
        ):
            add(m.start("name"), m.end("name"), "employer")
    for m in UPPER_EMPLOYER.finditer(text) if upper_story else ():
        words = m.group("name").split()
        if (
            not _qualifies(words[-1])
            and words[-1].upper() not in lexicon.ACRONYMS
            and words[-1].casefold() not in _SERVICE_WORDS
            and words[-1].title() not in places()
        ):
            add(m.start("name"), m.end("name"), "employer")
    for pattern, kind in ((EMPLOYER, "employer"), (SCHOOL, "school")):
        for m in pattern.finditer(text) if not upper_story else ():
            name = m.group("name")
            words = [w for w in re.split(r"[\s'’-]+", name) if w]
            if (words[0].casefold() in lexicon.COMMON_WORDS and words[0] not in _PARTICLE_CAPS) or (
                len(words) == 1 and words[0].isupper() and len(words[0]) <= 4
            ):
                continue  # "avec", "CV": no name there
            if all(
                w.upper() in lexicon.ACRONYMS
                or w.casefold() in _SERVICE_WORDS
                or w.casefold() in lexicon.NOT_NAMES
                for w in words
            ):
                continue  # "l'école de la République", "l'entreprise France Travail"
            if (
                re.match(r"(?i:de|d['’])\s*[A-ZÀ-Ý]", name)
                and re.sub(r"^(?i:de|d['’])\s*", "", name) in places()
            ):
                continue  # "la pharmacie de Petit-Bourg": a shop named by its commune; but
                # "l'EARL du Moulin Neuf" is the farm's own name
            if (kind == "school" or name.islower()) and all(
                ner.net().is_word(w) and w.casefold() not in lexicon.FIRST_NAMES for w in words
            ):
                continue  # "l'institut National", "garage fermé": words, not a person's name
            add(m.start("name"), m.end("name"), kind)
    for m in SCHOOL.finditer(text) if upper_story else ():
        # « À L'ÉCOLE JULES FERRY » in a shouted story: a first name says it is a person's name
        first = re.split(r"[\s'’-]+", m.group("name"))[0]
        if first_names().folded_has(first) and first.casefold() not in lexicon.COMMON_WORDS:
            add(m.start("name"), m.end("name"), "school")
    for m in EMPLOYER_CONTEXT.finditer(text) if not upper_story else ():
        words = [w for w in re.split(r"[\s'’&-]+", m.group("name")) if w]
        if words[0].casefold() in _SERVICE_WORDS or any(
            w.isupper() and w in lexicon.ACRONYMS for w in words
        ):
            continue  # « chez France Travail », « chez la CAF de Lille »: a service
        if re.fullmatch(lexicon.TITLES, words[0]) or m.group("name") in places():
            continue  # « chez Mme Martin » is a person's (found as such); a commune is no one's
        add(m.start("name"), m.end("name"), "employer")
    for m in FOUNDED_FIRM.finditer(text):
        add(m.start("name"), m.end("name"), "employer")
    for m in LOWER_LEGAL_FIRM.finditer(text):
        words = m.group("name").split()
        if len(words) > 1 and words[1].casefold() in _FUNCTION_WORDS:
            words = words[:1]  # « gaec des collines depuis mars »: the name ends there
        add(m.start("name"), m.start("name") + len(" ".join(words)), "employer")
    for start, end in firm_appositions(text, ner.net().is_word) if not upper_story else ():
        add(start, end, "employer")
    for m in ARTICLE_NAME.finditer(text) if not upper_story else ():
        place = NAMED_ESTABLISHMENT_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if (
            place
            and m.group("name") not in places()  # « au lycée La Rochelle »: no one's
            and not NATIONAL_CHARITY.match(m.group("name"))  # « Les Restos du Cœur »
        ):
            add(m.start("name"), m.end("name"), "school" if place.group("school") else "employer")
    for start, end, kind in tied_places(text) if not upper_story else ():
        add(start, end, kind)
    for start, end, kind in own_names(text) if not upper_story else ():
        if kind is not None:  # « commis à La Table de Nour »; untied, a person looks (a risk)
            add(start, end, kind)
    for m in HYPHENATED_SCHOOL.finditer(text):
        first = m.group("first")
        if (first.casefold() in lexicon.FIRST_NAMES or first_names().folded_has(first)) and (
            first.casefold() not in lexicon.COMMON_WORDS
        ):
            add(m.start("name"), m.end("name"), "school")
    _last_line_signature(text, add)
    _closing_signature(text, add)
    if upper_story:
        _upper_signature(text, add)
    _named_people(text, add, upper_story)
    _short_names(text, add)
    _find_people(text, upper_story, add)
    _accent_variants(text, found, add)
    for f in [f for f in found if f.kind == "employer"]:
        street = FIRM_STREET.match(text, f.end)
        if street:  # where the business is: « [employeur] de la place Plumereau »
            add(street.start("street"), street.end("street"), "address")
    return found
