"""Routing's collections: the network registry and the assignments."""

from __future__ import annotations

from spplus.runtime.mongo import Document, insert_once
from spplus.runtime.service import Store, collection

from .domain import DEFAULT_DEADLINE_DAYS, default_networks


class RoutingStore(Store):
    networks = collection("networks")
    assignments = collection("assignments", outbox=True)

    async def ensure_indexes(self) -> None:
        """Also seeds the registry with the form's networks; an admin's changes stay."""
        for network in default_networks(DEFAULT_DEADLINE_DAYS):
            await insert_once(self.networks, network)

    async def network(self, code: str) -> Document | None:
        return await self.networks.find_one({"_id": code})

    async def assign(self, doc: Document) -> bool:
        return await insert_once(self.assignments, doc)

    async def assignment(self, experience_id: str) -> Document | None:
        return await self.assignments.find_one({"_id": experience_id})
