"""Intake's collections: submissions (with personal data), and the public read model."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from pymongo import ASCENDING, DESCENDING
from pymongo.errors import PyMongoError

from spplus.runtime.mongo import Document, insert_once, is_duplicate
from spplus.runtime.store import Store, collection


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class IntakeStore(Store):
    submissions = collection("submissions", outbox=True)
    public = collection("public_experiences")
    votes = collection("votes", outbox=True)
    documents = collection("documents", outbox=True)
    panel = collection("panel", outbox=True)

    async def ensure_indexes(self) -> None:
        await self.public.create_index([("status", ASCENDING), ("published_at", DESCENDING)])
        await self.public.create_index("tokens")
        await self.votes.create_index("ip_key", unique=True)
        await self.votes.create_index([("item", ASCENDING), ("useful", ASCENDING)])
        await self.panel.create_index("email_hash", unique=True)

    async def insert_submission(self, doc: Document) -> bool:
        """False when a submission with this id exists already (a retried request)."""
        return await insert_once(self.submissions, doc)

    async def get_submission(self, experience_id: uuid.UUID) -> Document | None:
        return await self.submissions.find_one({"_id": str(experience_id)})

    async def upsert_published(self, experience_id: uuid.UUID, fields: Document) -> None:
        """Show the story, unless it was withdrawn meanwhile (topics are not ordered together)."""
        try:
            await self.public.update_one(
                {"_id": str(experience_id), "status": {"$ne": "withdrawn"}},
                {"$set": fields},
                upsert=True,
            )
        except PyMongoError as exc:
            if not is_duplicate(exc):
                raise

    async def add_to_list(self, experience_id: uuid.UUID, field: str, item: Document) -> None:
        """Append `item` to `field` once (items are keyed by `id`)."""
        try:
            await self.public.update_one(
                {"_id": str(experience_id), f"{field}.id": {"$ne": item["id"]}},
                {"$push": {field: item}},
                upsert=True,
            )
        except PyMongoError as exc:
            if not is_duplicate(exc):
                raise
            # the document exists and already holds the item

    async def put_revision(self, experience_id: uuid.UUID, field: str, item: Document) -> None:
        """Add `item` to `field`, or replace the item of the same `id` if `item` is a later
        `revision` (an older or equal one changes nothing: replays and reordering are safe).

        Compare-and-set on the list itself (FerretDB v1 has no positional update): a concurrent
        change makes the write miss, and it is tried again on what is stored then."""
        for _ in range(5):
            doc = await self.public.find_one({"_id": str(experience_id)})
            current = (doc or {}).get(field)
            if current is None:
                await self.add_to_list(experience_id, field, item)
                return
            same = [i for i in current if i.get("id") == item["id"]]
            if not same:
                await self.add_to_list(experience_id, field, item)
                return
            if same[0].get("revision", 1) >= item.get("revision", 1):
                return
            updated = [item if i.get("id") == item["id"] else i for i in current]
            done = await self.public.update_one(
                {"_id": str(experience_id), field: current}, {"$set": {field: updated}}
            )
            if done.matched_count:
                return
        raise RuntimeError(f"{field} of {experience_id} kept changing under a revision")

    async def set_status(self, experience_id: uuid.UUID, status: str, at: datetime) -> None:
        await self.public.update_one(
            {"_id": str(experience_id)}, {"$set": {"status": status, "status_at": at}}, upsert=True
        )

    async def erase_public(self, experience_id: uuid.UUID, at: datetime) -> None:
        """The published story goes (its author asked to be forgotten): only its withdrawal is
        left, so that a late `published` event does not bring it back."""
        await self.public.replace_one(
            {"_id": str(experience_id)},
            {"_id": str(experience_id), "status": "withdrawn", "status_at": at, "erased_at": at},
            upsert=True,
        )

    async def stale_submissions(self, cutoff: datetime, limit: int = 500) -> list[Document]:
        """Submissions not erased whose every step is older than `cutoff` (for retention)."""
        steps = ("moderated_at", "author_decided_at", "withdrawal_requested_at", "withdrawn_at")
        cursor = self.submissions.find(
            {"erased_at": {"$exists": False}, "received_at": {"$lt": cutoff}},
            {"request": 0, "moderation": 0},
        )
        stale = []
        async for doc in cursor.limit(limit):
            if all(doc.get(s) is None or _aware(doc[s]) < cutoff for s in steps):
                stale.append(doc)
        return stale

    async def get_public(self, experience_id: uuid.UUID) -> Document | None:
        return await self.public.find_one({"_id": str(experience_id), "status": "published"})

    async def search(self, query: Document, skip: int, limit: int) -> tuple[list[Document], int]:
        flt: dict[str, Any] = {"status": "published", **query}
        total = await self.public.count_documents(flt)
        cursor = self.public.find(flt).sort("published_at", DESCENDING).skip(skip).limit(limit)
        return [doc async for doc in cursor], total

    async def cast_vote(self, doc: Document) -> bool:
        """False when this voter (cookie or address) has voted on this item already."""
        try:
            await self.votes.insert_one(doc)
            return True
        except PyMongoError as exc:
            if is_duplicate(exc):
                return False
            raise

    async def vote_counts(self, item: str) -> tuple[int, int]:
        """(votes with useful true or a similar-experience vote, votes with useful false)."""
        yes = await self.votes.count_documents({"item": item, "useful": {"$ne": False}})
        no = await self.votes.count_documents({"item": item, "useful": False})
        return yes, no
