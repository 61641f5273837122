"""Notifications' collections.

- `contacts`: the author's email per story (from `author.contact` only; erased by a tombstone);
- `deliveries`: one document per (event, recipient, template), the delivery's whole life:
  `waiting_contact` → `pending` → `sent` | `failed` | `uncertain` | `suppressed`, with its retry
  schedule and the `notification.sent` event in its outbox (see `delivery.py`);
- `send_locks`: who may send a delivery now, one insert per attempt (see `take_send_lock`);
- `suppressions`: addresses not to write to (by salted hash: the address itself is not kept);
- `stories`: what agents' emails need about a story (public title, network, deadline);
- `due`: the schedule of the deliveries still to do (`runtime.schedule`): the sender reads it
  instead of querying `deliveries`, which keeps every email ever sent.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pymongo import ASCENDING, ReturnDocument
from pymongo.errors import PyMongoError

from spplus.runtime.domain import Change
from spplus.runtime.mongo import Document, is_duplicate
from spplus.runtime.schedule import Schedule
from spplus.runtime.store import Store, collection

#: Lock outcomes after which a new generation may be taken (the email is sent again).
AGAIN = ("temporary", "resend")
WAITING = "waiting_contact"
PENDING = "pending"


class NotificationsStore(Store):
    contacts = collection("contacts")
    deliveries = collection("deliveries", outbox=True)
    suppressions = collection("suppressions")
    stories = collection("stories")
    send_locks = collection("send_locks")
    due = collection("due")
    waiting = collection("waiting")

    @property
    def schedule(self) -> Schedule:
        return Schedule(self.due)

    async def ensure_indexes(self) -> None:
        await self.deliveries.create_index([("status", ASCENDING), ("next_attempt_at", ASCENDING)])
        await self.deliveries.create_index("experience_id")

    # --- contacts --------------------------------------------------------------------------------

    async def save_contact(
        self,
        experience_id: str,
        email: str,
        at: datetime,
        received: str | None = None,
        known: Document | None = None,
    ) -> None:
        """Keep the address, unless a tombstone erased it already (a replay must not revive it),
        with the id of the receipt's delivery (the author's first email: the others wait for it).
        `known`: the contact document as the caller just read it (`None`: there was none)."""
        fields = {"email": email, "at": at, "received": received}
        if known is None:
            try:
                await self.contacts.insert_one({"_id": experience_id, **fields})
                return
            except PyMongoError as exc:
                if not is_duplicate(exc):
                    raise
        await self.contacts.update_one(
            {"_id": experience_id, "erased_at": {"$exists": False}}, {"$set": fields}
        )

    async def contact(self, experience_id: str) -> Document | None:
        """The author's contact, if known and not erased."""
        doc = await self.contacts.find_one({"_id": experience_id})
        return doc if doc and doc.get("email") else None

    async def erase_contact(self, experience_id: str, at: datetime) -> None:
        """Forget the address; remember only that it was erased (later events send nothing)."""
        await self.contacts.update_one(
            {"_id": experience_id},
            {"$set": {"erased_at": at}, "$unset": {"email": ""}},
            upsert=True,
        )

    async def stale_contacts(self, cutoff: datetime, limit: int = 500) -> list[str]:
        """Stories whose author's address is kept and whose last step (the contact, or the last
        email about the story) is older than `cutoff`."""
        stale = []
        cursor = self.contacts.find({"email": {"$exists": True}, "at": {"$lt": cutoff}}, {"_id": 1})
        async for doc in cursor.limit(limit):
            recent = await self.deliveries.find_one(
                {"experience_id": doc["_id"], "created_at": {"$gte": cutoff}}, {"_id": 1}
            )
            if recent is None:
                stale.append(doc["_id"])
        return stale

    # --- stories (for agents' emails) ------------------------------------------------------------

    async def remember_story(self, experience_id: str, fields: Document) -> None:
        await self.stories.update_one({"_id": experience_id}, {"$set": fields}, upsert=True)

    async def story(self, experience_id: str) -> Document:
        return await self.stories.find_one({"_id": experience_id}) or {}

    # --- deliveries ------------------------------------------------------------------------------

    async def add_delivery(self, doc: Document) -> bool:
        """False if this (event, recipient, template) is known already: redeliveries are no-ops."""
        try:
            await self.deliveries.insert_one(doc)
        except PyMongoError as exc:
            if is_duplicate(exc):
                return False
            raise
        return True

    async def release_waiting(self, experience_id: str, now: datetime) -> None:
        """The author's address is known: what waited for it may go (found by the schedule).

        In the order of the events, each hint before its delivery: the sender, reading the
        schedule meanwhile, sees the earliest ones first, so the author's emails keep their order."""
        listed = await self.waiting.find_one({"_id": experience_id})
        found = [await self.deliveries.find_one({"_id": i}) for i in (listed or {}).get("ids", [])]
        waiting = [d for d in found if d is not None and d["status"] == WAITING]
        waiting.sort(key=lambda d: (d["occurred_at"], d["_id"]))
        for delivery in waiting:
            await self.schedule.at(delivery["_id"], now, **hint_fields(delivery))
            await self.deliveries.update_one(
                {"_id": delivery["_id"], "status": WAITING},
                {"$set": {"status": PENDING, "next_attempt_at": now}},
            )

    async def note_waiting(self, experience_id: str, delivery_id: str) -> None:
        """A delivery waits for the author's address: listed under its story, by `_id` (so the
        address's arrival finds it without a query over the deliveries)."""
        await self.waiting.update_one(
            {"_id": experience_id}, {"$addToSet": {"ids": delivery_id}}, upsert=True
        )

    async def sweep(self, now: datetime, limit: int = 500) -> list[Document]:
        """The slow safety net under the schedule: deliveries due, found by
        reading the whole collection (run now and then, never on every tick)."""
        cursor = self.deliveries.find(
            {
                "status": PENDING,
                "next_attempt_at": {"$lte": now},
            },
            {"experience_id": 1, "audience": 1, "occurred_at": 1},
        )
        return [d async for d in cursor.limit(limit)]

    async def apply(self, delivery_id: str, change: Change[Any]) -> Document | None:
        """Store one transition of a delivery (see `delivery.py`) if it is still in a state the
        transition starts from; None otherwise."""
        return await self.deliveries.find_one_and_update(
            change.condition(delivery_id), change.update(), return_document=ReturnDocument.AFTER
        )

    async def write(self, delivery_id: str, change: Change[Any]) -> None:
        """Store the send lock holder's transition by `_id` alone: while the lock is held no one
        else writes the delivery (a lost write is reconciled from the lock)."""
        await self.deliveries.update_one({"_id": delivery_id}, change.update())

    async def move(self, delivery_id: str, from_status: str, update: Document) -> Document | None:
        """Change a delivery's state if it is still in `from_status` (a view: see the locks)."""
        return await self.deliveries.find_one_and_update(
            {"_id": delivery_id, "status": from_status},
            update,
            return_document=ReturnDocument.AFTER,
        )

    async def take_send_lock(
        self, delivery_id: str, at: datetime
    ) -> tuple[int | None, Document | None]:
        """The right to send a delivery now: `(generation, None)`, or `(None, latest lock)` when
        another instance holds it or it is settled.

        FerretDB v1's conditional updates are neither atomic nor isolated between clients
        (measured: two `find_one_and_update` on one condition both win, and a concurrent update
        can overwrite another's change), but an insert under a unique id is atomic. So the right
        to send is generation `n` of the delivery's lock, inserted by one instance only; only its
        holder writes its `outcome`; a new generation may be taken only after the outcome
        `temporary` (the server did not accept the message) or `resend` (a person decided to send
        a failed or uncertain email again). The delivery document's status is a
        view for people and queries; the locks decide."""
        lock = {"_id": f"{delivery_id}:0", "delivery": delivery_id, "gen": 0, "at": at}
        try:  # most deliveries are sent at their first try: no lock yet
            await self.send_locks.insert_one(lock)
            return 0, None
        except PyMongoError as exc:
            if not is_duplicate(exc):
                raise
        top = await self.lock_of(delivery_id)
        if top is None:
            gen = 0
        elif top.get("outcome") in AGAIN:
            gen = int(top["gen"]) + 1
        else:
            return None, top
        try:
            await self.send_locks.insert_one(
                {"_id": f"{delivery_id}:{gen}", "delivery": delivery_id, "gen": gen, "at": at}
            )
        except PyMongoError as exc:
            if is_duplicate(exc):
                return None, await self.send_locks.find_one({"_id": f"{delivery_id}:{gen}"})
            raise
        return gen, None

    async def settle_lock(self, delivery_id: str, gen: int, outcome: str) -> None:
        """The lock holder's outcome for its generation: sent, temporary, failed or uncertain."""
        await self.send_locks.update_one(
            {"_id": f"{delivery_id}:{gen}"}, {"$set": {"outcome": outcome}}
        )

    async def mark_sending(self, delivery_id: str, gen: int, at: datetime) -> None:
        """The lock holder is about to send the message itself (DATA): from now on, a stop may
        have sent it."""
        await self.send_locks.update_one(
            {"_id": f"{delivery_id}:{gen}"}, {"$set": {"sending_at": at}}
        )

    async def lock_of(self, delivery_id: str) -> Document | None:
        """The latest generation of a delivery's lock, found by `_id` (FerretDB over SQLite reads
        the whole collection for any other filter)."""
        top, gen = None, 0
        while (doc := await self.send_locks.find_one({"_id": f"{delivery_id}:{gen}"})) is not None:
            top, gen = doc, gen + 1
        return top

    async def list_deliveries(
        self, status: str | None, experience_id: str | None, limit: int
    ) -> list[Document]:
        flt: dict[str, Any] = {}
        if status:
            flt["status"] = status
        if experience_id:
            flt["experience_id"] = experience_id
        cursor = self.deliveries.find(flt).sort("created_at", -1).limit(limit)
        return [d async for d in cursor]

    async def counts(self) -> dict[str, int]:
        pipeline = [{"$group": {"_id": "$status", "n": {"$sum": 1}}}]
        return {d["_id"]: d["n"] async for d in await self.deliveries.aggregate(pipeline)}

    async def forget_experience(self, experience_id: str) -> None:
        """A tombstone: nothing about this author is sent or kept any more."""
        await self.deliveries.update_many(
            {"experience_id": experience_id, "status": {"$in": [WAITING, PENDING]}},
            {"$set": {"status": "cancelled", "last_error": "contact erased"}},
        )
        await self.deliveries.update_many(
            {"experience_id": experience_id}, {"$unset": {"to": "", "context": ""}}
        )

    # --- suppressions ----------------------------------------------------------------------------

    async def suppress(self, address_hash: str, reason: str, at: datetime) -> None:
        await self.suppressions.update_one(
            {"_id": address_hash}, {"$set": {"reason": reason, "at": at}}, upsert=True
        )

    async def suppressed(self, address_hash: str) -> Document | None:
        return await self.suppressions.find_one({"_id": address_hash})

    async def unsuppress(self, address_hash: str) -> bool:
        return (await self.suppressions.delete_one({"_id": address_hash})).deleted_count == 1


def hint_fields(doc: Document) -> Document:
    """What a delivery's hint carries (`doc`: the delivery, or its hint): its story and its order
    (the sender sends an author's emails in the order of their events)."""
    return {"experience_id": doc.get("experience_id"), "occurred_at": doc.get("occurred_at")}
