"""Names at the edges of a story and around a found one: signatures, particle surnames, a
name joined by « et », a nickname before a name in brackets, the same name again, and the
names that are nobody's to hide (public figures)."""

from __future__ import annotations

import re

from . import lexicon, ner, scan
from .context import (
    _AND_BEFORE,
    _AND_NEXT,
    _ELISION,
    _FILLERS,
    _GREETINGS,
    _IN_BRACKETS,
    _LOWER_PARTICLE_TAIL,
    _NAME_VERB,
    _NEXT_CAPITAL,
    _NEXT_SHOUTED,
    _OFFICE_BEFORE,
    _PARTICLE_TAIL,
    _ROLE_BEFORE,
    _ROLE_SIGNATURE,
    _SERVICE_WORDS,
    _TOKEN,
    _UPPER_PARTICLE_TAIL,
)
from .names import first_names
from .patterns import _MONTHS, PLACEHOLDER, Emit, Finding
from .people import _a_service, _at_sentence_start
from .places import places
from .words import (
    _CLOSING_INITIAL,
    _CLOSING_THEN_NAME,
    _FIRST_AND_INITIAL,
    _FUNCTION_WORDS,
    _LOWER_SIGNATURE,
    _SIGNATURE,
    _UPPER_SIGNATURE,
)


def _upper_signature(text: str, emit: Emit) -> None:
    """A shouted story's last line, when it starts with a first name, is a signature."""
    m = _UPPER_SIGNATURE.search(text.rstrip())
    if not m:
        return
    words = m.group("name").split()
    if not any(first_names().folded_has(part) for part in re.split(r"[-'’]", words[0]) if part):
        return
    end = m.end("name")
    if len(words[-1]) > 3:  # "ALAIN MARCHAND.": the full stop is the sentence's, not an initial's
        end -= len(m.group("name")) - len(m.group("name").rstrip("."))
    emit(m.start("name"), end, "person")


def _closing_signature(text: str, emit: Emit) -> None:
    for m in _CLOSING_INITIAL.finditer(text):
        emit(m.start("name"), m.end("name"), "person")
    for m in _FIRST_AND_INITIAL.finditer(text):
        first = m.group("first")
        if first_names().folded_has(first) and first.casefold() not in _FUNCTION_WORDS:
            emit(m.start(), m.end(), "person")
    for m in _CLOSING_THEN_NAME.finditer(text):
        words = [w for w in m.group("name").replace(".", " ").split() if len(w) > 1]
        if not words:  # initials only
            continue
        if words[0].casefold() in _GREETINGS or words[0].casefold() in lexicon.COMMON_WORDS:
            continue
        if words[0].casefold() in lexicon.NOT_NAMES or words[0].upper() in lexicon.ACRONYMS:
            continue
        emit(m.start("name"), m.end("name"), "person")


def _last_line_signature(text: str, emit: Emit) -> None:
    """The last line of a story, when it is a name ("…\nJean-Marc Lefebvre"), is a signature."""
    lower = _LOWER_SIGNATURE.search(text.rstrip())
    if lower and first_names().folded_has(lower.group("first")):
        last = lower.group("last")
        if last is None or last.casefold() not in _FUNCTION_WORDS:
            emit(lower.start("first"), lower.end(), "person")  # "…\npatrick vasseur"
            return
    if lower and lower.group("last") is None and _unknown_lower_word(lower.group("first")):
        emit(lower.start("first"), lower.end("first"), "person")  # "…\nanlia": a name no list has
        return
    m = _SIGNATURE.search(text.rstrip())
    if not m:
        return
    words = m.group("name").replace(".", " ").split()
    if any(w.casefold() in lexicon.COMMON_WORDS or w.casefold() in _GREETINGS for w in words):
        return
    if any(w.casefold() in lexicon.NOT_NAMES for w in words[:1]):
        return
    emit(m.start("name"), m.end("name"), "person")


#: A lower-case word that is surely not a name: no vowel (« cdlt », « ptdr »), a letter held
#: (« merciii »).
_NOT_A_NAME = scan.compile(r"^[^aeiouyàâäéèêëîïôöùûü]+$|(.)\1\1")


def _unknown_lower_word(word: str) -> bool:
    """Is a word alone on a story's last line, in lower case, a name: no dictionary, list of
    places, services or acronyms has it?"""
    low = word.casefold()
    return (
        len(low) >= 4
        and not _NOT_A_NAME.search(low)
        and not ner.net().is_word(word)
        and low not in _FUNCTION_WORDS
        and low not in _GREETINGS
        and low not in lexicon.COMMON_WORDS
        and low not in lexicon.NOT_NAMES
        and low not in _SERVICE_WORDS
        and word.upper() not in lexicon.ACRONYMS
        and word.title() not in places()
        and word not in places()
    )


