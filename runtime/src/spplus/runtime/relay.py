"""The outbox relay: publishes every queued outbox entry to Kafka, oldest first, and retries
whatever could not be published (how the entries are written and queued: `outbox.py`)."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from pymongo.asynchronous.collection import AsyncCollection

from . import clock
from .logging import get_logger
from .mongo import Document
from .outbox import _CONFIRMED, QUEUE, Publish

log = get_logger(__name__)


class OutboxRelay:
    """Publishes every queued outbox entry, oldest first (see the module's docstring)."""

    def __init__(
        self,
        collections: Iterable[AsyncCollection[Document]],
        publish: Publish,
        *,
        queue: AsyncCollection[Document] | None = None,
        owner: str | None = None,
        interval_s: float = 1.0,
        takeover_s: float = 10.0,
        grace_s: float = 60.0,
        batch: int = 500,
    ) -> None:
        self._collections = {c.name: c for c in collections}
        first = next(iter(self._collections.values()), None)
        if queue is None and first is not None:
            queue = first.database[QUEUE]
        self._queue = queue
        self.owner = owner or uuid.uuid4().hex
        self._publish = publish
        self._interval_s = interval_s
        self._takeover = timedelta(seconds=takeover_s)
        self._grace = timedelta(seconds=grace_s)
        self._batch = batch
        self._paused_until = 0.0
        self._failed_passes = 0
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.published = 0
        self.failures = 0

    async def ensure_indexes(self) -> None:
        """Nothing to index: the queue holds only what is still to publish."""

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
        close = getattr(self._publish, "close", None)
        if close is not None:
            await close()

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
        """One pass over the queue; returns how many entries were published."""
        if self._queue is None or time.monotonic() < self._paused_until:
            return 0
        now = clock.now()
        pointers = [p async for p in self._queue.find({}).sort("seq", 1).limit(self._batch)]
        confirmed = _CONFIRMED.get(self.owner, set())
        outboxes: dict[tuple[str, Any], Document] = {}  # markers of the documents read this pass
        done: list[str] = []  # pointers to delete, in one command at the end of the pass
        sent = 0
        try:
            for p in pointers:  # oldest first
                mine = p.get("owner") == self.owner
                if not mine and now - p["at"] < self._takeover:
                    continue  # its own relay may still send it
                coll = self._collections.get(p["coll"])
                if coll is None:
                    continue  # another service's collection: not ours to send
                entry = p.get("event")
                if not entry:  # every pointer carries its event: this is no pointer of ours
                    done.append(p["_id"])
                    continue
                if not (mine and p["_id"] in confirmed):
                    key = (p["coll"], p["doc"])
                    if key not in outboxes:
                        doc = await coll.find_one({"_id": p["doc"]}, {"outbox": 1})
                        outboxes[key] = (doc or {}).get("outbox") or {}
                    marker = outboxes[key].get(p["entry"])
                    if marker is None:
                        if now - p["at"] >= self._grace:
                            done.append(p["_id"])  # the write never applied
                        continue  # else a write in flight: look again at the next pass
                    if p.get("seq", 0) > marker.get("seq", p.get("seq", 0)):
                        # The document holds an earlier write of this very event, whose own
                        # pointer was sent (a second pointer under this id could not be queued
                        # otherwise). This one comes from a write of it again that did not apply,
                        # seen between queueing and dropping (a redelivered insert): the event
                        # has left already, and this copy would carry another `occurred_at`.
                        done.append(p["_id"])
                        continue
                if not await self._send(entry):
                    return sent
                done.append(p["_id"])
                sent += 1
            return sent
        finally:
            # A crash before this sends these entries again (same event ids): at least once.
            # The queue holds only what is still to send, so this `$in` reads little.
            if done:
                await self._queue.delete_many({"_id": {"$in": done}})
                confirmed.difference_update(done)

    async def _send(self, entry: Document) -> bool:
        try:
            value = entry["value"]
            await self._publish(
                entry["topic"],
                entry["key"],
                value.encode() if value is not None else None,
                {"correlation_id": entry.get("correlation_id", "")},
            )
        except Exception as exc:
            self.failures += 1
            self._failed_passes += 1
            pause = min(2 ** min(self._failed_passes, 6), 60)
            self._paused_until = time.monotonic() + pause
            log.warning(
                "outbox publish failed", topic=entry["topic"], error=repr(exc), retry_in_s=pause
            )
            return False
        self._failed_passes = 0
        self.published += 1
        return True
