"""A schedule: a small collection of hints "look at this thing at that time".

FerretDB v1 reads a whole collection for any filter that is not on `_id`, so a periodic task
must not look for its due work with a query over a collection that keeps everything (cases,
deliveries, assignments). It reads its schedule instead, which holds only what is still to do,
and fetches each thing by `_id`.

- A hint is written *before* the write that makes its thing due, so nothing due lacks one.
- A hint is only a hint: the task reads the thing itself and decides (act, look again later,
  or drop the hint). A hint dropped while its thing changed is caught because each write of a
  hint gets a new `v`, and `drop` removes only the version it saw.
- A service may still sweep its big collection now and then (a slow safety net), never on
  every tick.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pymongo import ASCENDING
from pymongo.asynchronous.collection import AsyncCollection

from .mongo import Document


class Schedule:
    def __init__(self, coll: AsyncCollection[Document]) -> None:
        self.coll = coll

    async def at(self, key: str, when: datetime, **fields: Any) -> None:
        """Look at `key` at `when` (replaces any earlier hint for it)."""
        await self.coll.replace_one(
            {"_id": key},
            {"_id": key, "at": when, "v": uuid.uuid4().hex, **fields},
            upsert=True,
        )

    async def due(self, now: datetime, limit: int = 100) -> list[Document]:
        cursor = self.coll.find({"at": {"$lte": now}}).sort("at", ASCENDING)
        return [doc async for doc in cursor.limit(limit)]

    async def drop(self, hint: Document) -> None:
        """Forget a hint, unless it was written again since it was read."""
        await self.coll.delete_one({"_id": hint["_id"], "v": hint["v"]})

    async def forget(self, key: str) -> None:
        await self.coll.delete_one({"_id": key})
