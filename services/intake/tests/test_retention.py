"""Retention in intake, on the real database, with the clock injected: a story whose last step
is older than the setting loses its email, postal code and raw text, and the contact topic gets
a tombstone; a younger one keeps them."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import pytest
from pymongo import AsyncMongoClient

from spplus.contracts import events
from spplus.contracts.api import SubmitExperienceRequest
from spplus.intake.authors import _erase, sweep_retention
from spplus.intake.deps import IntakeDeps
from spplus.intake.handlers import on_moderated
from spplus.intake.settings import IntakeSettings
from spplus.intake.store import IntakeStore
from spplus.intake.submitting import submit_experience
from spplus.runtime.mongo import Document
from spplus.runtime.outbox import QUEUE
from spplus.runtime.testing import Stack


@pytest.fixture(name="deps")
async def fixture_deps(stack: Stack) -> AsyncIterator[IntakeDeps]:
    client: AsyncMongoClient[Document] = AsyncMongoClient(stack.mongo_url, tz_aware=True)
    db = client[f"test_retention_{uuid.uuid4().hex[:8]}"]
    settings = IntakeSettings(
        postal_codes_file=None, retention_contact_days=200, retention_raw_text_days=365
    )
    yield IntakeDeps(settings=settings, store=IntakeStore(db), kick_relay=lambda: None)
    await client.drop_database(db.name)
    await client.close()


def request(email: str) -> SubmitExperienceRequest:
    return SubmitExperienceRequest.model_validate(
        {
            "title": "Renouvellement de passeport",
            "description": "J'ai fait ma demande de passeport en mairie, le rendez-vous était à "
            "l'heure et l'agent m'a expliqué chaque pièce. Le titre est arrivé en trois semaines.",
            "feeling": "positive",
            "experience_date": date.today().isoformat(),
            "journey": [{"organisation": "ANTS", "channels": []}],
            "author": {"email": email, "postal_code": "29242"},
            "consent": True,
        }
    )


async def test_the_sweep_erases_what_outlived_its_retention_and_nothing_younger(
    deps: IntakeDeps,
) -> None:
    accepted = await submit_experience(
        request("retention@example.org"), idempotency_key=None, client_address=None, deps=deps
    )
    key = str(accepted.experience_id)
    queue = deps.store.submissions.database[QUEUE]
    await queue.delete_many({})  # as if the relay had sent the story's events
    now = datetime.now(UTC)

    # The shorter of the two settings (contact data: 200 days) decides: intake keeps both kinds
    # in one request.
    assert await sweep_retention(deps=deps, now=now + timedelta(days=199)) == 0
    assert (await deps.store.get_submission(accepted.experience_id) or {}).get("request")
    assert await sweep_retention(deps=deps, now=now + timedelta(days=201)) == 1
    doc = await deps.store.get_submission(accepted.experience_id)
    assert doc is not None and "request" not in doc and "fingerprint" not in doc
    assert doc["erasure"]["by"] == "retention" and doc["erasure"]["keep_published"] is True
    assert "retention@example.org" not in str(doc) and "29242" not in str(doc)

    # A tombstone on the contact topic and the event the other services erase on, queued.
    pointers = [p async for p in queue.find({})]
    sent = {(p["event"]["topic"], p["event"]["value"] is None) for p in pointers}
    assert (events.AuthorContactRecorded.TOPIC, True) in sent
    assert (events.AuthorForgotten.TOPIC, False) in sent
    assert all(p["event"]["key"] == key for p in pointers)
    # Once is enough.
    assert await sweep_retention(deps=deps, now=now + timedelta(days=400)) == 0


async def test_a_decision_arriving_after_the_author_was_forgotten_brings_nothing_back(
    deps: IntakeDeps,
) -> None:
    """The author is forgotten (story withdrawn with it) while moderation's decision is still on
    its way: the late event finds the submission erased and writes nothing, neither the status
    nor the story's redacted text."""
    accepted = await submit_experience(
        request("late@example.org"), idempotency_key=None, client_address=None, deps=deps
    )
    doc = await deps.store.get_submission(accepted.experience_id)
    assert doc is not None
    assert await _erase(doc, keep_published=False, by="author", deps=deps)
    late = events.ExperienceModerated(
        producer="moderation",
        correlation_id=accepted.experience_id,
        payload=events.ExperienceModeratedPayload(
            experience_id=accepted.experience_id,
            decision=events.ModerationDecision.publish,
            redacted_title="Renouvellement de passeport",
            redacted_description="J'ai fait ma demande de passeport en mairie.",
        ),
    )
    await on_moderated(late, deps=deps)
    after = await deps.store.get_submission(accepted.experience_id)
    assert after is not None and after["erased_at"]
    assert "moderation" not in after and after.get("status") == doc.get("status")
