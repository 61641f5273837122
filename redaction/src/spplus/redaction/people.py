"""People's names in French stories, the helpers every finder shares (where a name ends, whether
it may be one, what is a service), and the finders of names by their sentence: « s'appelle »,
spelled out, on a badge, around a birth, in lower case, with an accent the author left out."""

from __future__ import annotations

import re

from . import lexicon, ner, scan
from .context import _FILLERS, _SENTENCE_END, _SERVICE_WORDS
from .names import first_names
from .patterns import _UP, Emit, Finding
from .places import places
from .words import (
    _ARTICLES,
    _ESTATE,
    _FUNCTION_WORDS,
    _HAMLET_AFTER,
    _INNER_PARTICLES,
    _INSTEAD_OF,
    _LOWER_SPELLED,
    _NAME_IN_SENTENCE,
    _NAME_SENTENCE,
    _PARTICLES,
    _SPELLING,
    _UPPER_APPOSITIVE,
    _VERB_ENDING,
    _WORD,
    BADGE_NAME,
    BIRTH_NAME,
    CALLED,
    FAMILY_NAME,
    LISTED_RELATIVES,
    NAMED_AS,
    PARENT_OF,
    TRUE_NAME,
    _fold,
)
from .workplaces import _ADJECTIVE_END, _QUALIFIERS


def _qualifies(word: str) -> bool:
    """A word after a trade that describes it (an adjective), not the owner's name."""
    low = word.casefold()
    if low in _QUALIFIERS or low in _FUNCTION_WORDS:
        return True
    names = first_names()
    return bool(_ADJECTIVE_END.search(low)) and not (names.folded_has(low) or names.is_surname(low))


def _name_is_plausible(name: str, whole_text_upper: bool, titled: bool = False) -> bool:
    """Could `name` be a person's? `titled`: it follows M., Mme, a role… (then even in an
    all-capitals story, and with particles: "Mme LE GOFF")."""
    words = [w for w in re.split(r"[\s]+", name) if w]
    if not words:
        return False
    inner = [w for i, w in enumerate(words) if not (w.lower() in _PARTICLES and i < len(words) - 1)]
    if any(w.lower() in lexicon.NOT_NAMES for w in inner):
        return False
    if whole_text_upper and not titled:
        return any(w.lower() in lexicon.FIRST_NAMES for w in words)
    return not all(w.upper() in lexicon.ACRONYMS for w in words)


#: A pronoun elided before a verb ("n'a", "m'a", "s'est", "qu'il"): never part of a name.
_ELIDED_PRONOUN = scan.compile(r"(?:n|m|t|s|j|c|qu)['’]")