def _public_figure(text: str, f: Finding) -> bool:
    """A politician named in passing: no user, no agent (see `lexicon.PUBLIC_FIGURES`)."""
    if f.kind != "person":
        return False
    name = ner._fold(text[f.start : f.end].casefold()).strip()
    if _ROLE_BEFORE.search(ner._fold(text[max(0, f.start - 40) : f.start].casefold())):
        return False  # "l'agent M. Castex au guichet": an agent who shares a minister's name
    if name in lexicon.PUBLIC_FIGURES:
        return True
    ahead = ner._fold(text[f.start : f.end + 40].casefold())
    if any(ahead.startswith(figure) for figure in lexicon.PUBLIC_FIGURES):
        return True  # "Bruno" of "Bruno Le Maire": the rest is no surname to the rules
    last = name.split(" ", 1)[-1] if " " in name else name
    return last in lexicon.PUBLIC_FIGURE_SURNAMES and (
        name in lexicon.PUBLIC_FIGURE_SURNAMES
        or _OFFICE_BEFORE.search(text[max(0, f.start - 40) : f.start]) is not None
        or name in {ner._fold(n) for n in lexicon.PUBLIC_FIGURES if n.endswith(last)}
    )


#: The word right before a span, on its line.
_WORD_BEFORE = scan.compile(r"(?<![\w'’-])[^\W\d_][\w'’-]*[ \t]+$")


def _first_name_before(text: str, f: Finding) -> Finding:
    """A person's span stretched back over the first name typed like it right before it:
    « c est ophelie kowalski », whose first name is also in the word list."""
    m = _WORD_BEFORE.search(text[max(0, f.start - 30) : f.start])
    if f.kind != "person" or not m:
        return f
    word = m.group().rstrip()
    if (
        word[:1].islower() != text[f.start : f.start + 1].islower()
        or not first_names().folded_has(word)
        or word.casefold() in _FUNCTION_WORDS
        or word.casefold() in lexicon.COMMON_WORDS
        or word.casefold() in lexicon.NOT_NAMES
        or word.casefold() in _GREETINGS
        or word in places()
    ):
        return f
    return Finding(f.start - len(m.group()), f.end, f.kind, f.replacement)


#: A word in lower case closed by punctuation: « wilner noël, ».
_LOWER_WORD_CLOSED = scan.compile(r"[ \t]+([a-zà-ÿ][a-zà-ÿ'’-]{2,})(?=[ \t]*[,.;:!?)])")


def _lower_surname_after(text: str, f: Finding) -> int | None:
    """The end of a lower-case name stretched over the surname after it, when that surname is
    closed by punctuation, though it is a word too (« un ami, wilner noël, m'a dit »)."""
    if not text[f.start : f.end].islower():
        return None
    m = _LOWER_WORD_CLOSED.match(text, f.end)
    if not m:
        return None
    word = m.group(1)
    low = word.casefold()
    surname, first = first_names().is_surname(word), first_names().folded_has(word)
    if (
        not (surname or first)
        or low in _FUNCTION_WORDS
        or word.upper() in lexicon.ACRONYMS
        or word in places()
        # a thing's name, unless it is a first name and a surname too: after a first name,
        # « noël, » is the surname, not the holiday
        or ((low in lexicon.NOT_NAMES or low in _SERVICE_WORDS) and not (surname and first))
    ):
        return None
    return m.end()


