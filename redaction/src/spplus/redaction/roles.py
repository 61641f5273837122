"""A person named after their role, their civility, their tie to the author (« la conseillère
Mme Petit », « mon mari Noël »): the span, and what stands in its place."""

from __future__ import annotations

import re

from . import lexicon, ner, scan
from .context import _FILLERS, _OFFICES, _PLACE_WORD_BEFORE, _SERVICE_WORDS, _SMS_WORDS
from .names import first_names
from .patterns import _LOW, _NEXT_FIRST_NAME, _SURNAME_AFTER_FIRST, _UP, Emit
from .people import _a_service, _cut_name, _name_is_plausible, _sentence_start, _trim_name
from .places import places
from .words import (
    _FUNCTION_WORDS,
    _REL_ALT,
    _ROLE_ALT,
    CAPITALISED,
    LOWER_FIRST_NAME,
    RELATIVE_NAME,
    ROLE_NAME,
    SELF_CAPITALISED,
    SELF_NAME,
    TITLE_NAME,
    UPPER_RELATIVE_NAME,
)

#: A relative or a role just before a first name typed in lower case ("mon compagnon, julien").
_TIE_BEFORE = scan.compile(rf"(?i:{_REL_ALT}|{_ROLE_ALT})\s*,?\s*$")

#: A verb right after a name: what a person does in a story.
_SAYS = scan.compile(r"[ \t]+(?:dit|disait|a dit|m'a|m’a|a|avait|est|était|etait|pense|trouve)\b")

#: A relative, then a name in brackets: « papa (aimé carpentier, 89 ans) ».
_RELATIVE_BRACKETED = scan.compile(
    rf"(?i:{_REL_ALT}|papa|maman|papi|papy|mamie|mamy)[ \t]*\([ \t]*"
    r"(?P<first>[^\W\d_](?:[^\W\d_]|-(?=[^\W\d_])){2,})"  # « (Marie-Josée, 78 ans) »
    r"(?:[ \t]+(?P<last>[^\W\d_][\w'’-]{2,}))?[ \t]*[,)]"
)

#: A civility and an initial alone: « c'est mme h., l'assistante sociale ».
_TITLE_INITIAL = scan.compile(
    r"(?i:\b(?:mme|mlle|madame|monsieur|mr|docteur|dr|maître|maitre)|(?<![\w.])m\.)[ \t]+"
    r"(?P<initial>[A-Za-zÀ-ÿ]\.)(?![\w-])"
)

#: A civility and a surname that starts with a lower-case particle: « M. d'Almeida ».
_TITLE_PARTICLE = scan.compile(
    r"(?:\b(?:Mme|Mlle|Monsieur|Madame|Mr|Dr|Docteur|Maître|Me)|(?<![\w.])M\.)[ \t]+"
    r"(?P<name>(?:d['’]|de[ \t]+|du[ \t]+|de la[ \t]+|van[ \t]+|von[ \t]+|da[ \t]+|dos[ \t]+|di[ \t]+)"
    rf"[{_UP}][\w'’-]+)"
)

#: A street with no number where the author lives: « arrivée chez moi, rue du commandant-bourgoin ».
_HOME_STREET = scan.compile(
    r"(?i:\bchez (?:moi|nous)[ \t]*,?[ \t]*(?:au[ \t]+|à la[ \t]+|a la[ \t]+)?)"
    r"(?P<street>(?i:rue|avenue|chemin|impasse|allée|allee|boulevard|route|place|lotissement)"
    r"[ \t]+(?:(?:du|de la|des|de|d['’])[ \t]*)?[^\W\d_][\w'’-]+(?:[ \t]+[^\W\d_][\w'’-]+){0,2}?)"
    r"(?=[ \t]*[.,;:!?)]|[ \t]*$)"
)

#: Initials of a compound first name: « mon collègue J.-P., qui… », « M.-Th. ».
_HYPHENATED_INITIALS = scan.compile(r"(?<![\w.-])[A-ZÀ-Ý]\.-[A-ZÀ-Ý][a-zà-ÿ]?\.(?![\w-])")

