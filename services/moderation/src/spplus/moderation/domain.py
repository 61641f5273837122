"""Moderation rules around the engine: the public version, what the author is told, edit tiers."""

from __future__ import annotations

import difflib
import re
from typing import Any

from spplus.contracts.events import ExperienceSubmittedPayload
from spplus.contracts.reference import OTHER_ORGANISATION, department_of, find_organisation
from spplus.contracts.values import PublicStory
from spplus.redaction import pii

from .engine.policy import fold

#: What the author's email says for each kind of edit (French, one line each).
CHANGE_SENTENCES = {
    "person": "un nom de personne a été retiré (les agents sont désignés par leur fonction)",
    "email": "une adresse email a été retirée",
    "phone": "un numéro de téléphone a été retiré",
    "nir": "un numéro de sécurité sociale a été retiré",
    "tax_number": "un numéro fiscal a été retiré",
    "iban": "des coordonnées bancaires ont été retirées",
    "siret": "un numéro SIRET/SIREN a été retiré",
    "beneficiary_number": "un numéro d'allocataire a été retiré",
    "reference": "un numéro de dossier ou de référence a été retiré",
    "document_number": "un numéro de document a été retiré",
    "address": "une adresse a été retirée",
    "birth_date": "une date de naissance a été retirée",
    "plate": "une plaque d'immatriculation a été retirée",
    "handle": "un identifiant de réseau social a été retiré",
    "employer": "le nom d'un employeur a été retiré",
    "school": "le nom d'un établissement a été retiré",
    "off_topic_remark": "un commentaire sans lien avec votre expérience a été retiré",
    "moderator_edit": "le texte a été reformulé par l'équipe de modération",
    "pseudonym": "votre pseudonyme a été remplacé",
}


def diff_summary(edits: list[dict[str, Any]]) -> list[str]:
    """One French sentence per kind of change the author must be told about (not silent ones)."""
    seen: list[str] = []
    for edit in edits:
        if edit["tier"] == "silent":
            continue
        sentence = CHANGE_SENTENCES.get(edit["kind"])
        if sentence and sentence not in seen:
            seen.append(sentence)
    return seen


def public_story(
    story: ExperienceSubmittedPayload, title: str, description: str, pseudonym: str | None
) -> PublicStory:
    """The public version: redacted text, no postal code, only the département. Every other field
    is from a closed list: an organisation outside the registry is published as « other », a city
    that holds anything the redactor finds is left out (intake checks it against INSEE's list)."""
    journey = []
    for step in story.journey:
        org = find_organisation(step.organisation)
        code = org.code if org else OTHER_ORGANISATION
        journey.append(
            step if step.organisation == code else step.model_copy(update={"organisation": code})
        )
    city = story.city if story.city and not pii.find(story.city) else None
    return PublicStory(
        title=title,
        description=description,
        feeling=story.feeling,
        experience_date=story.experience_date,
        journey=journey,
        pseudonym=pseudonym,
        department=department_of(story.postal_code),
        city=city,
    )


_WORDS = re.compile(r"\w+", re.UNICODE)


def edit_tier(before: str, after: str) -> str:
    """The tier of a moderator's edit: silent (case, spacing, punctuation), minor (a few words,
    such as a name or a number removed), substantial (passages removed or reformulated)."""
    if before == after:
        return "none"
    a, b = _WORDS.findall(fold(before)), _WORDS.findall(fold(after))
    if a == b:
        return "silent"
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    changed = sum(
        max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
    )
    longest = max(
        (i2 - i1 for tag, i1, i2, _, _ in matcher.get_opcodes() if tag != "equal"), default=0
    )
    if changed <= max(3, len(a) // 20) and longest <= 4:
        return "minor"
    return "substantial"
