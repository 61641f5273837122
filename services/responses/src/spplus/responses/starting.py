"""Help to write: a starting draft that follows the guide's six steps.

1 greeting with the pseudonym (neutral when the pseudonym is aggressive), 2 thanks and reassurance,
3 the author's appreciation taken into account (by feeling), 4 orientation towards the right channel
(by network), 5 the service's continuous improvement, 6 closing courtesy and signature.

The parts only the agent can write are left between « [ ] »: the guide's check refuses an answer that
still holds one, so a template is never sent as is.
"""

from __future__ import annotations

import re
from typing import Any

from spplus.contracts.reference import is_abusive

#: Text still to be written by the agent.
TO_COMPLETE = re.compile(r"\[[^\[\]\n]{3,}\]")

#: Where each network's users find help (public channels only).
_CHANNELS: dict[str, str] = {
    "CAF": "votre espace Mon Compte sur caf.fr, rubrique « Contact »",
    "CPAM": "votre compte ameli, rubrique « Messagerie »",
    "FRANCE_TRAVAIL": "votre espace personnel sur francetravail.fr, rubrique « Mes échanges »",
    "DGFIP": "la messagerie sécurisée de votre espace particulier sur impots.gouv.fr",
    "ANTS": "le site ants.gouv.fr, rubrique « Aide et contact »",
    "PREFECTURE": "le site de votre préfecture, rubrique « Démarches »",
    "URSSAF": "votre espace en ligne sur urssaf.fr, rubrique « Messagerie »",
    "MSA": "votre espace privé sur msa.fr, rubrique « Contact »",
    "ASSURANCE_RETRAITE": "votre espace personnel sur lassuranceretraite.fr",
    "CROUS": "la plateforme messervices.etudiant.gouv.fr, rubrique « Assistance »",
    "FRANCE_SERVICES": "l'espace France Services le plus proche de chez vous (france-services.gouv.fr)",
    "MAIRIES": "le service état civil de votre mairie",
}

_CHANNEL_WORDS = {
    "counter": "à l'accueil",
    "phone": "au téléphone",
    "email": "par email",
    "website": "sur notre site internet",
    "app": "sur notre application",
    "mail": "par courrier",
    "chat": "par la messagerie en ligne",
    "other": "",
}

_APPRECIATION = {
    "positive": (
        "Nous sommes heureux que votre échange {channel} vous ait satisfait(e), "
        "et nous transmettons votre message aux équipes concernées."
    ),
    "neutral": (
        "Nous prenons bonne note de vos remarques sur votre échange {channel}, "
        "et nous les transmettons aux équipes concernées."
    ),
    "negative": (
        "Nous regrettons vivement les difficultés que vous avez rencontrées {channel}, "
        "et nous comprenons votre insatisfaction."
    ),
}

_ORIENTATION = {
    "positive": "[Si utile, un conseil pratique pour la suite de votre démarche.]",
    "neutral": (
        "[Un premier élément de réponse à la situation décrite.] "
        "Pour toute question, vous pouvez passer par {where}."
    ),
    "negative": (
        "[Un premier élément de réponse à la situation décrite, ou ce que nous allons faire.] "
        "Je vous invite à passer par {where} : un conseiller fera le point avec vous."
    ),
}

_IMPROVEMENT = {
    "positive": (
        "Votre témoignage illustre l'engagement de nos agents et nous aide à améliorer "
        "notre service."
    ),
    "neutral": "Votre témoignage nous aide à améliorer notre service.",
    "negative": (
        "Nous vous remercions de votre alerte : nos services mettent tout en œuvre pour "
        "répondre à vos attentes. [Si une action d'amélioration est engagée, dites laquelle.]"
    ),
}


def _tidy(text: str) -> str:
    return re.sub(r"\s+([,.])", r"\1", re.sub(r"\s+", " ", text))


def greeting(pseudonym: str | None) -> str:
    """Step 1: the pseudonym, unless it is aggressive or inappropriate."""
    usable = bool(pseudonym) and not is_abusive(pseudonym or "") and "@" not in (pseudonym or "")
    return f"Bonjour {pseudonym}," if usable else "Bonjour,"


def starting_draft(story: dict[str, Any], *, network: str, signature: str) -> dict[str, Any]:
    """A draft in six paragraphs for `story` (its public version), and the steps it follows."""
    feeling = str(story.get("feeling") or "neutral")
    if feeling not in _APPRECIATION:
        feeling = "neutral"
    journey = story.get("journey") or []
    channels = [c.get("channel") for step in journey for c in step.get("channels", [])]
    channel = _CHANNEL_WORDS.get(channels[0], "") if channels else ""
    where = _CHANNELS.get(network.upper(), "[le canal le plus adapté à sa demande]")
    closing = "Bien à vous," if feeling == "positive" else "Cordialement,"
    steps = [
        ("greeting", greeting(story.get("pseudonym"))),
        ("thanks", "Merci de votre retour ! Nous avons bien pris en compte votre message."),
        ("appreciation", _tidy(_APPRECIATION[feeling].format(channel=channel))),
        ("orientation", _ORIENTATION[feeling].format(where=where)),
        ("improvement", _IMPROVEMENT[feeling]),
        ("closing", f"{closing}\n{signature}"),
    ]
    return {
        "body": "\n\n".join(text for _, text in steps),
        "feeling": feeling,
        "steps": [{"step": name, "text": text} for name, text in steps],
        "to_complete": [m.group() for m in TO_COMPLETE.finditer("\n".join(t for _, t in steps))],
    }
