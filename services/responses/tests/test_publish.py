"""Responses on the real database: an answer and its event are one write, so no crash can leave
an answer « published » that never reaches the public, the author or the indicators (the same
for a correction, a submission for validation and a draft sent back)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from pymongo import AsyncMongoClient

from spplus.contracts import events
from spplus.contracts.values import PublicStory
from spplus.responses.deps import ResponsesDeps
from spplus.responses.drafts import (
    create_draft,
    edit_draft,
    publish_draft,
    return_draft,
    submit_draft,
)
from spplus.responses.handlers import on_routed
from spplus.responses.settings import ResponsesSettings
from spplus.responses.store import ResponsesStore
from spplus.runtime.auth import Principal, Role
from spplus.runtime.mongo import Document
from spplus.runtime.outbox import QUEUE
from spplus.runtime.testing import Stack

PUBLISHER = Principal("lina@caf", "Lina Martin", frozenset({Role.agent}), "CAF", publisher=True)
DRAFTER = Principal("hugo@caf", "Hugo Petit", frozenset({Role.agent}), "CAF")
VALIDATOR = Principal("ines@caf", "Inès Roux", frozenset({Role.validator}), "CAF")
BODY = (
    "Bonjour Camille,\n\nMerci pour votre retour sur votre aide au logement. Nous avons revu "
    "votre dossier : le versement reprend ce mois-ci.\n\nPour la suite, votre espace en ligne "
    "vous permet de suivre chaque étape, et nos conseillers restent joignables au téléphone ou "
    "à l'accueil si une question se pose sur les montants ou les dates de versement.\n\n"
    "Cordialement,\n{name}, pour Caisse d'allocations familiales (CAF)"
)


@pytest.fixture(name="deps")
async def fixture_deps(stack: Stack) -> AsyncIterator[ResponsesDeps]:
    client: AsyncMongoClient[Document] = AsyncMongoClient(stack.mongo_url, tz_aware=True)
    db = client[f"test_responses_{uuid.uuid4().hex[:8]}"]
    yield ResponsesDeps(
        settings=ResponsesSettings(), store=ResponsesStore(db), kick_relay=lambda: None
    )
    await client.drop_database(db.name)
    await client.close()


async def routed_story(deps: ResponsesDeps) -> uuid.UUID:
    experience_id = uuid.uuid4()
    now = datetime.now(UTC)
    await on_routed(
        events.ExperienceRouted.first(
            events.ExperienceRoutedPayload(
                experience_id=experience_id,
                network="CAF",
                due_at=now + timedelta(days=15),
                assigned_at=now,
                story=PublicStory(
                    title="Aide au logement",
                    description="Mon aide au logement a été suspendue sans explication.",
                    feeling="negative",
                    experience_date="2026-10-01",
                    journey=[{"organisation": "CAF", "channels": []}],
                    pseudonym="Camille",
                ),
            ),
            producer="routing",
        ),
        deps=deps,
    )
    return experience_id


async def pointers(deps: ResponsesDeps) -> list[tuple[str, str]]:
    """(collection, event type) of every event waiting for the relay."""
    queue = deps.store.drafts.database[QUEUE]
    found = [
        (p["coll"], events.ResponsePublished.model_validate_json(p["event"]["value"]).event_type)
        if '"response.published"' in p["event"]["value"]
        else (p["coll"], "response.workflow")
        async for p in queue.find({})
    ]
    await queue.delete_many({})  # as if the relay had sent them
    return found


async def test_each_step_of_an_answer_is_written_with_its_event(deps: ResponsesDeps) -> None:
    experience_id = await routed_story(deps)
    draft = await create_draft(
        experience_id, BODY.format(name="Hugo"), principal=DRAFTER, deps=deps
    )
    draft_id = uuid.UUID(draft["_id"])
    await pointers(deps)

    await submit_draft(draft_id, principal=DRAFTER, deps=deps)
    assert await pointers(deps) == [("drafts", "response.workflow")]
    await return_draft(draft_id, "Ajoutez le délai.", principal=VALIDATOR, deps=deps)
    assert await pointers(deps) == [("drafts", "response.workflow")]
    await submit_draft(draft_id, principal=DRAFTER, deps=deps)
    await pointers(deps)

    published = await publish_draft(draft_id, principal=VALIDATOR, deps=deps)
    assert published["status"] == "published"
    assert await pointers(deps) == [("drafts", "response.published")]
    stored = await deps.store.draft(str(draft_id))
    assert stored is not None and stored["outbox"]  # the marker: the same write as the answer
    assert (await deps.store.story(str(experience_id)) or {})["status"] == "answered"
    again = await publish_draft(draft_id, principal=VALIDATOR, deps=deps)
    assert again["status"] == "published" and await pointers(deps) == []  # once

    corrected = BODY.format(name="Hugo").replace("ce mois-ci", "dès ce mois-ci")
    await edit_draft(draft_id, corrected, principal=PUBLISHER, deps=deps)
    assert await pointers(deps) == [("drafts", "response.published")]
