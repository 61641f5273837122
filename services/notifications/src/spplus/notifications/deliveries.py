"""Events become deliveries: one per (event, recipient, template), keyed on the event's id, so a
redelivered event adds nothing. A delivery to the author waits for their address."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from spplus.contracts import derive_id
from spplus.runtime import clock
from spplus.runtime.mongo import Document

from .deps import NotificationsDeps
from .store import PENDING, WAITING, hint_fields

#: How often a delivery waiting for the author's address is looked at again (the address's
#: arrival releases it at once; this only catches a release that was lost).
WAITING_RECHECK = timedelta(hours=1)


async def look_at(delivery: Document, when: datetime, deps: NotificationsDeps) -> None:
    await deps.store.schedule.at(delivery["_id"], when, **hint_fields(delivery))


async def enqueue(
    event: Any,
    template: str,
    context: dict[str, Any],
    *,
    deps: NotificationsDeps,
    to: str | None = None,
    experience_id: str | None = None,
    contact: Document | None = None,
    kick: bool = True,
) -> str:
    """One delivery per (event, recipient, template). `to=None` means the story's author, whose
    address is looked up when sending (the delivery waits until `author.contact` brings it).
    `contact`: the story's contact document when the caller has just read it."""
    recipient = "author" if to is None else deps.address_hash(to)
    now = clock.now()
    status = PENDING
    if to is None and experience_id:
        if contact is None:
            contact = await deps.store.contacts.find_one({"_id": experience_id})
        if not (contact or {}).get("email"):
            status = "cancelled" if (contact or {}).get("erased_at") else WAITING
    delivery_id = str(derive_id(event.event_id, f"{template}:{recipient}"))
    if status == WAITING:
        await deps.store.note_waiting(experience_id or "", delivery_id)
    if status in (PENDING, WAITING):  # the hint first: nothing due lacks one
        await deps.store.schedule.at(
            delivery_id,
            now if status == PENDING else now + WAITING_RECHECK,
            experience_id=experience_id,
            occurred_at=event.occurred_at,
        )
    added = await deps.store.add_delivery(
        {
            "_id": delivery_id,
            "template": template,
            "audience": "author" if to is None else "address",
            "to": to,
            "context": context,
            "experience_id": experience_id,
            "event_id": str(event.event_id),
            "correlation_id": str(event.correlation_id),
            "occurred_at": event.occurred_at,
            "status": status,
            "attempts": 0,
            "created_at": now,
            "next_attempt_at": now,
        }
    )
    if added and status == WAITING and await deps.store.contact(experience_id or "") is not None:
        await deps.store.release_waiting(experience_id or "", now)  # the contact came meanwhile
    if added and kick:
        deps.kick("deliver_due")
    return delivery_id
