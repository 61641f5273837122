"""Notifications' collections: contacts, notifications waiting for a contact, the send log."""

from __future__ import annotations

from datetime import UTC, datetime

from spplus.runtime.mongo import Document, insert_once
from spplus.runtime.service import Store, collection


class NotificationsStore(Store):
    contacts = collection("contacts")
    pending = collection("pending")
    sends = collection("sends", outbox=True)

    async def ensure_indexes(self) -> None:
        await self.pending.create_index("experience_id")

    async def save_contact(self, experience_id: str, email: str) -> None:
        await self.contacts.update_one(
            {"_id": experience_id}, {"$set": {"email": email, "at": datetime.now(UTC)}}, upsert=True
        )

    async def contact(self, experience_id: str) -> str | None:
        doc = await self.contacts.find_one({"_id": experience_id})
        return doc["email"] if doc else None

    async def park(self, doc: Document) -> None:
        await insert_once(self.pending, doc)

    async def parked(self, experience_id: str) -> list[Document]:
        return [d async for d in self.pending.find({"experience_id": experience_id})]

    async def unpark(self, pending_id: str) -> None:
        await self.pending.delete_one({"_id": pending_id})

    async def already_sent(self, send_id: str) -> bool:
        doc = await self.sends.find_one({"_id": send_id})
        return bool(doc and doc.get("status") == "sent")

    async def record_send(self, send_id: str, update: Document) -> None:
        await self.sends.update_one({"_id": send_id}, update, upsert=True)