def _cut_name(name: str, *, lowercase_ok: bool, strong: bool | str = False) -> str:
    """The name at the start of `name`: stops at the first ordinary word. `strong`: the context
    names a person for sure ("Mme Petit", "m. blanc"), so a first word that is also an ordinary
    word is the name, unless it is a function word ("Mme a dit", "Madame la conseillère")."""
    kept: list[str] = []
    words = name.split()
    taken = 0  # words already kept with the particle before them
    for i, word in enumerate(words):
        if i < taken:
            continue
        low = word.lower()
        capital = word[:1].isupper()
        if (
            i == 0
            and strong in (True, "self")
            and low in ("de", "du", "des", "le", "la", "van", "da", "ben", "el")
            and len(words) > 1
            and (
                words[1].lower() in ("la", "le")  # "de La Roche"
                or not ner.net().is_word(words[1])  # "le Gall", "le bihan"
            )
        ):
            kept.append(word)  # "Mme de La Roche", "M. le Gall"
            if (
                low == "de"
                and words[1].lower() in ("la", "le")
                and len(words) > 2
                and words[2].replace("-", "").isalpha()
                and words[2].lower() not in _FUNCTION_WORDS
            ):
                kept.extend(words[1:3])  # "mme de la roche" typed in lower case
                break
            continue
        if (
            i == 0
            and (strong is True or (strong == "capital" and capital))
            and low not in _FUNCTION_WORDS
            and len(low) > 1
            and word.replace("-", "").isalpha()
        ):
            kept.append(word)
            continue
        if (
            kept
            and low in _INNER_PARTICLES
            and i + 1 < len(words)
            and (words[i + 1][:1].isupper() or (strong is True and words[i + 1].isalpha()))
            and words[i + 1].lower() not in _FUNCTION_WORDS
            and words[i + 1].lower() not in lexicon.COMMON_WORDS
            and words[i + 1].upper() not in lexicon.ACRONYMS
        ):
            # "Dr Van der Berg", "le dr van der berg", "M. dos Santos": the particles and the word
            # after them belong to the name
            j = i
            while j + 1 < len(words) and words[j].lower() in _INNER_PARTICLES:
                j += 1
            kept.extend(words[i : j + 1])
            taken = j + 1
            continue
        if i > 0 and _ELIDED_PRONOUN.match(low):
            break  # "LE GENDARME MORVAN N'A RIEN VOULU": a verb ends the name
        if i > 0 and low in _FUNCTION_WORDS and low not in _PARTICLES:
            break  # "LE DR LABORDE PEUT EN TEMOIGNER": a verb ends the name
        if low in lexicon.COMMON_WORDS or low in lexicon.NOT_NAMES:
            following = words[i + 1] if i + 1 < len(words) else ""
            if (
                low in ("le", "la", "de", "du", "des")
                and capital
                and (i > 0 or len(words) > 1)
                # "M. GRONDIN DU SIP DE SAINT-BENOIT": the service, not the name
                and following.upper() not in lexicon.ACRONYMS
                and following.casefold() not in _SERVICE_WORDS
            ):
                kept.append(word)  # "Mme LE GOFF", "M. DE LA ROCHE"
                continue
            break
        if not capital:
            is_first = (
                low in lexicon.FIRST_NAMES and low not in lexicon.AMBIGUOUS_FIRST_NAMES
            ) or (len(low) > 3 and first_names().folded_has(low) and low not in _FUNCTION_WORDS)
            unknown = len(low) > 2 and low.replace("-", "").isalpha() and not ner.net().is_word(low)
            if not (
                is_first
                or unknown
                or (lowercase_ok and not _VERB_ENDING.search(low) and len(low) > 2)
            ):
                break
        kept.append(word)
    while kept and kept[-1].lower() in ("le", "la", "de", "du", "des"):
        kept.pop()
    return " ".join(kept)


def _trim_name(name: str) -> str:
    """Drop trailing words that are not name-like (`Dupont Le` → `Dupont`)."""
    words = name.split()
    while words and words[-1].lower() in lexicon.NOT_NAMES:
        words.pop()
    return " ".join(words)


def _accent_variants(text: str, found: list[Finding], emit: Emit) -> None:
    """A name found, written elsewhere with other accents ("Wiśniewska" and « Wisniewska »,
    "Ayşe" and "Ayse") or one letter apart ("Elissalde" and « Elisalde »): the same name. Only a
    word that no dictionary knows."""
    names: dict[str, set[str]] = {}
    for f in found:
        if f.kind == "person":
            for w in _WORD.finditer(text[f.start : f.end]):
                if len(w.group()) >= 5:
                    names.setdefault(_fold(w.group()), set()).add(w.group())
    if not names:
        return
    covered = [(f.start, f.end) for f in found]
    for m in _WORD.finditer(text):
        word = m.group()
        folded = _fold(word)
        spellings = names.get(folded)
        if any(s <= m.start() and m.end() <= e for s, e in covered) or ner.net().is_word(word):
            continue
        if spellings and word not in spellings:
            emit(m.start(), m.end(), "person")
        elif (
            word[:1].isupper()
            and len(word) >= 6
            and word not in places()
            and any(len(n) >= 6 and _one_edit(folded.casefold(), n.casefold()) for n in names)
        ):
            emit(m.start(), m.end(), "person")  # "Elissalde" typed « Elisalde »: the same name