def _with_particles(text: str, found: list[Finding]) -> list[Finding]:
    """A person's span stretched over the particle surname that follows it, unless that is a
    place ("Hubert de La Roche", but "Hubert de Lyon" keeps Lyon), and back over a first name
    right before it."""
    out = []
    for f in map(lambda f: _first_name_before(text, f), found):
        if f.kind == "person" and (after := _lower_surname_after(text, f)):
            out.append(Finding(f.start, after, f.kind, f.replacement))
            continue  # "un ami, wilner noël, m'a dit"
        lower = _LOWER_PARTICLE_TAIL.match(text, f.end) if f.kind == "person" else None
        if (
            lower
            and text[f.start : f.end].islower()
            and lower.group("rest") not in _FUNCTION_WORDS
            and lower.group("rest") not in _SERVICE_WORDS
            and lower.group("rest").upper() not in lexicon.ACRONYMS
            and (len(lower.group("particle")) > 1 or not ner.net().is_word(lower.group("rest")))
            # "l'école jacques-prévert de lunel": a commune after « de » is where, not who
            and not (lower.group("particle") == "de" and lower.group("rest").title() in places())
        ):
            out.append(Finding(f.start, lower.end(), f.kind, f.replacement))
            continue  # "mon mari manuel da costa"
        tail = _PARTICLE_TAIL.match(text, f.end) if f.kind == "person" else None
        if tail:
            last = re.findall(r"[\w-]+", tail.group())[-1]
            if (
                last not in places()
                and last.casefold() not in _SERVICE_WORDS
                and (last.upper() not in lexicon.ACRONYMS)
            ):
                out.append(Finding(f.start, tail.end(), f.kind, f.replacement))
                continue
        upper = _UPPER_PARTICLE_TAIL.match(text, f.end) if f.kind == "person" else None
        if (
            upper
            and text[f.start : f.end].isupper()
            and upper.group("rest").title() not in places()
            and upper.group("rest") not in lexicon.ACRONYMS
            and not _a_service(upper.group("rest"))
            and (upper.group("foreign") or not ner.net().is_word(upper.group("rest")))
        ):
            out.append(Finding(f.start, upper.end(), f.kind, f.replacement))
            continue  # "HENDRIK VAN DER BERG", "MARIE DE LA ROCHE"
        shout = _NEXT_SHOUTED.match(text, f.end) if f.kind == "person" else None
        if (
            shout
            and text[f.start : f.end].isupper()
            and not ner.net().is_word(shout.group(1))
            and shout.group(1) not in places()
            and shout.group(1) not in lexicon.ACRONYMS
            and not _a_service(shout.group(1))
        ):
            out.append(Finding(f.start, shout.end(), f.kind, f.replacement))
            continue  # "ANTOINE SANTONI"
        nxt = _NEXT_CAPITAL.match(text, f.end) if f.kind == "person" else None
        if nxt and text[f.start : f.end].strip() and text[f.end - 1 : f.end].isalpha():
            word = nxt.group(1)
            last = re.findall(r"[\w'’-]+", text[f.start : f.end])[-1]
            given = last.casefold() in lexicon.FIRST_NAMES or last in first_names()
            if given and (
                word not in places()
                and word.upper() not in lexicon.ACRONYMS
                and word.casefold() not in _FILLERS
                and word.casefold() not in _FUNCTION_WORDS
            ):
                out.append(Finding(f.start, nxt.end(), f.kind, f.replacement))
                continue  # "le Dr Pierre Noël": after a first name, a capital is a surname
            if (
                word not in places()
                and word.upper() not in lexicon.ACRONYMS
                and word.casefold() not in _FILLERS
                and word.casefold() not in _FUNCTION_WORDS
                and (
                    # months take no capital in French: "Trần Mai" is a name
                    re.fullmatch(_MONTHS, word.casefold())
                    or (
                        word.casefold() not in lexicon.NOT_NAMES
                        and word.casefold() not in _SERVICE_WORDS
                    )
                )
            ):
                out.append(Finding(f.start, nxt.end(), f.kind, f.replacement))
                continue  # "ma colocataire Trần Mai": the second word of the name
        out.append(f)
    return out


def _coordinated_names(text: str, found: list[Finding]) -> list[Finding]:
    out = []
    for f in found:
        if f.kind != "person" or not text[f.start : f.end].strip():
            continue
        # a person who starts with a first name: "hugo et jade", "Clémentine de La Roche et
        # Hamza" (not "M. Petit et Cie")
        word = text[f.start : f.end].split()[0]
        if not first_names().folded_has(word):
            continue
        after = _AND_NEXT.match(text, f.end)
        before = _AND_BEFORE.search(text[max(0, f.start - 40) : f.start])
        for m, offset in ((after, 0), (before, max(0, f.start - 40))):
            if m is None:
                continue
            other = m.group(1)
            same_case = other[:1].isupper() == word[:1].isupper()
            # beside a first name, a word no dictionary or list of places has is one too
            # (« théo et malo »)
            unknown = not ner.net().is_word(other) and other not in places()
            if (
                same_case
                and (first_names().folded_has(other) or unknown)
                and other.casefold() not in _FUNCTION_WORDS
                and other.casefold() not in _FILLERS
                and other.upper() not in lexicon.ACRONYMS
            ):
                start = offset + m.start(1)
                out.append(Finding(start, start + len(other), "person", f.replacement))
    return out


