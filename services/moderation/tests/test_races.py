"""Races on the real database: what must happen once between two writers happens once.

Each transition of a case is claimed by an insert before it is written (`ModerationStore.apply`):
FerretDB's conditional updates are not atomic between clients, its inserts under one `_id` are.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from pymongo import AsyncMongoClient

from spplus.moderation.case import CaseAction, CaseStatus, ModerationCase
from spplus.moderation.store import ModerationStore
from spplus.runtime.mongo import Document
from spplus.runtime.outbox import QUEUE
from spplus.runtime.testing import Stack

NOW = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)
ROUNDS = 12


@pytest.fixture(name="store")
async def fixture_store(stack: Stack) -> AsyncIterator[ModerationStore]:
    client: AsyncMongoClient[Document] = AsyncMongoClient(stack.mongo_url, tz_aware=True)
    db = client[f"test_mod_races_{uuid.uuid4().hex[:8]}"]
    yield ModerationStore(db, outbox_owner="test")
    await client.drop_database(db.name)
    await client.close()


def a_case(status: CaseStatus, awaiting: str | None = None) -> Document:
    story_id = str(uuid.uuid4())
    return {
        "_id": story_id,
        "status": status.value,
        "decision": "human_review",
        "reasons": [],
        "awaiting": awaiting,
        "deadline": NOW - timedelta(minutes=1) if awaiting else None,
        "submitted": {
            "experience_id": story_id,
            "title": "Un titre",
            "description": "Un récit assez long pour être publié sans rien retirer du tout.",
            "feeling": "positive",
            "experience_date": "2026-04-20",
            "journey": [{"organisation": "CAF", "channels": []}],
            "submitted_at": "2026-04-25T10:00:00+00:00",
        },
        "proposal": {"title": "Un titre", "description": "Un récit…", "edits": [], "tier": "minor"},
        "correlation_id": str(uuid.uuid4()),
        "step": 1,
        "audit": [],
    }


async def race(store: ModerationStore, doc: Document, *changes: object) -> list[Document | None]:
    await store.open_case(doc)
    return list(await asyncio.gather(*(store.apply(doc["_id"], c) for c in changes)))  # type: ignore[arg-type]


async def queued_events(store: ModerationStore, case_id: str) -> list[str]:
    """Event types whose pointers were queued for this case (what the relay would send)."""
    return sorted(e.get("event_type", "") async for e in store.db[QUEUE].find({"doc": case_id}))


async def test_the_authors_approval_and_the_timer_never_both_win(store: ModerationStore) -> None:
    for _ in range(ROUNDS):
        doc = a_case(CaseStatus.awaiting_author, "await_author_approval")
        case = ModerationCase(doc)
        approve = case.publish(CaseAction.author_approve, "author", NOW)
        close = case.expire(NOW, publish_on_expiry=False)
        assert close is not None
        results = await race(store, doc, approve, close)
        winners = [r for r in results if r is not None]
        assert len(winners) == 1, results
        final = await store.case(doc["_id"])
        assert final is not None and final["status"] == winners[0]["status"]
        assert final["step"] == 2 if final["status"] == "published" else True


async def test_two_moderators_deciding_at_once_have_one_effect(store: ModerationStore) -> None:
    for _ in range(ROUNDS):
        doc = a_case(CaseStatus.human_review)
        case = ModerationCase(doc)
        approve = case.publish(CaseAction.moderator_approve, "mod-a", NOW)
        reject = case.reject(["ABUSIVE"], "mod-b", NOW)
        results = await race(store, doc, approve, reject)
        winners = [r for r in results if r is not None]
        assert len(winners) == 1, results
        final = await store.case(doc["_id"])
        assert final is not None and final["status"] == winners[0]["status"]
        assert len(final["audit"]) == 1  # one decision recorded, not two
