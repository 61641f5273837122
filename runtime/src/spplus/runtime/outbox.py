"""In-document outbox: the events a state change must publish are stored in the same write,
then relayed to Kafka by a loop that retries whatever could not be published (`relay.py`).

How the relay finds them without reading every document (FerretDB v1 answers any filter that
is not on `_id` by reading the whole collection): every outbox collection is wrapped by
`OutboxCollection`, which, *before* a write that carries events, inserts one small pointer per
event into the service's `outbox_queue` collection. The relay reads only that queue, fetches
each document by `_id`, publishes the entries in order and deletes their pointers.

- The event itself travels in its pointer; the document keeps only a small marker under
  `outbox.<entry id>` (its `seq`), which says the write applied. Documents stay small (the
  events were 45-70 % of them, decoded again at every later read), and the queue holds only
  what is still to send.

- The pointer is written first, so an event can never be in a document without a pointer.
- A pointer whose event is not (yet) in its document is a write in flight, or a conditional
  write that did not apply: it is kept for `grace_s`, then dropped.
- The relay never writes to a business document, so it cannot undo a concurrent change there
  (FerretDB v1 does not isolate concurrent updates of one document).
- Several relays may run (one per instance): each sends the pointers its own process wrote, and
  takes over anyone's left for `takeover_s` (an instance that died). Consumers are idempotent
  on `event_id`, so a rare double send is harmless.
- A pointer newer than its document's marker of the same event is a copy from a write of that
  event again that did not apply (a redelivered insert, between queueing and dropping): the
  event left with the first write, so the copy is dropped unsent.
- A pointer whose write this process saw applied (the database said so) is *confirmed* in
  memory: its own relay sends it without reading the document. Only the others (a write whose
  outcome was not seen, another instance's, anything after a restart) need the marker read.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any, TypeAlias

from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import PyMongoError

from spplus.contracts import Envelope, derive_id

from . import clock
from .logging import get_logger
from .mongo import Document, is_duplicate

log = get_logger(__name__)

#: Publish one message: (topic, key, value bytes or None for a tombstone, headers) -> None;
#: raises when it fails.
Publish = Callable[[str, str, bytes | None, dict[str, str]], Awaitable[None]]

QUEUE = "outbox_queue"

#: Pointers whose write was seen applied, by owner (the relay of that owner sends them without
#: reading their document; see the module's docstring).
_CONFIRMED: dict[str, set[str]] = {}


def outbox_entry(event: Envelope[Any], topic: str | None = None) -> Document:
    return {
        "topic": topic or event.TOPIC,
        "key": event.key,
        "value": event.model_dump_json(),
        "correlation_id": str(event.correlation_id),
        "seq": time.time_ns(),
    }


class Tombstone:
    """A record without a value on a compacted topic: "forget this key". Goes in an outbox like
    an event (`with_outbox(update, [Tombstone(topic, key)])`)."""

    def __init__(self, topic: str, key: str) -> None:
        self.topic = topic
        self.key = key

    def entry(self) -> tuple[str, Document]:
        entry_id = str(derive_id(self.key, f"tombstone:{self.topic}"))
        return entry_id, {
            "topic": self.topic,
            "key": self.key,
            "value": None,
            "seq": time.time_ns(),
        }


Outgoing: TypeAlias = Envelope[Any] | tuple[Envelope[Any], str] | Tombstone


def _entries(events: Iterable[Outgoing]) -> dict[str, Document]:
    entries: dict[str, Document] = {}
    for item in events:
        if isinstance(item, Tombstone):
            entry_id, entry = item.entry()
            entries[entry_id] = entry
            continue
        event, topic = item if isinstance(item, tuple) else (item, None)
        # An event published on two topics needs two entries.
        entry_id = str(event.event_id if topic is None else derive_id(event.event_id, topic))
        entries[entry_id] = outbox_entry(event, topic)
    return entries


def with_outbox(update: Document, events: Iterable[Outgoing]) -> Document:
    """Add `events` to a MongoDB update document, so the state change and its events are one write.

    Each element is an event (published on its own topic) or `(event, topic)`. The update must
    go through an outbox collection of a `Store`, with a filter on `_id`.
    """
    entries = _entries(events)
    if not entries:
        return update
    merged = {k: dict(v) for k, v in update.items()}
    merged.setdefault("$set", {}).update({f"outbox.{i}": e for i, e in entries.items()})
    return merged


def new_document_with_outbox(doc: Document, events: Iterable[Outgoing]) -> Document:
    """A document to insert, carrying its outbox."""
    out = dict(doc)
    out["outbox"] = {**(doc.get("outbox") or {}), **_entries(events)}
    return out


def _entries_of_update(update: Any) -> dict[str, Document]:
    if not isinstance(update, Mapping):
        return {}
    return {
        k.removeprefix("outbox."): v
        for k, v in (update.get("$set") or {}).items()
        if k.startswith("outbox.") and k.count(".") == 1
    }


class OutboxCollection:
    """A collection whose writes may carry events: queues a pointer to each event before the
    write (see the module's docstring). Everything else is the collection's own."""

    def __init__(
        self, coll: AsyncCollection[Document], queue: AsyncCollection[Document], owner: str
    ):
        self._coll = coll
        self._queue = queue
        self._owner = owner

    def __getattr__(self, name: str) -> Any:
        return getattr(self._coll, name)

    async def _enqueue(self, doc_id: Any, entries: Mapping[str, Document]) -> list[str]:
        """Queue a pointer per entry, carrying the event; returns those this call created.
        (Markers already in a document, `replace_one` of a document read back, are skipped.)"""
        now = clock.now()
        created: list[str] = []
        for entry_id, entry in entries.items():
            if "value" not in entry:
                continue
            pointer_id = f"{self._coll.name}/{entry_id}"
            try:
                await self._queue.insert_one(
                    {
                        "_id": pointer_id,
                        "coll": self._coll.name,
                        "doc": doc_id,
                        "entry": entry_id,
                        "seq": entry["seq"],
                        "owner": self._owner,
                        "at": now,
                        "event": entry,
                    }
                )
                created.append(pointer_id)
            except PyMongoError as exc:
                if not is_duplicate(exc):
                    raise
                # the same event written again (a redelivery): one pointer is enough
        return created

    def _confirm(self, pointers: list[str]) -> None:
        """These pointers' write applied (the database acknowledged it)."""
        if pointers:
            _CONFIRMED.setdefault(self._owner, set()).update(pointers)

    async def _drop(self, pointers: list[str]) -> None:
        """The write did not apply: its pointers point at nothing."""
        for pointer_id in pointers:
            await self._queue.delete_one({"_id": pointer_id})

    def _doc_id(self, flt: Any, what: str) -> Any:
        if not isinstance(flt, Mapping) or "_id" not in flt or isinstance(flt["_id"], Mapping):
            raise ValueError(f"{what} carrying events must select one document by `_id`")
        return flt["_id"]

    async def insert_one(self, doc: Document, *args: Any, **kwargs: Any) -> Any:
        created = await self._enqueue(doc["_id"], doc["outbox"]) if doc.get("outbox") else []
        try:
            result = await self._coll.insert_one(_marked_doc(doc), *args, **kwargs)
        except PyMongoError as exc:
            if is_duplicate(exc):
                await self._drop(created)
            raise
        self._confirm(created)
        return result

    async def insert_many(self, docs: list[Document], *args: Any, **kwargs: Any) -> Any:
        created: list[str] = []
        for doc in docs:
            if doc.get("outbox"):
                created += await self._enqueue(doc["_id"], doc["outbox"])
        result = await self._coll.insert_many([_marked_doc(d) for d in docs], *args, **kwargs)
        self._confirm(created)
        return result

    async def update_one(self, flt: Document, update: Any, *args: Any, **kwargs: Any) -> Any:
        created: list[str] = []
        if entries := _entries_of_update(update):
            created = await self._enqueue(self._doc_id(flt, "an update"), entries)
            update = _marked_update(update)
        result = await self._coll.update_one(flt, update, *args, **kwargs)
        if created and result.matched_count == 0 and result.upserted_id is None:
            await self._drop(created)
        else:
            self._confirm(created)
        return result

    async def find_one_and_update(
        self, flt: Document, update: Any, *args: Any, **kwargs: Any
    ) -> Any:
        created: list[str] = []
        if entries := _entries_of_update(update):
            created = await self._enqueue(self._doc_id(flt, "an update"), entries)
            update = _marked_update(update)
        result = await self._coll.find_one_and_update(flt, update, *args, **kwargs)
        if created and result is None and not kwargs.get("upsert"):
            await self._drop(created)
        elif result is not None:
            self._confirm(created)
        return result

    async def update_many(self, flt: Document, update: Any, *args: Any, **kwargs: Any) -> Any:
        if _entries_of_update(update):
            raise ValueError("update_many cannot carry events: update one document at a time")
        return await self._coll.update_many(flt, update, *args, **kwargs)

    async def replace_one(self, flt: Document, doc: Document, *args: Any, **kwargs: Any) -> Any:
        created: list[str] = []
        if doc.get("outbox"):
            created = await self._enqueue(self._doc_id(flt, "a replacement"), doc["outbox"])
        result = await self._coll.replace_one(flt, _marked_doc(doc), *args, **kwargs)
        if result.matched_count or result.upserted_id is not None:
            self._confirm(created)
        return result


def _marker(entry: Document) -> Document:
    """What the document keeps of an entry once its pointer carries the event."""
    return {"seq": entry["seq"]} if "value" in entry else entry


def _marked_doc(doc: Document) -> Document:
    if not doc.get("outbox"):
        return doc
    return {**doc, "outbox": {i: _marker(e) for i, e in doc["outbox"].items()}}


def _marked_update(update: Document) -> Document:
    marked = dict(update)
    marked["$set"] = {
        k: _marker(v) if k.startswith("outbox.") and k.count(".") == 1 else v
        for k, v in update["$set"].items()
    }
    return marked


def outbox_collection(coll: AsyncCollection[Document], owner: str) -> AsyncCollection[Document]:
    """`coll`, queueing a pointer before each write that carries events (typed as the collection:
    it behaves as one)."""
    wrapped: Any = OutboxCollection(coll, coll.database[QUEUE], owner)
    return wrapped
