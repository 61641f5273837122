"""Notifications' use cases: one email per event and recipient, even when events come twice."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from spplus.contracts import derive_id, events
from spplus.contracts.reference import REASONS
from spplus.runtime.links import AuthorLinks
from spplus.runtime.logging import get_logger
from spplus.runtime.outbox import with_outbox
from spplus.runtime.service import ServiceDeps

from .mailer import SmtpMailer
from .settings import NotificationsSettings
from .store import NotificationsStore
from .templates import Email, Templates

log = get_logger(__name__)


class Mailer(Protocol):
    async def send(self, to: str, email: Email, *, message_key: str) -> None: ...


@dataclass
class NotificationsDeps(ServiceDeps[NotificationsSettings, NotificationsStore]):
    templates: Templates = field(default_factory=Templates)
    mailer: Mailer = None  # type: ignore[assignment]  # set in __post_init__
    links: AuthorLinks = field(default=None)

    def __post_init__(self) -> None:
        if self.mailer is None:
            self.mailer = SmtpMailer(self.settings)
        if self.links is None:
            self.links = AuthorLinks(self.settings.auth.author_link_secret)


def _story_link(settings: NotificationsSettings, experience_id: str) -> str:
    return f"{settings.public_base_url}/api/v1/experiences/{experience_id}"


async def _deliver(request: dict[str, Any], *, deps: NotificationsDeps) -> None:
    """Send one notification to the story's author, or park it until the contact is known."""
    email = await deps.store.contact(request["experience_id"])
    if email is None:
        await deps.store.park({"_id": request["id"], **request})
        log.info("notification parked until the contact arrives", template=request["template"])
        return
    await _send(email, request, deps=deps)


async def _send(email: str, request: dict[str, Any], *, deps: NotificationsDeps) -> None:
    """One email per event and recipient: the send log is checked first, written after."""
    send_id = str(derive_id(request["event_id"], f"email:{email.casefold()}"))
    if await deps.store.already_sent(send_id):
        return
    rendered = deps.templates.render(request["template"], **request["context"])
    await deps.mailer.send(email, rendered, message_key=send_id)
    experience_id = request.get("experience_id")
    sent = events.NotificationSent(
        event_id=derive_id(send_id, "notification.sent"),
        event_type="notification.sent",
        producer="notifications",
        correlation_id=uuid.UUID(request["correlation_id"]),
        causation_id=uuid.UUID(request["event_id"]),
        payload=events.NotificationSentPayload(
            experience_id=uuid.UUID(experience_id) if experience_id else None,
            template=request["template"],
            outcome="sent",
        ),
    )
    await deps.store.record_send(
        send_id,
        with_outbox(
            {
                "$set": {
                    "status": "sent",
                    "template": request["template"],
                    "experience_id": experience_id,
                    "at": datetime.now(UTC),
                }
            },
            [sent],
        ),
    )
    deps.kick_relay()
    log.info("email sent", template=request["template"], experience_id=experience_id)


async def on_document_received(event: events.DocumentReceived, *, deps: NotificationsDeps) -> None:
    """Thank the sender of a document to simplify (with a link to forget their email)."""
    p = event.payload
    if p.email:
        await _send(p.email, _ack(event, "document_ack", p.unsubscribe_token, deps), deps=deps)


async def on_panel_joined(event: events.PanelJoined, *, deps: NotificationsDeps) -> None:
    """Welcome a new member of the tester panel (with a link to leave it)."""
    p = event.payload
    await _send(p.email, _ack(event, "panel_ack", p.unsubscribe_token, deps), deps=deps)


def _ack(event: Any, template: str, token: str, deps: NotificationsDeps) -> dict[str, Any]:
    return {
        "id": str(derive_id(event.event_id, template)),
        "template": template,
        "event_id": str(event.event_id),
        "correlation_id": str(event.correlation_id),
        "context": {"link": f"{deps.settings.public_base_url}/api/v1/unsubscribe/{token}"},
    }


def _request(event: Any, template: str, context: dict[str, Any]) -> dict[str, Any]:
    experience_id = str(event.payload.experience_id)
    return {
        "id": str(derive_id(event.event_id, template)),
        "experience_id": experience_id,
        "template": template,
        "event_id": str(event.event_id),
        "correlation_id": str(event.correlation_id),
        "context": context,
    }


_PARIS = ZoneInfo("Europe/Paris")
#: Moderation decisions the author is told about, and the template that tells them.
_MODERATION_TEMPLATES = {
    "publish_after_notice": "notice",
    "await_author_approval": "approval",
    "reject": "rejected",
}


async def on_moderated(event: events.ExperienceModerated, *, deps: NotificationsDeps) -> None:
    """Tell the author what moderation changed (with the 72 h link) or why it refused."""
    p = event.payload
    template = _MODERATION_TEMPLATES.get(p.decision.value)
    if template is None:
        return
    experience_id = str(p.experience_id)
    known = await deps.store.contacts.find_one({"_id": experience_id}) or {}
    deadline = p.author_deadline or datetime.now(UTC)
    token = deps.links.token(p.experience_id, deadline + timedelta(days=90))
    await _deliver(
        _request(
            event,
            template,
            {
                "title": p.redacted_title,
                "pseudonym": known.get("pseudonym"),
                "changes": p.diff_summary,
                "deadline": deadline.astimezone(_PARIS).strftime("%d/%m/%Y à %H:%M"),
                "reasons": [REASONS.get(code, code) for code in p.reason_codes],
                "publish_on_expiry": True,
                "link": f"{deps.settings.public_base_url}/api/v1/authors/{token}",
            },
        ),
        deps=deps,
    )


async def on_contact(event: events.AuthorContactRecorded, *, deps: NotificationsDeps) -> None:
    """Keep the author's address, and send what was waiting for it."""
    experience_id = str(event.payload.experience_id)
    await deps.store.save_contact(experience_id, event.payload.email)
    for parked in await deps.store.parked(experience_id):
        request = {k: v for k, v in parked.items() if k != "_id"}
        await _deliver(request, deps=deps)
        await deps.store.unpark(parked["_id"])


async def on_published(event: events.ExperiencePublished, *, deps: NotificationsDeps) -> None:
    """Tell the author their story is public."""
    story = event.payload.story
    experience_id = str(event.payload.experience_id)
    await deps.store.contacts.update_one(
        {"_id": experience_id},
        {"$set": {"title": story.title, "pseudonym": story.pseudonym}},
        upsert=True,
    )
    await _deliver(
        _request(
            event,
            "published",
            {
                "title": story.title,
                "pseudonym": story.pseudonym,
                "link": _story_link(deps.settings, experience_id),
            },
        ),
        deps=deps,
    )


async def on_response_published(
    event: events.ResponsePublished, *, deps: NotificationsDeps
) -> None:
    """Tell the author the service answered, with the answer."""
    experience_id = str(event.payload.experience_id)
    known = await deps.store.contacts.find_one({"_id": experience_id}) or {}
    await _deliver(
        _request(
            event,
            "answered",
            {
                "title": known.get("title", ""),
                "pseudonym": known.get("pseudonym"),
                "signature": event.payload.signature,
                "body": event.payload.body,
                "link": _story_link(deps.settings, experience_id),
            },
        ),
        deps=deps,
    )


# Every reaction of notifications to every event it consumes.
EVENT_HANDLERS = {
    events.AuthorContactRecorded: on_contact,
    events.ExperiencePublished: on_published,
    events.ResponsePublished: on_response_published,
    events.ExperienceModerated: on_moderated,
    events.DocumentReceived: on_document_received,
    events.PanelJoined: on_panel_joined,
}
