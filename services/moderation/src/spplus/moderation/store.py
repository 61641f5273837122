"""Moderation's collection: one case per story, with its audit trail, timers and outbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo import ASCENDING, ReturnDocument

from spplus.runtime.mongo import Document, insert_once
from spplus.runtime.service import Store, collection


class ModerationStore(Store):
    cases = collection("cases", outbox=True)

    async def ensure_indexes(self) -> None:
        await self.cases.create_index([("status", ASCENDING), ("opened_at", ASCENDING)])
        await self.cases.create_index([("status", ASCENDING), ("deadline", ASCENDING)])
        await self.cases.create_index("bands")

    async def open_case(self, doc: Document) -> bool:
        """False when the story already has a case (a redelivered `submitted`)."""
        return await insert_once(self.cases, doc)

    async def case(self, experience_id: str) -> Document | None:
        return await self.cases.find_one({"_id": experience_id})

    async def transition(
        self, experience_id: str, from_statuses: list[str], update: Document
    ) -> Document | None:
        """Apply `update` only if the case is in one of `from_statuses` (one effect, ever)."""
        return await self.cases.find_one_and_update(
            {"_id": experience_id, "status": {"$in": from_statuses}},
            update,
            return_document=ReturnDocument.AFTER,
        )

    async def update(self, experience_id: str, update: Document) -> None:
        await self.cases.update_one({"_id": experience_id}, update)

    async def queue(self, limit: int = 200) -> list[Document]:
        cursor = self.cases.find({"status": "human_review"}).sort("opened_at", ASCENDING)
        return [doc async for doc in cursor.limit(limit)]

    async def due(self, now: datetime, limit: int = 100) -> list[Document]:
        cursor = self.cases.find({"status": "awaiting_author", "deadline": {"$lte": now}})
        return [doc async for doc in cursor.limit(limit)]

    async def similar_candidates(self, keys: list[str], exclude: str) -> list[dict[str, Any]]:
        if not keys:
            return []
        cursor = self.cases.find({"bands": {"$in": keys}, "_id": {"$ne": exclude}}, {"shingles": 1})
        return [doc async for doc in cursor.limit(50)]