#: A nickname given as such: « on l'appelle mamie zaza », « que tout le monde appelle Tatie
#: Nadou ».
_NICKNAME = scan.compile(
    r"(?i:\b(?:on l['’]appelle|(?:tout le monde|on) l['’]?appelle|tout le monde appelle|"
    r"surnomm[ée]e?)[ \t]+)"
    r"(?:(?i:mamie|mamy|papi|papy|tata|tatie|tonton|mémé|meme|pépé|pepe|la|le)[ \t]+)?"
    r"(?P<name>[^\W\d_][\w'’-]{2,})"
)

#: A promotion code made of someone's name: « code promo AMINE10 ».
_PROMO_CODE = scan.compile(
    r"(?i:\bcode[ \t]+(?:promo|parrain(?:age)?|de parrainage|de réduction|de reduction)[ \t]*:?"
    r"[ \t]*[«\"“']?[ \t]*)(?P<code>[A-Za-z][A-Za-z0-9]{3,19})(?![\w])"
)


def _short_names(text: str, emit: Emit) -> None:
    """Names in their short forms: in brackets after a relative, an initial after a civility,
    a compound first name's initials, a nickname, a promotion code made of a name."""
    for m in _RELATIVE_BRACKETED.finditer(text):
        first, last = m.group("first"), m.group("last")
        if first_names().folded_has(first) and first not in lexicon.COMMON_WORDS:
            emit(m.start("first"), m.end("last") if last else m.end("first"), "person")
    for m in _TITLE_INITIAL.finditer(text):
        emit(m.start("initial"), m.end("initial"), "person")
    for m in _TITLE_PARTICLE.finditer(text):
        emit(m.start("name"), m.end("name"), "person")
    for m in _HOME_STREET.finditer(text):
        emit(m.start("street"), m.end("street"), "address")
    for m in _HYPHENATED_INITIALS.finditer(text):
        emit(m.start(), m.end(), "person")
    for m in _NICKNAME.finditer(text):
        if m.group("name").casefold() not in _FUNCTION_WORDS:
            emit(m.start("name"), m.end("name"), "person")
    for m in _PROMO_CODE.finditer(text):
        letters = re.sub(r"\d+", "", m.group("code"))
        if first_names().folded_has(letters) and letters.casefold() not in lexicon.COMMON_WORDS:
            emit(m.start("code"), m.end("code"), "handle")  # « AMINE10 », not « AUTOMNE26 »


#: What closes a name set off in a sentence: a comma, a full stop, a bracket, the end.
_APPOSITION_AFTER = scan.compile(r"[ \t]*(?:[,;:.)!?]|$)")

#: In capitals, what follows a surname that is also a word: a verb, or punctuation.
_VERB_NEXT = scan.compile(
    r"[ \t]*(?:[,.;:!?)]|(?:EST|ÉTAIT|ETAIT|A|AVAIT|NE|ME|NOUS|M['’]|N['’]|L['’]|S['’])(?![\w]))"
)


#: A name said to be a name: "Noël. C'était son nom", "Yvette, c'est son prénom".
NAME_STATED = scan.compile(
    rf"(?<![\w'’-])(?P<name>[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?)[ \t]*[.,:;!]?[ \t]+"
    rf"(?i:c['’](?:était|etait|est)|ce (?:sont|étaient))[ \t]+(?i:son|leur|mon|ton|notre|votre)"
    rf"[ \t]+(?i:nom|prénom|prenom|nom de famille)(?![\w'’-])"
)


#: A name, then the role it holds set off by commas: "Ophélie, la conseillère, a noté".
NAME_THEN_ROLE = scan.compile(
    rf"(?<![\w'’-])(?P<name>[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?)[ \t]*,[ \t]*"
    rf"(?i:la|le|l['’]|notre|mon|ma|une|un|cette|ce)[ \t]*(?i:{_ROLE_ALT})(?![\w'’-])"
)


#: An initial and a surname ending a line or set off by a comma: "R. MARCHAND, NÉ LE…".
INITIAL_NAME = scan.compile(
    rf"(?<![\w.'’-])[{_UP}]\.(?:-[{_UP}][{_LOW}]?\.)?[ \t]?(?P<name>[{_UP}][{_UP}'’-]{{2,}}|[{_UP}][{_LOW}'’-]{{2,}})"
    rf"(?=[ \t]*(?:,|\n|$|(?i:née?)\b))"
)


