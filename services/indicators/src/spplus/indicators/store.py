"""Indicators' collection: one fact per event, so a redelivered event is never counted twice."""

from __future__ import annotations

from typing import Any

from spplus.runtime.mongo import Document, insert_once
from spplus.runtime.service import Store, collection


class IndicatorsStore(Store):
    facts = collection("facts")

    async def ensure_indexes(self) -> None:
        await self.facts.create_index("kind")

    async def record(self, fact: Document) -> None:
        await insert_once(self.facts, fact)

    async def counts(self, match: dict[str, Any]) -> dict[str, int]:
        pipeline: list[Document] = [
            {"$match": match},
            {"$group": {"_id": "$kind", "n": {"$sum": 1}}},
        ]
        return {row["_id"]: int(row["n"]) async for row in await self.facts.aggregate(pipeline)}