def _one_edit(a: str, b: str) -> bool:
    """Are `a` and `b` one letter apart (one changed, added or dropped), first letter kept?"""
    if a == b or a[:1] != b[:1] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


#: What makes « résidence » a right or a permit rather than a home.
_PERMIT_BEFORE = scan.compile(
    r"(?i:certificats?|cartes?|titres?|justificatifs?|attestations?|preuves?|pays|lieu|droit|"
    r"conditions?|permis)[ \t]+de[ \t]+$"
)


def _lowercase_places(text: str, emit: Emit) -> None:
    """ "résidence les tilleuls", "le clos fleuri", "quartier cavani sud": an estate's name in a
    story typed in lower case (capitalised ones are found by `BUILDING` and the model)."""
    for m in _HAMLET_AFTER.finditer(text):
        if m.group("name") not in places():
            emit(m.start("name"), m.end("name"), "address")
    for m in _ESTATE.finditer(text):
        if _PERMIT_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue  # « certificat de résidence de dix ans »: a permit, not a home
        words = m.group("name").split()
        if words[0].casefold() in _FUNCTION_WORDS and words[0].casefold() not in _ARTICLES:
            continue  # "allée sur le site", "chemin de fer": no estate named there
        head = [w for w in words if w.casefold() not in _FUNCTION_WORDS]
        if not head or head[0].casefold() in lexicon.COMMON_WORDS:
            continue
        if head[0].upper() in lexicon.ACRONYMS or head[0].casefold() in _SERVICE_WORDS:
            # "en résidence crous": the service's, not an address; but its own name after the
            # service's ("résidence crous boudonville") says where one lives
            own = head[1] if len(head) > 1 and words.index(head[1]) == 1 else None
            if own and not ner.net().is_word(own) and own not in places():
                at = m.start("name") + m.group("name").index(own, len(words[0]))
                emit(at, at + len(own), "address")
            continue
        if len(head) > 1 and head[1] in lexicon.COMMON_WORDS:
            words = words[: words.index(head[1])]
        # the name ends at a word of the sentence: « hameau de kerbrat depuis dix ans »
        first = words.index(head[0])
        for i in range(first + 1, len(words)):
            if words[i].casefold() in _FUNCTION_WORDS and words[i].casefold() not in _ARTICLES:
                words = words[:i]
                break
        while words[-1].casefold() in _ARTICLES:
            words = words[:-1]
        if m.group(0)[:1].isupper() and not words[-1][:1].islower():
            continue
        if not all(w.islower() for w in words):
            continue
        named = words[0].casefold() in _ARTICLES
        if ner.net().is_word(head[0]) and not named:
            continue  # "résidence principale", "quartier nord": ordinary words, no name
        end = m.start("name") + len(" ".join(words))
        emit(m.start(), end, "address")


