"""The outbox relay on the real database: events leave once published, stay while Kafka fails,\nand the relay finds them through its queue of pointers without writing to the documents."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
from pymongo import AsyncMongoClient
from pymongo.errors import DuplicateKeyError

from spplus.contracts.events import ExperienceWithdrawn, ExperienceWithdrawnPayload
from spplus.runtime.mongo import Document
from spplus.runtime.outbox import (
    QUEUE,
    new_document_with_outbox,
    outbox_collection,
    outbox_entry,
    with_outbox,
)
from spplus.runtime.relay import OutboxRelay
from spplus.runtime.testing import Stack


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


async def queue(coll: Any) -> int:
    """How many pointers wait for the relay."""
    return int(await coll.database[QUEUE].count_documents({}))


class FlakyKafka:
    def __init__(self) -> None:
        self.down = False
        self.sent: list[tuple[str, str, bytes]] = []

    async def __call__(self, topic: str, key: str, value: bytes, headers: dict[str, str]) -> None:
        if self.down:
            raise ConnectionError("broker unreachable")
        self.sent.append((topic, key, value))


async def test_events_are_published_in_order_and_their_pointers_removed(coll: Any) -> None:
    kafka = FlakyKafka()
    relay = OutboxRelay([coll], kafka)
    things = outbox_collection(coll, relay.owner)
    first, second = event("one"), event("two")
    await things.insert_one(new_document_with_outbox({"_id": "a"}, [first]))
    await things.update_one(
        {"_id": "a"}, with_outbox({"$set": {"x": 1}}, [(second, "other.topic")])
    )
    assert await queue(coll) == 2

    assert await relay.relay_once() == 2
    assert [
        (t, ExperienceWithdrawn.model_validate_json(v).payload.reason) for t, _, v in kafka.sent
    ] == [(ExperienceWithdrawn.TOPIC, "one"), ("other.topic", "two")]
    assert await queue(coll) == 0
    assert (await coll.find_one({"_id": "a"}))["x"] == 1
    assert await relay.relay_once() == 0  # nothing twice


async def test_the_relay_never_writes_to_a_business_document(coll: Any) -> None:
    kafka = FlakyKafka()
    relay = OutboxRelay([coll], kafka)
    things = outbox_collection(coll, relay.owner)
    await things.insert_one(new_document_with_outbox({"_id": "c", "n": 1}, [event("x")]))
    before = await coll.find_one({"_id": "c"})
    assert await relay.relay_once() == 1
    assert await coll.find_one({"_id": "c"}) == before


async def test_an_event_that_failed_to_publish_is_retried_later(coll: Any) -> None:
    kafka = FlakyKafka()
    relay = OutboxRelay([coll], kafka)
    things = outbox_collection(coll, relay.owner)
    await things.insert_one(new_document_with_outbox({"_id": "b"}, [event("late")]))
    kafka.down = True
    assert await relay.relay_once() == 0
    assert await queue(coll) == 1 and relay.failures == 1

    kafka.down = False
    assert await relay.relay_once() == 0  # still backing off
    relay._paused_until = 0.0  # the pause is over
    assert await relay.relay_once() == 1
    assert len(kafka.sent) == 1 and await queue(coll) == 0


async def test_a_write_that_does_not_apply_leaves_no_pointer(coll: Any) -> None:
    kafka = FlakyKafka()
    relay = OutboxRelay([coll], kafka)
    things = outbox_collection(coll, relay.owner)
    await things.insert_one({"_id": "d", "status": "open"})
    refused = await things.find_one_and_update(
        {"_id": "d", "status": "closed"}, with_outbox({"$set": {"y": 1}}, [event("no")])
    )
    assert refused is None
    missed = await things.update_one(
        {"_id": "nobody"}, with_outbox({"$set": {"y": 1}}, [event("no")])
    )
    assert missed.matched_count == 0
    assert await queue(coll) == 0

    # A redelivered insert (same event) fails and keeps the first write's pointer.
    again = event("once")
    await things.insert_one(new_document_with_outbox({"_id": "e"}, [again]))
    with pytest.raises(DuplicateKeyError):
        await things.insert_one(new_document_with_outbox({"_id": "e"}, [again]))
    assert await queue(coll) == 1
    assert await relay.relay_once() == 1 and len(kafka.sent) == 1


async def test_a_copy_queued_by_a_redelivered_insert_never_leaves(coll: Any) -> None:
    """A redelivered insert queues its pointer, then fails and drops it: a relay that reads the
    queue in between must not send that copy (the event left with the first write, and the copy
    would carry another `occurred_at`, newer than events that followed it)."""
    kafka = FlakyKafka()
    relay = OutboxRelay([coll], kafka, takeover_s=0.0)
    things = outbox_collection(coll, "an instance")
    first = event("first write")
    await things.insert_one(new_document_with_outbox({"_id": "h"}, [first]))
    assert await relay.relay_once() == 1
    # The same event built again by a redelivery (same id, a later `occurred_at`), its pointer
    # queued and the insert not yet refused.
    copy = first.model_copy(update={"occurred_at": datetime.now(UTC)})
    entry_id = str(copy.event_id)
    marker = (await coll.find_one({"_id": "h"}))["outbox"][entry_id]
    await coll.database[QUEUE].insert_one(
        {
            "_id": f"{coll.name}/{entry_id}",
            "coll": coll.name,
            "doc": "h",
            "entry": entry_id,
            "seq": marker["seq"] + 1,
            "owner": "an instance",
            "at": datetime.now(UTC),
            "event": outbox_entry(copy),
        }
    )
    assert await relay.relay_once() == 0
    assert len(kafka.sent) == 1 and await queue(coll) == 0
    assert ExperienceWithdrawn.model_validate_json(kafka.sent[0][2]) == first


async def test_events_must_name_their_document(coll: Any) -> None:
    things = outbox_collection(coll, "me")
    with pytest.raises(ValueError, match="_id"):
        await things.update_one({"status": "x"}, with_outbox({"$set": {"y": 1}}, [event("no")]))
    with pytest.raises(ValueError, match="update_many"):
        await things.update_many({}, with_outbox({"$set": {"y": 1}}, [event("no")]))
    assert await queue(coll) == 0


async def test_another_relay_takes_over_only_what_was_left_too_long(coll: Any) -> None:
    kafka = FlakyKafka()
    mine = OutboxRelay([coll], kafka, takeover_s=1.0)
    things = outbox_collection(coll, "an instance that died")
    await things.insert_one(new_document_with_outbox({"_id": "f"}, [event("orphan")]))
    assert await mine.relay_once() == 0  # its own relay may still send it
    await asyncio.sleep(1.1)
    assert await mine.relay_once() == 1 and len(kafka.sent) == 1


async def test_a_pointer_to_a_write_that_never_happened_is_dropped(coll: Any) -> None:
    kafka = FlakyKafka()
    relay = OutboxRelay([coll], kafka, grace_s=1.0)
    lost = event("never written")
    # The process died between queueing the pointer and writing the document.
    entry_id = str(lost.event_id)
    await coll.database[QUEUE].insert_one(
        {
            "_id": f"{coll.name}/{entry_id}",
            "coll": coll.name,
            "doc": "g",
            "entry": entry_id,
            "seq": 1,
            "owner": relay.owner,
            "at": datetime.now(UTC),
            "event": {**outbox_entry(lost), "seq": 1},
        }
    )
    assert await relay.relay_once() == 0 and await queue(coll) == 1  # maybe a write in flight
    await asyncio.sleep(1.1)
    assert await relay.relay_once() == 0 and await queue(coll) == 0
    assert kafka.sent == []


async def test_the_document_keeps_a_marker_and_the_pointer_carries_the_event(coll: Any) -> None:
    kafka = FlakyKafka()
    relay = OutboxRelay([coll], kafka)
    things = outbox_collection(coll, relay.owner)
    first, second = event("in the insert"), event("in the update")
    await things.insert_one(new_document_with_outbox({"_id": "m"}, [first]))
    await things.update_one({"_id": "m"}, with_outbox({"$set": {"x": 1}}, [second]))
    stored = await coll.find_one({"_id": "m"})
    assert set(stored["outbox"]) == {str(first.event_id), str(second.event_id)}
    assert all(set(m) == {"seq"} for m in stored["outbox"].values())  # no event body here
    pointers = [p async for p in coll.database[QUEUE].find({})]
    assert sorted(
        ExperienceWithdrawn.model_validate_json(p["event"]["value"]).payload.reason
        for p in pointers
    ) == ["in the insert", "in the update"]

    # A document read back and replaced keeps its markers; a new event in it gets its pointer.
    third = event("in the replacement")
    replaced = new_document_with_outbox({**stored, "x": 2}, [third])
    await things.replace_one({"_id": "m"}, replaced)
    assert await relay.relay_once() == 3
    assert [
        ExperienceWithdrawn.model_validate_json(v).payload.reason for _, _, v in kafka.sent
    ] == [
        "in the insert",
        "in the update",
        "in the replacement",
    ]
    assert all(set(m) == {"seq"} for m in (await coll.find_one({"_id": "m"}))["outbox"].values())


async def test_a_write_seen_applied_is_sent_without_reading_its_document(coll: Any) -> None:
    kafka = FlakyKafka()
    reads: list[Any] = []

    class Watched:
        """The relay's view of the collection, counting the documents it reads."""

        name = coll.name
        database = coll.database

        async def find_one(self, *args: Any, **kwargs: Any) -> Any:
            reads.append(args[0])
            return await coll.find_one(*args, **kwargs)

    relay = OutboxRelay([Watched()], kafka, takeover_s=0.0)
    things = outbox_collection(coll, relay.owner)
    await things.insert_one(new_document_with_outbox({"_id": "s", "n": 0}, [event("insert")]))
    await things.update_one({"_id": "s"}, with_outbox({"$set": {"n": 1}}, [event("update")]))
    refused = await things.update_one(
        {"_id": "s", "n": 5}, with_outbox({"$set": {"n": 2}}, [event("refused")])
    )
    assert refused.matched_count == 0
    assert await relay.relay_once() == 2 and reads == []  # both seen applied: no read

    # A pointer this process did not see applied (another instance's, or from before a restart)
    # is checked against its document first.
    other = outbox_collection(coll, "another instance")
    await other.update_one({"_id": "s"}, with_outbox({"$set": {"n": 3}}, [event("theirs")]))
    assert await relay.relay_once() == 1 and reads == [{"_id": "s"}]
    assert [
        ExperienceWithdrawn.model_validate_json(v).payload.reason for _, _, v in kafka.sent
    ] == [
        "insert",
        "update",
        "theirs",
    ]
