"""The filter check `IdFirst` does here instead of in the database (see `idfirst.py`), and the\nwrites it makes, on the real database."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pymongo import AsyncMongoClient
from pymongo.errors import DuplicateKeyError

from spplus.runtime.idfirst import id_first, matches
from spplus.runtime.mongo import Document
from spplus.runtime.testing import Stack

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
DOC = {
    "_id": "a",
    "status": "pending",
    "lease_until": None,
    "next_at": NOW,
    "tags": ["x", "y"],
    "webhook": {"id": "w1", "status": "pending"},
    "outbox": {"e1": {"seq": 1}},
    "responses": [{"id": "r1", "revision": 1}, {"id": "r2"}],
}


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        ({"status": "pending"}, True),
        ({"status": "sent"}, False),
        ({"status": {"$in": ["sent", "pending"]}}, True),
        ({"status": {"$in": ["sent"]}}, False),
        ({"status": {"$ne": "sent"}}, True),
        ({"status": {"$nin": ["pending"]}}, False),
        ({"missing": None}, True),  # MongoDB: null matches a missing field
        ({"lease_until": None}, True),
        ({"author_decision": {"$exists": False}}, True),
        ({"status": {"$exists": False}}, False),
        ({"next_at": {"$lte": NOW}}, True),
        ({"next_at": {"$lt": NOW}}, False),
        ({"next_at": {"$gte": NOW - timedelta(seconds=1)}}, True),
        ({"lease_until": {"$lte": NOW}}, False),  # null is not less than a date
        ({"$or": [{"lease_until": None}, {"lease_until": {"$lte": NOW}}]}, True),
        ({"$or": [{"status": "sent"}, {"status": "failed"}]}, False),
        ({"tags": "y"}, True),  # an array matches one of its elements
        ({"webhook.id": "w1", "webhook.status": "pending"}, True),
        ({"webhook.id": "w2"}, False),
        ({"outbox.e1": {"$exists": True}}, True),
        ({"outbox.e2": {"$exists": True}}, False),
        ({"responses.id": {"$ne": "r1"}}, False),  # through an array: one element has it
        ({"responses.id": {"$ne": "r3"}}, True),
        ({"responses.id": "r2"}, True),
        ({"missing.id": {"$ne": "r1"}}, True),
    ],
)
def test_a_filter_is_checked_as_the_database_would(flt: dict, expected: bool) -> None:
    assert matches(DOC, flt) is expected


@pytest.mark.parametrize(
    "flt", [{"status": {"$regex": "p"}}, {"$and": [{"status": "pending"}]}, {"n": {"$size": 2}}]
)
def test_an_operator_not_known_here_is_left_to_the_database(flt: dict) -> None:
    assert matches(DOC, flt) is None


@pytest.fixture(name="things")
async def fixture_things(stack: Stack) -> AsyncIterator[Any]:
    client: AsyncMongoClient[Document] = AsyncMongoClient(stack.mongo_url, tz_aware=True)
    db = client[f"test_idfirst_{uuid.uuid4().hex[:8]}"]
    yield id_first(db["things"])
    await client.drop_database(db.name)
    await client.close()


async def test_conditional_writes_behave_as_in_mongodb(things: Any) -> None:
    await things.insert_one({"_id": "a", "status": "open", "items": [{"id": "i1"}]})
    missed = await things.update_one({"_id": "a", "status": "closed"}, {"$set": {"x": 1}})
    assert missed.matched_count == 0
    hit = await things.update_one({"_id": "a", "status": "open"}, {"$set": {"x": 1}})
    assert hit.matched_count == 1
    assert await things.find_one({"_id": "a", "x": 1}) is not None
    assert await things.find_one_and_update({"_id": "a", "x": 2}, {"$set": {"y": 1}}) is None

    # A conditional upsert: creates when absent, updates when met, duplicate key when not met.
    await things.update_one(
        {"_id": "b", "items.id": {"$ne": "i1"}}, {"$push": {"items": {"id": "i1"}}}, upsert=True
    )
    assert (await things.find_one({"_id": "b"}))["items"] == [{"id": "i1"}]
    with pytest.raises(DuplicateKeyError):
        await things.update_one(
            {"_id": "b", "items.id": {"$ne": "i1"}},
            {"$push": {"items": {"id": "i1"}}},
            upsert=True,
        )
    assert (await things.find_one({"_id": "b"}))["items"] == [{"id": "i1"}]
    assert (await things.delete_one({"_id": "b", "status": "open"})).deleted_count == 0
    assert (await things.delete_one({"_id": "a", "status": "open"})).deleted_count == 1
