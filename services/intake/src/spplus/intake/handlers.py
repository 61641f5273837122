"""Intake's use cases: accept a story, and keep the public read model up to date."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from spplus.contracts import derive_id, events
from spplus.contracts.api import SubmitExperienceRequest
from spplus.runtime.errors import ApiProblem
from spplus.runtime.links import AuthorLinks, InvalidLink
from spplus.runtime.logging import get_logger
from spplus.runtime.outbox import new_document_with_outbox, with_outbox
from spplus.runtime.service import ServiceDeps

from . import domain
from .settings import IntakeSettings
from .store import IntakeStore

log = get_logger(__name__)


@dataclass
class IntakeDeps(ServiceDeps[IntakeSettings, IntakeStore]):
    links: AuthorLinks = field(default=None)  # from the settings

    def __post_init__(self) -> None:
        if self.links is None:
            self.links = AuthorLinks(self.settings.auth.author_link_secret)


@dataclass(frozen=True)
class Accepted:
    experience_id: uuid.UUID
    status: str
    created: bool


async def submit_experience(
    request: SubmitExperienceRequest,
    *,
    idempotency_key: str | None,
    client_address: str | None,
    deps: IntakeDeps,
) -> Accepted:
    """Store the story and its two events in one write; Kafka gets them through the outbox."""
    experience_id = domain.experience_id_for(idempotency_key)
    fingerprint = domain.body_fingerprint(request)
    now = datetime.now(UTC)
    submitted = events.ExperienceSubmitted.first(
        domain.submitted_payload(experience_id, request, now),
        producer="intake",
        correlation_id=experience_id,
    )
    contact = events.AuthorContactRecorded.caused_by(
        submitted,
        events.AuthorContactPayload(
            experience_id=experience_id,
            email=str(request.author.email),
            ip_hash=domain.hash_address(client_address, deps.settings.ip_hash_salt),
        ),
        producer="intake",
    )
    doc = new_document_with_outbox(
        {
            "_id": str(experience_id),
            "status": "received",
            "received_at": now,
            "fingerprint": fingerprint,
            "request": request.model_dump(mode="json"),
            "ip_hash": contact.payload.ip_hash,
        },
        [submitted, contact],
    )
    if await deps.store.insert_submission(doc):
        deps.kick_relay()
        log.info("experience accepted", experience_id=str(experience_id))
        return Accepted(experience_id, "received", created=True)
    existing = await deps.store.get_submission(experience_id)
    if existing is None or existing.get("fingerprint") != fingerprint:
        raise ApiProblem(
            409,
            "idempotency_key_reused",
            "Cette clé d'idempotence a déjà servi pour un autre récit.",
        )
    return Accepted(experience_id, existing.get("status", "received"), created=False)


async def on_published(event: events.ExperiencePublished, *, deps: IntakeDeps) -> None:
    p = event.payload
    story = p.story.model_dump(mode="json")
    await deps.store.upsert_published(
        p.experience_id,
        {
            **story,
            "status": "published",
            "published_at": p.published_at,
            "organisations": [step["organisation"] for step in story["journey"]],
            "networks": domain.networks_of(story["journey"]),
            "tokens": domain.tokens(p.story.title, p.story.description),
        },
    )


async def on_response_published(event: events.ResponsePublished, *, deps: IntakeDeps) -> None:
    p = event.payload
    await deps.store.add_to_list(
        p.experience_id,
        "responses",
        {
            "id": str(p.response_id),
            "network": p.network,
            "body": p.body,
            "signature": p.signature,
            "published_at": p.published_at,
        },
    )


async def on_improvement_recorded(event: events.ImprovementRecorded, *, deps: IntakeDeps) -> None:
    p = event.payload
    await deps.store.add_to_list(
        p.experience_id,
        "improvement_actions",
        {
            "id": str(p.action_id),
            "title": p.title,
            "description": p.description,
            "recorded_at": p.recorded_at,
        },
    )


async def on_withdrawn(event: events.ExperienceWithdrawn, *, deps: IntakeDeps) -> None:
    await deps.store.set_status(event.payload.experience_id, "withdrawn", event.occurred_at)


async def on_moderated(event: events.ExperienceModerated, *, deps: IntakeDeps) -> None:
    """Keep what moderation decided, for the author's page."""
    p = event.payload
    await deps.store.submissions.update_one(
        {"_id": str(p.experience_id)},
        {
            "$set": {
                "status": p.decision.value,
                "moderation": p.model_dump(mode="json"),
            }
        },
    )


#: What an author may do through their link, depending on what moderation decided.
AUTHOR_ACTIONS = {
    "publish_after_notice": {"block", "withdraw"},
    "await_author_approval": {"approve", "reject", "withdraw"},
    "human_review": {"withdraw"},
    "publish": {"withdraw"},
    "received": {"withdraw"},
}


async def author_view(token: str, *, deps: IntakeDeps) -> dict[str, Any]:
    doc = await _author_submission(token, deps)
    moderation = doc.get("moderation") or {}
    return {
        "experience_id": doc["_id"],
        "status": doc.get("status", "received"),
        "author_decision": doc.get("author_decision"),
        "deadline": moderation.get("author_deadline"),
        "changes": moderation.get("diff_summary", []),
        "reasons": moderation.get("reason_codes", []),
        "proposed_title": moderation.get("redacted_title"),
        "proposed_description": moderation.get("redacted_description"),
        "actions": sorted(
            AUTHOR_ACTIONS.get(doc.get("status", "received"), set())
            if not doc.get("author_decision")
            else set()
        ),
    }


async def author_decide(token: str, action: str, *, deps: IntakeDeps) -> dict[str, Any]:
    """The author's answer, once: a repeated click returns the same answer, a change is refused."""
    doc = await _author_submission(token, deps)
    if doc.get("author_decision") == action:
        return await author_view(token, deps=deps)
    allowed = AUTHOR_ACTIONS.get(doc.get("status", "received"), set())
    if doc.get("author_decision") or action not in allowed:
        raise ApiProblem(
            409, "action_not_available", "Cette action n'est plus possible pour votre récit."
        )
    experience_id = uuid.UUID(doc["_id"])
    decision = events.AuthorDecisionMade(
        event_id=derive_id(experience_id, f"author:{action}"),
        event_type="author.decision",
        producer="intake",
        correlation_id=experience_id,
        payload=events.AuthorDecisionPayload(
            experience_id=experience_id, action=events.AuthorAction(action)
        ),
    )
    await deps.store.submissions.update_one(
        {"_id": doc["_id"], "author_decision": {"$exists": False}},
        with_outbox(
            {"$set": {"author_decision": action, "author_decided_at": datetime.now(UTC)}},
            [decision],
        ),
    )
    deps.kick_relay()
    return await author_view(token, deps=deps)


async def _author_submission(token: str, deps: IntakeDeps) -> dict[str, Any]:
    try:
        experience_id = deps.links.verify(token)
    except InvalidLink as exc:
        raise ApiProblem(403, "invalid_link", "Ce lien n'est pas valide ou a expiré.") from exc
    doc = await deps.store.get_submission(experience_id)
    if doc is None:
        raise ApiProblem(403, "invalid_link", "Ce lien n'est pas valide ou a expiré.")
    return doc


# Every reaction of intake to every event it consumes.
EVENT_HANDLERS = {
    events.ExperiencePublished: on_published,
    events.ResponsePublished: on_response_published,
    events.ImprovementRecorded: on_improvement_recorded,
    events.ExperienceWithdrawn: on_withdrawn,
    events.ExperienceModerated: on_moderated,
}
