"""Inbox: which events a consumer has already handled, so that a redelivery has no effect."""

from __future__ import annotations

from typing import Any

from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import DuplicateKeyError

from spplus.contracts import Envelope

from . import clock
from .mongo import Document


class Inbox:
    """One document per (consumer, event_id).

    Handlers check `seen()` first, apply effects that are themselves idempotent (derived ids,
    conditional updates), then `record()`: a crash in between only repeats idempotent work.
    """

    def __init__(self, collection: AsyncCollection[Document]) -> None:
        self._coll = collection

    @staticmethod
    def _id(consumer: str, event: Envelope[Any]) -> str:
        return f"{consumer}:{event.event_id}"

    async def seen(self, consumer: str, event: Envelope[Any]) -> bool:
        return await self._coll.find_one({"_id": self._id(consumer, event)}) is not None

    async def record(self, consumer: str, event: Envelope[Any]) -> None:
        try:
            await self._coll.insert_one(
                {
                    "_id": self._id(consumer, event),
                    "event_type": event.event_type,
                    "at": clock.now(),
                }
            )
        except DuplicateKeyError:
            pass
