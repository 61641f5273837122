"""Accepting a story: checked, stored with its two events in one write (Kafka gets them through
the outbox), what may identify its author sealed with the story's own key."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from spplus.contracts import events
from spplus.contracts.api import FieldError, SubmitExperienceRequest
from spplus.runtime import clock
from spplus.runtime.domain import Conflict, Invalid
from spplus.runtime.logging import get_logger
from spplus.runtime.outbox import new_document_with_outbox
from spplus.runtime.vault import Shredded

from . import domain
from .deps import IntakeDeps

log = get_logger(__name__)


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
    request = _check_commune(request, deps)
    now = clock.now()
    # What may identify the author travels sealed with the story's own key (erasure deletes it:
    # every copy on Kafka is noise from then on). A retry of a story erased since finds the
    # key shredded: the story exists, it is answered below as such.
    clear = domain.submitted_payload(experience_id, request, now)
    try:
        sealed_story = await deps.vault.seal(
            str(experience_id), {f: getattr(clear, f) for f in events.SEALED_STORY_FIELDS}
        )
        sealed_email = await deps.vault.seal(
            str(experience_id), {"email": str(request.author.email)}
        )
    except Shredded:
        return await _existing(experience_id, fingerprint, deps)
    submitted = events.ExperienceSubmitted.first(
        clear.model_copy(
            update={
                "title": "",
                "description": "",
                "postal_code": None,
                "city": None,
                "pseudonym": None,
                "sealed": sealed_story,
            }
        ),
        producer="intake",
        correlation_id=experience_id,
    )
    contact = events.AuthorContactRecorded.caused_by(
        submitted,
        # The client's address goes nowhere: it is used (keyed-hashed) by the vote and write
        # guards only, never stored with the story nor sent on Kafka.
        events.AuthorContactPayload(experience_id=experience_id, email="", sealed=sealed_email),
        producer="intake",
    )
    doc = new_document_with_outbox(
        {
            "_id": str(experience_id),
            "status": "received",
            "received_at": now,
            "fingerprint": fingerprint,
            "request": request.model_dump(mode="json"),
        },
        [submitted, contact],
    )
    if await deps.store.insert_submission(doc):
        deps.kick_relay()
        log.info("experience accepted", experience_id=str(experience_id))
        return Accepted(experience_id, "received", created=True)
    return await _existing(experience_id, fingerprint, deps)


async def _existing(experience_id: uuid.UUID, fingerprint: str, deps: IntakeDeps) -> Accepted:
    """A retried submission: the same story again is accepted as it was, another one refused."""
    existing = await deps.store.get_submission(experience_id)
    if existing is not None and existing.get("erased_at"):
        return Accepted(experience_id, "erased", created=False)  # its author had it erased
    if existing is None or existing.get("fingerprint") != fingerprint:
        raise Conflict(
            "idempotency_key_reused", "Cette clé d'idempotence a déjà servi pour un autre récit."
        )
    return Accepted(experience_id, existing.get("status", "received"), created=False)


def _invalid(field: str, code: str, message: str) -> Invalid:
    return Invalid(
        "validation_failed",
        "La demande contient des erreurs.",
        [FieldError(field=field, code=code, message=message)],
    )


def _check_commune(request: SubmitExperienceRequest, deps: IntakeDeps) -> SubmitExperienceRequest:
    """The request with a city that is a commune of INSEE's list, or without one: the city is
    published, so it comes from a closed list. Without the list (no `postal_codes_file`) a city
    cannot be checked and is dropped."""
    author = request.author
    if author.city and deps.communes is None:
        return request.model_copy(update={"author": author.model_copy(update={"city": None})})
    if deps.communes is None:
        return request
    if not author.postal_code:
        if author.city and not deps.communes.exists(author.city):
            raise _invalid(
                "author.city",
                "city_unknown",
                "Cette ville ne figure pas dans la liste des communes de l'INSEE.",
            )
        return request
    if not deps.communes.known(author.postal_code):
        raise _invalid("author.postal_code", "postal_code_unknown", "Ce code postal n'existe pas.")
    if author.city and not deps.communes.agree(author.postal_code, author.city):
        raise _invalid(
            "author.city",
            "city_postal_code_mismatch",
            "La ville ne correspond pas au code postal indiqué.",
        )
    return request
