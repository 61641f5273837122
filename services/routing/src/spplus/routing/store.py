"""Routing's collections: the network registry (with its audit), the assignments, and the
schedule of the webhook deliveries still to do (`runtime.schedule`: the sender reads it instead
of querying every assignment)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo import ASCENDING, ReturnDocument

from spplus.runtime import clock
from spplus.runtime.logging import get_logger
from spplus.runtime.mongo import Document, insert_once
from spplus.runtime.schedule import Schedule
from spplus.runtime.store import Store, collection

from .domain import Registry

log = get_logger(__name__)

#: The fields that mark a network deleted (a PUT on it brings it back).
DELETED_FIELDS = ("deleted", "deleted_at", "deleted_by")


class RoutingStore(Store):
    networks = collection("networks")
    registry_audit = collection("registry_audit")
    assignments = collection("assignments", outbox=True)
    webhook_log = collection("webhook_log")
    webhooks_due = collection("webhooks_due")

    @property
    def schedule(self) -> Schedule:
        return Schedule(self.webhooks_due)

    async def ensure_indexes(self) -> None:
        """Also seeds the registry from the shipped file; an admin's later changes stay."""
        await self.assignments.create_index([("status", ASCENDING), ("assigned_at", ASCENDING)])
        shipped = Registry.from_file()
        for code, network in shipped.networks.items():
            await insert_once(
                self.networks, {"_id": code, **network, "registry_version": shipped.version}
            )

    async def registry(self) -> Registry:
        """The live registry (read on each use: an admin's change applies at once). A document
        routing cannot use is left out with a warning; deleted networks are left out."""
        docs = [d async for d in self.networks.find({})]
        version = max((str(d.get("registry_version", "")) for d in docs), default="")
        registry, skipped = Registry.build(
            version,
            [{**{k: v for k, v in d.items() if k != "_id"}, "code": d.get("_id")} for d in docs],
        )
        for code, problem in skipped:
            log.warning("registry entry skipped", network=code, field=problem)
        return registry

    async def network(self, code: str) -> Document | None:
        return await self.networks.find_one({"_id": code})

    async def put_network(
        self,
        code: str,
        fields: Document,
        *,
        by: str,
        unset: tuple[str, ...] = (),
        action: str = "changed",
    ) -> Document:
        """Create or change a network (its `code` always stored with it; a deleted one comes
        back), with a line in the registry audit."""
        version = f"{clock.now():%Y-%m-%dT%H:%M:%S}-{by}"
        update: Document = {"$set": {**fields, "code": code, "registry_version": version}}
        removed = [k for k in (*unset, *DELETED_FIELDS) if k not in fields]
        if removed:
            update["$unset"] = dict.fromkeys(removed, "")
        doc = await self.networks.find_one_and_update(
            {"_id": code}, update, upsert=True, return_document=ReturnDocument.AFTER
        )
        await self.registry_audit.insert_one(
            {
                "network": code,
                "action": action,
                "by": by,
                "at": clock.now(),
                "fields": sorted({*fields, *unset}),
                "version": version,
            }
        )
        return doc or {}

    async def delete_network(self, code: str, *, by: str) -> Document | None:
        """Mark a network deleted (who, when), audited: it is no longer routed to; its
        assignments, deliveries and audit stay. None if there is no such network."""
        now = clock.now()
        version = f"{now:%Y-%m-%dT%H:%M:%S}-{by}"
        doc = await self.networks.find_one_and_update(
            {"_id": code},
            {
                "$set": {
                    "deleted": True,
                    "deleted_at": now,
                    "deleted_by": by,
                    "registry_version": version,
                }
            },
            return_document=ReturnDocument.AFTER,
        )
        if doc is not None:
            await self.registry_audit.insert_one(
                {
                    "network": code,
                    "action": "deleted",
                    "by": by,
                    "at": now,
                    "fields": ["deleted"],
                    "version": version,
                }
            )
        return doc

    async def assign(self, doc: Document) -> bool:
        return await insert_once(self.assignments, doc)

    async def assignment(self, experience_id: str) -> Document | None:
        return await self.assignments.find_one({"_id": experience_id})

    async def reassign(self, experience_id: str, version: int, update: Document) -> Document | None:
        return await self.assignments.find_one_and_update(
            {"_id": experience_id, "version": version},
            update,
            return_document=ReturnDocument.AFTER,
        )

    async def due_webhooks(self, now: datetime, limit: int = 50) -> list[Document]:
        cursor = self.assignments.find(
            {"webhook.status": "pending", "webhook.next_at": {"$lte": now}},
            {"network": 1, "webhook": 1},
        )
        return [d async for d in cursor.limit(limit)]

    async def settle_webhook(
        self, experience_id: str, delivery_id: str, fields: Document, log: Document
    ) -> None:
        await self.webhook_log.insert_one(log)
        await self.assignments.update_one(
            {"_id": experience_id, "webhook.id": delivery_id}, {"$set": fields}
        )

    async def replay_webhooks(self, network: str, since: datetime) -> int:
        flt = {"network": network, "webhook.created_at": {"$gte": since}}
        now = clock.now()
        async for doc in self.assignments.find(flt, {"_id": 1}):
            await self.schedule.at(doc["_id"], now)
        result = await self.assignments.update_many(
            flt,
            {
                "$set": {
                    "webhook.status": "pending",
                    "webhook.attempts": 0,
                    "webhook.next_at": clock.now(),
                }
            },
        )
        return int(result.modified_count)

    async def webhook_log_of(self, network: str, limit: int = 200) -> list[Document]:
        cursor = self.webhook_log.find({"network": network}, {"_id": 0}).sort("at", -1)
        return [d async for d in cursor.limit(limit)]

    async def triage(self, limit: int = 200) -> list[dict[str, Any]]:
        cursor = self.assignments.find({"status": "triage"}).sort("assigned_at", ASCENDING)
        return [d async for d in cursor.limit(limit)]
