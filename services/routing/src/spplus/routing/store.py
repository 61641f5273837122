"""Routing's collections: the network registry and the assignments."""

from __future__ import annotations

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from spplus.runtime.mongo import Document

NETWORKS = "networks"
ASSIGNMENTS = "assignments"


class RoutingStore:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self.networks = db[NETWORKS]
        self.assignments = db[ASSIGNMENTS]

    async def seed_networks(self, networks: list[Document]) -> None:
        for network in networks:
            try:
                await self.networks.insert_one(network)
            except DuplicateKeyError:
                pass  # an admin may have changed it: keep theirs

    async def network(self, code: str) -> Document | None:
        return await self.networks.find_one({"_id": code})

    async def assign(self, doc: Document) -> bool:
        try:
            await self.assignments.insert_one(doc)
            return True
        except DuplicateKeyError:
            return False

    async def assignment(self, experience_id: str) -> Document | None:
        return await self.assignments.find_one({"_id": experience_id})
