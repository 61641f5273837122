"""Moderation's collections: one case per story, with its audit trail and outbox; the duplicate
bands (one document per band key, so finding candidates reads documents by `_id`); the timers of
the cases waiting for their author (small: the 72 h window's cases only, so the periodic check
does not read every case)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from pymongo import ASCENDING, ReturnDocument, UpdateOne

from spplus.runtime.claims import Claims
from spplus.runtime.domain import Change
from spplus.runtime.mongo import Document, insert_once
from spplus.runtime.schedule import Schedule
from spplus.runtime.store import Store, collection


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class ModerationStore(Store):
    cases = collection("cases", outbox=True)
    bands = collection("bands")
    timers = collection("timers")
    claim_docs = collection("claims")

    async def ensure_indexes(self) -> None:
        await self.cases.create_index([("status", ASCENDING), ("opened_at", ASCENDING)])

    async def open_case(self, doc: Document) -> bool:
        """False when the story already has a case (a redelivered `submitted`)."""
        return await insert_once(self.cases, doc)

    async def case(self, experience_id: str) -> Document | None:
        return await self.cases.find_one({"_id": experience_id})

    @property
    def claims(self) -> Claims:
        return Claims(self.claim_docs, timedelta(minutes=1))

    async def apply(
        self, experience_id: str, change: Change[Any], claimant: str | None = None
    ) -> Document | None:
        """Store one transition of a case (see `case.py`), once: claimed by an insert keyed by
        the case's next step (two writers racing, one wins: README, « one concurrency
        guarantee »), then one conditional write from the states it may start from and that
        step, with its events. None when another writer won, or the case had moved on."""
        step = int(change.fields["step"])
        audit = change.audit or {}
        claimant = claimant or f"{audit.get('by')}:{audit.get('action')}"
        if not await self.claims.take(f"{experience_id}:{step}", claimant, audit["at"]):
            return None
        return await self.cases.find_one_and_update(
            {**change.condition(experience_id), "step": step - 1},
            change.update(),
            return_document=ReturnDocument.AFTER,
        )

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

    async def forget_bands(self, experience_id: str, keys: list[str]) -> None:
        """Take a story out of the duplicate index (its author asked to be forgotten)."""
        if keys:
            await self.bands.bulk_write(
                [UpdateOne({"_id": key}, {"$pull": {"ids": experience_id}}) for key in keys],
                ordered=False,
            )

    async def stale_cases(self, cutoff: datetime, limit: int = 500) -> list[Document]:
        """Cases not erased whose last step (last audit entry) is older than `cutoff`."""
        cursor = self.cases.find({"erased_at": {"$exists": False}, "opened_at": {"$lt": cutoff}})
        stale = []
        async for case in cursor.limit(limit):
            steps = [a.get("at") for a in case.get("audit", []) if a.get("at")] or [
                case["opened_at"]
            ]
            if max(_aware(at) for at in steps) < cutoff:
                stale.append(case)
        return stale

    async def similar_candidates(
        self, keys: list[str], exclude: str, limit: int = 50
    ) -> list[dict[str, Any]]:
        """The stories sharing a band key with these, newest first (their shingles)."""
        if not keys:
            return []
        # `{_id: {$in: …}}` reads those rows by the `_id` index (spplus-ferretdb pushes it down;
        # FerretDB alone read the whole collection), in one command each.
        found = {d["_id"]: d async for d in self.bands.find({"_id": {"$in": keys}})}
        ids: list[str] = []
        for key in keys:
            for other in reversed(found.get(key, {}).get("ids", [])):
                if other != exclude and other not in ids:
                    ids.append(other)
        if not ids:
            return []
        wanted = ids[:limit]
        cases = {
            c["_id"]: c async for c in self.cases.find({"_id": {"$in": wanted}}, {"shingles": 1})
        }
        return [cases[i] for i in wanted if i in cases]
