"""Claims: who may make a transition that two writers may race for, decided by an insert.

The store's conditional updates (`{_id, status}`) are not atomic between clients on FerretDB v1
(README, « one concurrency guarantee »); its inserts under one `_id` are. So before a transition
that must happen once is written, its writer inserts a claim keyed by what is raced for (a case
and its next step, a draft and its next revision): one writer wins. The claim names its claimant,
so that the same writer retrying (a redelivered event, a repeated request) goes on; another one
stops. A claim whose transition never came (its writer stopped in between) may be taken over
once it is older than `stale_after`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pymongo.asynchronous.collection import AsyncCollection

from .mongo import Document, insert_once


class Claims:
    def __init__(self, coll: AsyncCollection[Document], stale_after: timedelta) -> None:
        self.coll = coll
        self.stale_after = stale_after

    async def take(self, key: str, claimant: str, now: datetime) -> bool:
        """True when `claimant` may write the transition `key` (it won, or had won before)."""
        if await insert_once(self.coll, {"_id": key, "by": claimant, "at": now}):
            return True
        held = await self.coll.find_one({"_id": key})
        if held is None:  # released meanwhile: try once more
            return await insert_once(self.coll, {"_id": key, "by": claimant, "at": now})
        if held.get("by") == claimant:
            return True
        if held["at"] <= now - self.stale_after:
            # Its writer stopped before the transition: the delete names the claim it saw, so
            # of two writers taking over, one deletes it and one inserts the new claim.
            await self.coll.delete_one({"_id": key, "at": held["at"], "by": held.get("by")})
            return await insert_once(self.coll, {"_id": key, "by": claimant, "at": now})
        return False
