"""In-document outbox: the events a state change must publish are stored in the same write,
then relayed to Kafka by a loop that retries whatever could not be published."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from pymongo import ReturnDocument
from pymongo.asynchronous.collection import AsyncCollection

from spplus.contracts import Envelope, derive_id

from .logging import get_logger
from .mongo import Document

log = get_logger(__name__)

#: Publish one message: (topic, key, value bytes, headers) -> None; raises when it fails.
Publish = Callable[[str, str, bytes, dict[str, str]], Awaitable[None]]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def outbox_entry(event: Envelope[Any], topic: str | None = None) -> Document:
    return {
        "topic": topic or event.TOPIC,
        "key": event.key,
        "value": event.model_dump_json(),
        "correlation_id": str(event.correlation_id),
        "seq": time.time_ns(),
        "attempts": 0,
    }


def with_outbox(
    update: Document, events: Iterable[Envelope[Any] | tuple[Envelope[Any], str]]
) -> Document:
    """Add `events` to a MongoDB update document, so the state change and its events are one write.

    Each element is an event (published on its own topic) or `(event, topic)`.
    """
    entries: dict[str, Document] = {}
    for item in events:
        event, topic = item if isinstance(item, tuple) else (item, None)
        # An event published on two topics needs two entries.
        entry_id = str(event.event_id if topic is None else derive_id(event.event_id, topic))
        entries[f"outbox.{entry_id}"] = outbox_entry(event, topic)
    if not entries:
        return update
    merged = {k: dict(v) for k, v in update.items()}
    merged.setdefault("$set", {}).update(entries)
    merged["$set"].setdefault("outbox_lease_until", _EPOCH)
    merged.setdefault("$inc", {})["outbox_pending"] = len(entries)
    return merged


def new_document_with_outbox(
    doc: Document, events: Iterable[Envelope[Any] | tuple[Envelope[Any], str]]
) -> Document:
    """A document to insert, carrying its outbox."""
    update = with_outbox({"$set": {}}, events)
    out = dict(doc)
    for key, value in update["$set"].items():
        if key.startswith("outbox."):
            out.setdefault("outbox", {})[key.removeprefix("outbox.")] = value
        else:
            out[key] = value
    out["outbox_pending"] = update.get("$inc", {}).get("outbox_pending", 0)
    out.setdefault("outbox_lease_until", _EPOCH)
    return out


class OutboxRelay:
    """Publishes every pending outbox entry of the given collections, oldest first.

    Several instances may run: a document is leased before its entries are sent, and an entry is
    removed only once Kafka has acknowledged it. A failed entry stays, and is tried again after a
    growing pause; consumers are idempotent on `event_id`, so a rare double send is harmless.
    """

    def __init__(
        self,
        collections: Iterable[AsyncCollection[Document]],
        publish: Publish,
        *,
        interval_s: float = 1.0,
        lease_s: float = 30.0,
    ) -> None:
        self._collections = list(collections)
        self._publish = publish
        self._interval_s = interval_s
        self._lease = timedelta(seconds=lease_s)
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.published = 0
        self.failures = 0

    async def ensure_indexes(self) -> None:
        for coll in self._collections:
            await coll.create_index("outbox_pending")

    def kick(self) -> None:
        """Wake the relay now (called after a write that added events)."""
        self._wake.set()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="outbox-relay")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None

    async def _run(self) -> None:
        while True:
            self._wake.clear()
            try:
                await self.relay_once()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the loop must survive a database hiccup
                log.warning("outbox relay pass failed", error=repr(exc))
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=self._interval_s)
            except TimeoutError:
                pass

    async def relay_once(self) -> int:
        """One pass over every collection; returns how many entries were published."""
        sent = 0
        for coll in self._collections:
            while (doc := await self._claim(coll)) is not None:
                ok, n = await self._send(coll, doc)
                sent += n
                if not ok:
                    break  # the broker is failing: leave the rest for the next pass
        return sent

    async def _claim(self, coll: AsyncCollection[Document]) -> Document | None:
        now = datetime.now(UTC)
        return await coll.find_one_and_update(
            {"outbox_pending": {"$gt": 0}, "outbox_lease_until": {"$lte": now}},
            {"$set": {"outbox_lease_until": now + self._lease}},
            return_document=ReturnDocument.AFTER,
        )

    async def _send(self, coll: AsyncCollection[Document], doc: Document) -> tuple[bool, int]:
        """Publish the document's entries in order, then remove those sent in one write."""
        entries = sorted((doc.get("outbox") or {}).items(), key=lambda kv: kv[1]["seq"])
        done: list[str] = []
        failure: Document = {}
        for entry_id, entry in entries:
            try:
                await self._publish(
                    entry["topic"],
                    entry["key"],
                    entry["value"].encode(),
                    {"correlation_id": entry.get("correlation_id", "")},
                )
            except Exception as exc:
                self.failures += 1
                attempts = int(entry.get("attempts", 0)) + 1
                pause = min(2 ** min(attempts, 6), 60)
                log.warning(
                    "outbox publish failed",
                    topic=entry["topic"],
                    attempts=attempts,
                    error=repr(exc),
                    retry_in_s=pause,
                )
                failure = {
                    f"outbox.{entry_id}.attempts": attempts,
                    "outbox_lease_until": datetime.now(UTC) + timedelta(seconds=pause),
                }
                break
            done.append(entry_id)
        await self._settle(coll, doc["_id"], done, failure)
        self.published += len(done)
        return not failure, len(done)

    async def _settle(
        self, coll: AsyncCollection[Document], doc_id: Any, done: list[str], failure: Document
    ) -> None:
        update: Document = {"$set": failure or {"outbox_lease_until": _EPOCH}}
        if done:
            update["$unset"] = {f"outbox.{i}": "" for i in done}
            update["$inc"] = {"outbox_pending": -len(done)}
        # Only if every entry sent is still there: a relay whose lease ran out may race another.
        flt: Document = {"_id": doc_id, **{f"outbox.{i}": {"$exists": True} for i in done}}
        result = await coll.update_one(flt, update)
        if result.matched_count == 0 and done:
            for entry_id in done:  # someone else removed some of them: settle one by one
                await coll.update_one(
                    {"_id": doc_id, f"outbox.{entry_id}": {"$exists": True}},
                    {"$unset": {f"outbox.{entry_id}": ""}, "$inc": {"outbox_pending": -1}},
                )
