"""Erasure in moderation, on the real database, with the clock injected: a case whose last step
is older than the retention keeps no raw text, no quoted evidence, no fingerprint for duplicates;
a younger one keeps them. An author's request to be forgotten does the same at once."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from pymongo import AsyncMongoClient

from spplus.contracts import events
from spplus.moderation.deps import ModerationDeps
from spplus.moderation.erasure import sweep_retention
from spplus.moderation.handlers import on_forgotten, on_submitted
from spplus.moderation.settings import ModerationSettings
from spplus.moderation.store import ModerationStore
from spplus.runtime.mongo import Document
from spplus.runtime.testing import Stack

PHONE = "06 71 44 28 93"


@pytest.fixture(name="deps")
async def fixture_deps(stack: Stack) -> AsyncIterator[ModerationDeps]:
    client: AsyncMongoClient[Document] = AsyncMongoClient(stack.mongo_url, tz_aware=True)
    db = client[f"test_mod_retention_{uuid.uuid4().hex[:8]}"]
    settings = ModerationSettings(retention_contact_days=400, retention_raw_text_days=100)
    yield ModerationDeps(settings=settings, store=ModerationStore(db), kick_relay=lambda: None)
    await client.drop_database(db.name)
    await client.close()


def submitted(text: str) -> events.ExperienceSubmitted:
    return events.ExperienceSubmitted.first(
        events.ExperienceSubmittedPayload(
            experience_id=uuid.uuid4(),
            title="Ma demande d'aide au logement",
            description=text,
            feeling="negative",
            experience_date="2026-09-01",
            journey=[{"organisation": "CAF", "channels": []}],
            postal_code="29242",
            city="Ouessant",
            pseudonym="Lou",
            submitted_at=datetime.now(UTC),
        ),
        producer="intake",
    )


TEXT = (
    "J'ai déposé ma demande d'aide au logement en juin. La conseillère m'a rappelé au "
    f"{PHONE} pour une pièce manquante, puis le dossier a été validé en deux semaines."
)


async def erased_well(deps: ModerationDeps, experience_id: str) -> Document:
    case = await deps.store.case(experience_id)
    assert case is not None and case.get("erased_at")
    held = str(case)
    assert PHONE not in held and "29242" not in held and "Ouessant" not in held
    assert case["submitted"]["description"] == "" and case["submitted"]["pseudonym"] is None
    assert case["shingles"] == [] and case["proposal"]["edits"] == []
    assert case["audit"][-1]["action"] == "erased"
    return case


async def test_the_sweep_erases_cases_past_the_shorter_retention(deps: ModerationDeps) -> None:
    event = submitted(TEXT)
    await on_submitted(event, deps=deps)
    experience_id = str(event.payload.experience_id)
    now = datetime.now(UTC)
    assert await sweep_retention(deps=deps, now=now + timedelta(days=99)) == 0
    assert PHONE in str(await deps.store.case(experience_id))
    assert await sweep_retention(deps=deps, now=now + timedelta(days=101)) == 1
    case = await erased_well(deps, experience_id)
    assert case["proposal"]["description"]  # the published version is the public record
    assert await sweep_retention(deps=deps, now=now + timedelta(days=500)) == 0


async def test_a_forgotten_author_s_case_is_erased_and_withdrawn_at_once(
    deps: ModerationDeps,
) -> None:
    event = submitted(TEXT)
    await on_submitted(event, deps=deps)
    experience_id = str(event.payload.experience_id)
    forgotten = events.AuthorForgotten.first(
        events.AuthorForgottenPayload(
            experience_id=event.payload.experience_id,
            keep_published=False,
            requested_at=datetime.now(UTC),
        ),
        producer="intake",
    )
    await on_forgotten(forgotten, deps=deps)
    await on_forgotten(forgotten, deps=deps)  # delivered again: nothing more
    case = await erased_well(deps, experience_id)
    assert case["status"] == "withdrawn" and case["proposal"]["description"] == ""
    assert TEXT[:60] not in str(case)  # not even its redacted version
    assert [a["action"] for a in case["audit"]].count("erased") == 1
