"""The outbox relay on the real database: events leave once published, stay while Kafka fails."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from pymongo import AsyncMongoClient

from spplus.contracts.events import ExperienceWithdrawn, ExperienceWithdrawnPayload
from spplus.runtime.mongo import Document
from spplus.runtime.outbox import OutboxRelay, new_document_with_outbox, with_outbox
from spplus.runtime.testing import Stack

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@pytest.fixture(name="coll")
async def fixture_coll(stack: Stack) -> AsyncIterator[Any]:
    client: AsyncMongoClient[Document] = AsyncMongoClient(stack.mongo_url, tz_aware=True)
    db = client[f"test_outbox_{uuid.uuid4().hex[:8]}"]
    yield db["things"]
    await client.drop_database(db.name)
    await client.close()


def event(reason: str) -> ExperienceWithdrawn:
    return ExperienceWithdrawn.first(
        ExperienceWithdrawnPayload(
            experience_id=uuid.uuid4(), reason=reason, requested_by="author"
        ),
        producer="test",
    )


class FlakyKafka:
    def __init__(self) -> None:
        self.down = False
        self.sent: list[tuple[str, str, bytes]] = []

    async def __call__(self, topic: str, key: str, value: bytes, headers: dict[str, str]) -> None:
        if self.down:
            raise ConnectionError("broker unreachable")
        self.sent.append((topic, key, value))


async def test_events_are_published_in_order_and_removed(coll: Any) -> None:
    kafka = FlakyKafka()
    relay = OutboxRelay([coll], kafka)
    first, second = event("one"), event("two")
    await coll.insert_one(new_document_with_outbox({"_id": "a"}, [first]))
    await coll.update_one({"_id": "a"}, with_outbox({"$set": {"x": 1}}, [(second, "other.topic")]))

    assert await relay.relay_once() == 2
    assert [
        (t, ExperienceWithdrawn.model_validate_json(v).payload.reason) for t, _, v in kafka.sent
    ] == [(ExperienceWithdrawn.TOPIC, "one"), ("other.topic", "two")]
    doc = await coll.find_one({"_id": "a"})
    assert doc["outbox_pending"] == 0 and doc["outbox"] == {} and doc["x"] == 1
    assert await relay.relay_once() == 0  # nothing twice


async def test_an_event_that_failed_to_publish_is_retried_later(coll: Any) -> None:
    kafka = FlakyKafka()
    relay = OutboxRelay([coll], kafka)
    await coll.insert_one(new_document_with_outbox({"_id": "b"}, [event("late")]))
    kafka.down = True
    assert await relay.relay_once() == 0
    doc = await coll.find_one({"_id": "b"})
    assert doc["outbox_pending"] == 1
    assert next(iter(doc["outbox"].values()))["attempts"] == 1

    kafka.down = False
    assert await relay.relay_once() == 0  # still backing off
    # the pause is over
    await coll.update_one({"_id": "b"}, {"$set": {"outbox_lease_until": EPOCH}})
    assert await relay.relay_once() == 1
    assert len(kafka.sent) == 1
