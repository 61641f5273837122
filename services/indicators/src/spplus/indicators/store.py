"""Indicators' collections: one fact per event (keyed by its id, so a redelivered event is never
counted twice), and the snapshots to publish."""

from __future__ import annotations

from typing import Any

from pymongo.errors import PyMongoError

from spplus.runtime.mongo import Document, insert_once, is_duplicate
from spplus.runtime.outbox import QUEUE
from spplus.runtime.store import Store, collection


class IndicatorsStore(Store):
    facts = collection("facts")
    snapshots = collection("snapshots", outbox=True)

    async def ensure_indexes(self) -> None:
        await self.facts.create_index("type")

    async def record(self, fact: Document) -> None:
        await insert_once(self.facts, fact)

    async def all_facts(self) -> list[Document]:
        return [f async for f in self.facts.find({}, {"_id": 0})]

    async def count(self) -> int:
        return int(await self.facts.estimated_document_count())

    async def clear(self) -> None:
        await self.facts.delete_many({})

    async def add_snapshot(self, doc: Document) -> bool:
        """False if this window's snapshot exists already (another instance made it)."""
        try:
            await self.snapshots.insert_one(doc)
        except PyMongoError as exc:
            if is_duplicate(exc):
                return False
            raise
        return True

    async def prune_snapshots(self, keep_after: Any) -> None:
        # A snapshot still queued for the relay stays until it is published.
        queued = [p["doc"] async for p in self.db[QUEUE].find({"coll": self.snapshots.name})]
        await self.snapshots.delete_many(
            {"window_end": {"$lt": keep_after}, "_id": {"$nin": queued}}
        )
