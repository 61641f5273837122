"""Moderation's collection: one case per story, with its audit trail and outbox."""

from __future__ import annotations

from spplus.runtime.mongo import Document, insert_once
from spplus.runtime.service import Store, collection


class ModerationStore(Store):
    cases = collection("cases", outbox=True)

    async def open_case(self, doc: Document) -> bool:
        """False when the story already has a case (a redelivered `submitted`)."""
        return await insert_once(self.cases, doc)
