"""Moderation's collection: one case per story, with its audit trail and outbox."""

from __future__ import annotations

from pymongo.asynchronous.database import AsyncDatabase
from spplus.runtime.mongo import Document, insert_once

CASES = "cases"


class ModerationStore:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self.cases = db[CASES]

    async def open_case(self, doc: Document) -> bool:
        """False when the story already has a case (a redelivered `submitted`)."""
        return await insert_once(self.cases, doc)
