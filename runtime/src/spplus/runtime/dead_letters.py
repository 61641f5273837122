"""Dead letters that can be replayed: list a service's dead-letter topics with each message's
error and age, show one, replay one or all (optionally those after a date), drop one with a
reason. Every replay and drop is recorded (who, when, why) in the service's `dead_letters`
collection, which is also how a message is replayed once however often it is asked.

A replay hands the message to the very handler that failed on it, in this service: the same
code path as the consumer (`consumers.subscribe` registers each handler here), and only that
consumer sees it again. Putting it back on the original topic would need every service's
principal to write the topics of the others, which the ACLs forbid on purpose.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import PyMongoError

from spplus.contracts import Envelope, topic_pattern
from spplus.contracts.events import DeadLetter

from . import clock
from .logging import get_logger
from .mongo import Document, is_duplicate
from .settings import KafkaSettings

log = get_logger(__name__)


@dataclass(frozen=True)
class Replayer:
    """How the consumer of one topic (or `{code}` topic pattern) handles an event."""

    topic: str
    event_cls: type[Envelope[Any]]
    call: Callable[[Envelope[Any], str], Awaitable[None]]  # (event, the record's topic)

    def matches(self, topic: str) -> bool:
        if "{code}" in self.topic:
            return re.match(topic_pattern(self.topic), topic) is not None
        return topic == self.topic


#: The handlers subscribed in this process, by service (filled by `consumers.subscribe`).
REPLAYERS: dict[str, list[Replayer]] = {}


class DeadLetters:
    def __init__(
        self, service: str, kafka: KafkaSettings, ledger: AsyncCollection[Document]
    ) -> None:
        self.service = service
        self.kafka = kafka
        self.ledger = ledger

    async def topics(self) -> list[str]:
        """The dead-letter topics of the topics this service consumes (that exist)."""
        admin = AIOKafkaAdminClient(
            bootstrap_servers=self.kafka.bootstrap_servers, **self.kafka.client_options()
        )
        await admin.start()
        try:
            existing = set(await admin.list_topics())
        finally:
            await admin.close()
        replayers = REPLAYERS.get(self.service, [])
        return sorted(
            t
            for t in existing
            if t.endswith(".dlq") and any(r.matches(t.removesuffix(".dlq")) for r in replayers)
        )

    async def letters(self, topic: str) -> list[dict[str, Any]]:
        """This service's dead letters on `topic` (a `.dlq` topic), oldest first, each with
        what was done about it."""
        if not topic.endswith(".dlq"):
            raise ValueError("not a dead-letter topic")
        records = [
            (r.partition, r.offset, r.value)
            for r in await read_to_end(self.kafka, [topic])
            if r.value
        ]
        done = {d["_id"]: d async for d in self.ledger.find({"topic": topic})}
        now = clock.now()
        out = []
        for partition, offset, value in records:
            try:
                letter = DeadLetter.model_validate_json(value)
            except ValueError:
                continue  # not a dead letter of ours
            if letter.producer != self.service:
                continue  # another service's consumer failed on it
            p = letter.payload
            record_id = f"{partition}:{offset}"
            fate = done.get(f"{topic}/{record_id}") or {}
            out.append(
                {
                    "id": record_id,
                    "topic": topic,
                    "source_topic": p.source_topic,
                    "key": p.key,
                    "error": p.error,
                    "attempts": p.attempts,
                    "failed_at": p.failed_at,
                    "age_s": round((now - p.failed_at).total_seconds()),
                    "status": fate.get("status", "waiting"),
                    "handled_by": fate.get("by"),
                    "handled_at": fate.get("at"),
                    "reason": fate.get("reason"),
                    "value": p.value,
                }
            )
        return out

    async def replay(
        self, topic: str, *, by: str, ids: list[str] | None = None, since: datetime | None = None
    ) -> list[dict[str, Any]]:
        """Hand the waiting letters (`ids`, else all, else those failed after `since`) to their
        handler, once: a letter replayed or dropped already is left alone."""
        outcome = []
        for letter in await self.letters(topic):
            if letter["status"] != "waiting":
                continue
            if ids is not None and letter["id"] not in ids:
                continue
            if since is not None and letter["failed_at"] < since:
                continue
            outcome.append(await self._replay_one(letter, by))
        return outcome

    async def drop(self, topic: str, record_id: str, *, by: str, reason: str) -> bool:
        """Give up on one letter, with a reason (False if it was replayed or dropped already)."""
        known = {letter["id"]: letter for letter in await self.letters(topic)}
        if record_id not in known:
            raise LookupError(record_id)
        return await self._record(known[record_id], "dropped", by, reason=reason)

    async def _replay_one(self, letter: dict[str, Any], by: str) -> dict[str, Any]:
        replayer = next(
            (r for r in REPLAYERS.get(self.service, []) if r.matches(letter["source_topic"])),
            None,
        )
        if replayer is None:
            return {"id": letter["id"], "outcome": "no_handler"}
        if not await self._record(letter, "replaying", by):
            return {"id": letter["id"], "outcome": "already_done"}
        try:
            event = replayer.event_cls.model_validate_json(letter["value"])
            await replayer.call(event, letter["source_topic"])
        except Exception as exc:  # still failing: it waits for the next replay
            await self.ledger.delete_one({"_id": f"{letter['topic']}/{letter['id']}"})
            log.warning("dead letter replay failed", topic=letter["topic"], error=repr(exc)[:300])
            return {"id": letter["id"], "outcome": "failed", "error": repr(exc)[:300]}
        await self.ledger.update_one(
            {"_id": f"{letter['topic']}/{letter['id']}"},
            {"$set": {"status": "replayed", "done_at": clock.now()}},
        )
        log.info("dead letter replayed", topic=letter["topic"], id=letter["id"], by=by)
        return {"id": letter["id"], "outcome": "replayed"}

    async def _record(self, letter: dict[str, Any], status: str, by: str, **more: Any) -> bool:
        """Take the letter (insert once): False if someone did already."""
        try:
            await self.ledger.insert_one(
                {
                    "_id": f"{letter['topic']}/{letter['id']}",
                    "topic": letter["topic"],
                    "status": status,
                    "by": by,
                    "at": clock.now(),
                    **more,
                }
            )
        except PyMongoError as exc:
            if is_duplicate(exc):
                return False
            raise
        return True


@dataclass(frozen=True)
class Record:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None


async def read_to_end(kafka: KafkaSettings, topics: list[str] | None = None) -> list[Record]:
    """Every record of `topics` (default: every `spplus.` topic) from the start to the end each
    partition has now (some topics never fall silent: waiting for silence would never end),
    in partition and offset order. Tombstones included (`value` None)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=kafka.bootstrap_servers, **kafka.client_options())
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = [
            t
            for t in (topics if topics is not None else sorted(existing))
            if t in existing and (topics is not None or t.startswith("spplus."))
        ]
        described = await admin.describe_topics(wanted) if wanted else []
    finally:
        await admin.close()
    partitions = [
        TopicPartition(t["topic"], p["partition"]) for t in described for p in t["partitions"]
    ]
    if not partitions:
        return []
    consumer = AIOKafkaConsumer(
        bootstrap_servers=kafka.bootstrap_servers,
        enable_auto_commit=False,
        **kafka.client_options(),
    )
    await consumer.start()
    found: list[Record] = []
    try:
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        ends = await consumer.end_offsets(partitions)
        todo = {tp for tp in partitions if ends[tp] > 0}
        while todo:
            batch = await consumer.getmany(*todo, timeout_ms=3000)
            if not batch:
                break
            for tp, records in batch.items():
                found += [
                    Record(tp.topic, tp.partition, r.offset, r.key, r.value)
                    for r in records
                    if r.offset < ends[tp]
                ]
                if await consumer.position(tp) >= ends[tp]:
                    todo.discard(tp)
    finally:
        await consumer.stop()
    return sorted(found, key=lambda r: (r.topic, r.partition, r.offset))