def _never_a_name(word: str) -> bool:
    """A function word, a word that names things, an acronym or a service."""
    return (
        word.casefold() in _FUNCTION_WORDS
        or word.casefold() in lexicon.NOT_NAMES
        or word.upper() in lexicon.ACRONYMS
        or _a_service(word)
    )


def _find_people(text: str, upper_story: bool, emit: Emit) -> None:
    for m in INITIAL_NAME.finditer(text):
        if not _never_a_name(m.group("name")):
            emit(m.start(), m.end("name"), "person")
    for m in NAME_STATED.finditer(text):
        emit(m.start("name"), m.end("name"), "person")
    for m in NAME_THEN_ROLE.finditer(text):
        name = m.group("name")
        if (first_names().folded_has(name) or not ner.net().is_word(name)) and not (
            _never_a_name(name)
            or name in places()
            or places().names_part(name)
            or _PLACE_WORD_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
            or re.search(
                r"(?i:\b(?:de|du|des|à|a|au|aux|en|sur|près de|vers))\s+$", text[: m.start()]
            )
        ):
            emit(m.start("name"), m.end("name"), "person")
    for m in ROLE_NAME.finditer(text):
        lead = (m.group("name").split() or [""])[0]
        lead_end = m.start("name") + len(lead)
        # "Le conseiller, Noël, a tout repris": a capitalised word set between commas after a
        # role is the person's name, ordinary word or not.
        appositive = (
            (not upper_story or first_names().folded_has(lead))
            and "," in m.group("sep")
            and lead[:1].isupper()
            and text[lead_end : lead_end + 1] == ","
            and lead.casefold() not in _FUNCTION_WORDS
            and lead.casefold() not in _FILLERS
            and lead.upper() not in lexicon.ACRONYMS
        )
        # "l'adjudant Rivière m'a reçu": after a rank, a capitalised word is a surname
        # in capitals, only a word that is no French word, or a first name (« LE GENDARME
        # MORVAN », not « LE GENDARME RESPONSABLE »)
        ranked = (
            (
                not upper_story
                or (
                    (not ner.net().is_word(lead) or first_names().folded_has(lead))
                    and lead.casefold() not in lexicon.COMMON_WORDS
                    and lead.casefold() not in _FILLERS
                    and lead.casefold() not in _OFFICES
                )
            )
            and m.group("role").casefold() in lexicon.RANKS
            and lead[:1].isupper()
            and lead.casefold() not in _FUNCTION_WORDS
            and lead.upper() not in lexicon.ACRONYMS
            and not re.match(r"\s+(?:de|du|des|d['’])\s", text[lead_end : lead_end + 5])
        )
        # « la guichetière Rivière »: a capitalised surname after a role, ordinary word or not
        surname = (
            not upper_story
            and lead[:1].isupper()
            and lead[1:].islower()
            and first_names().is_surname(lead)
            and not _never_a_name(lead)
            and lead.casefold() not in lexicon.COMMON_WORDS
            and lead.casefold() not in _FILLERS
        )
        if appositive:
            name = lead
        else:
            name = _cut_name(m.group("name"), lowercase_ok=False, strong=ranked or surname)
            if not name or not (ranked or _name_is_plausible(name, upper_story, titled=True)):
                continue
        if (
            upper_story
            and not (appositive or ranked or m.group("title"))
            and name.split()[0].casefold() not in ("le", "la")  # "LE GENDARME LE BRIS"
            and ner.net().is_word(name.split()[0])
            and not first_names().folded_has(name.split()[0])
            and not (len(name.split()) == 1 and _VERB_NEXT.match(text, m.start("name") + len(name)))
        ):
            continue  # "LE GENDARME RESPONSABLE DU POSTE", not "LE CONSEILLER MARCHAND EST"
        if not (appositive or ranked or surname) and (
            name in places() or _a_service(name.split()[0])
        ):
            continue  # "ma conseillère de France Travail Landerneau": a town, a service
        if not appositive and any(
            w.upper() in lexicon.ACRONYMS or _a_service(w) for w in name.split()[1:]
        ):
            continue  # "UNE AGENTE DU CROUS DE NORMANDIE": the service, no name
        role = m.group("role") + m.group("qual")
        det = (m.group("det") or "").strip().lower()
        feminine = m.group("role") in lexicon.FEMININE_ROLES or det in (
            "la",
            "une",
            "ma",
            "sa",
            "cette",
        )
        end = m.start("name") + len(name)
        if appositive:
            end += 1  # "Le conseiller, Noël, a dit" → "Un conseiller a dit"
        if det in ("", "l'", "l’", "le", "la", "cette", "ce", "un", "une"):
            article = "une" if feminine else "un"
            start = m.start()
            replacement = f"{article} {role}"
            if m.start() > 0 and text[m.start() - 1] == "'" and det == "":
                start = m.start()
            # "à l'agent X" → "à un agent"; keep the sentence's capital letter.
            if text[start : start + 1].isupper() and start == _sentence_start(text, start):
                replacement = replacement[0].upper() + replacement[1:]
            emit(start, end, "person", replacement)
        else:  # "mon conseiller Jean" → "mon conseiller"
            if not appositive and text[end : end + 1] == "," and "," in m.group("sep"):
                end += 1  # "mon conseiller, Jean, a dit" → "mon conseiller a dit"
            emit(m.start("sep"), end, "person", "")
    patterns: tuple[tuple[re.Pattern[str], bool, bool | str], ...] = (
        (TITLE_NAME, True, True),
        (SELF_NAME, True, "self"),
        (RELATIVE_NAME, False, "capital"),  # "mon mari Noël": a capital after a relative
    )
    if upper_story:  # "MON PETIT-FILS YANIS": a first name after a relative, in capitals
        for m in UPPER_RELATIVE_NAME.finditer(text):
            word = m.group("name")
            # after a relative, a first name wins over the word it also is ("OCEANE"); a word
            # no dictionary or list knows is a first name too ("MA MÈRE, SIDONIE BELLEMARE")
            unknown = (
                len(word) > 2
                and not ner.net().is_word(word)
                and word.title() not in places()
                and word not in lexicon.ACRONYMS
                and word.casefold() not in _SERVICE_WORDS
                and word.casefold() not in _SMS_WORDS
            )
            if (
                first_names().folded_has(word) or unknown
            ) and word.casefold() not in lexicon.COMMON_WORDS:
                end = m.end("name")
                # "MON MARI, PATRICK BOULANGER, EST…": the capitals closed by a comma after the
                # first name are the surname, ordinary word or not
                after = re.match(r"[ \t]+([A-ZÀ-Ý][A-ZÀ-Ý'’-]{2,})(?=[ \t]*[,.;:)])", text[end:])
                if after and after.group(1).casefold() not in _FUNCTION_WORDS:
                    end += after.end()
                emit(m.start("name"), end, "person")
    for pattern, lowercase_ok, strong in patterns:
        if upper_story and pattern is RELATIVE_NAME:
            continue  # capitals say nothing: only a first name, above
        for m in pattern.finditer(text):
            name = _cut_name(m.group("name"), lowercase_ok=lowercase_ok, strong=strong)
            lead = name.split()[0] if name else ""
            if (
                upper_story
                and name
                and all(
                    w.casefold() in _FILLERS
                    or w.casefold() in _FUNCTION_WORDS
                    or w.casefold() in _OFFICES
                    for w in name.split()
                )
            ):
                continue  # "MME LA DIRECTRICE", "M. LE MAIRE": a role, no name
            # "Mme Petit", "mon mari Noël": the context says it is a name, ordinary word or not.
            forced = bool(lead) and (strong is True or (strong == "capital" and lead[:1].isupper()))
            # A civility names someone in a shouted story too ("MME NOËL"); a capital after a
            # relative says nothing there.
            if name and (
                (
                    forced
                    and (
                        not upper_story
                        or (
                            strong is True
                            and lead.casefold() not in _FUNCTION_WORDS
                            and lead.casefold() not in _FILLERS
                        )
                    )
                )
                or _name_is_plausible(name, upper_story, titled=True)
            ):
                emit(m.start("name"), m.start("name") + len(name), "person")
    for m in SELF_CAPITALISED.finditer(text):
        name = _trim_name(m.group("name"))
        if (
            name
            and _name_is_plausible(name, upper_story)
            and (name.split()[0].lower() in lexicon.FIRST_NAMES or len(name.split()) >= 2)
        ):
            emit(m.start("name"), m.start("name") + len(name), "person")
    for m in LOWER_FIRST_NAME.finditer(text):
        word = m.group().lower()
        curated = word in lexicon.FIRST_NAMES and word not in lexicon.AMBIGUOUS_FIRST_NAMES
        # Typed without accents or from another language ("ines", "jerome", "moussa"): a first
        # name of the wide list that is no French word either.
        wide = (
            len(word) > 3
            and first_names().folded_has(word)
            and not ner.net().is_word(word)
            and word not in _FUNCTION_WORDS
            and word not in lexicon.COMMON_WORDS
            and word not in _SERVICE_WORDS
            and word not in places()
        )
        # set off by commas right after a role or a relative, a first name that is a word too
        # (« une aide à domicile, rosa, trois après-midis »)
        set_off = (
            first_names().folded_has(word)
            and word not in lexicon.COMMON_WORDS
            and word not in _FUNCTION_WORDS
            and word not in _SERVICE_WORDS
            and re.search(r",[ \t]*$", text[max(0, m.start() - 3) : m.start()]) is not None
            and _TIE_BEFORE.search(text[max(0, m.start() - 45) : m.start()]) is not None
            and _APPOSITION_AFTER.match(text, m.end()) is not None
        )
        if (curated or wide or set_off) and not _PLACE_WORD_BEFORE.search(
            text[max(0, m.start() - 30) : m.start()]
        ):
            end = m.end()
            # "la voisine ginette bellony": a lower-case word no dictionary knows, right after a
            # first name, is the surname; "mon compagnon, julien noël, …": after a relative or a
            # role, a word closed by punctuation is the surname, dictionary word or not
            after = re.match(r"[ \t]+([a-zà-ÿ]{3,}(?:-[a-zà-ÿ]{2,})?)(?![\w'’@.-])", text[end:])
            named_pair = bool(
                after
                # closed by punctuation, or doing what people do (« mon ami sébastien lorrain
                # dit que… »)
                and (
                    _APPOSITION_AFTER.match(text, end + after.end())
                    or _SAYS.match(text, end + after.end())
                )
                and _TIE_BEFORE.search(text[max(0, m.start() - 45) : m.start()])
                and after.group(1) not in lexicon.COMMON_WORDS
            )
            if (
                after
                and curated
                and (named_pair or not ner.net().is_word(after.group(1)))
                and after.group(1) not in _FUNCTION_WORDS
                and after.group(1) not in _SMS_WORDS
                and (named_pair or after.group(1) not in places())
                and (named_pair or after.group(1) not in _SERVICE_WORDS)
            ):
                end += after.end()
            emit(m.start(), end, "person")
    for m in CAPITALISED.finditer(text):
        word = m.group()
        lower = word.lower()
        known = lower in lexicon.FIRST_NAMES or (
            word in first_names()
            and not ner.net().is_word(word)
            and word not in places()
            and word.upper() not in lexicon.ACRONYMS
            and lower not in _SERVICE_WORDS
        )
        compound_place = "-" in word and word in places()  # "Saint-Pierre", not "Anaïs"
        # « au GRETA », « le CROUS »: capitals after an article are an organisation's
        acronym = word.isupper() and re.search(
            r"(?i:\b(?:au|aux|du|le|la|les|l['’]))\s*$", text[: m.start()]
        )
        if known and not (upper_story and word.isupper()) and not compound_place and not acronym:
            end = m.end()
            after = _SURNAME_AFTER_FIRST.match(text, end)
            if (
                after
                and after.group(1).lower() not in lexicon.NOT_NAMES
                and after.group(1).upper() not in lexicon.ACRONYMS
            ):
                end = after.end()
            emit(m.start(), end, "person")
        elif (
            not upper_story
            and word.isupper()
            and len(word) >= 3
            and word not in lexicon.ACRONYMS
            and lower not in lexicon.NOT_NAMES
            and (first := _NEXT_FIRST_NAME.match(text, m.end()))
            and first.group(1) in first_names()
        ):
            emit(m.start(), first.end(), "person")  # "DUPONT Jean"
