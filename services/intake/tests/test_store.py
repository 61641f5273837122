"""The public read model on the real database: idempotent, and a withdrawal sticks."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from pymongo import AsyncMongoClient

from spplus.intake.store import IntakeStore
from spplus.runtime.mongo import Document
from spplus.runtime.testing import Stack


@pytest.fixture(name="store")
async def fixture_store(stack: Stack) -> AsyncIterator[IntakeStore]:
    client: AsyncMongoClient[Document] = AsyncMongoClient(stack.mongo_url, tz_aware=True)
    db = client[f"test_intake_{uuid.uuid4().hex[:8]}"]
    yield IntakeStore(db)
    await client.drop_database(db.name)
    await client.close()


async def test_a_response_delivered_twice_is_shown_once(store: IntakeStore) -> None:
    eid = uuid.uuid4()
    await store.upsert_published(eid, {"status": "published", "title": "t"})
    item = {"id": "r1", "body": "Bonjour"}
    await store.add_to_list(eid, "responses", item)
    await store.add_to_list(eid, "responses", item)
    doc = await store.get_public(eid)
    assert doc is not None and [r["id"] for r in doc["responses"]] == ["r1"]


async def test_a_response_read_before_its_story_waits_for_it(store: IntakeStore) -> None:
    eid = uuid.uuid4()
    await store.add_to_list(eid, "responses", {"id": "r1", "body": "Bonjour"})
    assert await store.get_public(eid) is None
    await store.upsert_published(eid, {"status": "published", "title": "t"})
    doc = await store.get_public(eid)
    assert doc is not None and doc["title"] == "t" and len(doc["responses"]) == 1


async def test_a_withdrawn_story_stays_withdrawn(store: IntakeStore) -> None:
    eid = uuid.uuid4()
    await store.set_status(eid, "withdrawn", datetime.now(UTC))
    await store.upsert_published(eid, {"status": "published", "title": "t"})
    assert await store.get_public(eid) is None
