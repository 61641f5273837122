"""Responses' collections: stories to answer, drafts and published answers."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pymongo import ASCENDING, ReturnDocument
from pymongo.errors import PyMongoError

from spplus.runtime import clock
from spplus.runtime.claims import Claims
from spplus.runtime.domain import Change
from spplus.runtime.mongo import Document, is_duplicate
from spplus.runtime.schedule import Schedule
from spplus.runtime.store import Store, collection


class ResponsesStore(Store):
    to_answer = collection("to_answer", outbox=True)
    drafts = collection("drafts", outbox=True)
    improvements = collection("improvements", outbox=True)
    workflow = collection("workflow", outbox=True)
    timers = collection("timers")
    claim_docs = collection("claims")

    @property
    def schedule(self) -> Schedule:
        """When to look at a story's deadline timers (written before the story is stored)."""
        return Schedule(self.timers)

    async def ensure_indexes(self) -> None:
        await self.to_answer.create_index([("network", ASCENDING), ("due_at", ASCENDING)])
        await self.to_answer.create_index([("status", ASCENDING), ("remind_at", ASCENDING)])
        await self.to_answer.create_index([("status", ASCENDING), ("due_at", ASCENDING)])

    async def add_to_answer(self, doc: Document) -> bool:
        """Store the assignment, unless this one or a later one (a reassignment) is already here
        (then False)."""
        fields = {k: v for k, v in doc.items() if k != "_id"}
        try:
            await self.to_answer.update_one(
                {
                    "_id": doc["_id"],
                    "status": {"$ne": "withdrawn"},  # final: a late assignment is not kept
                    "$or": [{"version": {"$lt": doc["version"]}}, {"version": {"$exists": False}}],
                },
                {"$set": fields},
                upsert=True,
            )
        except PyMongoError as exc:
            if not is_duplicate(exc):
                raise
            return False  # this assignment or a newer one is stored already
        return True

    async def withdraw(self, experience_id: str, at: datetime) -> None:
        """The story leaves the inbox (its assignment keeps no story) and its drafts every list."""
        await self.to_answer.update_one(
            {"_id": experience_id},
            {"$set": {"status": "withdrawn", "story": None, "withdrawn_at": at}},
            upsert=True,
        )
        await self.drafts.update_many(
            {"experience_id": experience_id, "withdrawn": {"$ne": True}},
            {"$set": {"withdrawn": True, "withdrawn_at": at}},
        )

    async def story(self, experience_id: str) -> Document | None:
        return await self.to_answer.find_one({"_id": experience_id})

    async def inbox(self, network: str, entity: str | None) -> list[Document]:
        flt: dict[str, Any] = {"network": network, "status": "open"}
        if entity:
            flt["entity"] = entity
        return [d async for d in self.to_answer.find(flt).sort("due_at", ASCENDING).limit(200)]

    async def reminders_due(self, now: datetime, limit: int = 100) -> list[Document]:
        flt = {"status": "open", "reminded": False, "remind_at": {"$lte": now}}
        return [d async for d in self.to_answer.find(flt).limit(limit)]

    async def overdue_due(self, now: datetime, limit: int = 100) -> list[Document]:
        flt = {"status": "open", "overdue": False, "due_at": {"$lte": now}}
        return [d async for d in self.to_answer.find(flt).limit(limit)]

    async def fire(self, doc: Document, flag: str, update: Document) -> bool:
        """Set a timer's flag once (with its events): False if another instance fired it."""
        done = await self.to_answer.update_one(
            {"_id": doc["_id"], "status": "open", flag: False, "version": doc.get("version")},
            update,
        )
        return done.modified_count == 1

    async def record_improvement(self, doc: Document) -> bool:
        """False when this action (same id) is recorded already."""
        try:
            await self.improvements.insert_one(doc)
        except PyMongoError as exc:
            if is_duplicate(exc):
                return False
            raise
        return True

    async def improvements_of(self, experience_id: str) -> list[Document]:
        cursor = self.improvements.find({"experience_ids": experience_id})
        return [d async for d in cursor.sort("recorded_at", ASCENDING).limit(100)]

    async def create_draft(self, doc: Document) -> None:
        await self.drafts.insert_one(doc)

    async def draft(self, draft_id: str) -> Document | None:
        return await self.drafts.find_one({"_id": draft_id})

    async def apply_to_draft(
        self, draft_id: str, change: Change[Any], claimant: str
    ) -> Document | None:
        """Store one transition of a draft (see `draft.py`), once: claimed by an insert keyed by
        the draft's next sequence number (two agents racing, one wins: README, « one concurrency
        guarantee »), then one conditional write from the states it may start from and that
        number, with its events. None when another change won, or the draft had moved on."""
        seq = int(change.fields["seq"])
        if not await self.claims.take(f"{draft_id}:{seq}", claimant, clock.now()):
            return None
        previous: Any = seq - 1 if seq > 1 else {"$in": [0, None]}
        return await self.drafts.find_one_and_update(
            {**change.condition(draft_id), "seq": previous},
            change.update(),
            return_document=ReturnDocument.AFTER,
        )

    @property
    def claims(self) -> Claims:
        return Claims(self.claim_docs, timedelta(minutes=1))

    async def mark_answered(self, experience_id: str) -> None:
        await self.to_answer.update_one({"_id": experience_id}, {"$set": {"status": "answered"}})

    async def drafts_of(
        self, network: str, entity: str | None = None, limit: int = 200
    ) -> list[Document]:
        """A network's drafts; an entity's only, for an agent whose token names one."""
        flt: dict[str, Any] = {"network": network, "withdrawn": {"$ne": True}}
        if entity:
            flt["entity"] = entity
        cursor = self.drafts.find(flt).sort("created_at", -1)
        return [d async for d in cursor.limit(limit)]
