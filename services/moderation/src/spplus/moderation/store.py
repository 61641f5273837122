"""Moderation's collections: one case per story, with its audit trail and outbox; the duplicate
bands (one document per band key, so finding candidates reads documents by `_id`); the timers of
the cases waiting for their author (small: the 72 h window's cases only, so the periodic check
does not read every case)."""

from __future__ import annotations

import asyncio
from typing import Any

from pymongo import ASCENDING, ReturnDocument, UpdateOne

from spplus.runtime.mongo import Document, insert_once
from spplus.runtime.schedule import Schedule
from spplus.runtime.service import Store, collection


class ModerationStore(Store):
    cases = collection("cases", outbox=True)
    bands = collection("bands")
    timers = collection("timers")

    async def ensure_indexes(self) -> None:
        await self.cases.create_index([("status", ASCENDING), ("opened_at", ASCENDING)])

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

    @property
    def schedule(self) -> Schedule:
        """The timers of the cases in their author window (written before the case enters it)."""
        return Schedule(self.timers)

    async def remember_bands(self, experience_id: str, keys: list[str]) -> None:
        """Index a story under each of its band keys (idempotent)."""
        if keys:
            await self.bands.bulk_write(
                [
                    UpdateOne({"_id": key}, {"$addToSet": {"ids": experience_id}}, upsert=True)
                    for key in keys
                ],
                ordered=False,
            )

    async def similar_candidates(
        self, keys: list[str], exclude: str, limit: int = 50
    ) -> list[dict[str, Any]]:
        """The stories sharing a band key with these, newest first (their shingles)."""
        if not keys:
            return []
        # One lookup by `_id` each: FerretDB reads the whole collection for `{_id: {$in: …}}`.
        ids: list[str] = []
        for doc in await asyncio.gather(*(self.bands.find_one({"_id": k}) for k in keys)):
            for other in reversed((doc or {}).get("ids", [])):
                if other != exclude and other not in ids:
                    ids.append(other)
        cases = await asyncio.gather(
            *(self.cases.find_one({"_id": i}, {"shingles": 1}) for i in ids[:limit])
        )
        return [case for case in cases if case is not None]