def _role_signature(text: str, emit: Emit) -> None:
    m = _ROLE_SIGNATURE.search(text.rstrip())
    if not m:
        return
    words = m.group("name").split()
    first = words[0]
    if (
        not first_names().folded_has(first)
        or first.casefold() in lexicon.COMMON_WORDS
        or first.casefold() in _GREETINGS
        or first.casefold() in _FUNCTION_WORDS
    ):
        return
    end = m.start("name") + len(first)
    if len(words) == 2 and words[1][:1].isupper() and words[1].casefold() not in _FUNCTION_WORDS:
        end = m.end("name")  # "Odile Marchand, bénévole"
    emit(m.start("name"), end, "person")


def _parenthesised_names(text: str, emit: Emit) -> None:
    for m in _IN_BRACKETS.finditer(text):
        first, last = m.group("name").split()
        if not (first_names().folded_has(first) and first.casefold() not in lexicon.COMMON_WORDS):
            continue
        if not last[:1].isupper() or last.upper() in lexicon.ACRONYMS or last in places():
            continue
        emit(m.start("name"), m.end("name"), "person")
        alias = m.group("alias")
        if (
            alias
            and alias[:1].isupper()
            and alias.casefold() not in _FUNCTION_WORDS
            and alias.casefold() not in lexicon.COMMON_WORDS
            and alias.upper() not in lexicon.ACRONYMS
            and not _a_service(alias)
        ):
            emit(m.start("alias"), m.end("alias"), "person")  # "PIERROT (PIERRE LACOSTE)"


#: Where a role's span goes on to name the service and its town: its words are no name.
_SERVICE_TAIL = scan.compile(
    r"\s(?:de|du|des|d['’]|à|a|au)\s*(?:la\s+|l['’])?(?=(?:France|CAF|CPAM|MSA|URSSAF|Crous|"
    r"Carsat|CNAV|ANTS|CGSS|Pôle|Mission|Maison|Agence|Caisse|Centre|Mairie|Préfecture)\b)"
)


#: An article right before a word: « la rose du jardin » is the flower, whoever Rose is.
_ARTICLE_BEFORE = scan.compile(r"(?<![\w'’])(?i:le|la|les|un|une|des|du|de)[ \t]+$")


def _same_names_elsewhere(text: str, found: list[Finding]) -> list[Finding]:
    """A name found once is a name wherever it stands again ("M. Petit … Petit était…"): every
    other occurrence of its words, when they are no French word or stand capitalised mid-sentence."""
    words: set[str] = set()
    ordinary: set[str] = set()  # names that are words too: "M. Petit"
    # first names found typed in lower case (« ma fille lina »): the author writes them so
    typed_lower: set[str] = set()
    net = ner.net()
    for f in found:
        if f.kind != "person":
            continue
        kept = {w.casefold() for w in re.findall(r"[\w'’-]+", f.replacement)}
        span = text[f.start : f.end]
        service = _SERVICE_TAIL.search(span)  # "la conseillère X de France Travail Nantes"
        for w in re.findall(r"[^\W\d_][\w'’-]{2,}", span[: service.start()] if service else span):
            low = w.casefold()
            if low in _FUNCTION_WORDS or low in _GREETINGS or low in kept:
                continue  # "une assistante sociale de la CPAM, Mme Blanc": the role stays
            if w.isupper() and w in lexicon.ACRONYMS:
                continue
            if low in lexicon.COMMON_WORDS:
                ordinary.add(low)
            else:
                words.add(low)
                if net.is_word(low):
                    ordinary.add(low)
                if w.islower() and first_names().folded_has(w):
                    typed_lower.add(low)
    if not words and not ordinary:
        return []
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        elided = _ELISION.match(word)
        if elided and word[elided.end() :].casefold() in words:
            out.append(Finding(m.start() + elided.end(), m.end(), "person", PLACEHOLDER["person"]))
            continue  # "celle d'ines", "l'Yasmine"
        low = word.casefold()
        if (
            low in typed_lower
            and word.islower()
            and not _ARTICLE_BEFORE.search(text, max(0, m.start() - 6), m.start())
        ):
            out.append(Finding(m.start(), m.end(), "person", PLACEHOLDER["person"]))
            continue  # « pr ajouter lina sur la carte vitale »: the same first name again
        if low in ordinary and (low not in words or not word[:1].isupper()):
            # the word again, doing what people do: "petit etait tres au courant"
            if _NAME_VERB.match(text, m.end()) and (
                _at_sentence_start(text, m.start()) or word[:1].isupper()
            ):
                out.append(Finding(m.start(), m.end(), "person", PLACEHOLDER["person"]))
            continue
        if low not in words:
            continue
        if net.is_word(word) and not word[:1].isupper():
            continue  # "un petit dossier": the ordinary word, not M. Petit
        out.append(Finding(m.start(), m.end(), "person", PLACEHOLDER["person"]))
    return out
