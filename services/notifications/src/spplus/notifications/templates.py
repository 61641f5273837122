"""Email templates (Jinja2): subject and text body of each notification."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

SUBJECTS = {
    "published": "Votre expérience est publiée",
    "answered": "Le service a répondu à votre expérience",
    "notice": "Votre expérience a été modifiée avant publication",
    "approval": "Votre accord est nécessaire pour publier votre expérience",
    "rejected": "Votre expérience n'a pas pu être publiée",
    "document_ack": "Merci pour le document à simplifier",
    "panel_ack": "Bienvenue dans le panel d'usagers testeurs",
}


@dataclass(frozen=True)
class Email:
    template: str
    subject: str
    text: str


class Templates:
    def __init__(self) -> None:
        self._env = Environment(
            loader=PackageLoader("spplus.notifications", "templates"),
            undefined=StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
        )

    def render(self, template: str, **context: Any) -> Email:
        text = self._env.get_template(f"{template}.txt.j2").render(**context)
        return Email(template=template, subject=SUBJECTS[template], text=text)
