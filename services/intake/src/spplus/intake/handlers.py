"""Intake's use cases: accept a story, and keep the public read model up to date."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypeAlias

from spplus.contracts import events
from spplus.contracts.api import SubmitExperienceRequest
from spplus.runtime.errors import ApiProblem
from spplus.runtime.logging import get_logger
from spplus.runtime.outbox import new_document_with_outbox
from spplus.runtime.service import ServiceDeps

from . import domain
from .settings import IntakeSettings
from .store import IntakeStore

log = get_logger(__name__)


IntakeDeps: TypeAlias = ServiceDeps[IntakeSettings, IntakeStore]


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


# Every reaction of intake to every event it consumes.
EVENT_HANDLERS = {
    events.ExperiencePublished: on_published,
    events.ResponsePublished: on_response_published,
    events.ImprovementRecorded: on_improvement_recorded,
    events.ExperienceWithdrawn: on_withdrawn,
}
