"""The agents' guide, checked: what a good public answer is (`../shared/seeds/004_…`).

Each message has a level (`error` blocks submit and publish, `advice` warns), a stable code, a
French text for the agent, and the span of the words concerned.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass

from spplus.contracts.reference import is_abusive
from spplus.redaction import find as find_personal_data

from .starting import TO_COMPLETE

MIN_WORDS = 60
MAX_WORDS = 150

#: Administrative jargon, with a plain wording where one is known.
JARGON: dict[str, str | None] = {
    "démarche libératoire": "démarche qui vous libère de cette obligation",
    "suivant les conditions applicables": "selon votre situation",
    "la procédure prévoit": "il faut",
    "service approprié": "le service qui s'occupe de votre demande",
    "pièces justificatives": "documents",
    "dans les meilleurs délais": "rapidement",
    "ouvrant droit": "qui donne droit",
    "nous accusons réception": "nous avons bien reçu",
    "au titre de": "pour",
    "afférent": "lié",
    "susmentionné": None,
    "ledit": None,
    "subséquemment": "ensuite",
    "instruction de votre dossier": "étude de votre dossier",
    "en application de": "selon",
    "quotient familial": None,
}
_FORM_NUMBER = re.compile(
    r"\b(?:cerfa|formulaire|imprimé)\s*(?:n°\s*)?\d{4,}(?:\*\d+)?\b|\bCERFA\d{4,}\b", re.IGNORECASE
)
#: Answers that say nothing (the guide's "not yet able to answer" example).
NON_ANSWERS = re.compile(
    r"pas encore en mesure de vous apporter une réponse|ne sommes pas en mesure de vous répondre|"
    r"réponse personnalisée ne peut|nous ne pouvons pas vous répondre",
    re.IGNORECASE,
)
GREETING = re.compile(r"^\s*(bonjour|bonsoir|madame|monsieur|cher|chère)\b[^\n,]*", re.IGNORECASE)
CLOSING = re.compile(
    r"\b(cordialement|bien à vous|bien cordialement|sincères salutations|salutations distinguées|"
    r"belle journée|bonne journée|au plaisir|avec nos remerciements)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


@dataclass(frozen=True)
class Message:
    level: str  # "error" or "advice"
    code: str
    text: str
    start: int = 0
    end: int = 0

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _fold(s: str) -> str:
    plain = unicodedata.normalize("NFKD", s.casefold())
    return "".join(c for c in plain if not unicodedata.combining(c))


def lint(body: str, *, pseudonym: str | None, first_name: str, organisation: str) -> list[Message]:
    """Every way `body` departs from the guide."""
    out: list[Message] = []
    text = body.strip()
    words = re.findall(r"\w+(?:['’-]\w+)*", text)

    greeting = GREETING.match(text)
    usable = bool(pseudonym) and not is_abusive(pseudonym or "") and "@" not in (pseudonym or "")
    if greeting is None:
        out.append(
            Message(
                "error",
                "greeting_missing",
                "Commencez par une formule de politesse (« Bonjour "
                f"{pseudonym if usable else ''} »).".replace(" »", " »").replace("  ", " "),
            )
        )
    elif usable and _fold(pseudonym or "") not in _fold(greeting.group()):
        out.append(
            Message(
                "error",
                "greeting_without_pseudonym",
                f"Saluez l'usager avec son pseudonyme : « Bonjour {pseudonym}, ».",
                greeting.start(),
                greeting.end(),
            )
        )
    elif not usable and pseudonym and _fold(pseudonym) in _fold(greeting.group()):
        out.append(
            Message(
                "error",
                "greeting_inappropriate_pseudonym",
                "Ce pseudonyme n'est pas approprié : préférez « Bonjour, ».",
                greeting.start(),
                greeting.end(),
            )
        )

    if len(words) < MIN_WORDS:
        out.append(
            Message(
                "advice",
                "too_short",
                f"La réponse compte {len(words)} mots : le guide en demande au moins {MIN_WORDS}.",
                0,
                len(text),
            )
        )
    elif len(words) > MAX_WORDS:
        out.append(
            Message(
                "advice",
                "too_long",
                f"La réponse compte {len(words)} mots : au-delà de {MAX_WORDS}, raccourcissez.",
                0,
                len(text),
            )
        )

    for m in NON_ANSWERS.finditer(text):
        out.append(
            Message(
                "error",
                "non_answer",
                "Cette formule n'apporte pas de réponse : répondez à la situation "
                "décrite, ou orientez l'usager vers le bon canal.",
                m.start(),
                m.end(),
            )
        )

    plain = text.casefold()
    for phrase, better in JARGON.items():
        for m in re.finditer(re.escape(phrase), plain):
            hint = f" Plus simple : « {better} »." if better else ""
            out.append(
                Message(
                    "advice",
                    "jargon",
                    f"« {text[m.start() : m.end()]} » est du jargon administratif.{hint}",
                    m.start(),
                    m.end(),
                )
            )
    for m in _FORM_NUMBER.finditer(text):
        out.append(
            Message(
                "advice",
                "form_number",
                f"« {m.group()} » : un numéro de formulaire ne parle pas à l'usager ; "
                "dites ce que le formulaire permet de faire.",
                m.start(),
                m.end(),
            )
        )

    paragraphs = [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    for p in paragraphs:
        sentences = len(_SENTENCE_END.findall(p.strip() + " "))
        if sentences > 3:
            start = text.find(p)
            out.append(
                Message(
                    "advice",
                    "one_idea_per_paragraph",
                    "Ce paragraphe porte plusieurs idées : une idée par paragraphe.",
                    start,
                    start + len(p),
                )
            )

    out.extend(_personal_data(text, pseudonym=pseudonym, first_name=first_name))

    for m in TO_COMPLETE.finditer(text):
        out.append(
            Message(
                "error",
                "template_unfinished",
                f"Complétez ou supprimez « {m.group()} » : une réponse type ne s'envoie pas telle quelle.",
                m.start(),
                m.end(),
            )
        )

    if CLOSING.search(text) is None:
        out.append(
            Message(
                "error",
                "closing_missing",
                "Terminez par une formule de politesse (« Cordialement, »).",
            )
        )
    expected = f"{first_name}, pour {organisation}"
    last = paragraphs[-1].strip() if paragraphs else ""
    if not _signed(last, first_name, organisation):
        out.append(
            Message(
                "error",
                "signature",
                f"Signez « {expected} » (votre prénom, pour votre organisme).",
                text.rfind(last) if last else 0,
                len(text),
            )
        )
    return out


def _organisation_names(organisation: str) -> list[str]:
    """The names an agent may sign with: « Caisse d'allocations familiales (CAF) », the name
    alone, or the acronym (the guide asks for « votre organisme », not its registry label)."""
    names = [organisation]
    found = re.fullmatch(r"(?P<name>.+?)\s*\((?P<acronym>[^()]+)\)", organisation)
    if found:
        names += [found.group("name"), found.group("acronym")]
    return names


def _signed(last: str, first_name: str, organisation: str) -> bool:
    """« Jean, pour la CAF », « Jean, pour Caisse d'allocations familiales (CAF) »…"""
    names = "|".join(re.escape(_fold(n)) for n in _organisation_names(organisation))
    pattern = (
        rf"{re.escape(_fold(first_name))}\s*,\s*pour\s+(?:(?:la|le|les)\s+|l['’]\s*)?(?:{names})\b"
    )
    return re.search(pattern, _fold(last)) is not None