def _named_people(text: str, emit: Emit, upper_story: bool = False) -> None:
    if upper_story:
        for m in _UPPER_APPOSITIVE.finditer(text):
            name = m.group("name")
            if first_names().folded_has(name) and name.casefold() not in lexicon.COMMON_WORDS:
                emit(m.start("name"), m.end("name"), "person")
    for m in FAMILY_NAME.finditer(text):
        last = m.group("name").split()[-1]
        if not _a_service(last):
            emit(m.start("name"), m.end("name"), "person")  # "les de La Roche": a family
    for m in BADGE_NAME.finditer(text):
        group = "a" if m.group("a") else "b"
        if m.group(group).casefold() not in _FUNCTION_WORDS and not _a_service(m.group(group)):
            emit(m.start(group), m.end(group), "person")
    for m in LISTED_RELATIVES.finditer(text):
        for w in re.finditer(rf"[{_UP}][\w'’-]+", m.group("names")):
            word = w.group()
            if not _a_service(word) and word.casefold() not in _FILLERS:  # "Lison" is a town too
                emit(m.start("names") + w.start(), m.start("names") + w.end(), "person")
    for m in TRUE_NAME.finditer(text):
        if m.group("nick").casefold() not in _FUNCTION_WORDS:
            emit(m.start("nick"), m.end("nick"), "person")
        emit(m.start("name"), m.end("name"), "person")
    names = first_names()
    for m in BIRTH_NAME.finditer(text):
        group = "a" if m.group("a") else "b"
        word = m.group(group)
        unknown_capital = (
            group == "a"
            and word[:1].isupper()
            and not ner.net().is_word(word)
            and word not in places()
            and not _a_service(word)
        )
        if (names.folded_has(word) or unknown_capital) and (
            word.casefold() not in _FUNCTION_WORDS
            and not (group == "b" and word.casefold() in lexicon.COMMON_WORDS)
        ):
            emit(m.start(group), m.end(group), "person")
    for m in _NAME_SENTENCE.finditer(text):
        rest = m.group("rest")
        if not _SPELLING.search(m.group(0)):
            continue  # "mon nom figure sur…": no name written out
        for w in _NAME_IN_SENTENCE.finditer(rest):
            word = w.group()
            first = not rest[: w.start()].strip(" «\"'’:")  # the very word the sentence spells
            # "« Ayse » au lieu de Ayşe": both sides are spellings of the name, towns or not
            first = first or bool(_INSTEAD_OF.search(rest[: w.start()]))
            bare = re.sub(r"^[A-Za-zÀ-ÿ]['’]", "", word)  # "L'ACCENT": the word after the elision
            if upper_story and ner.net().is_word(bare) and not names.folded_has(bare):
                continue  # in capitals, "ORTHOGRAPHIÉ", "FICHIER" are words, not names
            if (
                (first or word not in places())
                and word.upper() not in lexicon.ACRONYMS
                and not (word.isupper() and len(word) <= 4)  # "APS", "CAF": an acronym
                and word.casefold() not in _FUNCTION_WORDS
                and word.casefold() not in _FILLERS
            ):
                emit(m.start("rest") + w.start(), m.start("rest") + w.end(), "person")
    for m in CALLED.finditer(text):
        word = m.group("name")
        low = word.casefold()
        if low not in _FUNCTION_WORDS and low not in lexicon.COMMON_WORDS and low not in _FILLERS:
            emit(m.start("name"), m.end("name"), "person")
    for m in _NAME_SENTENCE.finditer(text):
        if not _SPELLING.search(m.group(0)):
            continue
        for w in _LOWER_SPELLED.finditer(m.group("rest")):
            group = "q" if w.group("q") else "l"
            word = w.group(group)
            if word not in _FUNCTION_WORDS and not _a_service(word):
                emit(m.start("rest") + w.start(group), m.start("rest") + w.end(group), "person")
    for m in PARENT_OF.finditer(text):
        name = m.group("name")
        if first_names().folded_has(name) and name.casefold() not in lexicon.COMMON_WORDS:
            emit(m.start("name"), m.end("name"), "person")
    for m in NAMED_AS.finditer(text):
        for group in ("name", "other"):
            word = m.group(group)
            if (
                word
                and word not in places()
                and word.upper() not in lexicon.ACRONYMS
                and word.casefold() not in _SERVICE_WORDS
                and word.casefold() not in _FUNCTION_WORDS
            ):
                emit(m.start(group), m.end(group), "person")


def _sentence_start(text: str, index: int) -> int:
    j = index
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    return index if j == 0 or text[j - 1] in ".!?\n" else -1


def _at_sentence_start(text: str, index: int) -> bool:
    return _SENTENCE_END.search(text[max(0, index - 4) : index]) is not None or index == 0


def _a_service(word: str) -> bool:
    """ "Crous", "CAF": a residence or a building of theirs is no one's address."""
    return word.upper() in lexicon.ACRONYMS or word.casefold() in _SERVICE_WORDS
