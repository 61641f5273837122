"""Routing's collections: the network registry and the assignments."""

from __future__ import annotations

from pymongo.asynchronous.database import AsyncDatabase
from spplus.runtime.mongo import Document, insert_once

NETWORKS = "networks"
ASSIGNMENTS = "assignments"


class RoutingStore:
    def __init__(self, db: AsyncDatabase[Document]) -> None:
        self.networks = db[NETWORKS]
        self.assignments = db[ASSIGNMENTS]

    async def seed_networks(self, networks: list[Document]) -> None:
        for network in networks:
            await insert_once(self.networks, network)  # an admin's changes stay

    async def network(self, code: str) -> Document | None:
        return await self.networks.find_one({"_id": code})

    async def assign(self, doc: Document) -> bool:
        return await insert_once(self.assignments, doc)

    async def assignment(self, experience_id: str) -> Document | None:
        return await self.assignments.find_one({"_id": experience_id})