#: What the agent is told for each kind of personal data the redactor finds.
_KIND_TEXT = {
    "email": "une adresse email",
    "phone": "un numéro de téléphone",
    "nir": "un numéro de sécurité sociale",
    "tax_number": "un numéro fiscal",
    "iban": "un IBAN",
    "siret": "un numéro SIRET",
    "beneficiary_number": "un numéro d'allocataire",
    "reference": "un numéro de dossier",
    "address": "une adresse",
    "birth_date": "une date de naissance",
    "plate": "une immatriculation",
    "document_number": "un numéro de document",
    "person": "un nom de personne",
}


def _personal_data(text: str, *, pseudonym: str | None, first_name: str) -> list[Message]:
    """Moderation's redactor run on the answer: any personal-file detail blocks it. The
    author's pseudonym and the agent's own first name (greeting, signature) are expected."""
    allowed = {_fold(n) for n in (pseudonym, first_name) if n}
    out = []
    for f in find_personal_data(text):
        if f.kind == "person" and _fold(text[f.start : f.end]) in allowed:
            continue
        what = _KIND_TEXT.get(f.kind, "une donnée personnelle")
        out.append(
            Message(
                "error",
                "personal_data",
                f"« {text[f.start : f.end]} » ressemble à {what} : la réponse est publique, elle "
                "ne doit contenir aucun élément du dossier de l'usager.",
                f.start,
                f.end,
            )
        )
    return out


def blocking(messages: list[Message]) -> list[Message]:
    return [m for m in messages if m.level == "error"]
