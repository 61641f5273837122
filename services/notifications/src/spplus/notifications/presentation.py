"""How emails speak of things, in French: dates in Paris time, feelings, the networks' names,
the agents' mailboxes, the links an email carries."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from spplus.contracts.reference import ORGANISATIONS
from spplus.runtime.links import Purpose
from spplus.runtime.mongo import Document

from .deps import NotificationsDeps
from .settings import NotificationsSettings

_PARIS = ZoneInfo("Europe/Paris")
_NETWORK_NAMES = {o.network: o.name for o in ORGANISATIONS}
FEELINGS = {"positive": "positif", "neutral": "neutre", "negative": "négatif"}


def paris(moment: datetime) -> str:
    return moment.astimezone(_PARIS).strftime("%d/%m/%Y à %H:%M")


def author_link(
    deps: NotificationsDeps,
    experience_id: uuid.UUID,
    valid_until: datetime,
    purpose: Purpose = Purpose.follow,
    generation: int = 0,
) -> str:
    token = deps.links.token(experience_id, valid_until, purpose, generation)
    return f"{deps.settings.public_base_url}/api/v1/authors/{token}"


def story_link(deps: NotificationsDeps, experience_id: str) -> str:
    return f"{deps.settings.public_base_url}/api/v1/experiences/{experience_id}"


def mailbox(settings: NotificationsSettings, network: str, entity: str | None) -> str:
    boxes = settings.agents_mailboxes
    if entity and entity in boxes:
        return boxes[entity]
    if network in boxes:
        return boxes[network]
    return settings.agents_mailbox.format(
        network=network.lower(), entity=(entity or network).lower()
    )


def agents_context(story: Document, network: str, entity: str | None, link: str) -> dict[str, Any]:
    due = story.get("due_at")
    return {
        "organisation": _NETWORK_NAMES.get(network, network),
        "entity": entity,
        "title": story.get("title") or "(sans titre)",
        "due": paris(due) if isinstance(due, datetime) else "la date fixée par votre réseau",
        "link": link,
    }
