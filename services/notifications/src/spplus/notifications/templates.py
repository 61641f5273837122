"""Email templates (Jinja2): each notification is one template rendered as HTML and as text.

`templates/_macros.j2` writes the same words as accessible HTML or as plain text, so the two never
drift apart; `StrictUndefined` makes a missing variable an error, never a silent blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from spplus.contracts.reference import REASONS

#: Subject of each notification.
SUBJECTS = {
    # to the author
    "received": "Nous avons bien reçu votre expérience",
    "published": "Votre expérience est publiée",
    "notice": "Votre expérience a été modifiée avant publication",
    "approval": "Votre accord est nécessaire pour publier votre expérience",
    "rejected": "Votre expérience n'a pas pu être publiée",
    "answered": "Le service a répondu à votre expérience",
    "withdrawn": "Votre expérience a été retirée",
    # to other people who wrote to the platform
    "document_ack": "Merci pour le document à simplifier",
    "panel_ack": "Bienvenue dans le panel d'usagers testeurs",
    # to a network's agents
    "assigned": "Une nouvelle expérience attend votre réponse",
    "deadline_near": "Rappel : le délai de réponse approche",
    "overdue": "Délai de réponse dépassé",
    "draft_submitted": "Un projet de réponse attend votre validation",
    "draft_returned": "Votre projet de réponse vous est renvoyé",
}

#: Messages a person may refuse (an unsubscribe link and List-Unsubscribe header); the others are
#: transactional: the author needs them for the service they asked for (the terms of use promise
#: them), and agents need theirs to do their work.
OPTIONAL = frozenset({"document_ack", "panel_ack"})

#: What the author can do about each refusal reason, in plain French.
REASON_ADVICE = {
    "OUT_OF_SCOPE": "Services Publics + recueille les expériences vécues avec les services publics.",
    "TOO_OLD": "Vous pouvez partager une expérience plus récente, de moins de deux ans.",
    "TEACHING": "Pour une question sur un établissement scolaire, adressez-vous à son académie.",
    "INCOMPLETE": (
        "Dites quel service vous avez contacté, comment (guichet, téléphone, site…) et ce qui "
        "s'est passé : nous pourrons alors l'orienter."
    ),
    "UNDERGONE_CONTROL": (
        "Pour contester une amende ou un contrôle, suivez les voies indiquées sur l'avis reçu."
    ),
    "LEGAL_DECISION": "Pour une procédure en cours, rapprochez-vous de la juridiction concernée.",
    "FOREIGN_LANGUAGE": "Vous pouvez déposer à nouveau votre expérience, rédigée en français.",
    "SPAM": "La plateforme ne publie pas de contenu commercial ni de lien promotionnel.",
    "DUPLICATE": "Votre première expérience reste prise en compte : inutile de la déposer à nouveau.",
    "NOT_AN_EXPERIENCE": "Racontez une démarche que vous avez vécue avec un service public.",
    "ABUSIVE": (
        "Vous pouvez déposer à nouveau votre expérience, sans propos injurieux : la critique "
        "reste la bienvenue."
    ),
    "POLITICAL": "Décrivez votre démarche et ce qu'elle vous a apporté, sans opinion politique.",
    "PERSONAL_REQUEST": (
        "Pour le suivi de votre dossier, adressez-vous directement à l'organisme concerné ; "
        "revenez partager votre expérience une fois votre demande traitée."
    ),
}


def reasons(codes: list[str]) -> list[dict[str, str]]:
    """The reasons of a refusal, each with its plain-French label and what the author can do."""
    return [
        {
            "code": code,
            "label": REASONS.get(code, "le récit ne respecte pas la politique de modération"),
            "advice": REASON_ADVICE.get(code, ""),
        }
        for code in codes
    ] or [
        {
            "code": "OTHER",
            "label": "le récit ne respecte pas la politique de modération",
            "advice": "",
        }
    ]


@dataclass(frozen=True)
class Email:
    template: str
    subject: str
    text: str
    html: str
    unsubscribe: str | None = None


class Templates:
    def __init__(self) -> None:
        def environment(autoescape: bool) -> Environment:
            return Environment(
                loader=PackageLoader("spplus.notifications", "templates"),
                undefined=StrictUndefined,
                autoescape=autoescape,
                keep_trailing_newline=True,
                trim_blocks=True,
            )

        # The same templates write both parts of an email: the HTML one escapes every value
        # (autoescape on: a title "<a href=…>" stays text), the text one has nothing to escape.
        self._html = environment(True)
        self._text = environment(False)

    @property
    def names(self) -> list[str]:
        return sorted(SUBJECTS)

    def render(self, template: str, **context: Any) -> Email:
        subject = SUBJECTS[template]
        # What the sender typed never becomes a link in the government's email: a URL, a
        # domain or an address in it is replaced (the platform's own links are not typed).
        context = {
            key: without_links(value) if key in TYPED and isinstance(value, str) else value
            for key, value in context.items()
        }
        unsubscribe = context.get("unsubscribe") if template in OPTIONAL else None
        values = {**context, "subject": subject, "unsubscribe": unsubscribe}
        text = self._text.get_template(f"{template}.j2").render(**values, fmt="text")
        html = self._html.get_template(f"{template}.j2").render(**values, fmt="html")
        return Email(template, subject, _tidy(text), html, unsubscribe)


#: Context values an author (or whoever used their address) typed.
TYPED = frozenset({"title", "pseudonym", "proposed_title", "proposed_description"})
_LINKISH = re.compile(
    r"(?i)(?:https?://|www\.|hxxps?://)\S+|"
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|"
    r"(?<![\w@])(?:[a-z0-9-]+\.)+(?:fr|com|net|org|io|eu|info|biz|xyz|ru|cn|ly|me|co|app|link|"
    r"site|online|top|click|gouv\.fr)(?:/\S*)?(?![\w-])"
)
LINK_REMOVED = "[lien retiré]"


def without_links(text: str) -> str:
    """`text` with every URL, domain or email address replaced by « [lien retiré] »."""
    return _LINKISH.sub(LINK_REMOVED, text)


def _tidy(text: str) -> str:
    """At most one blank line in a row, one newline at the end."""
    lines: list[str] = []
    for line in text.splitlines():
        if line.strip() or (lines and lines[-1].strip()):
            lines.append(line.rstrip())
    return "\n".join(lines).strip() + "\n"


_PSEUDONYM = "Camille"
_LINK = "https://services-publics-plus.example/api/v1/authors/exemple-de-lien-signe"


def samples() -> dict[str, list[dict[str, Any]]]:
    """Sample data for every template (the refusal once per reason code): for the preview
    command and the test that renders them all."""
    story = {"pseudonym": _PSEUDONYM, "title": "Renouvellement de ma carte d'identité"}
    agents = {
        "organisation": "Agence nationale des titres sécurisés (ANTS)",
        "entity": None,
        "title": story["title"],
        "due": "07/12/2026 à 18:00",
        "link": "https://services-publics-plus.example/agents/experiences/exemple",
    }
    return {
        "received": [{**story, "link": _LINK}],
        "published": [{**story, "link": "https://services-publics-plus.example/experiences/1"}],
        "notice": [
            {
                **story,
                "changes": [
                    "un nom de personne a été retiré",
                    "un numéro de téléphone a été retiré",
                ],
                "deadline": "25/11/2026 à 14:30",
                "link": _LINK,
            }
        ],
        "approval": [
            {
                **story,
                "changes": ["des remarques sans rapport avec l'expérience ont été retirées"],
                "proposed_title": story["title"],
                "proposed_description": "Le rendez-vous a été rapide et l'agent aimable.",
                "deadline": "25/11/2026 à 14:30",
                "approve_link": f"{_LINK}?choix=approve",
                "reject_link": f"{_LINK}?choix=reject",
                "link": _LINK,
                "publish_on_expiry": publish,
            }
            for publish in (True, False)
        ],
        "rejected": [
            {**story, "reasons": reasons([code]), "policy_link": "https://example/moderation"}
            for code in [*REASONS, "UNKNOWN_CODE"]
        ]
        + [{**story, "reasons": reasons(["TOO_OLD", "SPAM"]), "policy_link": "https://e/m"}],
        "answered": [
            {
                **story,
                "signature": "Jean, pour ANTS",
                "body": "Bonjour Camille,\n\nMerci de votre retour.\n\nCordialement,\nJean, pour ANTS",
                "link": "https://services-publics-plus.example/experiences/1",
            }
        ],
        "withdrawn": [
            {**story, "requested_by": who, "reason": reason}
            for who, reason in (("author", None), ("moderator", "contenu signalé"))
        ],
        "document_ack": [{"unsubscribe": "https://services-publics-plus.example/unsubscribe/t"}],
        "panel_ack": [{"unsubscribe": "https://services-publics-plus.example/unsubscribe/t"}],
        "assigned": [
            {**agents, "feeling": "négatif"},
            {**agents, "feeling": "positif", "entity": "ANTS-75"},
        ],
        "deadline_near": [agents],
        "overdue": [agents],
        "draft_submitted": [agents],
        "draft_returned": [{**agents, "comment": "Ajoutez où trouver les horaires du guichet."}],
    }
